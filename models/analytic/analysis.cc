// Every database's protection group, resolved and solved.
#include "models/analytic/analysis.h"

namespace drsim::models::analytic {

std::vector<DatabaseAnalysis> analyze(const Plan& plan) {
  std::vector<DatabaseAnalysis> out;
  for (size_t d = 0; d < plan.databases.size(); ++d) {
    const ProtectionGroup group = resolve_protection_group(plan, static_cast<int>(d));
    DatabaseAnalysis a;
    a.name = group.database;
    a.deployment = group.deployment;
    a.chain = analyze_group(group);
    a.exact = group.exact;
    a.covers_all_faults = group.covers_availability;
    a.notes = group.notes;
    if (!a.chain) {
      a.notes.push_back("the chain has more than " + std::to_string(kMaxChainStates) +
                        " states or cannot be solved: no answer");
    }
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace drsim::models::analytic

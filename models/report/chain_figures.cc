// The Markov chains' expected availabilities, set beside the Monte Carlo figures.
#include "models/report/chain_figures.h"

#include <optional>
#include <vector>

#include "models/analytic/analysis.h"

namespace drsim::models::report {

void add_chain_figures(const Plan& plan, results::Results& results) {
  const std::vector<std::optional<analytic::HorizonAvailability>> chains =
      analytic::horizon_availabilities(plan);
  for (size_t d = 0; d < plan.databases.size(); ++d) {
    if (!chains[d]) continue;
    results.databases[d].analytic_availability = chains[d]->availability;
    results.databases[d].analytic_exact = chains[d]->exact;
  }
}

}  // namespace drsim::models::report

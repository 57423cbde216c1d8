// Every database's protection group, resolved and solved.
#include "models/analytic/analysis.h"

#include <bit>
#include <cstdio>
#include <map>

namespace drsim::models::analytic {
namespace {

// What the chains of a group depend on: everything but the names. Databases of a fleet share a
// handful of shapes, so each shape is solved once.
std::vector<uint64_t> chain_key(const ProtectionGroup& g) {
  std::vector<uint64_t> key;
  const auto add = [&](double v) { key.push_back(std::bit_cast<uint64_t>(v)); };
  const auto add_ints = [&](const std::vector<int>& v) {
    key.push_back(v.size());
    for (int x : v) key.push_back(static_cast<uint64_t>(x));
  };
  key.push_back(static_cast<uint64_t>(g.deployment));
  key.push_back(g.has_backups ? 1 : 0);
  key.push_back(g.loss_is_permanent ? 1 : 0);
  key.push_back(g.remote_places.size());
  for (const RemotePlace& p : g.remote_places) add(p.disaster_rate_per_s);
  add(g.storage_failure_rate_per_s);
  key.push_back(g.az_names.size());
  add_ints(g.instance_azs);
  add_ints(g.storage_azs);
  add(g.failure_rate_per_s);
  add(g.replace_rate_per_s);
  add(g.failover_rate_per_s);
  add(g.disaster_rate_per_s);
  key.push_back(g.outages.size());
  for (const OutageStream& o : g.outages) {
    add_ints(o.azs);
    add(o.rate_per_s);
    add(o.end_rate_per_s);
    key.push_back(o.destroys_data ? 1 : 0);
    key.push_back(static_cast<uint64_t>(o.max_active));
    add(o.top_end_rate_per_s);
  }
  return key;
}

}  // namespace

std::vector<DatabaseAnalysis> analyze(const Plan& plan) {
  std::vector<DatabaseAnalysis> out;
  struct Solved {
    std::optional<GroupAnalysis> chain;
    std::optional<double> horizon_availability;
  };
  std::map<std::vector<uint64_t>, Solved> solved;
  for (size_t d = 0; d < plan.databases.size(); ++d) {
    const ProtectionGroup group = resolve_protection_group(plan, static_cast<int>(d));
    DatabaseAnalysis a;
    a.name = group.database;
    a.deployment = group.deployment;
    const std::vector<uint64_t> key = chain_key(group);
    auto known = solved.find(key);
    if (known == solved.end()) {
      Solved answers{analyze_group(group), std::nullopt};
      if (answers.chain) {
        answers.horizon_availability = expected_availability(group, plan.scenario.horizon);
      }
      known = solved.emplace(key, std::move(answers)).first;
    }
    a.chain = known->second.chain;
    a.modelled_horizon_availability = known->second.horizon_availability;
    a.exact = group.exact;
    a.covers_availability = group.covers_availability;
    a.covers_write_loss = group.covers_write_loss;
    a.covers_total_loss = group.covers_total_loss;
    a.notes = group.notes;
    if (!a.chain) {
      a.notes.push_back("the chain has more than " + std::to_string(kMaxChainStates) +
                        " states or cannot be solved: no answer");
    } else if (a.chain->lost_for_good && a.modelled_horizon_availability) {
      a.notes.push_back(
          "no backups and no replicas: once every copy is lost the database stays down for good, "
          "so availability is the expected value over the horizon (in the long run it is 0)");
    } else if (a.chain->leaves_start && a.modelled_horizon_availability) {
      char long_run[32];
      std::snprintf(long_run, sizeof long_run, "%.5f %%", 100 * a.chain->availability);
      a.notes.push_back(
          "it leaves the reach of some faults for good, but rarely (a replacement placed in an "
          "AZ the scenario's outages never hit): availability is the expected value over the "
          "horizon; the long run is " +
          std::string(long_run));
    }
    out.push_back(std::move(a));
  }
  return out;
}

std::optional<double> DatabaseAnalysis::modelled_availability() const {
  if (!chain) return std::nullopt;
  if (chain->leaves_start && modelled_horizon_availability) return modelled_horizon_availability;
  return chain->availability;
}

std::optional<double> DatabaseAnalysis::availability() const {
  if (!covers_availability) return std::nullopt;
  return modelled_availability();
}

std::optional<double> DatabaseAnalysis::horizon_availability() const {
  if (!covers_availability || !chain) return std::nullopt;
  return modelled_horizon_availability;
}

std::optional<double> DatabaseAnalysis::downtime_s_per_year() const {
  const std::optional<double> a = availability();
  if (!a) return std::nullopt;
  return (1 - *a) * 365 * 86400.0;  // the scenario format's "1y"
}

std::optional<std::optional<double>> DatabaseAnalysis::mttdl_s() const {
  if (!covers_total_loss || !chain) return std::nullopt;
  return chain->mttdl_s;
}

std::optional<std::optional<double>> DatabaseAnalysis::mean_time_to_write_loss_s() const {
  if (!covers_write_loss || !chain) return std::nullopt;
  return chain->mean_time_to_write_loss_s;
}

std::vector<std::string> DatabaseAnalysis::not_covered() const {
  std::vector<std::string> out;
  if (!availability()) out.push_back("availability");
  if (!mttdl_s()) out.push_back("mttdl_s");
  if (!mean_time_to_write_loss_s()) out.push_back("mean_time_to_write_loss_s");
  return out;
}

std::vector<std::optional<HorizonAvailability>> horizon_availabilities(const Plan& plan) {
  std::vector<std::optional<HorizonAvailability>> out(plan.databases.size());
  std::map<std::vector<uint64_t>, std::optional<double>> solved;
  for (size_t d = 0; d < plan.databases.size(); ++d) {
    const ProtectionGroup group = resolve_protection_group(plan, static_cast<int>(d));
    if (!group.covers_availability) continue;
    const std::vector<uint64_t> key = chain_key(group);
    auto known = solved.find(key);
    if (known == solved.end()) {
      known = solved.emplace(key, expected_availability(group, plan.scenario.horizon)).first;
    }
    if (known->second) out[d] = HorizonAvailability{*known->second, group.exact};
  }
  return out;
}

}  // namespace drsim::models::analytic

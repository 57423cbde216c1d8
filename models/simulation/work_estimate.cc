// Per-trial work from the fault rates, before running.
#include "models/simulation/work_estimate.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "models/observations/observations.h"
#include "models/scenario/loader.h"
#include "sim/trial_runner.h"
#include "sim/units.h"

namespace drsim::models {
namespace {

using scenario::FaultKind;

// Events one database's outage costs: the loss, a failover or a decision, a replacement, the
// recovery (about 3 measured for failures and AZ outages; restores take a few more).
constexpr double kEventsPerDatabaseOutage = 4;

std::string human(double x) {
  char buf[32];
  if (x >= 1e6) {
    std::snprintf(buf, sizeof buf, "%.2g", x);
  } else {
    std::snprintf(buf, sizeof buf, "%.0f", x);
  }
  return buf;
}

std::string bytes_text(double b) {
  char buf[32];
  if (b >= double(1 << 30)) {
    std::snprintf(buf, sizeof buf, "%.1f GiB", b / double(1 << 30));
  } else {
    std::snprintf(buf, sizeof buf, "%.0f MiB", b / double(1 << 20));
  }
  return buf;
}

}  // namespace

WorkEstimate estimate_work(const Plan& plan) {
  WorkEstimate w;
  const double horizon_s = plan.scenario.horizon.in_seconds();
  const topology::Topology& topo = plan.topology;
  // What an outage of database d costs: its users' incidents and the dependants' too.
  const auto services_of = [&](size_t d) {
    return d < plan.services.affected_by.size()
               ? static_cast<double>(plan.services.affected_by[d].size())
               : 0.0;
  };
  // What an outage of each AZ and each region reaches: (databases, incidents, failovers).
  struct Reach {
    double databases = 0, incidents = 0, failovers = 0;
  };
  std::vector<Reach> by_az(static_cast<size_t>(topo.az_count()));
  std::vector<Reach> by_region(static_cast<size_t>(topo.region_count()));
  const auto outage_of = [&](size_t d) {
    const database::DatabasePlan& db = plan.databases[d];
    return Reach{1, services_of(d), db.azs.size() > 1 ? 1.0 : 0.0};
  };
  const auto add = [](Reach& to, const Reach& r) {
    to.databases += r.databases;
    to.incidents += r.incidents;
    to.failovers += r.failovers;
  };
  for (size_t d = 0; d < plan.databases.size(); ++d) {
    const database::DatabasePlan& db = plan.databases[d];
    std::vector<int> azs = db.azs;
    azs.insert(azs.end(), db.storage_azs.begin(), db.storage_azs.end());
    std::sort(azs.begin(), azs.end());
    azs.erase(std::unique(azs.begin(), azs.end()), azs.end());
    for (int az : azs) add(by_az[static_cast<size_t>(az)], outage_of(d));
    add(by_region[static_cast<size_t>(db.region)], outage_of(d));
  }
  for (const object_store::ObjectStorePlan& store : plan.object_stores) {
    add(by_region[static_cast<size_t>(store.region)],
        Reach{1, services_of(static_cast<size_t>(store.index)), 0});
  }
  for (const faults::FaultPlan& f : plan.faults) {
    double per_target = 1;
    if (f.rate_per_s) per_target = *f.rate_per_s * horizon_s;
    if (!f.trace_rows.empty()) per_target = static_cast<double>(f.trace_rows.size());
    // A scoped fault hits `scope_count` of its targets per occurrence.
    if (f.scope_count && !f.targets.empty()) {
      per_target *= static_cast<double>(*f.scope_count) / static_cast<double>(f.targets.size());
    }
    for (int target : f.targets) {
      Reach r;
      switch (f.kind) {
        case FaultKind::kAzOutage: r = by_az[static_cast<size_t>(target)]; break;
        case FaultKind::kRegionOutage:
        case FaultKind::kDisaster:
        case FaultKind::kNetworkPartition:
        case FaultKind::kControlPlane: r = by_region[static_cast<size_t>(target)]; break;
        default: r = outage_of(static_cast<size_t>(target)); break;
      }
      w.fault_occurrences += per_target;
      w.events += per_target * (2 + kEventsPerDatabaseOutage * r.databases);
      w.incidents += per_target * r.incidents;
      w.failovers += per_target * r.failovers;
    }
  }
  // Instance and storage failures drawn by the databases themselves.
  for (size_t d = 0; d < plan.databases.size(); ++d) {
    const database::DatabasePlan& db = plan.databases[d];
    const double instances = static_cast<double>(db.azs.size());
    const double copies = static_cast<double>(2 * db.storage_azs.size());
    const double failures = db.instance_failure_rate_per_s * instances * horizon_s +
                            db.storage_failure_rate_per_s *
                                (copies > 0 ? copies : instances) * horizon_s;
    // About one failure in `instances` hits the primary and interrupts the services.
    const double primary = failures / std::max(instances, 1.0);
    w.fault_occurrences += failures;
    w.events += failures * kEventsPerDatabaseOutage;
    w.incidents += primary * services_of(d);
    w.failovers += instances > 1 ? primary : 0;
  }
  // The observations held until merged (vectors grow by doubling: up to twice their content).
  w.bytes = 2 * (w.incidents * sizeof(observations::Incident) +
                 w.failovers * sizeof(observations::FailoverRecord)) +
            64.0 * static_cast<double>(plan.services.services.size() + plan.databases.size());
  return w;
}

uint64_t block_size_for(const WorkEstimate& w) {
  return w.events > 1e5 || w.bytes > double(1 << 20) ? 1 : 16;
}

uint64_t trials_in_flight(const WorkEstimate& w, int threads) {
  const auto t = static_cast<uint64_t>(sim::resolve_threads(threads));
  // Each thread runs one block, and up to 4 blocks per thread wait to be merged.
  return 5 * t * block_size_for(w);
}

void check_work(const Plan& plan, int threads, const std::string& override_flag) {
  const WorkEstimate w = estimate_work(plan);
  const std::string& file = plan.scenario.file;
  const std::string why = "about " + human(w.fault_occurrences) +
                          " fault occurrences per trial over the horizon of " +
                          sim::format_duration(plan.scenario.horizon);
  if (w.events > kMaxEventsPerTrial) {
    throw scenario::ScenarioError(
        {file + ": a trial would run about " + human(w.events) + " events (" + why +
         "), more than the limit of " + human(kMaxEventsPerTrial) +
         " (about 15 minutes of one core per trial); shorten the horizon or lower the rates, or "
         "pass " + override_flag + " to run it anyway"});
  }
  const double in_flight = w.bytes * static_cast<double>(trials_in_flight(w, threads));
  if (in_flight > kMaxBytesInFlight) {
    throw scenario::ScenarioError(
        {file + ": the trials in flight would hold about " + bytes_text(in_flight) +
         " of observations (" + human(w.incidents) + " incidents per trial, " + why +
         "), more than the limit of " + bytes_text(kMaxBytesInFlight) +
         "; shorten the horizon, lower the rates or use fewer --threads, or pass " +
         override_flag + " to run it anyway"});
  }
}

}  // namespace drsim::models

// Assembly of one trial's components, and the Monte Carlo loop.
#include "models/simulation/simulation.h"

#include <chrono>
#include <memory>

#include "models/analytic/protection_group.h"
#include "models/response/restore_queue.h"
#include "models/topology/az_state.h"
#include "sim/engine.h"
#include "sim/trial_runner.h"

namespace drsim::models {

report::TrialObservations run_trial(const Plan& plan, uint64_t seed, uint64_t trial,
                                    bool tracing) {
  report::TrialObservations obs;
  obs.trial = trial;
  obs.service_downtime.assign(plan.services.services.size(), sim::Duration());
  obs.database_downtime.assign(plan.databases.size(), sim::Duration());
  report::Recorder recorder(obs);
  const sim::SimTime horizon = sim::SimTime::zero() + plan.scenario.horizon;
  sim::Engine engine(seed, trial, horizon, tracing);

  topology::AzState azs(plan.topology, recorder);
  faults::FaultInjector injector(plan.faults, recorder);
  std::vector<std::unique_ptr<database::Database>> databases;
  for (const database::DatabasePlan& p : plan.databases) {
    databases.push_back(
        std::make_unique<database::Database>(p, plan.topology, recorder));
  }
  std::vector<std::unique_ptr<object_store::ObjectStore>> stores;
  for (const object_store::ObjectStorePlan& p : plan.object_stores) {
    stores.push_back(std::make_unique<object_store::ObjectStore>(p, plan.topology, recorder));
  }
  service::ServiceMonitor services(plan.services, plan.data_store_count(), recorder);
  response::RestoreQueue restores(plan.restore_parallelism);
  engine.add(azs);
  engine.add(injector);
  engine.add(restores);
  for (auto& db : databases) engine.add(*db);
  for (auto& store : stores) engine.add(*store);
  engine.add(services);

  const sim::RunStats stats = engine.run();
  services.finish(horizon);
  for (auto& db : databases) db->finish(horizon);
  obs.events = stats.events;
  obs.trace_hash = stats.trace_hash;
  return obs;
}

report::Results run_monte_carlo(const Plan& plan, uint64_t seed, uint64_t trials, int threads,
                                const std::function<void(const report::TrialObservations&)>& each) {
  report::Results results = report::make_results(plan.scenario, seed);
  // The Markov chain's expected availability over the same horizon, from the same start, beside
  // the Monte Carlo figure wherever the chain represents everything that affects the database.
  for (size_t d = 0; d < plan.databases.size(); ++d) {
    const analytic::ProtectionGroup group =
        analytic::resolve_protection_group(plan, static_cast<int>(d));
    if (!group.covers_availability) continue;
    results.databases[d].analytic_availability =
        analytic::expected_availability(group, plan.scenario.horizon);
    results.databases[d].analytic_exact = group.exact;
  }
  const auto wall_start = std::chrono::steady_clock::now();
  sim::run_trials(
      trials, threads, [&](uint64_t trial) { return run_trial(plan, seed, trial); },
      [&](report::TrialObservations&& obs) {
        if (each) each(obs);
        results.add(obs);
      });
  results.engine.wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  results.engine.threads = sim::resolve_threads(threads);
  return results;
}

}  // namespace drsim::models

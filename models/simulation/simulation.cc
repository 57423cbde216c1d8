// Assembly of one trial's components, and the Monte Carlo loop.
#include "models/simulation/simulation.h"

#include <chrono>
#include <memory>

#include "models/backup/copy_queue.h"
#include "models/response/restore_queue.h"
#include "models/results/summary.h"
#include "models/simulation/work_estimate.h"
#include "models/topology/az_state.h"
#include "sim/check.h"
#include "sim/engine.h"
#include "sim/trial_runner.h"

namespace drsim::models {

report::TrialObservations run_trial(const Plan& plan, uint64_t seed, uint64_t trial,
                                    bool tracing, const std::atomic<bool>* interrupt,
                                    response::DecisionPolicy* policy) {
  report::TrialObservations obs;
  obs.trial = trial;
  obs.service_downtime.assign(plan.services.services.size(), sim::Duration());
  obs.database_downtime.assign(plan.databases.size(), sim::Duration());
  obs.store_downtime.assign(plan.object_stores.size(), sim::Duration());
  report::Recorder recorder(obs);
  const sim::SimTime horizon = sim::SimTime::zero() + plan.scenario.horizon;
  sim::Engine engine(seed, trial, horizon, tracing);

  topology::Reachability reach(plan.topology.region_count());
  topology::AzState azs(plan.topology, recorder, reach);
  faults::FaultInjector injector(plan.faults, recorder);
  response::RestoreQueue restores(plan.restore_parallelism);
  restores.tell(recorder, plan.services.store_names);
  backup::CopyQueue copies(plan.scenario.snapshot_copy_limit, plan.topology.region_count(), &reach);
  std::vector<std::unique_ptr<database::Database>> databases;
  for (const database::DatabasePlan& p : plan.databases) {
    databases.push_back(std::make_unique<database::Database>(p, plan.topology, reach, recorder,
                                                             &copies, &restores, policy));
  }
  std::vector<std::unique_ptr<object_store::ObjectStore>> stores;
  for (const object_store::ObjectStorePlan& p : plan.object_stores) {
    stores.push_back(std::make_unique<object_store::ObjectStore>(p, plan.topology, reach, recorder));
  }
  service::ServiceMonitor services(plan.services, plan.data_store_count(), recorder);
  engine.add(azs);
  engine.add(injector);
  engine.add(restores);
  for (auto& db : databases) engine.add(*db);
  for (auto& store : stores) engine.add(*store);
  engine.add(services);
  engine.set_interrupt(interrupt);
  if (policy) policy->watch(obs);

  const sim::RunStats stats = engine.run();
  if (stats.interrupted) {
    obs.interrupted = true;
    return obs;
  }
  services.finish(horizon);
  for (auto& db : databases) db->finish(horizon);
  for (auto& store : stores) store->finish(horizon);
  obs.events = stats.events;
  obs.trace_hash = stats.trace_hash;
  return obs;
}

report::Results run_monte_carlo(const Plan& plan, uint64_t seed, uint64_t trials,
                                const MonteCarloOptions& options) {
  DRSIM_CHECK(!options.precision || (options.shard.count == 1 && options.part.count == 1))
      << "precision needs the whole run, not shard " << options.shard.index << "/"
      << options.shard.count << " part " << options.part.index << "/" << options.part.count;
  report::Results results = report::make_results(plan.scenario, plan.scenario_hash, seed, trials);
  results.shard = options.shard;
  results.range = report::split_range(report::shard_range(trials, options.shard), options.part);
  results.precision = options.precision;
  const uint64_t first = results.range.first;
  bool precise = false;
  const auto wall_start = std::chrono::steady_clock::now();
  sim::run_trials(
      results.range.size(), options.threads,
      [&](uint64_t i) { return run_trial(plan, seed, first + i, false, options.interrupt); },
      [&](report::TrialObservations&& obs) {
        if (obs.interrupted) return false;  // cut short by Ctrl-C: not a trial's result
        if (options.each) options.each(obs);
        results.add(obs);
        if (options.merged) options.merged->store(results.trials, std::memory_order_relaxed);
        if (options.precision && results.trials % report::kPrecisionCheckTrials == 0 &&
            report::precision_reached(results, *options.precision)) {
          precise = true;
          return false;
        }
        return true;
      },
      options.interrupt, block_size_for(estimate_work(plan)));
  results.partial = !precise && results.trials < results.range.size();
  results.engine.wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  results.engine.threads = sim::resolve_threads(options.threads);
  return results;
}

report::Results run_monte_carlo(const Plan& plan, uint64_t seed, uint64_t trials, int threads,
                                const std::function<void(const report::TrialObservations&)>& each) {
  MonteCarloOptions options;
  options.threads = threads;
  options.each = each;
  return run_monte_carlo(plan, seed, trials, options);
}

}  // namespace drsim::models

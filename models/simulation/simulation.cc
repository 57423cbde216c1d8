// The Monte Carlo loop over sim::run_trials, and one trial (its assembly is trial_assembly.cc).
#include "models/simulation/simulation.h"

#include <chrono>
#include <memory>

#include "models/results/summary.h"
#include "models/simulation/trial_assembly.h"
#include "models/simulation/work_estimate.h"
#include "sim/check.h"
#include "sim/trial_runner.h"

namespace drsim::models {

observations::TrialObservations run_trial(const Plan& plan, uint64_t seed, uint64_t trial,
                                          bool tracing, const std::atomic<bool>* interrupt,
                                          response::DecisionPolicy* policy) {
  return TrialAssembly(plan, seed, tracing, policy).run(trial, interrupt);
}

results::Results run_monte_carlo(const Plan& plan, uint64_t seed, uint64_t trials,
                                 const MonteCarloOptions& options) {
  DRSIM_CHECK(!options.precision || (options.shard.count == 1 && options.part.count == 1))
      << "precision needs the whole run, not shard " << options.shard.index << "/"
      << options.shard.count << " part " << options.part.index << "/" << options.part.count;
  results::Results results = results::make_results(plan.scenario, plan.scenario_hash, seed, trials);
  results.shard = options.shard;
  results.range = results::split_range(results::shard_range(trials, options.shard), options.part);
  results.precision = options.precision;
  const uint64_t first = results.range.first;
  bool precise = false;
  const auto wall_start = std::chrono::steady_clock::now();
  // One assembly per worker, built on its first trial and reset for each next one.
  std::vector<std::unique_ptr<TrialAssembly>> assemblies(
      static_cast<size_t>(sim::resolve_threads(options.threads)));
  sim::run_trials(
      results.range.size(), options.threads,
      [&](uint64_t i, int worker) {
        std::unique_ptr<TrialAssembly>& assembly = assemblies[static_cast<size_t>(worker)];
        if (!assembly) assembly = std::make_unique<TrialAssembly>(plan, seed);
        return assembly->run(first + i, options.interrupt);
      },
      [&](observations::TrialObservations&& obs) {
        if (obs.interrupted) return false;  // cut short by Ctrl-C: not a trial's result
        if (options.each) options.each(obs);
        results.add(obs);
        if (options.merged) options.merged->store(results.trials, std::memory_order_relaxed);
        if (options.precision && results.trials % results::kPrecisionCheckTrials == 0 &&
            results::precision_reached(results, *options.precision)) {
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

results::Results run_monte_carlo(
    const Plan& plan, uint64_t seed, uint64_t trials, int threads,
    const std::function<void(const observations::TrialObservations&)>& each) {
  MonteCarloOptions options;
  options.threads = threads;
  options.each = each;
  return run_monte_carlo(plan, seed, trials, options);
}

}  // namespace drsim::models

// The components of one trial, assembled once and reset between trials.
#include "models/simulation/trial_assembly.h"

#include "sim/check.h"

namespace drsim::models {

TrialAssembly::TrialAssembly(const Plan& plan, uint64_t seed, bool tracing,
                             response::DecisionPolicy* policy)
    : plan_(plan),
      policy_(policy),
      engine_(seed, 0, sim::SimTime::zero() + plan.scenario.horizon, tracing) {
  // The databases keep references to these: they are rebuilt in place, never moved.
  reach_.emplace(plan.topology.region_count(), plan.topology.az_count());
  restores_.emplace(plan.restore_parallelism);
  copies_.emplace(plan.scenario.snapshot_copy_limit, plan.topology.region_count(), &*reach_);
  stores_ = std::vector<std::optional<object_store::ObjectStore>>(plan.object_stores.size());
  services_.emplace(plan.services, plan.data_store_count(), recorder_);  // resets when started
  databases_.reserve(plan.databases.size());
  for (const database::DatabasePlan& p : plan.databases) {
    databases_.push_back(std::make_unique<database::Database>(
        p, plan.topology, *reach_, recorder_, &*copies_, &*restores_, policy));
  }
}

observations::TrialObservations TrialAssembly::run(uint64_t trial,
                                                   const std::atomic<bool>* interrupt) {
  DRSIM_CHECK(!recorder_.telling_consequences()) << "trial " << trial << " starts mid-story";
  obs_ = observations::TrialObservations{};
  obs_.trial = trial;
  obs_.service_downtime.assign(plan_.services.services.size(), sim::Duration());
  obs_.database_downtime.assign(plan_.databases.size(), sim::Duration());
  obs_.store_downtime.assign(plan_.object_stores.size(), sim::Duration());
  const sim::SimTime horizon = engine_.horizon();
  engine_.reset(trial);

  reach_.emplace(plan_.topology.region_count(), plan_.topology.az_count());
  azs_.emplace(plan_.topology, recorder_, *reach_);
  injector_.emplace(plan_.faults, recorder_);
  restores_.emplace(plan_.restore_parallelism);
  restores_->tell(recorder_, plan_.services.store_names);
  copies_->restart();  // the databases register their catalogs again as they start
  for (size_t i = 0; i < stores_.size(); ++i) {
    stores_[i].emplace(plan_.object_stores[i], plan_.topology, *reach_, recorder_);
  }
  engine_.add(*azs_);
  engine_.add(*injector_);
  engine_.add(*restores_);
  for (auto& db : databases_) engine_.add(*db);  // each resets itself when started
  for (auto& store : stores_) engine_.add(*store);
  engine_.add(*services_);
  engine_.set_interrupt(interrupt);
  if (policy_) policy_->watch(obs_);

  const sim::RunStats stats = engine_.run();
  if (stats.interrupted) {
    obs_.interrupted = true;
    return std::move(obs_);
  }
  services_->finish(horizon);
  for (auto& db : databases_) db->finish(horizon);
  for (auto& store : stores_) store->finish(horizon);
  obs_.events = stats.events;
  obs_.trace_hash = stats.trace_hash;
  return std::move(obs_);
}

}  // namespace drsim::models

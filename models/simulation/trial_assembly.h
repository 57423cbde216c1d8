// TrialAssembly: the components of one trial of a plan, built once and reset between trials, so
// that a worker running trial after trial reuses their memory instead of rebuilding them.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "models/backup/copy_queue.h"
#include "models/database/database.h"
#include "models/faults/fault_injector.h"
#include "models/object_store/object_store.h"
#include "models/observations/observations.h"
#include "models/plan/plan.h"
#include "models/response/decision.h"
#include "models/response/restore_queue.h"
#include "models/service/service_monitor.h"
#include "models/topology/az_state.h"
#include "models/topology/reachability.h"
#include "sim/engine.h"

namespace drsim::models {

// Invariant: between trials every component is as a new one would be at time zero. The
// databases (a fleet's thousand, with their backup catalogs) and the engine (its event pool and
// subscription lists) are reset in place; the few other components are built anew each trial in
// storage of their own, so the databases' references to them stay valid and every component
// keeps its address (the engine keeps the subscriptions made at the start of a trial when the
// same components make them again: sim::Context::reset).
class TrialAssembly {
 public:
  // `policy`, when set, makes every recovery decision (a tabletop) and must outlive the assembly.
  TrialAssembly(const Plan& plan, uint64_t seed, bool tracing = false,
                response::DecisionPolicy* policy = nullptr);
  TrialAssembly(const TrialAssembly&) = delete;
  TrialAssembly& operator=(const TrialAssembly&) = delete;

  // Runs trial `trial` (see run_trial): the same observations whatever trials ran before.
  observations::TrialObservations run(uint64_t trial, const std::atomic<bool>* interrupt = nullptr);

 private:
  const Plan& plan_;
  response::DecisionPolicy* policy_;
  observations::TrialObservations obs_;
  observations::Recorder recorder_{obs_};
  sim::Engine engine_;
  std::optional<topology::Reachability> reach_;
  std::optional<topology::AzState> azs_;
  std::optional<faults::FaultInjector> injector_;
  std::optional<response::RestoreQueue> restores_;
  std::optional<backup::CopyQueue> copies_;
  std::vector<std::unique_ptr<database::Database>> databases_;
  std::vector<std::optional<object_store::ObjectStore>> stores_;  // rebuilt in place
  std::optional<service::ServiceMonitor> services_;
};

}  // namespace drsim::models

// Plan: a loaded scenario turned into what trials need (indices instead of names, the
// topology graph, the service dependency order), built once and shared read-only by all trials.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/database/database.h"
#include "models/faults/fault_injector.h"
#include "models/object_store/object_store.h"
#include "models/scenario/scenario.h"
#include "models/service/service_monitor.h"
#include "models/topology/topology.h"

namespace drsim::models {

struct Plan {
  scenario::Scenario scenario;
  topology::Topology topology;
  std::vector<database::DatabasePlan> databases;
  std::vector<object_store::ObjectStorePlan> object_stores;  // data-store index = #databases + i
  service::ServiceGraphPlan services;
  std::vector<faults::FaultPlan> faults;
  // Parts of the scenario that are accepted but have no effect on this build's results
  // (for example backups, when no fault can make them matter). Shown as warnings.
  std::vector<std::string> notes;
  int restore_parallelism = 1;
  // results::scenario_hash(scenario), which every Results of the plan carries: computed once (a
  // fleet's canonical JSON takes tens of milliseconds to write, per run and per sweep point).
  uint64_t scenario_hash = 0;
  int data_store_count() const {
    return static_cast<int>(databases.size() + object_stores.size());
  }  // restores running at once, shared by all databases
};

// REQUIRES: a scenario the loader accepted. Throws scenario::ScenarioError naming the JSON
// path when the scenario asks for something this build cannot simulate yet (it never
// simulates something else in its place).
Plan make_plan(const scenario::Scenario& s);

}  // namespace drsim::models

// Story: one trial told as a facilitator reads it aloud (DESIGN.md §7), as plain data, and its
// assembly from the trial's observations. The text and the JSON (report/story_writers.h) and the
// HTML report's Gantt chart are pure functions of it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/observations/observations.h"
#include "models/scenario/scenario.h"

namespace drsim::models::results {

using sim::Duration;
using sim::SimTime;

// How one service fared in one trial, against its tier's targets: its worst incident (by RTO,
// then RPO). With no incident, rto_s and rpo_s are 0 and every target is met.
struct ServiceOutcome {
  std::string service;
  int tier = 0;
  scenario::TierTarget target;
  int incidents = 0;
  double rto_s = 0;                   // censored: the time it has been open (a lower bound)
  std::optional<double> rpo_s = 0.0;  // none: total loss, or not known yet (still down)
  std::optional<uint64_t> lost_writes = 0;  // summed over the trial's incidents; none: not known
  bool met_rto = true, met_rpo = true;
  bool total_loss = false, censored = false;
  double downtime_s = 0;  // over the horizon
  // How the worst incident ended (incident_path, incident_path_of); none while censored.
  std::optional<std::string> path, path_of;
};

// A bar of the Gantt chart: a service or a data store not taking writes.
struct StoryInterval {
  std::string subject;
  std::string lane;  // "service", "database" or "object_store"
  SimTime from;
  std::optional<SimTime> to;  // none: still down at the horizon
  bool total_loss = false;
};

// One option of a tabletop decision (DESIGN §7). Durations include the restore queue; none
// where not known (waiting: nobody knows when the original returns).
struct DecisionOption {
  std::string id;           // stable: "wait", "pitr", "restore-copy:REGION", "promote:REGION", ...
  std::string description;  // "restore from the copy in us-west-2"
  std::optional<double> rpo_s;  // what it loses; none when not known (waiting on a known loss)
  std::optional<double> duration_p50_s, duration_p95_s;
  std::optional<bool> meets_rpo, meets_rto;  // none: not known
  bool undoable = false;
};

struct DecisionRecord {
  int n = 0;  // from 1, in the order they occur in the trial
  SimTime at;
  std::string database;
  int tier = 0;
  SimTime outage_since;      // when the database stopped taking writes
  std::string automatic;     // the automatic rule's option id
  std::string chosen;        // the option taken
  std::string why;           // the automatic rule's reason, in words
  std::vector<DecisionOption> options;
};

struct Story {
  std::string scenario, description;
  uint64_t seed = 0, trial = 0;
  int64_t start_epoch_s = 0;  // UTC
  Duration horizon;
  std::string why_this_trial;  // --worst: which trial and why; empty otherwise
  std::vector<observations::StoryEvent> events;
  std::vector<ServiceOutcome> summary;  // every service, in scenario order
  std::vector<StoryInterval> intervals;
  std::vector<std::string> databases, object_stores;  // Gantt lanes, in scenario order
  std::vector<DecisionRecord> decisions;  // tabletop only
};

// A branch of a tabletop: how each service fared had the response chosen otherwise.
struct BranchOutcome {
  std::string name;         // "chosen", "automatic", "decision 2 only", ...
  std::string description;  // which choices it made
  std::vector<ServiceOutcome> summary;
};

// Assembles the story of one traced trial of `s`.
Story make_story(const scenario::Scenario& s, const observations::TrialObservations& obs);

}  // namespace drsim::models::results

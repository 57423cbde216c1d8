// A tabletop (DESIGN.md §7): one trial played decision by decision. At each decision of the
// response the facilitator sees the clock, what is down, the story so far and the options, each
// with what it loses and how long it takes (a quick Monte Carlo preview of the rest of the
// trial); answers come from a script (--choose N=ID), a facilitator, or the automatic rule. The
// branches that differed from the automatic rule are replayed side by side with it, sharing
// every random number up to the first decision where they part.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "models/plan/plan.h"
#include "models/results/story.h"
#include "models/scenario/scenario.h"

namespace drsim::models {

// What the facilitator sees at a decision.
struct Pause {
  results::DecisionRecord decision;               // its options previewed; `chosen` not yet set
  std::vector<observations::StoryEvent> story;    // every step so far
  std::vector<results::StoryInterval> down;       // services and data stores not taking writes now
  std::vector<results::ServiceOutcome> services;  // every service, for its tier and targets
  int64_t start_epoch_s = 0;
};

// Answers the decisions not answered in advance.
class Facilitator {
 public:
  virtual ~Facilitator() = default;
  // An option id of pause.decision.options, or "" for the automatic rule's choice.
  virtual std::string choose(const Pause& pause) = 0;
};

struct TabletopOptions {
  uint64_t seed = 0, trial = 0;
  std::map<int, std::string> choices;  // decision number -> option id (--choose N=ID)
  Facilitator* facilitator = nullptr;  // null: unanswered decisions take the automatic rule's
  int preview_samples = 100;           // replays per option for the durations' p50/p95
};

struct Tabletop {
  results::Story story;  // the trial as played, with its decisions
  std::vector<results::BranchOutcome>
      branches;              // "chosen" (as played), "automatic", ... side by side
  results::Story automatic;  // the story had the automatic rule decided all
  // Answers that matched no decision or no option: bad input, said after play.
  std::vector<std::string> problems;
};

// Plays trial `o.trial` of `plan` (built from `s`) under `o.seed`.
Tabletop play_tabletop(const scenario::Scenario& s, const Plan& plan, const TabletopOptions& o);

}  // namespace drsim::models

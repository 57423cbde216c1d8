// The response's recovery decision (DESIGN.md §4): the ways back a database that is down has,
// the automatic rule as a pure function of what on-call has observed, and the policy a Database
// asks at each decision (the automatic rule, scripted choices, a facilitator at a tabletop).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/observations/observations.h"
#include "models/scenario/scenario.h"
#include "sim/time.h"

namespace drsim::models::response {

using sim::Duration;
using sim::SimTime;

// A way back for a database that is down.
struct RecoveryPath {
  // kReplicaRestore: a restore from a replica's own backups, in the replica's region.
  enum class Kind { kHomeRestore, kCopyRestore, kReplica, kLocalCopy, kSwitchover, kReplicaRestore };
  Kind kind = Kind::kHomeRestore;
  int region = 0;
  Duration loss;         // stopped committing - recovery point
  Duration p50;          // its median duration as judged when deciding (queue wait included)
  Duration p95;          // what the decision assumes it takes (queue wait included)
  Duration actual;       // what it will take (drawn when taken; silent corruption included)
  Duration restore_p95;  // restores: p95 once a restore slot is free (execute included)
  Duration replay;       // restores: the log replay part (zero: a snapshot alone)
  std::optional<int64_t> snapshot;  // restores: the base snapshot's index (none: logs alone)
  int copy_dest = -1;    // copy restores: the index of the copy region in the backup plan
  int replica = -1;      // replica promotions and restores of its backups: which replica
  int instance = -1;     // local copies: which instance
  int corrupt_attempts = 0;
  bool preview = false;      // taken by a preview: never abandoned; its end is reported
  bool blocked = false;      // its region's control plane cannot start it now
  bool unreachable = false;  // its region is down, or the local copy is dark: not now
  bool usable() const { return !blocked && !unreachable; }
  bool is_restore() const {
    return kind == Kind::kHomeRestore || kind == Kind::kCopyRestore || kind == Kind::kReplicaRestore;
  }
};

// What the response has observed when it decides; never the future (how long an outage lasts).
struct Situation {
  SimTime now;
  SimTime stopped_at;             // when the database stopped taking writes
  bool known_loss = false;        // no copy that holds every write survives
  bool deadline_reached = false;  // the last moment a path still meets the RTO target has come
  scenario::TierTarget target;    // the database's tier's targets
  std::vector<RecoveryPath> paths;  // every way back, usable now or not, in tie-breaking order
};

struct Choice {
  enum class Action {
    kTake,        // take paths[path] now
    kWaitUntil,   // wait for the original; decide again at `until` (or when the outage changes)
    kWait,        // wait; decide again when the outage changes
    kTotalLoss,   // nothing to recover from: the data is gone
  };
  // Why, for the story.
  enum class Reason {
    kMeetsRpo,        // the soonest path whose loss meets the RPO target
    kLeastLoss,       // a known loss and no path meets the RPO target: the one losing least
    kRtoDeadline,     // waiting longer would miss the RTO target
    kWaitForOriginal, // no path meets the RPO target; the original may return in time
    kOutOfReach,      // every way back is in a region or AZ that is down
    kControlPlane,    // every way back needs a control plane that is impaired
    kNothingOutside,  // no way back outside the outage
    kNoCopy,          // no copy anywhere
    kChosen,          // a policy other than the automatic rule chose it
  };
  Action action = Action::kWait;
  Reason reason = Reason::kNothingOutside;
  int path = -1;        // kTake: index into Situation::paths; kWaitUntil: the soonest path
  SimTime until;        // kWaitUntil
  // Set by a preview: the path's own durations are drawn from a stream seeded by this salt, so
  // previews of one decision differ from each other after it and share everything before.
  std::optional<uint64_t> redraw_salt;

  // The response has options to weigh: some path can be taken now.
  bool is_decision() const { return action == Action::kTake || action == Action::kWaitUntil; }
};

// DESIGN §4's rule. A path that can be taken now and meets the RPO target: the soonest of them.
// A known loss: the path that loses least (the soonest of those), or a total loss with none.
// Otherwise wait for the original until the last moment at which the soonest path, judged on
// its 95th percentile, still meets the RTO target, then take it. Ties go to the earlier path.
Choice automatic_choice(const Situation& situation);

// One option of a decision, as a facilitator sees it.
struct Option {
  std::string id;           // stable: "wait", "pitr", "restore-snapshot", "restore-copy:REGION",
                            // "promote:REGION", "promote-copy:AZ"
  std::string description;  // "restore from the copy in us-west-2"
  int path = -1;            // index into Situation::paths; -1 for waiting
};

// A decision a Database puts to its policy: only when the automatic rule has options to weigh.
struct DecisionPoint {
  std::string_view database;
  int database_index = 0;
  int tier = 0;
  const Situation* situation = nullptr;
  Choice automatic;
  std::string automatic_id;  // the id of the automatic rule's option
  std::vector<Option> options;  // "wait" first, then each path usable now
};

// The choice that takes `option` of `point`. Waiting keeps the automatic rule's deadline when it
// had one; where the rule would act now, waiting asks again at the last moment the soonest path
// still meets the RTO target, or, past it, when the outage changes.
Choice choice_for(const DecisionPoint& point, const Option& option);

// Who decides. Called synchronously, inside the trial, in simulated-time order.
class DecisionPolicy {
 public:
  virtual ~DecisionPolicy() = default;
  virtual Choice decide(const DecisionPoint& point) = 0;
  // The trial's observations as they are recorded (the story so far, when tracing). Called once,
  // before the trial runs.
  virtual void watch(const observations::TrialObservations& /*observations*/) {}
  // A path taken with a redraw salt (a preview) finished at `at`: how long it took.
  virtual void path_finished(int /*database_index*/, SimTime /*at*/) {}
};

}  // namespace drsim::models::response

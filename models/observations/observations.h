// Observations: what one trial records (incidents, failovers, downtime, the timeline), as plain
// data. Models write them through a Recorder; reports are pure functions of them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/notifications/topics.h"
#include "sim/time.h"

namespace drsim::models::observations {

using sim::Duration;
using sim::SimTime;

// A maximal interval during which a service cannot accept writes (DESIGN.md §4).
struct Incident {
  int service = 0;
  SimTime started_at;
  SimTime stopped_committing_at;
  std::optional<SimTime> serving_again_at;  // nullopt: still open at the horizon (censored)
  // The committed writes lost, as a time window (the worst over the data stores it uses).
  // nullopt with total_loss when no copy survived, and without it when the incident is still
  // open at the horizon while a data store it uses is down: the loss is not known yet.
  std::optional<Duration> rpo = Duration();
  bool total_loss = false;
  // The writes lost: the sum over its databases of each outage's window x write rate. nullopt
  // when not known: a database without a write rate lost a window, or the RPO is not known, or
  // everything was lost.
  std::optional<uint64_t> lost_writes = 0;
  // Caused only by planned events (a failover test, a switchover) from start to end: reports
  // count it apart from the faults' incidents (DESIGN.md §3).
  bool planned = false;
  // How it ended (DESIGN.md §8's `path`): the recovery that lost the most of the data stores it
  // uses, the latest of equals; when none lost anything, what came back last (a data store, a
  // place it runs in, or a dependency, whose own path it takes). kNone while censored.
  RecoveryKind path = RecoveryKind::kNone;
  RecoveryOf path_of = RecoveryOf::kStore;
  int32_t path_subject = -1;  // the data store, region or AZ (global index) that came back
  int32_t path_where = -1;    // recovery_where(): the path's region (AZ for promote-copy), or -1
  friend bool operator==(const Incident&, const Incident&) = default;
};

// One automatic failover: the three components and where it started.
struct FailoverRecord {
  int database = 0;
  SimTime started_at;
  Duration detect, promote, dns;
  bool planned = false;  // started by a planned failover test
  Duration total() const { return detect + promote + dns; }
  friend bool operator==(const FailoverRecord&, const FailoverRecord&) = default;
};

// One step of a trial's story (DESIGN.md §7). `kind` is a stable snake_case word
// (docs/tabletop.md lists them); `rds_event` the ID RDS or Aurora reports for the step
// ("RDS-EVENT-0013"), empty where it reports none; `cause` the index of the step that caused
// this one, or -1.
struct StoryEvent {
  SimTime at;
  std::string subject;
  std::string kind;
  std::string rds_event;
  std::string text;
  int cause = -1;
  friend bool operator==(const StoryEvent&, const StoryEvent&) = default;
};

using TimelineEntry = StoryEvent;  // the name tests and older code use

struct TrialObservations {
  uint64_t trial = 0;
  std::vector<Incident> incidents;
  std::vector<FailoverRecord> failovers;
  std::vector<Duration> service_downtime;  // by service index, clipped to the horizon
  std::vector<Duration> database_downtime;  // by database index: not accepting writes, clipped
  // Object stores' own incidents (Incident::service is the object store's index, from 0): a
  // maximal interval during which the store cannot take uploads, its RPO the uploads lost.
  std::vector<Incident> store_incidents;
  std::vector<Duration> store_downtime;  // by object store index, clipped to the horizon
  std::vector<StoryEvent> timeline;        // only when the engine traces
  uint64_t events = 0;
  uint64_t trace_hash = 0;
  bool interrupted = false;  // stopped before the horizon (Ctrl-C): incomplete, never merged
  friend bool operator==(const TrialObservations&, const TrialObservations&) = default;
};

// The sink models record into during one trial. Not a component: it owns no events.
class Recorder {
 public:
  explicit Recorder(TrialObservations& out) : out_(out) {}
  void incident(const Incident& i) { out_.incidents.push_back(i); }
  void failover(const FailoverRecord& f) { out_.failovers.push_back(f); }
  void downtime(int service, Duration d) { out_.service_downtime[static_cast<size_t>(service)] += d; }
  void store_incident(const Incident& i) { out_.store_incidents.push_back(i); }
  void store_downtime(int store, Duration d) { out_.store_downtime[static_cast<size_t>(store)] += d; }
  void database_downtime(int database, Duration d) {
    out_.database_downtime[static_cast<size_t>(database)] += d;
  }
  // Adds a step to the story and returns its index. Its cause is `cause` when given (>= 0),
  // otherwise the step whose consequences are being told now (see Because), if any.
  int note(SimTime at, std::string subject, std::string kind, std::string text,
           std::string rds_event = {}, int cause = -1) {
    if (cause < 0 && !causes_.empty()) cause = causes_.back();
    out_.timeline.push_back(
        {at, std::move(subject), std::move(kind), std::move(rds_event), std::move(text), cause});
    return static_cast<int>(out_.timeline.size()) - 1;
  }
  // Whether a step is being told whose consequences these are (a Because is alive).
  bool telling_consequences() const { return !causes_.empty(); }
  int last_index() const { return static_cast<int>(out_.timeline.size()) - 1; }

  // While one lives, steps noted without an explicit cause are consequences of step `index`
  // (notifications are delivered synchronously, so this follows the chain of causes). A
  // negative index changes nothing.
  class Because {
   public:
    Because(Recorder& r, int index) : r_(index >= 0 ? &r : nullptr) {
      if (r_) r_->causes_.push_back(index);
    }
    ~Because() {
      if (r_) r_->causes_.pop_back();
    }
    Because(const Because&) = delete;
    Because& operator=(const Because&) = delete;

   private:
    Recorder* r_;
  };

 private:
  TrialObservations& out_;
  std::vector<int> causes_;
};

}  // namespace drsim::models::observations

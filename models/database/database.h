// Database: one RDS-style database in one trial (DESIGN.md §4, docs/recovery.md).
// - Single-AZ: one instance. An instance failure is an outage until a replacement is up (on
//   the surviving storage, RPO 0); an AZ outage one until the AZ returns.
// - Multi-AZ: a primary and a synchronous standby in another AZ. Losing the primary starts an
//   automatic failover = detection + promotion + DNS, drawn per event, RPO 0. A failed instance
//   is replaced (`replace`) and becomes the new standby; a failure while there is no standby is
//   an outage until an instance is up again.
// - Every copy (instance, Aurora storage copy) knows whether it holds every write: one that was
//   down while writes were committed is behind until it and a copy that holds them are both up.
//   Writes never resume "with RPO 0" on a copy that is behind: the database waits for one that
//   holds every write; when none survives, promoting the copy that is behind is a recovery path
//   that loses the writes it missed.
// - A region outage or disaster takes the region's instances at once: no failover inside it.
// - When no copy holding every write survives (an AZ fire, a disaster, a storage failure of the
//   last copy) the loss is known once detected and acknowledged, and recovery starts then. Any
//   other outage waits `decide_after`, counted from the acknowledgement, for the original to
//   return. Recovery paths: PITR or snapshot restore in the home region, a restore from a copy
//   in another region, promotion of a cross-region replica or of a local copy that is behind.
//   The response takes the soonest path whose loss meets the tier's RPO target; for a known loss
//   with none, the path losing least; otherwise it waits for the original until the last moment
//   at which the soonest path (judged on its 95th-percentile duration) still meets the RTO
//   target. If the original returns holding every write while a path is under way, the path is
//   abandoned and writes resume on the original, losing nothing.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/backup/backup_catalog.h"
#include "models/backup/copy_queue.h"
#include "models/notifications/topics.h"
#include "models/observations/observations.h"
#include "models/response/decision.h"
#include "models/response/restore_queue.h"
#include "models/scenario/scenario.h"
#include "models/topology/reachability.h"
#include "models/topology/topology.h"
#include "sim/component.h"

namespace drsim::models::database {

struct ReplicaPlan {
  int region = 0;
  sim::Distribution lag;
  sim::Distribution promote;
  // Its own backups, in its region, of its data (`lag` behind the primary); none without.
  std::optional<backup::BackupPlan> backup;
};

// The on-call response as one database sees it.
struct ResponsePlan {
  sim::Distribution detect;
  sim::Distribution ack;
  std::optional<sim::Duration> decide_after;  // none: only known losses are recovered
  sim::Distribution execute;                  // region-failover steps before a cross-region path
};

// What a trial needs to know about one database, with names resolved to indices.
struct DatabasePlan {
  int index = 0;
  std::string name;
  scenario::Deployment deployment = scenario::Deployment::kSingleAz;
  int region = 0;
  std::vector<int> azs;  // initial AZ of each instance: primary first, then the standbys
  // Aurora: the AZs of the shared storage volume, two of its six copies in each; writes need
  // 4 of 6 available copies, and the data survives while 3 are not destroyed. Empty otherwise.
  std::vector<int> storage_azs;
  sim::Distribution replace;
  scenario::FailoverSpec failover;
  // multi-az-cluster: the readers' apply lag at a failover; the promotion waits until the
  // target has applied it, capped by flow control (kFlowControlLag).
  std::optional<sim::Distribution> apply_lag;
  double instance_failure_rate_per_s = 0;  // each instance fails independently at this rate
  // Each instance's storage (Aurora: each of the six storage copies) is destroyed independently
  // at this rate: a storage_failure process.
  double storage_failure_rate_per_s = 0;
  std::optional<double> write_rate_per_s;  // lost writes = loss window x this; none: not counted
  sim::Duration window_lo, window_hi;      // failover_window, for the timeline's verdict
  int tier = 3;                            // the most demanding tier of the services using it
  int64_t start_epoch_s = 0;               // the scenario's clock at time zero (UTC), for names
  scenario::TierTarget target;             // that tier's targets
  std::optional<backup::BackupPlan> backup;
  std::vector<ReplicaPlan> replicas;
  ResponsePlan response;
};

// Invariant: at most one instance is primary; `writable_` iff a primary is up and holds every
// write; an instance being promoted is up, holds every write and is not the primary;
// `recovering_` only while down. While writable, every instance (Aurora: every storage copy)
// that is up holds every write, and every one that is down with its data is behind.
class Database : public sim::Component {
 public:
  // `reach` is the trial's record of regions cut off (it delays replica streams and snapshot
  // copies) and of the AZs dark now (where an instance may be placed). `copies` queues this
  // trial's cross-region snapshot copies and `restores` tells how long a restore would wait;
  // either may be null (no queue: copies start at once, restores never wait).
  // `policy` decides how to recover when the automatic rule has options to weigh; null: the
  // automatic rule (DESIGN §4).
  Database(const DatabasePlan& plan, const topology::Topology& topology,
           const topology::Reachability& reach, observations::Recorder& recorder,
           backup::CopyQueue* copies = nullptr, const response::RestoreQueue* restores = nullptr,
           response::DecisionPolicy* policy = nullptr);

  // Semisynchronous flow control throttles writes once a reader lags this much, so the apply
  // lag a cluster failover waits for stays below it (aws-facts §1.2).
  static constexpr sim::Duration kFlowControlLag = sim::Duration::seconds(120);

  std::string_view name() const override { return plan_.name; }
  void start(sim::Context& ctx) override;
  void on_event(sim::Context& ctx, const sim::Event& event) override;
  void on_notification(sim::Context& ctx, const sim::Notification& n) override;
  // Records the downtime still open at the horizon. Called once, after the run.
  void finish(sim::SimTime horizon);

 private:
  enum EventKind : uint32_t { kRandomFailure, kFailoverDone, kReplacementUp, kDecide, kDeadline,
                              kPromoted, kCorruptionNoticed, kCopyRepaired,
                              kRandomStorageFailure, kRandomCopyFailure, kSwitchBack };
  static constexpr int kWriteQuorum = 4;
  static constexpr int kReadQuorum = 3;

  struct StorageCopy {
    int az = 0;
    bool available = true;
    bool destroyed = false;
    std::optional<sim::SimTime> behind_since;  // the first write it missed; none: holds them all
    sim::EventId repair;
    sim::EventId failure;  // the next random destruction (a storage_failure process)
  };
  enum class Cause { kInstanceFailure, kStorageFailure, kAzOutage, kPlannedReboot };

  struct Instance {
    int az = 0;
    bool up = true;
    bool has_data = true;             // false once its storage is destroyed
    bool az_dark = false;             // down because its AZ is dark; recovers when it returns
    bool awaiting_placement = false;  // replacement ready but no AZ, or no copy up to build from
    // The first write committed while this instance was down; none when it holds every write
    // (or has no data). Over Aurora's shared storage the copies are behind, not the instances.
    std::optional<sim::SimTime> behind_since;
    sim::EventId failure;             // the next random failure
    sim::EventId storage_failure;     // the next random storage failure
    sim::EventId replacement;
  };

  using Path = response::RecoveryPath;

  bool is_multi_az() const { return plan_.deployment != scenario::Deployment::kSingleAz; }
  bool has_shared_storage() const { return !copies_.empty(); }
  // Aurora: at least 4 available copies, one of them holding every write.
  bool has_write_quorum() const;
  // Holds every write: an instance with its data and not behind (over shared storage, any
  // instance: the data is on the copies).
  bool is_current(const Instance& inst) const;
  // Some copy that holds every write survives (it may be dark): the data is not lost.
  bool current_copy_survives() const;
  // Storage copies became (un)available: writes stop or resume with the quorum.
  void quorum_changed(sim::Context& ctx);
  void destroy_copy(sim::Context& ctx, size_t copy);
  // Aurora: at least a read quorum of copies survives, so destroyed copies can be re-created.
  bool any_copy_of_data() const;
  void instance_down(sim::Context& ctx, int i, Cause cause);
  void instance_up(sim::Context& ctx, int i);
  // instance_up without placing the replacements that waited for a copy to build from.
  void instance_up_alone(sim::Context& ctx, int i);
  // The database's region goes dark (`destroyed`: for good, with its data) as one event.
  void region_lost(sim::Context& ctx, bool destroyed);
  // Writes go on without the copies that are down: they fall behind from now.
  void mark_down_copies_behind(sim::SimTime now);
  // Copies that are up catch up from a copy that holds every write, if one is up.
  void catch_up(sim::Context& ctx);
  // `told`: tell it in the story.
  void order_replacement(sim::Context& ctx, int i, bool told = true);
  void start_failover(sim::Context& ctx);
  void finish_failover(sim::Context& ctx, int i);
  void place_replacement(sim::Context& ctx, int i);
  bool az_is_free_for(int az, int i) const;
  void schedule_random_failure(sim::Context& ctx, int i);
  // The next destruction of storage copy `copy` by a storage_failure process (Aurora).
  void schedule_copy_failure(sim::Context& ctx, size_t copy);
  // An up standby that holds every write, the failover target.
  std::optional<int> standby() const;
  // Writes stop now (the primary is lost, or the data cannot serve).
  // `why` completes "stops taking writes because ..." in the story (empty when not tracing).
  void stop_writes(sim::Context& ctx, std::string_view why);
  // Called whenever the database may have become unable to serve without help, or a way back
  // may have appeared: declares a known loss or (re)schedules the response's decision.
  void after_outage_change(sim::Context& ctx);
  // A logical fault: every copy (standby, replicas) holds it at once. A deletion stops the
  // database now; a corruption keeps it serving bad data until it is noticed.
  void logical_fault(sim::Context& ctx, sim::Duration detect_after, bool deletion);
  // Takes the database down for good: no copy that holds every write survives; the response
  // recovers it after `delay` (detection and/or acknowledgement). `logical`: every copy holds
  // the fault, so no local copy can serve either.
  void declare_loss(sim::Context& ctx, sim::Duration delay, const std::string& why, bool logical);
  // Writes resume on `primary`, told as `how` (a step of kind `kind`, with RDS event `rds`), by
  // the path recovery_code() `path` (services record it as how their incident ended).
  void become_writable(sim::Context& ctx, int primary, sim::Duration loss, const std::string& how,
                       const char* kind = "writes_resumed", const char* rds = "",
                       int64_t path = recovery_code(RecoveryKind::kWait));
  std::vector<Path> recovery_paths(sim::Context& ctx);
  // Replica k's lag behind the primary when writes stopped at `stopped`: drawn once per outage
  // (its usual lag plus however long its stream had been stalled).
  sim::Duration replica_lag(size_t k, sim::SimTime stopped);
  // The backups a restore path restores from: the database's, or a replica's own.
  const backup::BackupCatalog& catalog_of(const Path& p) const;
  void decide(sim::Context& ctx, bool deadline_reached);
  // Acts on a choice over `situation`'s paths.
  void act(sim::Context& ctx, const response::Situation& situation, const response::Choice& choice);
  // The options a facilitator weighs: waiting, then every path usable now.
  std::vector<response::Option> options(const response::Situation& situation) const;
  std::string option_id(const Path& p) const;
  // What p is as a recovery_code(): its kind and region (or AZ).
  int64_t recovery_code_of(const Path& p) const;
  void take(sim::Context& ctx, const Path& chosen, const std::string& why,
            std::optional<uint64_t> redraw_salt);
  void finish_recovery(sim::Context& ctx);
  // The original returned holding every write while a path was under way: abandon the path and
  // serve from instance `primary`.
  void abandon_recovery(sim::Context& ctx, int primary);
  // A planned switchover of the writer to the replica (or aurora-global secondary) in `region`:
  // writes pause while the replica catches up and is promoted (its `promote` time), losing
  // nothing; with `back_after`, the writer switches back that long after it completes.
  void switchover(sim::Context& ctx, int region, std::optional<sim::Duration> back_after);
  // A planned failover test: the primary reboots with failover to a standby that holds every
  // write (refused, and told, without one); the old primary rejoins as the standby after
  // `replace`.
  void failover_test(sim::Context& ctx);
  // A fault strikes: an outage under way is no longer only planned (services hear it again as a
  // fault's, kDatabaseDown with a = 0), nor is one that follows.
  void fault_joins(sim::Context& ctx);
  // Notes a step of the story when tracing and returns its index, or -1. Build a costly text only
  // when ctx.tracing(). `kind`: docs/tabletop.md's word; `rds`: the RDS event ID or "".
  int say(sim::Context& ctx, const char* kind, std::string_view text, const char* rds = "",
          int cause = -1);
  // How RDS names automated snapshot k ("rds:wiki-db-2026-03-04-03-00").
  std::string snapshot_name(std::optional<int64_t> k) const;
  // The same for snapshot k of `catalog`, taken of `instance`.
  std::string snapshot_name(std::optional<int64_t> k, const backup::BackupCatalog& catalog,
                            const std::string& instance) const;
  // How RDS names replica k's instance: "wiki-db-replica-us-west-2".
  std::string replica_instance_name(int k) const;
  // How RDS names instance `i` in its events: the database and the instance's AZ.
  std::string instance_name(int i) const;
  const std::string& az_name(int az) const { return topology_.az_name(az); }
  // "restore from the copy in us-west-2"
  std::string what_it_is(const Path& p) const;
  // ... with what it loses and how long it takes, and the targets it meets or misses.
  std::string describe(sim::Context& ctx, const Path& p) const;
  bool can_start_in(int region) const {
    return control_plane_impaired_[static_cast<size_t>(region)] == 0;
  }
  bool region_is_up(int region) const {
    return region_up_[static_cast<size_t>(region)] && !region_destroyed_at_[static_cast<size_t>(region)];
  }

  // Every member a trial changes back to its state before the first event (start() calls it).
  void reset_state();
  // Subscribes to kAzDown / kAzUp of the AZs of `region`, unless it did this trial.
  void hear_azs_of(sim::Context& ctx, int region);

  const DatabasePlan& plan_;
  const topology::Topology& topology_;
  const topology::Reachability& reach_;
  observations::Recorder& recorder_;
  backup::CopyQueue* copies_queue_;
  const response::RestoreQueue* restores_;
  response::DecisionPolicy* policy_;
  std::vector<int> watched_regions_;  // where it may run or restore: its notifications come from there
  // The regions whose AZs' kAzDown / kAzUp this database hears this trial: the one it runs in, and
  // those it ran in before (whose news it ignores). An AZ's darkness is read from reach_.
  std::vector<int> heard_az_regions_;
  std::vector<bool> region_up_;            // by region
  std::vector<std::optional<sim::SimTime>> region_destroyed_at_;
  std::vector<int> control_plane_impaired_;  // by region: active impairments
  int region_;                              // where the database runs now
  std::vector<int> replica_regions_;        // by replica: its region now (a switchover swaps)
  std::vector<Instance> instances_;
  std::vector<StorageCopy> copies_;  // Aurora's shared storage
  std::optional<int> primary_;
  std::optional<int> promoting_;
  sim::EventId failover_done_;
  observations::FailoverRecord pending_failover_;
  bool writable_ = true;
  // The outage under way began with a planned event (a failover test, a switchover): services
  // count its incident apart from faults, and its failover record is marked planned.
  bool planned_outage_ = false;
  std::optional<sim::Duration> switch_back_after_;  // the switchover under way returns after it
  std::optional<sim::SimTime> stopped_at_;  // when writes stopped, while down
  std::optional<sim::SimTime> acked_at_;    // when on-call acknowledged this outage, once drawn
  bool lost_ = false;                       // no copy that holds every write survives
  bool total_loss_ = false;                 // ... nor anything to recover from: said once
  std::optional<sim::SimTime> corrupt_from_;  // a logical fault: no copy after it is clean
  sim::EventId decide_, deadline_, promotion_;
  std::optional<Path> recovering_;          // the path under way
  int last_step_ = -1;  // tracing: the story's latest step of the outage under way, or -1
  std::vector<std::optional<sim::Duration>> replica_lag_;  // drawn at the failure
  std::optional<backup::BackupCatalog> catalog_;
  // By replica: its own backups, or null without.
  std::vector<std::unique_ptr<backup::BackupCatalog>> replica_catalogs_;
  sim::Rng failure_rng_{0}, failover_rng_{0}, replace_rng_{0}, response_rng_{0};
  sim::Rng storage_rng_{0};  // storage_failure processes
  // For the failure processes' first arrivals, drawn at the start of every trial: draws below
  // these lie beyond the horizon, known without a logarithm (set at the first start).
  struct Horizon {
    Horizon(double horizon_s, double instance_rate_per_s, double storage_rate_per_s);
    double horizon_s;
    double instance_beyond_below, storage_beyond_below;
  };
  std::optional<Horizon> horizon_;
  // The names of its streams, hashed once: "db/<name>", its five own streams' (in the order of
  // the Rngs above), and by replica "db/<name>/replica/<region>" for replicas with backups.
  sim::StreamName stream_{""};
  std::array<sim::StreamName, 5> rng_streams_{stream_, stream_, stream_, stream_, stream_};
  std::vector<sim::StreamName> replica_streams_;
};

}  // namespace drsim::models::database

// Database: one RDS-style database in one trial.
// - Single-AZ: one instance. An instance failure is an outage until a replacement is up (on
//   the surviving storage, RPO 0); an AZ outage one until the AZ returns.
// - Multi-AZ: a primary and a synchronous standby in another AZ. Losing the primary starts an
//   automatic failover = detection + promotion + DNS, drawn per event, RPO 0. A failed instance
//   is replaced (`replace`) and becomes the new standby; a failure while there is no standby is
//   an outage until an instance is up again.
// - When no instance keeps the data (an AZ fire, a disaster, a storage failure of the last
//   copy) the loss is known once detected and acknowledged, and recovery starts then. Any other
//   outage waits `decide_after` (when the scenario has a region-failover response) for the
//   original to return. Recovery paths: PITR or snapshot restore in the home region, a restore
//   from a copy in another region, promotion of a cross-region replica. The response takes the
//   soonest path whose loss meets the tier's RPO target; for a known loss with none, the path
//   losing least; otherwise it waits for the original until the last moment at which the
//   soonest path (judged on its 95th-percentile duration) still meets the RTO target.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/backup/backup_catalog.h"
#include "models/backup/copy_queue.h"
#include "models/report/observations.h"
#include "models/response/restore_queue.h"
#include "models/scenario/scenario.h"
#include "models/topology/topology.h"
#include "sim/component.h"

namespace drsim::models::database {

struct ReplicaPlan {
  int region = 0;
  sim::Distribution lag;
  sim::Distribution promote;
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
  sim::Duration window_lo, window_hi;      // failover_window, for the timeline's verdict
  int tier = 3;                            // the most demanding tier of the services using it
  scenario::TierTarget target;             // that tier's targets
  std::optional<backup::BackupPlan> backup;
  std::vector<ReplicaPlan> replicas;
  ResponsePlan response;
};

// Invariant: at most one instance is primary; `writable_` iff a primary is up; an instance
// being promoted is up and is not the primary; `recovering_` only while down.
class Database : public sim::Component {
 public:
  // `copies` queues this trial's cross-region snapshot copies and `restores` tells how long a
  // restore would wait; either may be null (no queue: copies start at once, restores never wait).
  Database(const DatabasePlan& plan, const topology::Topology& topology, report::Recorder& recorder,
           backup::CopyQueue* copies = nullptr, const response::RestoreQueue* restores = nullptr);

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
                              kRandomStorageFailure, kRandomCopyFailure };
  static constexpr int kWriteQuorum = 4;
  static constexpr int kReadQuorum = 3;

  struct StorageCopy {
    int az = 0;
    bool available = true;
    bool destroyed = false;
    sim::EventId repair;
    sim::EventId failure;  // the next random destruction (a storage_failure process)
  };
  enum class Cause { kInstanceFailure, kStorageFailure, kAzOutage };

  struct Instance {
    int az = 0;
    bool up = true;
    bool has_data = true;             // false once its storage is destroyed
    bool az_dark = false;             // down because its AZ is dark; recovers when it returns
    bool awaiting_placement = false;  // replacement ready but no AZ to put it in
    sim::EventId failure;             // the next random failure
    sim::EventId storage_failure;     // the next random storage failure
    sim::EventId replacement;
  };

  // A way back for a database that is down.
  struct Path {
    enum class Kind { kHomeRestore, kCopyRestore, kReplica, kSwitchover } kind = Kind::kHomeRestore;
    int region = 0;
    sim::Duration loss;         // stopped committing - recovery point
    sim::Duration p95;          // what the decision assumes it takes (queue wait included)
    sim::Duration actual;       // what it will take (drawn when taken; silent corruption included)
    sim::Duration restore_p95;  // restores: p95 once a restore slot is free (execute included)
    sim::Duration replay;       // restores: the log replay part
    int replica = -1;           // replica promotions: which replica
    int corrupt_attempts = 0;
    bool blocked = false;       // its region's control plane cannot start it now
  };

  bool is_multi_az() const { return plan_.deployment != scenario::Deployment::kSingleAz; }
  bool has_shared_storage() const { return !copies_.empty(); }
  bool has_write_quorum() const;
  // Storage copies became (un)available: writes stop or resume with the quorum.
  void quorum_changed(sim::Context& ctx);
  void destroy_copy(sim::Context& ctx, size_t copy);
  bool any_copy_of_data() const;
  void instance_down(sim::Context& ctx, int i, Cause cause);
  void instance_up(sim::Context& ctx, int i);
  void order_replacement(sim::Context& ctx, int i);
  void start_failover(sim::Context& ctx);
  void finish_failover(sim::Context& ctx, int i);
  void place_replacement(sim::Context& ctx, int i);
  bool az_is_free_for(int az, int i) const;
  void schedule_random_failure(sim::Context& ctx, int i);
  // The next destruction of storage copy `copy` by a storage_failure process (Aurora).
  void schedule_copy_failure(sim::Context& ctx, size_t copy);
  std::optional<int> standby() const;
  // Called whenever the database may have become unable to serve without help.
  void after_outage_change(sim::Context& ctx);
  // A logical fault: every copy (standby, replicas) holds it at once. A deletion stops the
  // database now; a corruption keeps it serving bad data until it is noticed.
  void logical_fault(sim::Context& ctx, sim::Duration detect_after, bool deletion);
  // Takes the database down for good: its data cannot serve; the response restores it
  // after `delay` (detection and/or acknowledgement).
  void declare_loss(sim::Context& ctx, sim::Duration delay, const std::string& why);
  void become_writable(sim::Context& ctx, int primary, sim::Duration loss, const std::string& how);
  std::vector<Path> recovery_paths(sim::Context& ctx);
  void decide(sim::Context& ctx, bool deadline_reached);
  void take(sim::Context& ctx, const Path& chosen, const std::string& why);
  void finish_recovery(sim::Context& ctx);
  // A planned switchover of an aurora-global writer to the secondary in `region`.
  void switchover(sim::Context& ctx, int region, std::optional<sim::Duration> duration);
  // Adds `text` to the timeline when tracing. Build a costly text only when ctx.tracing().
  void say(sim::Context& ctx, std::string_view text);
  const std::string& az_name(int az) const { return topology_.az_name(az); }
  std::string describe(const Path& p) const;
  // How long replication between two regions had been cut at `t` (zero when it was not).
  sim::Duration partitioned_for(int region_a, int region_b, sim::SimTime t) const;
  bool can_start_in(int region) const {
    return control_plane_impaired_[static_cast<size_t>(region)] == 0;
  }

  const DatabasePlan& plan_;
  const topology::Topology& topology_;
  report::Recorder& recorder_;
  backup::CopyQueue* copies_queue_;
  const response::RestoreQueue* restores_;
  std::vector<bool> az_up_;                // by global AZ index, as last notified
  std::vector<bool> region_up_;            // by region
  std::vector<std::optional<sim::SimTime>> region_destroyed_at_;
  std::vector<int> control_plane_impaired_;  // by region: active impairments
  // Network partitions per region: (start, end or never), to know a replica's lag at a failure.
  std::vector<std::vector<std::pair<sim::SimTime, sim::SimTime>>> partitions_;
  int region_;                              // where the database runs now
  std::vector<int> replica_regions_;        // by replica: its region now (a switchover swaps)
  std::vector<Instance> instances_;
  std::vector<StorageCopy> copies_;  // Aurora's shared storage
  std::optional<int> primary_;
  std::optional<int> promoting_;
  sim::EventId failover_done_;
  report::FailoverRecord pending_failover_;
  bool writable_ = true;
  std::optional<sim::SimTime> stopped_at_;  // when writes stopped, while down
  bool lost_ = false;                       // no instance keeps the data
  std::optional<sim::SimTime> corrupt_from_;  // a logical fault: no copy after it is clean
  sim::EventId decide_, deadline_;
  std::optional<Path> recovering_;          // the path under way
  std::vector<std::optional<sim::Duration>> replica_lag_;  // drawn at the failure
  std::optional<backup::BackupCatalog> catalog_;
  sim::Rng failure_rng_{0}, failover_rng_{0}, replace_rng_{0}, response_rng_{0};
  sim::Rng storage_rng_{0};  // storage_failure processes
};

}  // namespace drsim::models::database

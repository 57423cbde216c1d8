// The typed notifications models exchange through the engine (sim::Notification.topic), and
// what their fields mean. Models never reach into each other's state; they publish these.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace drsim::models {

enum Topic : uint32_t {
  // FaultInjector -> AzState. subject: AZ index; a: 1 when the outage destroys the AZ's data
  // (fire). An outage of an AZ begins / ends (outages may overlap).
  kAzFaultBegin,
  kAzFaultEnd,
  // FaultInjector -> AzState. subject: region index. A region outage begins / ends (every AZ
  // of the region dark, data intact), or a disaster destroys the region for good.
  kRegionFaultBegin,
  kRegionFaultEnd,
  kRegionDisaster,
  // AzState -> everyone. subject: AZ index. The AZ went dark / came back / lost its data.
  kAzDown,
  kAzUp,
  kAzDestroyed,
  // AzState -> everyone. subject: region index. The region (its control plane and backup
  // storage) became unreachable / reachable again / was destroyed with its backup storage.
  kRegionDown,
  kRegionUp,
  kRegionDestroyed,
  // FaultInjector -> Database. subject: database index; a: 0 primary, 1 standby.
  kInstanceFault,
  // FaultInjector -> Database. subject: database index; a: detect_after in µs; b: 1 for a
  // deletion, 0 for a corruption. A logical fault, replicated to every copy at once.
  kLogicalFault,
  // FaultInjector -> AzState. subject: region index. Links of the region are cut / restored
  // (replication to and from it stalls; see topology::Reachability).
  kPartitionBegin,
  kPartitionEnd,
  // FaultInjector -> Database. subject: region index. The region's control plane cannot start
  // restores, promotions or new instances / can again.
  kControlPlaneBegin,
  kControlPlaneEnd,
  // FaultInjector -> Database. subject: database index; a: when the failure window ends (µs,
  // or -1: until the next snapshot). Snapshots due in the window are not taken.
  kBackupFailure,
  // Database -> services. subject: database index. The database stopped accepting writes; a: 1
  // when for a planned event (a failover test, a switchover), else 0.
  kDatabaseDown,
  // Database -> services. subject: database index; a: the data-loss window of the outage in
  // µs (the RPO); b: the writes lost (window x write rate, rounded), or -1 when the database
  // has no write rate and the window is not zero; c: how it came back, recovery_code().
  kDatabaseUp,
  // Database -> services. subject: database index. No copy survived: total loss.
  kDatabaseLost,
  // Database -> RestoreQueue. subject: database index; a: the restore's duration in µs;
  // b: the database's tier (lower tiers are served first); c: the 95th-percentile duration the
  // response assumes, in µs (what others judge the queue's backlog by).
  kRestoreRequest,
  // RestoreQueue -> Database. subject: database index. Its restore finished.
  kRestoreDone,
  // Database -> RestoreQueue. subject: database index. Its restore (waiting or running) is no
  // longer wanted: the original came back. The slot goes to the next restore.
  kRestoreCancel,
  // FaultInjector -> Database. subject: database index; a: the region index that takes the
  // writer; b: how long until the writer switches back, in µs, or -1: it stays. A planned
  // switchover to a cross-region replica (or aurora-global secondary): a region failover test.
  kSwitchover,
  // FaultInjector -> Database. subject: database index. A planned failover test: reboot the
  // primary with failover to its standby.
  kFailoverTest,
};

// How a data store (or a place a service runs in) came back: the path that ended its outage.
// The ids (recovery_path_id) are the tabletop's option ids, docs/tabletop.md, plus `failover`
// (the automatic failover to a synchronous standby), `switchover:REGION` (a planned one) and an
// object store's `switch:REGION`.
enum class RecoveryKind : uint8_t {
  kNone,              // not recovered (yet)
  kWait,              // the original returned: `wait`
  kFailover,          // automatic failover to a synchronous standby (or a failover test)
  kPitr,              // home-region backups, to a point in time
  kRestoreSnapshot,   // home-region snapshot alone
  kRestoreCopy,       // the snapshot copy (and copied logs) in a region
  kPromote,           // a cross-region replica (or Aurora Global secondary)
  kPromoteCopy,       // a local copy that is behind, in an AZ
  kSwitchover,        // a planned switchover to a region
  kReplicaPitr,       // a replica's own backups in its region, to a point in time
  kReplicaSnapshot,   // a replica's own snapshot in its region
  kSwitch,            // an object store switched to its replica's region
};

// What a recovery brought back: a data store (databases, then object stores), or a region or AZ
// some service runs in.
enum class RecoveryOf : uint8_t { kStore, kRegion, kAz };

// kDatabaseUp's c: the kind in the low byte, `where` + 1 above it. `where` is the region of the
// path (the AZ for kPromoteCopy), or -1 when the path has no place of its own.
constexpr int64_t recovery_code(RecoveryKind kind, int where = -1) {
  return static_cast<int64_t>(kind) | (static_cast<int64_t>(where) + 1) << 8;
}
constexpr RecoveryKind recovery_kind(int64_t code) { return static_cast<RecoveryKind>(code & 0xff); }
constexpr int recovery_where(int64_t code) { return static_cast<int>(code >> 8) - 1; }
// Whether recovery_where names an AZ (else a region).
constexpr bool recovery_where_is_az(RecoveryKind kind) { return kind == RecoveryKind::kPromoteCopy; }
// The path's id: "promote:us-west-2", "pitr", "failover"; empty for kNone. `where` names the
// region or AZ of recovery_where (ignored by the kinds that have none).
std::string recovery_path_id(RecoveryKind kind, std::string_view where);

}  // namespace drsim::models

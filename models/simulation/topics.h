// The typed notifications models exchange through the engine (sim::Notification.topic), and
// what their fields mean. Models never reach into each other's state; they publish these.
#pragma once

#include <cstdint>

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
  // has no write rate and the window is not zero.
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

}  // namespace drsim::models

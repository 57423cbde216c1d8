// Names of scenario enums, as the scenario files spell them.
#include "models/scenario/scenario.h"

namespace drsim::models::scenario {

std::string_view deployment_name(Deployment d) {
  switch (d) {
    case Deployment::kSingleAz: return "single-az";
    case Deployment::kMultiAz: return "multi-az";
    case Deployment::kMultiAzCluster: return "multi-az-cluster";
    case Deployment::kAurora: return "aurora";
    case Deployment::kAuroraGlobal: return "aurora-global";
  }
  return "?";
}

int az_count(Deployment d) {
  switch (d) {
    case Deployment::kSingleAz: return 1;
    case Deployment::kMultiAz: return 2;
    default: return 3;
  }
}

std::string_view fault_kind_name(FaultKind k) {
  switch (k) {
    case FaultKind::kInstanceFailure: return "instance_failure";
    case FaultKind::kStorageFailure: return "storage_failure";
    case FaultKind::kAzOutage: return "az_outage";
    case FaultKind::kRegionOutage: return "region_outage";
    case FaultKind::kDisaster: return "disaster";
    case FaultKind::kNetworkPartition: return "network_partition";
    case FaultKind::kDataCorruption: return "data_corruption";
    case FaultKind::kDataDeletion: return "data_deletion";
    case FaultKind::kBackupFailure: return "backup_failure";
    case FaultKind::kControlPlane: return "control_plane";
    case FaultKind::kSwitchover: return "switchover";
    case FaultKind::kFailoverTest: return "failover_test";
  }
  return "?";
}

}  // namespace drsim::models::scenario

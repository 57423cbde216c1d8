// The ids of recovery paths, as the tabletop, the incident CSV and Python name them.
#include "models/notifications/topics.h"

namespace drsim::models {

std::string recovery_path_id(RecoveryKind kind, std::string_view where) {
  const auto at = [where](std::string_view id) {
    std::string out(id);
    out += ':';
    out += where;
    return out;
  };
  switch (kind) {
    case RecoveryKind::kNone: return {};
    case RecoveryKind::kWait: return "wait";
    case RecoveryKind::kFailover: return "failover";
    case RecoveryKind::kPitr: return "pitr";
    case RecoveryKind::kRestoreSnapshot: return "restore-snapshot";
    case RecoveryKind::kRestoreCopy: return at("restore-copy");
    case RecoveryKind::kPromote: return at("promote");
    case RecoveryKind::kPromoteCopy: return at("promote-copy");
    case RecoveryKind::kSwitchover: return at("switchover");
    case RecoveryKind::kReplicaPitr: return at("pitr");
    case RecoveryKind::kReplicaSnapshot: return at("restore-snapshot");
    case RecoveryKind::kSwitch: return at("switch");
  }
  return {};
}

}  // namespace drsim::models

// Names of scenario enums, as the scenario files spell them, and the data stores' tiers.
#include "models/scenario/scenario.h"

#include <algorithm>
#include <string_view>

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

std::vector<int> data_store_tiers(const Scenario& s) {
  std::map<std::string_view, int> stores, services;
  for (size_t i = 0; i < s.databases.size(); ++i) stores.emplace(s.databases[i].name, static_cast<int>(i));
  for (size_t i = 0; i < s.object_stores.size(); ++i) {
    stores.emplace(s.object_stores[i].name, static_cast<int>(s.databases.size() + i));
  }
  for (size_t i = 0; i < s.services.size(); ++i) services.emplace(s.services[i].name, static_cast<int>(i));
  const int least = s.tiers.empty() ? 3 : s.tiers.rbegin()->first;
  std::vector<int> tier(s.databases.size() + s.object_stores.size(), least);
  std::map<int, std::vector<int>> by_tier;  // tier -> services of that tier
  for (size_t k = 0; k < s.services.size(); ++k) by_tier[s.services[k].tier].push_back(static_cast<int>(k));
  // Walking the dependency graph once per tier (most demanding first) keeps this linear.
  std::vector<char> seen(s.services.size(), 0);
  for (const auto& [t, roots] : by_tier) {  // ascending: the most demanding tier first
    std::vector<int> stack = roots;
    while (!stack.empty()) {
      const int k = stack.back();
      stack.pop_back();
      if (k < 0 || seen[static_cast<size_t>(k)]) continue;
      seen[static_cast<size_t>(k)] = 1;  // reached from a tier at least this demanding
      for (const std::string& u : s.services[static_cast<size_t>(k)].uses) {
        const auto it = stores.find(u);
        if (it != stores.end()) tier[static_cast<size_t>(it->second)] = std::min(tier[static_cast<size_t>(it->second)], t);
      }
      for (const std::string& dep : s.services[static_cast<size_t>(k)].depends_on) {
        const auto it = services.find(dep);
        stack.push_back(it == services.end() ? -1 : it->second);
      }
    }
  }
  return tier;
}

}  // namespace drsim::models::scenario

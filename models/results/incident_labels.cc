// The names incidents are told in, and how an incident ended in those names.
#include "models/results/incident_labels.h"

namespace drsim::models::results {

IncidentLabels incident_labels(const scenario::Scenario& s) {
  IncidentLabels l;
  for (const auto& svc : s.services) {
    l.services.push_back(svc.name);
    l.tiers.push_back(svc.tier);
  }
  for (const auto& db : s.databases) l.stores.push_back(db.name);
  for (const auto& store : s.object_stores) l.stores.push_back(store.name);
  for (const auto& region : s.regions) {
    l.regions.push_back(region.name);
    for (const auto& az : region.azs) l.azs.push_back(az);
  }
  return l;
}

const std::string& label(const std::vector<std::string>& names, int i) {
  static const std::string kNone;
  return i >= 0 && static_cast<size_t>(i) < names.size() ? names[static_cast<size_t>(i)] : kNone;
}

std::string incident_path(const observations::Incident& i, const IncidentLabels& labels) {
  if (i.path == RecoveryKind::kNone) return {};
  return recovery_path_id(i.path, label(recovery_where_is_az(i.path) ? labels.azs : labels.regions,
                                        i.path_where));
}

std::string incident_path_of(const observations::Incident& i, const IncidentLabels& labels) {
  if (i.path == RecoveryKind::kNone) return {};
  switch (i.path_of) {
    case RecoveryOf::kStore: return label(labels.stores, i.path_subject);
    case RecoveryOf::kRegion: return label(labels.regions, i.path_subject);
    case RecoveryOf::kAz: return label(labels.azs, i.path_subject);
  }
  return {};
}

}  // namespace drsim::models::results

// The name of a sweep point (docs/sweep.md, "Names"): what its settings change against the base
// scenario, in the words of the scenario: "tracker-db: replica us-west-2", "tracker-db: snapshot
// every 1h, copy_logs". Pure functions of JSON documents.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "models/sweep/setting.h"

namespace drsim::models::sweep {

// One change a setting makes at one place.
struct Change {
  // The name of the last element on the path that has a "name" ("tracker-db" for
  // `databases[*]` or `databases[tracker-db]`), or "" for a path through no named element.
  std::string owner;
  std::string what;  // the short key and the value: "snapshot every 1h", "multi-az", "no replicas"
  friend bool operator==(const Change&, const Change&) = default;
};

// What `values` (one per setting, in --set order) change in `base` at every place their settings
// select there, in --set order and then document order. A value equal to the base's at a place
// is no change; a key the base lacks is one. A place the settings do not select in `base` (a
// bad path: the sweep reports it) is skipped.
std::vector<Change> changes_from_base(const nlohmann::json& base,
                                      const std::vector<Setting>& settings,
                                      const std::vector<nlohmann::json>& values);

// The words for `value` at the place whose keys after its owner are `keys` (the last is the
// value's own key; an unnamed element's index follows its key, "replicas[0]"): the last key, led
// by its parent's ("snapshot every 1h"; not "backup", which says nothing), then the value.
// A `deployment` is its value alone ("multi-az"); true is the key ("copy_logs"), false "no
// copy_logs"; an array lists its elements' regions or names ("replica us-west-2", "replicas
// us-west-2, eu-west-1"; an empty one "no replicas"). REQUIRES: !keys.empty().
std::string change_words(const std::vector<std::string>& keys, const nlohmann::json& value);

// The changes as one name: grouped by owner in order of first appearance, each owner's changes
// joined by ", " after "owner: "; owners with the same changes share them ("db-a, db-b:
// multi-az"); groups joined by "; ". "" when there are no changes.
std::string name_of(const std::vector<Change>& changes);

}  // namespace drsim::models::sweep

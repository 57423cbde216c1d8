// Naming sweep points by what they change against the base scenario.
#include "models/sweep/point_name.h"

#include <algorithm>
#include <cctype>

#include "models/sweep/sweep.h"

namespace drsim::models::sweep {
namespace {

using nlohmann::json;

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(),
                                   [](unsigned char c) { return std::isdigit(c) != 0; });
}

// Walks `steps` through the base document read-only, reporting every place it selects with its
// owner and keys, and the base's value there (nullptr when the last key is missing).
class PlaceWalker {
 public:
  PlaceWalker(const std::vector<PathStep>& steps, const json& value, std::vector<Change>& out)
      : steps_(steps), value_(value), out_(out) {}

  void walk(const json& node, size_t i, const std::string& owner, std::vector<std::string> keys) {
    const PathStep& step = steps_[i];
    const bool last = i + 1 == steps_.size();
    if (step.kind == PathStep::Kind::kKey) {
      if (!node.is_object()) return;
      keys.push_back(step.text);
      const auto it = node.find(step.text);
      if (last) {
        place(it == node.end() ? nullptr : &*it, owner, keys);
      } else if (it != node.end()) {
        walk(*it, i + 1, owner, std::move(keys));
      }
      return;
    }
    if (!node.is_array()) return;
    for (size_t k = 0; k < node.size(); ++k) {
      const json& e = node[k];
      const bool named = e.is_object() && e.contains("name") && e["name"].is_string();
      const bool selected =
          step.kind == PathStep::Kind::kEvery ||
          (step.kind == PathStep::Kind::kIndex && step.index == k) ||
          (step.kind == PathStep::Kind::kName && named && e["name"] == step.text);
      if (!selected) continue;
      std::string element_owner = owner;
      std::vector<std::string> element_keys = keys;
      if (named) {
        element_owner = e["name"].get<std::string>();
        element_keys.clear();
      } else if (!element_keys.empty()) {
        element_keys.back() += "[" + std::to_string(k) + "]";
      }
      if (last) {
        // The element itself is replaced: name it by its array's key.
        place(&e, owner, keys.empty() ? std::vector<std::string>{"[" + std::to_string(k) + "]"}
                                      : keys);
      } else {
        walk(e, i + 1, element_owner, std::move(element_keys));
      }
      if (step.kind == PathStep::Kind::kName) return;  // names are unique
    }
  }

 private:
  void place(const json* was, const std::string& owner, const std::vector<std::string>& keys) {
    if (was != nullptr && *was == value_) return;
    out_.push_back({owner, change_words(keys, value_)});
  }

  const std::vector<PathStep>& steps_;
  const json& value_;
  std::vector<Change>& out_;
};

// The key as a person reads it: "snapshot every", "failover detect", "copy_logs", "tiers 1 rpo".
std::string short_key(const std::vector<std::string>& keys) {
  std::string out = keys.back();
  size_t at = keys.size() - 1;
  // A parent that is a number (`tiers.1.rpo`) says nothing alone: take its parent too.
  for (int taken = 0; at > 0 && taken < 2; ++taken) {
    const std::string& parent = keys[at - 1];
    if (parent == "backup") break;  // backup.copy_logs: "copy_logs" is enough
    out = parent + " " + out;
    --at;
    if (!all_digits(parent)) break;
  }
  return out;
}

// An array element as a word: its region or name, a string as it is, else compact JSON.
std::string element_word(const json& e) {
  if (e.is_string()) return e.get<std::string>();
  for (const char* key : {"region", "name"}) {
    if (e.is_object() && e.contains(key) && e[key].is_string()) return e[key].get<std::string>();
  }
  return e.dump();
}

}  // namespace

std::string change_words(const std::vector<std::string>& keys, const json& value) {
  const std::string key = short_key(keys);
  if (keys.back() == "deployment" && value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? key : "no " + key;
  if (value.is_null()) return "no " + key;
  if (value.is_array()) {
    if (value.empty()) return "no " + key;
    std::string head = key;
    if (value.size() == 1 && head.size() > 1 && head.back() == 's') head.pop_back();
    std::string list;
    for (const json& e : value) list += (list.empty() ? "" : ", ") + element_word(e);
    return head + " " + list;
  }
  return key + " " + value_text(value);
}

std::vector<Change> changes_from_base(const json& base, const std::vector<Setting>& settings,
                                      const std::vector<json>& values) {
  std::vector<Change> out;
  for (size_t k = 0; k < settings.size() && k < values.size(); ++k) {
    if (settings[k].steps.empty()) continue;
    PlaceWalker(settings[k].steps, values[k], out).walk(base, 0, "", {});
  }
  return out;
}

std::string name_of(const std::vector<Change>& changes) {
  // Each owner's changes, in order of first appearance.
  std::vector<std::pair<std::string, std::vector<std::string>>> by_owner;
  for (const Change& c : changes) {
    auto it = std::find_if(by_owner.begin(), by_owner.end(),
                           [&](const auto& g) { return g.first == c.owner; });
    if (it == by_owner.end()) it = by_owner.insert(by_owner.end(), {c.owner, {}});
    if (std::find(it->second.begin(), it->second.end(), c.what) == it->second.end()) {
      it->second.push_back(c.what);
    }
  }
  // Owners with the same changes share them: "db-a, db-b: multi-az".
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;
  for (const auto& entry : by_owner) {
    // Not a structured binding: clang 14 (the fuzz build) cannot capture one in a lambda.
    const std::string& owner = entry.first;
    const std::vector<std::string>& whats = entry.second;
    auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) {
      return g.second == whats && !owner.empty() && !g.first.empty();
    });
    if (it == groups.end()) {
      groups.push_back({owner, whats});
    } else {
      it->first += ", " + owner;
    }
  }
  std::string out;
  for (const auto& [owner, whats] : groups) {
    std::string text = owner.empty() ? "" : owner + ": ";
    for (size_t i = 0; i < whats.size(); ++i) text += (i ? ", " : "") + whats[i];
    out += (out.empty() ? "" : "; ") + text;
  }
  return out;
}

}  // namespace drsim::models::sweep

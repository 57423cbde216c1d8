// Scenario loading, the topology: regions with their AZs, the links between regions, and the
// name checks the later sections use.
#include "models/scenario/loader_parts.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace drsim::models::scenario::loading {

void Loader::read_regions(ObjectReader& r) {
  r.require("regions");
  std::vector<ObjectReader> regions = r.object_array("regions");
  if (r.has("regions") && r.value("regions")->is_array() && regions.empty()) {
    r.error("regions", "needs at least one region");
  }
  for (ObjectReader& region : regions) s_.regions.push_back(read_region(region));
}

Region Loader::read_region(ObjectReader& r) {
  Region region;
  region.name = r.required_string("name");
  if (!region.name.empty()) {
    if (const auto it = region_paths_.find(region.name); it != region_paths_.end()) {
      r.error("name", "duplicate region " + in_quotes(region.name) + " (first defined at " +
                          it->second + ")");
    } else {
      region_paths_.emplace(region.name, r.path_of("name"));
      region_names_.push_back(region.name);
    }
  }
  r.require("azs");
  region.azs = r.optional_string_array("azs").value_or(std::vector<std::string>{});
  if (r.has("azs") && r.value("azs")->is_array() && region.azs.empty()) {
    r.error("azs", "needs at least one AZ");
  }
  for (size_t i = 0; i < region.azs.size(); ++i) {
    define_az(region.azs[i], region.name, index_path(r.path_of("azs"), i));
  }
  r.finish();
  return region;
}

void Loader::define_az(const std::string& az, const std::string& region, const std::string& path) {
  if (az.empty()) return;
  if (const auto it = az_paths_.find(az); it != az_paths_.end()) {
    diag_.error(path, "duplicate AZ " + in_quotes(az) + " (first defined at " + it->second + ")");
    return;
  }
  az_paths_.emplace(az, path);
  az_names_.push_back(az);
  az_region_.emplace(az, region);
  if (!region.empty()) region_azs_[region].push_back(az);
}

// suggestion_suffix(), unless the problem will only be counted: a search over thousands of
// names for each of millions of problems would cost time for nothing.
std::string Loader::suggest(std::string_view word, const std::vector<std::string>& names) const {
  return diag_.is_full() ? "" : suggestion_suffix(word, names);
}

const DatabaseSpec* Loader::database_named(const std::string& name) const {
  const auto it = database_index_.find(name);
  return it == database_index_.end() || it->second >= s_.databases.size()
             ? nullptr
             : &s_.databases[it->second];
}

// Whether `name` is a defined region; reports it at `path` when not. An empty name was already
// reported by whoever read it.
bool Loader::check_region(const std::string& name, const std::string& path) {
  // With no region defined, "regions" itself has been reported; naming every reference to a
  // region as unknown would bury that one message.
  if (name.empty() || region_names_.empty()) return false;
  if (region_paths_.count(name)) return true;
  diag_.error(path, "unknown region " + in_quotes(name) + suggest(name, region_names_));
  return false;
}

void Loader::read_links(ObjectReader& r) {
  std::map<std::pair<std::string, std::string>, std::string> seen;  // sorted pair -> path
  for (ObjectReader& l : r.object_array("links")) {
    Link link = read_link(l);
    if (link.a.empty() || link.b.empty() || link.a == link.b) {
      s_.links.push_back(std::move(link));
      continue;
    }
    const auto key = std::minmax(link.a, link.b);
    if (const auto it = seen.find(key); it != seen.end()) {
      l.error_here("duplicate link between " + link.a + " and " + link.b + " (first defined at " +
                   it->second + ")");
    } else {
      seen.emplace(key, l.path());
    }
    s_.links.push_back(std::move(link));
  }
}

Link Loader::read_link(ObjectReader& r) {
  Link link;
  r.require("between");
  if (const json* between = r.value("between")) {
    const std::string path = r.path_of("between");
    const auto is_name = [](const json& v) {
      return v.is_string() && !v.get_ref<const std::string&>().empty();
    };
    if (!between->is_array() || between->size() != 2 || !is_name((*between)[0]) ||
        !is_name((*between)[1])) {
      diag_.error(path, "expected two region names such as [\"us-east-1\", \"us-west-2\"], got " +
                            describe_json(*between));
    } else {
      link.a = (*between)[0].get<std::string>();
      link.b = (*between)[1].get<std::string>();
      const bool a_ok = check_region(link.a, index_path(path, 0));
      const bool b_ok = check_region(link.b, index_path(path, 1));
      if (a_ok && b_ok && link.a == link.b) {
        diag_.error(path,
                    "a link joins two different regions, got " + in_quotes(link.a) + " twice");
      }
    }
  }
  link.latency = r.required_duration("latency");
  r.require("bandwidth");
  link.bandwidth_bytes_per_s = positive_throughput(r, "bandwidth").value_or(0);
  r.finish();
  return link;
}

std::optional<double> Loader::positive_throughput(ObjectReader& r, std::string_view key) {
  const std::optional<double> value = r.optional_throughput(key);
  if (value && *value <= 0) {
    r.error(key, "expected a throughput greater than zero, got " + describe_json(*r.value(key)));
    return std::nullopt;
  }
  return value;
}

}  // namespace drsim::models::scenario::loading

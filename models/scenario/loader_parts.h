// Internal to the loader (models/scenario/loader*.cc): the Loader class, whose sections are
// defined one file each, and the helpers those files share. Nothing else includes it.
#pragma once

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/graph/adjacency_list.hpp>
#include <nlohmann/json.hpp>

#include "models/scenario/loader.h"
#include "models/scenario/object_reader.h"
#include "sim/check.h"
#include "sim/time.h"

namespace drsim::models::scenario::loading {

using nlohmann::json;
using sim::Duration;

constexpr size_t kPathBytes = 1024;      // file paths in messages are cut only beyond this
constexpr size_t kMaxTraceProblems = 5;  // per trace file
constexpr std::string_view kDefaultStart = "2026-01-05T00:00:00Z";  // a Monday, midnight UTC
constexpr std::string_view kTraceHeader = "start_time,end_time,status,service";
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// The text of a file, or why it cannot be read ("it is a directory", "No such file or
// directory", "it is 150000001 bytes, more than the limit of ...").
struct FileText {
  std::string text;
  std::optional<std::string> problem;
};

// loader.cc
std::string fmt(Duration d);
std::string join_and(const std::vector<std::string>& items);
std::string with_article(std::string_view word);
std::string join_comma(const std::vector<std::string>& items);

// loader_text.cc
std::string too_large(uint64_t size, uint64_t max_bytes);
FileText read_capped(const std::string& path, uint64_t max_bytes, bool regular_only);
std::pair<size_t, size_t> line_and_column(std::string_view text, size_t offset);

// The scenario text parsed, duplicate keys reported to `diag`. Throws ScenarioError for malformed
// JSON ("FILE:LINE:COL: malformed JSON: ...") and for text beyond a limit of limits.h.
json parse_document(std::string_view text, const std::string& label, Diagnostics& diag);

template <typename E>
std::vector<std::string> names_of(const std::vector<std::pair<std::string, E>>& table) {
  std::vector<std::string> out;
  for (const auto& entry : table) out.push_back(entry.first);
  return out;
}

// Reads the required enumeration `key`; `what` names it in messages ("deployment").
template <typename E>
std::optional<E> read_enum(ObjectReader& r, std::string_view key, std::string_view what,
                           const std::vector<std::pair<std::string, E>>& table) {
  const std::span<const std::string_view> listed = r.spec(key).value.enum_values;
  DRSIM_CHECK(std::equal(listed.begin(), listed.end(), table.begin(), table.end(),
                         [](std::string_view a, const auto& b) { return a == b.first; }))
      << "the values of key \"" << key << "\" in models/scenario/keys.cc are not the loader's";
  const std::string text = r.required_string(key);
  if (text.empty()) return std::nullopt;
  for (const auto& [name, value] : table) {
    if (name == text) return value;
  }
  r.error(key, "unknown " + std::string(what) + " " + in_quotes(text) +
                   suggestion_suffix(text, names_of(table)));
  return std::nullopt;
}

using DependencyGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

// Reads a whole scenario. Names are checked as soon as what they refer to has been read, which
// the order of read() guarantees: regions, links, databases, object stores, services, response,
// faults.
class Loader {
 public:
  Loader(Diagnostics& diag, std::string base_dir, const LoadOptions& options)
      : diag_(diag), base_dir_(std::move(base_dir)), options_(options) {}
  Scenario read(const json& root);

 private:
  // ---- Top-level settings (loader_settings.cc) ----
  void read_settings(ObjectReader& r);
  std::optional<uint64_t> read_seed(ObjectReader& r);
  void read_costs(ObjectReader& r);
  void read_tiers(ObjectReader& r);
  void read_failover_window(ObjectReader& r);

  // ---- Regions and links (loader_regions.cc) ----
  void read_regions(ObjectReader& r);
  Region read_region(ObjectReader& r);
  void define_az(const std::string& az, const std::string& region, const std::string& path);
  std::string suggest(std::string_view word, const std::vector<std::string>& names) const;
  bool is_database(const std::string& name) const { return database_index_.count(name) > 0; }
  const DatabaseSpec* database_named(const std::string& name) const;
  bool check_region(const std::string& name, const std::string& path);
  void read_links(ObjectReader& r);
  Link read_link(ObjectReader& r);
  std::optional<double> positive_throughput(ObjectReader& r, std::string_view key);

  // ---- Databases and object stores (loader_stores.cc) ----
  DatabaseSpec read_database(ObjectReader& r);
  std::optional<std::string> read_instance_class(ObjectReader& r);
  bool claim_name(const std::string& name, const std::string& path);
  void define_store(const std::string& name, const std::string& path, bool is_database);
  std::vector<std::string> read_database_azs(ObjectReader& r, const std::string& region,
                                             std::optional<Deployment> deployment);
  void check_az_in_region(const std::string& az, const std::string& region,
                          const std::string& path);
  FailoverSpec read_failover(ObjectReader& r, Deployment deployment);
  std::vector<ReplicaSpec> read_replicas(ObjectReader& r, const std::string& db_region);
  BackupSpec read_backup(ObjectReader& r, const std::string& db_region);
  SnapshotSpec read_snapshot(ObjectReader& r);
  std::vector<std::string> read_copy_to(ObjectReader& r, const std::string& db_region);
  void check_restore_transfer(ObjectReader& r, const DatabaseSpec& d,
                              const std::optional<BackupSpec>& backup,
                              const std::string& backup_path);
  RestoreSpec read_restore(ObjectReader& r);
  ObjectStoreSpec read_object_store(ObjectReader& r);
  std::optional<std::string> optional_name(ObjectReader& r, std::string_view key);

  // ---- Services and the response (loader_services.cc) ----
  void read_services(ObjectReader& r);
  ServiceSpec read_service(ObjectReader& r);
  void define_service(const std::string& name, const std::string& path);
  void check_depends_on(size_t i, const std::string& path);
  DependencyGraph dependency_graph() const;
  void report_dependency_cycles();
  ResponseSpec read_response(ObjectReader& r);

  // ---- Faults (loader_faults.cc) ----
  FaultSpec read_fault(ObjectReader& r);
  void read_fault_switchover(ObjectReader& r, FaultSpec& f, std::optional<FaultKind> kind);
  void not_for_kind(ObjectReader& r, std::string_view key, std::string_view kinds, FaultKind k);
  void check_fault_target(ObjectReader& r, FaultKind kind, const std::string& target);
  void read_fault_timing(ObjectReader& r, FaultSpec& f, std::optional<FaultKind> kind);
  void check_fault_rate(ObjectReader& r, std::string_view key, double per_s);
  void read_fault_duration(ObjectReader& r, FaultSpec& f, std::optional<FaultKind> kind);
  void read_fault_instance(ObjectReader& r, FaultSpec& f, std::optional<FaultKind> kind);
  void check_has_standby(ObjectReader& r, const std::string& target);
  void read_fault_logical(ObjectReader& r, FaultSpec& f, std::optional<FaultKind> kind);
  FaultScope read_scope(const json& v, const std::string& path);

  // ---- Trace files (loader_traces.cc) ----
  std::vector<TraceRow> read_trace(const std::string& file, const std::string& path);
  bool is_allowed(const std::filesystem::path& real);
  std::vector<TraceRow> read_trace_rows(std::string_view text, const std::string& label,
                                        const std::string& path);

  Diagnostics& diag_;
  const std::string base_dir_;
  const LoadOptions& options_;
  // The scenario's folder and the allowed directories, canonical; computed at the first trace.
  std::optional<std::vector<std::filesystem::path>> allowed_dirs_;
  Scenario s_;
  // What the scenario defines so far: names in file order (for suggestions) and the path where
  // each is defined (for duplicates).
  std::map<std::string, std::string> region_paths_, az_paths_, name_paths_;
  std::map<std::string, std::string> az_region_;
  std::map<std::string, std::vector<std::string>> region_azs_;
  std::map<std::string, size_t> service_index_, database_index_;
  std::set<std::string, std::less<>> object_store_set_;
  std::vector<std::string> region_names_, az_names_, store_names_, database_names_,
      object_store_names_, service_names_;
};

}  // namespace drsim::models::scenario::loading

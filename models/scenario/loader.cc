// Scenario loading: parses the JSON (line and column for malformed text, paths for duplicate
// keys), reads every key of DESIGN.md §3 with ObjectReader, checks names and cross-references, and
// reports all problems of the file at once. This file holds the entry points, the order of the
// sections and the warnings; each section is read in its own loader_*.cc (loader_parts.h).
#include "models/scenario/loader.h"

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "models/scenario/keys.h"
#include "models/scenario/loader_parts.h"
#include "models/scenario/object_reader.h"
#include "models/scenario/writer.h"

namespace drsim::models::scenario {
namespace loading {

std::string fmt(Duration d) { return format_duration_exact(d); }

// "a", "a and b", "a, b and c".
std::string join_and(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

// "an az_outage", "a disaster".
std::string with_article(std::string_view word) {
  const bool vowel =
      !word.empty() && std::string_view("aeiou").find(word[0]) != std::string_view::npos;
  return (vowel ? "an " : "a ") + std::string(word);
}

std::string join_comma(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i > 0 ? ", " : "") + items[i];
  return out;
}

Scenario Loader::read(const json& root) {
  ObjectReader r(root, "", diag_, scenario_keys());
  read_settings(r);
  read_regions(r);
  read_links(r);
  std::vector<ObjectReader> databases = r.object_array("databases");
  s_.databases.reserve(databases.size());
  for (ObjectReader& d : databases) s_.databases.push_back(read_database(d));
  std::vector<ObjectReader> stores = r.object_array("object_stores");
  s_.object_stores.reserve(stores.size());
  for (ObjectReader& o : stores) s_.object_stores.push_back(read_object_store(o));
  read_services(r);
  if (std::optional<ObjectReader> resp = r.object("response")) s_.response = read_response(*resp);
  for (ObjectReader& f : r.object_array("faults")) s_.faults.push_back(read_fault(f));
  r.finish();
  return std::move(s_);
}

}  // namespace loading

namespace {

using loading::FileText;
using loading::fmt;
using loading::json;
using loading::line_and_column;
using loading::Loader;
using loading::parse_document;
using loading::read_capped;
using loading::too_large;

// The problems of `diag` as a ScenarioError: the first kMaxProblems, then a count of the rest.
ScenarioError error_of(const Diagnostics& diag) {
  std::vector<std::string> problems = diag.problems();
  if (diag.count() > problems.size()) {
    const size_t more = diag.count() - problems.size();
    problems.push_back(diag.file() + ": ... and " + std::to_string(more) + " more problems");
  }
  return ScenarioError(std::move(problems));
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) out += (i > 0 ? "\n" : "") + lines[i];
  return out;
}

// ---- Warnings ----

std::string element(std::string_view list, size_t i, const std::string& name) {
  return index_path(list, i) + " (" + in_quotes(name) + ")";
}

void warn_backup(const DatabaseSpec& d, const std::string& who, std::vector<std::string>& out) {
  if (!d.backup) {
    out.push_back(who + ": no backup key, so the database has no backups at all");
    return;
  }
  const BackupSpec& b = *d.backup;
  if (!b.snapshot) {
    out.push_back(who + ": backup has no snapshot, so there is no backup to restore from");
  } else if (b.snapshot->retention < b.snapshot->every) {
    out.push_back(who + ": backup.snapshot.retention (" + fmt(b.snapshot->retention) +
                  ") is shorter than every (" + fmt(b.snapshot->every) +
                  "), so at times no snapshot is kept");
  }
  if (b.copy_to.empty() && (b.copy_delay || b.copy_logs)) {
    out.push_back(who + ": backup.copy_delay and copy_logs have no effect without copy_to");
  }
  for (size_t k = 0; k < d.replicas.size(); ++k) {
    const std::optional<BackupSpec>& rb = d.replicas[k].backup;
    if (rb && !rb->snapshot) {
      out.push_back(who + ": replicas[" + std::to_string(k) +
                    "].backup has no snapshot, so there is no backup to restore from");
    } else if (rb && rb->snapshot->retention < rb->snapshot->every) {
      out.push_back(who + ": replicas[" + std::to_string(k) + "].backup.snapshot.retention (" +
                    fmt(rb->snapshot->retention) + ") is shorter than every (" +
                    fmt(rb->snapshot->every) + "), so at times no snapshot is kept");
    }
  }
}

std::set<std::string> used_stores(const Scenario& s) {
  std::set<std::string> used;
  for (const ServiceSpec& svc : s.services) used.insert(svc.uses.begin(), svc.uses.end());
  return used;
}

}  // namespace

ScenarioError::ScenarioError(std::vector<std::string> problems)
    : std::runtime_error(joined(problems)), problems_(std::move(problems)) {}

Scenario load_scenario_text(std::string_view text, const std::string& file_label,
                            const std::string& base_dir, const LoadOptions& options) {
  // Messages name the file as a terminal can show it (a file name need not be UTF-8).
  const std::string label = printable(file_label);
  if (text.size() > kMaxScenarioFileBytes) {
    throw ScenarioError({label + ": " + too_large(text.size(), kMaxScenarioFileBytes)});
  }
  if (const size_t nul = text.find('\0'); nul != std::string_view::npos) {
    const auto [line, column] = line_and_column(text, nul);
    throw ScenarioError({label + ":" + std::to_string(line) + ":" + std::to_string(column) +
                         ": malformed JSON: a NUL byte, which JSON text never holds (nothing "
                         "after it is read)"});
  }
  Diagnostics diag(label);
  const json root = parse_document(text, label, diag);
  if (!root.is_object()) {
    diag.error("", "expected a JSON object holding the scenario, got " + describe_json(root));
    throw error_of(diag);
  }
  Scenario s = Loader(diag, base_dir, options).read(root);
  if (diag.has_problems()) throw error_of(diag);
  s.file = file_label;
  return s;
}

std::string read_scenario_file_text(const std::string& path) {
  FileText file = read_capped(path, kMaxScenarioFileBytes, /*regular_only=*/false);
  if (file.problem) {
    throw ScenarioError({printable(path) + ": cannot read file: " + *file.problem});
  }
  return std::move(file.text);
}

Scenario load_scenario_file(const std::string& path, const LoadOptions& options) {
  return load_scenario_text(read_scenario_file_text(path), path,
                            std::filesystem::path(path).parent_path().string(), options);
}

std::vector<std::string> scenario_warnings(const Scenario& s) {
  std::vector<std::string> out;
  if (s.start_epoch_s % 86400 != 0) {
    out.push_back("start: " + format_utc_instant(s.start_epoch_s) +
                  " is not midnight UTC, so offsets such as a fault's \"at\" do not line up "
                  "with times of day such as a snapshot's \"at\"");
  }
  const std::set<std::string> used = used_stores(s);
  for (size_t i = 0; i < s.databases.size(); ++i) {
    const DatabaseSpec& d = s.databases[i];
    const std::string who = element("databases", i, d.name);
    warn_backup(d, who, out);
    if (d.deployment == Deployment::kAuroraGlobal && d.replicas.empty()) {
      out.push_back(who +
                    ": aurora-global with no replicas has no secondary region, so it protects "
                    "like aurora (add a replica in another region)");
    }
    if (!used.count(d.name)) {
      out.push_back(who + ": no service uses it, so its outages count against no tier");
    }
  }
  for (size_t i = 0; i < s.object_stores.size(); ++i) {
    if (!used.count(s.object_stores[i].name)) {
      out.push_back(element("object_stores", i, s.object_stores[i].name) +
                    ": no service uses it, so its outages count against no tier");
    }
  }
  for (size_t i = 0; i < s.faults.size(); ++i) {
    const FaultSpec& f = s.faults[i];
    // Samples are never negative: a distribution whose quantile that close to 1 is 0 (the
    // largest value of an empirical list, the upper bound of a uniform) is always 0.
    if (f.duration && f.duration->quantile_s(1 - 1e-12) == 0) {
      out.push_back(index_path("faults", i) + " (" + std::string(fault_kind_name(f.kind)) + " of " +
                    in_quotes(f.target) +
                    "): duration is always 0s, so each occurrence ends the moment it starts");
    }
  }
  if (s.services.empty()) out.push_back("services: none, so no tier has incidents to report");
  if (s.faults.empty()) out.push_back("faults: none, so nothing fails in any trial");
  return out;
}

}  // namespace drsim::models::scenario

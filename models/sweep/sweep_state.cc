#include "models/sweep/sweep_state.h"

#include <map>

#include "models/report/state.h"
#include "models/scenario/loader.h"
#include "sim/check.h"

namespace drsim::models::sweep {
namespace {

using nlohmann::json;
using scenario::ScenarioError;

constexpr const char* kFormat = "drsim-sweep-state";

// Reads the members of one object, naming `source` and the JSON path in every problem.
class Fields {
 public:
  Fields(const json& doc, std::string source, std::string path)
      : doc_(doc), source_(std::move(source)), path_(std::move(path)) {
    if (!doc_.is_object()) fail("expected an object");
  }
  [[noreturn]] void fail(const std::string& why) const {
    throw ScenarioError({source_ + ": " + (path_.empty() ? "" : path_ + ": ") + why});
  }
  const json& at(const std::string& key) const {
    const auto it = doc_.find(key);
    if (it == doc_.end()) fail("missing \"" + key + "\"");
    return *it;
  }
  uint64_t u64(const std::string& key) const {
    const json& v = at(key);
    if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<int64_t>() >= 0)) {
      Fields(doc_, source_, sub(key)).fail("expected a whole number");
    }
    return v.get<uint64_t>();
  }
  std::string text(const std::string& key) const {
    const json& v = at(key);
    if (!v.is_string()) Fields(doc_, source_, sub(key)).fail("expected a string");
    return v.get<std::string>();
  }
  std::string sub(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

 private:
  const json& doc_;
  std::string source_, path_;
};

}  // namespace

json sweep_state_to_json(const SweepState& s) {
  json points = json::array();
  for (const std::optional<results::Results>& p : s.points) {
    points.push_back(p ? report::results_to_state(*p) : json(nullptr));
  }
  return json{{"format", kFormat},
              {"version", kSweepStateVersion},
              {"scenario", s.scenario},
              {"scenario_hash", report::hex64(s.scenario_hash)},
              {"sets", s.sets},
              {"seed", s.seed},
              {"trials", s.trials},
              {"shard", {{"index", s.shard.index}, {"count", s.shard.count}}},
              {"partial", s.partial},
              {"points", std::move(points)},
              {"base", s.base ? report::results_to_state(*s.base) : json(nullptr)}};
}

bool is_sweep_state(const json& doc) {
  return doc.is_object() && doc.contains("format") && doc["format"] == kFormat;
}

SweepState sweep_state_from_json(const json& doc, const std::string& source) {
  const Fields top(doc, source, "");
  if (!is_sweep_state(doc))
    top.fail("not a drsim sweep state file (drsim sweep --state writes them)");
  if (top.u64("version") != static_cast<uint64_t>(kSweepStateVersion)) {
    top.fail("sweep state version " + std::to_string(top.u64("version")) +
             ", but this drsim reads " + std::to_string(kSweepStateVersion) +
             ": run the shards again");
  }
  SweepState s;
  s.scenario = top.text("scenario");
  const std::string hash = top.text("scenario_hash");
  try {
    size_t used = 0;
    s.scenario_hash = std::stoull(hash, &used, 16);
    if (used != hash.size() || hash.size() != 16) throw std::invalid_argument(hash);
  } catch (const std::exception&) {
    Fields(doc, source, "scenario_hash").fail("expected 16 hexadecimal digits");
  }
  const json& sets = top.at("sets");
  if (!sets.is_array()) Fields(doc, source, "sets").fail("expected an array of strings");
  for (const json& v : sets) {
    if (!v.is_string()) Fields(doc, source, "sets").fail("expected an array of strings");
    s.sets.push_back(v.get<std::string>());
  }
  s.seed = top.u64("seed");
  s.trials = top.u64("trials");
  const Fields shard(top.at("shard"), source, "shard");
  s.shard = {shard.u64("index"), shard.u64("count")};
  if (s.shard.count == 0 || s.shard.index >= s.shard.count) shard.fail("expected index < count");
  if (const auto partial = doc.find("partial"); partial != doc.end()) {  // absent before Ctrl-C
    if (!partial->is_boolean()) Fields(doc, source, "partial").fail("expected true or false");
    s.partial = partial->get<bool>();
  }
  const json& points = top.at("points");
  if (!points.is_array()) Fields(doc, source, "points").fail("expected an array");
  for (size_t i = 0; i < points.size(); ++i) {
    if (points[i].is_null()) {
      s.points.emplace_back();
      continue;
    }
    s.points.push_back(
        report::results_from_state(points[i], source + ": points[" + std::to_string(i) + "]"));
  }
  const json& base = top.at("base");
  if (!base.is_null()) s.base = report::results_from_state(base, source + ": base");
  return s;
}

SweepResult merge_sweep_shards(const std::vector<SweepState>& parts,
                               const std::vector<std::string>& sources) {
  DRSIM_CHECK(parts.size() == sources.size()) << parts.size() << " parts, " << sources.size();
  if (parts.empty()) throw ScenarioError({"merge: no parts given"});
  const SweepState& first = parts[0];
  std::vector<std::string> problems;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].partial) {
      problems.push_back(sources[i] + ": is partial (the shard was interrupted): run it again");
    }
  }
  if (!problems.empty()) throw ScenarioError(problems);
  for (size_t i = 1; i < parts.size(); ++i) {
    const SweepState& p = parts[i];
    if (p.scenario_hash != first.scenario_hash || p.sets != first.sets ||
        p.points.size() != first.points.size()) {
      problems.push_back(sources[i] + ": is a shard of another sweep than " + sources[0] +
                         " (scenario, settings or points differ)");
    }
  }
  if (!problems.empty()) throw ScenarioError(problems);

  // The points as the one-process sweep prepares them; the file must be the one the shards ran.
  const SweepBase base = load_sweep_base(first.scenario);
  if (results::scenario_hash(base.scenario) != first.scenario_hash) {
    throw ScenarioError({first.scenario + ": the scenario changed since the shards ran (" +
                         sources[0] + " was written for scenario hash " +
                         report::hex64(first.scenario_hash) + "); run the shards again"});
  }
  std::vector<Setting> settings;
  for (const std::string& arg : first.sets) settings.push_back(parse_setting(arg));
  const SweepOptions options{first.trials, first.seed, 1};
  SweepResult r = prepare_sweep(base, std::move(settings), options);
  if (r.points.size() != first.points.size()) {
    throw ScenarioError({sources[0] + ": holds " + std::to_string(first.points.size()) +
                         " points, but the sweep has " + std::to_string(r.points.size())});
  }
  // Each valid point's shards, joined and checked as `drsim merge` joins a run's.
  std::map<size_t, results::Results> joined;
  for (const SweepPoint& point : r.points) {
    std::vector<results::Results> shards;
    std::vector<std::string> names;
    for (size_t i = 0; i < parts.size(); ++i) {
      const std::optional<results::Results>& mine = parts[i].points[point.index];
      if (mine.has_value() != point.valid()) {
        problems.push_back(sources[i] + ": point " + std::to_string(point.index) +
                           (point.valid() ? " has no results, but it is valid"
                                          : " has results, but it is not valid"));
        continue;
      }
      if (!mine) continue;
      shards.push_back(*mine);
      names.push_back(sources[i] + " (point " + std::to_string(point.index) + ")");
    }
    if (!point.valid() || shards.size() != parts.size()) continue;
    try {
      joined.emplace(point.index, report::merge_shards(shards, names));
    } catch (const ScenarioError& e) {
      problems.insert(problems.end(), e.problems().begin(), e.problems().end());
      break;  // every point has the same shards: once is enough
    }
  }
  // The separate base, joined as a point is.
  std::optional<results::Results> base_results;
  if (problems.empty() && r.base) {
    std::vector<results::Results> shards;
    std::vector<std::string> names;
    for (size_t i = 0; i < parts.size(); ++i) {
      if (!parts[i].base) {
        problems.push_back(sources[i] + ": has no results for the base scenario, which no point "
                           "of the sweep is");
        continue;
      }
      shards.push_back(*parts[i].base);
      names.push_back(sources[i] + " (base)");
    }
    if (problems.empty()) {
      try {
        base_results = report::merge_shards(shards, names);
      } catch (const ScenarioError& e) {
        problems.insert(problems.end(), e.problems().begin(), e.problems().end());
      }
    }
  } else if (problems.empty()) {
    for (size_t i = 0; i < parts.size(); ++i) {
      if (parts[i].base) {
        problems.push_back(sources[i] + ": has results for a separate base, but a point of the "
                           "sweep is the base");
      }
    }
  }
  if (!problems.empty()) throw ScenarioError(problems);
  simulate_sweep(r, options, nullptr, [&](const SweepPoint& p) {
    return p.is_base ? std::move(*base_results) : std::move(joined.at(p.index));
  });
  return r;
}

}  // namespace drsim::models::sweep

// Points of a sweep: building, validating, simulating and choosing.
#include "models/sweep/sweep.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "models/report/chain_figures.h"
#include "models/results/results.h"
#include "models/scenario/loader.h"
#include "models/scenario/object_reader.h"
#include "models/simulation/simulation.h"
#include "models/simulation/work_estimate.h"
#include "models/sweep/point_name.h"

namespace drsim::models::sweep {

using nlohmann::json;
using scenario::ScenarioError;

SweepBase sweep_base_from_text(std::string_view text, const std::string& file_label,
                               const std::string& base_dir, const scenario::LoadOptions& options) {
  SweepBase b;
  b.file = file_label;
  b.base_dir = base_dir;
  b.load_options = options;
  // The loader reports malformed JSON with its line and column; only then is the text parsed here.
  b.scenario = scenario::load_scenario_text(text, file_label, base_dir, options);
  b.document = json::parse(text, nullptr, /*allow_exceptions=*/true, /*ignore_comments=*/true);
  return b;
}

SweepBase load_sweep_base(const std::string& path, const scenario::LoadOptions& options) {
  return sweep_base_from_text(scenario::read_scenario_file_text(path), path,
                              std::filesystem::path(path).parent_path().string(), options);
}

std::vector<std::vector<size_t>> cartesian_product(const std::vector<Setting>& settings) {
  size_t count = 1;
  for (const Setting& s : settings) {
    count *= s.values.size();
    if (count > kMaxPoints) {
      throw ScenarioError({"--set: the settings make more than " + std::to_string(kMaxPoints) +
                           " points; sweep fewer values at once"});
    }
  }
  std::vector<std::vector<size_t>> out;
  std::vector<size_t> at(settings.size(), 0);
  for (size_t n = 0; n < count; ++n) {
    out.push_back(at);
    for (size_t k = settings.size(); k-- > 0;) {  // the last setting varies fastest
      if (++at[k] < settings[k].values.size()) break;
      at[k] = 0;
    }
  }
  return out;
}

json point_document(const json& base, const std::vector<Setting>& settings,
                    const std::vector<json>& values) {
  json doc = base;
  for (size_t k = 0; k < settings.size(); ++k) apply_setting(doc, settings[k], values[k]);
  return doc;
}

namespace {

std::optional<scenario::Deployment> deployment_of(const json& db) {
  if (!db.is_object() || !db.contains("deployment") || !db["deployment"].is_string()) return {};
  for (scenario::Deployment d :
       {scenario::Deployment::kSingleAz, scenario::Deployment::kMultiAz,
        scenario::Deployment::kMultiAzCluster, scenario::Deployment::kAurora,
        scenario::Deployment::kAuroraGlobal}) {
    if (db["deployment"] == scenario::deployment_name(d)) return d;
  }
  return {};
}

// The AZs of region `name` in `doc`, or none.
std::vector<json> region_azs(const json& doc, const json& name) {
  if (!doc.contains("regions") || !doc["regions"].is_array()) return {};
  for (const json& r : doc["regions"]) {
    if (r.is_object() && r.contains("name") && r["name"] == name && r.contains("azs") &&
        r["azs"].is_array()) {
      return r["azs"].get<std::vector<json>>();
    }
  }
  return {};
}

}  // namespace

std::vector<std::string> fit_azs(const json& base, json& doc) {
  std::vector<std::string> out;
  if (!doc.contains("databases") || !doc["databases"].is_array() || !base.contains("databases") ||
      !base["databases"].is_array()) {
    return out;
  }
  json& dbs = doc["databases"];
  for (size_t i = 0; i < dbs.size() && i < base["databases"].size(); ++i) {
    json& db = dbs[i];
    const json& was = base["databases"][i];
    const std::optional<scenario::Deployment> d = deployment_of(db);
    if (!d || deployment_of(was) == d || !db.contains("azs") || !db["azs"].is_array() ||
        !was.is_object() || !was.contains("azs") || db["azs"] != was["azs"] ||
        !db.contains("region")) {
      continue;
    }
    const auto needed = static_cast<size_t>(scenario::az_count(*d));
    std::vector<json> azs = db["azs"].get<std::vector<json>>();
    if (azs.size() == needed) continue;
    if (azs.size() > needed) azs.resize(needed);
    for (const json& az : region_azs(doc, db["region"])) {
      if (azs.size() >= needed) break;
      if (std::find(azs.begin(), azs.end(), az) == azs.end()) azs.push_back(az);
    }
    if (azs.size() != needed) continue;
    db["azs"] = azs;
    out.push_back(scenario::index_path("databases", i) + ".azs: " + db["azs"].dump() + " for " +
                  std::string(scenario::deployment_name(*d)));
  }
  return out;
}

namespace {

// Loads, plans and prices `doc` as point `p`, or records its problems. Sets `same_as_base` when
// the point's scenario is the base's.
void prepare_point(const SweepBase& base, const json& doc, const SweepOptions& options,
                   const std::vector<std::string>& base_warnings, SweepPoint& p,
                   bool& same_as_base) {
  same_as_base = false;
  try {
    const scenario::Scenario s =
        scenario::load_scenario_text(doc.dump(), base.file, base.base_dir, base.load_options);
    same_as_base = s == base.scenario;
    for (std::string& w : scenario::scenario_warnings(s)) {
      if (std::find(base_warnings.begin(), base_warnings.end(), w) == base_warnings.end()) {
        p.warnings.push_back(std::move(w));
      }
    }
    p.plan = std::make_unique<Plan>(make_plan(s));
    if (!options.allow_huge) check_work(*p.plan, options.threads, "--allow-huge");
    p.seed = options.seed.value_or(s.seed);
    p.trials = options.trials.value_or(s.trials);
    p.tier_slo = s.tier_slo;
    p.currency = s.costs.currency;
    p.cost = monthly_cost(s);
    p.cost_per_month = round_to_cents(p.cost.total());
  } catch (const ScenarioError& e) {
    p.errors = e.problems();
  }
}

}  // namespace

std::vector<SweepPoint> prepare_points(const SweepBase& base, const std::vector<Setting>& settings,
                                       const SweepOptions& options) {
  for (size_t i = 0; i < settings.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (settings[i].path == settings[j].path) {
        throw ScenarioError({"--set " + settings[i].argument + ": " + settings[i].path +
                             " is already set by an earlier --set"});
      }
    }
  }
  std::vector<SweepPoint> points;
  const std::vector<std::string> base_warnings = scenario::scenario_warnings(base.scenario);
  const std::vector<std::vector<size_t>> product = cartesian_product(settings);
  // Whether a value alone leaves the base's scenario as it is (a default written out, such as
  // "replicas": [] where the file has none, or "1d" for "24h"): such a value is not named.
  std::vector<std::vector<bool>> as_base(settings.size());
  for (size_t k = 0; k < settings.size(); ++k) {
    for (const json& v : settings[k].values) {
      json doc = base.document;
      apply_setting(doc, settings[k], v);
      fit_azs(base.document, doc);
      bool same = false;
      try {
        same = scenario::load_scenario_text(doc.dump(), base.file, base.base_dir,
                                            base.load_options) == base.scenario;
      } catch (const ScenarioError&) {
      }
      as_base[k].push_back(same);
    }
  }
  for (size_t n = 0; n < product.size(); ++n) {
    SweepPoint p;
    p.index = n;
    for (size_t k = 0; k < settings.size(); ++k) {
      p.values.push_back(settings[k].values[product[n][k]]);
    }
    json doc = point_document(base.document, settings, p.values);
    p.adjustments = fit_azs(base.document, doc);
    bool same_as_base = false;
    prepare_point(base, doc, options, base_warnings, p, same_as_base);
    std::vector<Setting> changing;
    std::vector<json> changed;
    for (size_t k = 0; k < settings.size(); ++k) {
      if (as_base[k][product[n][k]]) continue;
      changing.push_back(settings[k]);
      changed.push_back(p.values[k]);
    }
    p.name = name_of(changes_from_base(base.document, changing, changed));
    // A value written where the base has none may still be the base (copy_logs false).
    if (p.name.empty() || same_as_base) p.name = "base";
    points.push_back(std::move(p));
  }
  return points;
}

const SweepPoint* reference_point(const SweepResult& r) {
  if (r.base_point) return &r.points.at(*r.base_point);
  return r.base ? &*r.base : nullptr;
}

void choose(SweepResult& r) {
  std::vector<Outcome> outcomes;
  std::set<int> tiers;
  for (const SweepPoint& p : r.points) {
    Outcome o = p.outcome;
    o.valid = p.valid() && p.simulated;
    if (o.valid) {
      for (const auto& entry : o.tiers) tiers.insert(entry.first);
    }
    outcomes.push_back(o);
  }
  r.pareto = pareto_front(outcomes);
  r.pareto_objectives = objective_names(std::vector<int>(tiers.begin(), tiers.end()));
  r.cheapest_compliant = cheapest_compliant(outcomes);
  r.cheapest_per_tier.clear();
  if (const SweepPoint* base = reference_point(r); base && base->simulated) {
    for (const results::TierSummary& t : base->summary.tiers) {
      if (t.verdict == results::Verdict::kMet) continue;
      TierChoice c;
      c.tier = t.tier;
      for (const Miss& m : misses(base->summary, base->tier_slo)) {
        if (m.tier == t.tier) c.misses.push_back(m);
      }
      for (size_t i = 0; i < r.points.size(); ++i) {
        const auto it = outcomes[i].tiers.find(t.tier);
        if (!outcomes[i].valid || it == outcomes[i].tiers.end() || !it->second.met) continue;
        if (!c.point || outcomes[i].cost < outcomes[*c.point].cost) c.point = i;
      }
      r.cheapest_per_tier.push_back(std::move(c));
    }
  }
  r.nearest_miss.reset();
  r.nearest_misses.clear();
  if (!r.cheapest_compliant) {
    r.nearest_miss = nearest_miss(outcomes);
    if (r.nearest_miss) {
      const SweepPoint& p = r.points[*r.nearest_miss];
      r.nearest_misses = misses(p.summary, p.tier_slo);
    }
  }
}

SweepResult prepare_sweep(const SweepBase& base, std::vector<Setting> settings,
                          const SweepOptions& options) {
  SweepResult r;
  r.scenario = base.scenario.name;
  r.currency = base.scenario.costs.currency;
  r.horizon_s = base.scenario.horizon.in_seconds();
  r.seed = options.seed.value_or(base.scenario.seed);
  r.trials = options.trials.value_or(base.scenario.trials);
  r.points = prepare_points(base, settings, options);
  r.settings = std::move(settings);
  for (const SweepPoint& p : r.points) {
    if (p.valid() && p.name == "base") {
      r.base_point = p.index;
      break;
    }
  }
  if (!r.base_point) {
    // The reference row: the file as given, under the points' seed and trials.
    SweepPoint b;
    b.index = r.points.size();
    b.name = "base";
    b.is_base = true;
    bool same_as_base = false;
    prepare_point(base, base.document, options, scenario::scenario_warnings(base.scenario), b,
                  same_as_base);
    if (!b.valid()) throw ScenarioError(b.errors);  // the base is valid: a planner's refusal
    r.base = std::move(b);
  }
  std::vector<std::string> problems;
  for (const SweepPoint& p : r.points) {
    if (!p.valid()) {
      problems.push_back("point " + std::to_string(p.index) + " (" + describe_point(r, p) +
                         "): " + first_error(p));
    }
  }
  if (problems.size() == r.points.size()) throw ScenarioError(std::move(problems));
  return r;
}

void simulate_sweep(SweepResult& r, const SweepOptions& options,
                    const std::function<void(size_t, size_t)>& progress, const Simulate& simulate) {
  const auto interrupted = [&] {
    return options.interrupt != nullptr && options.interrupt->load(std::memory_order_relaxed);
  };
  MonteCarloOptions trials;
  trials.threads = options.threads;
  trials.interrupt = options.interrupt;
  // The base first: it is what every point is compared with.
  std::vector<SweepPoint*> order;
  if (r.base) order.push_back(&*r.base);
  for (SweepPoint& p : r.points) order.push_back(&p);
  for (size_t n = 0; n < order.size(); ++n) {
    SweepPoint& p = *order[n];
    if (p.valid() && interrupted()) {
      r.partial = true;
    } else if (p.valid()) {
      // Every point runs under the same seed: its faults draw from the same named streams, so
      // the points differ by their strategy, not by their luck.
      results::Results results;
      if (simulate) {
        results = simulate(p);
      } else {
        results = run_monte_carlo(*p.plan, p.seed, p.trials, trials);
        report::add_chain_figures(*p.plan, results);
      }
      p.summary = results::summarize(results);
      p.simulated = true;
      p.outcome = outcome_of(p.summary, rpo_p95_by_tier(results), p.cost_per_month);
      r.partial = r.partial || p.summary.partial;
    }
    p.plan.reset();
    if (progress) progress(n + 1, order.size());
  }
  choose(r);
}

SweepResult run_sweep(const SweepBase& base, std::vector<Setting> settings,
                      const SweepOptions& options,
                      const std::function<void(size_t, size_t)>& progress) {
  SweepResult r = prepare_sweep(base, std::move(settings), options);
  simulate_sweep(r, options, progress);
  return r;
}

std::string first_error(const SweepPoint& p) {
  if (p.errors.empty()) return "";
  const size_t more = p.errors.size() - 1;
  return p.errors.front() +
         (more ? " (and " + std::to_string(more) + " more problem" + (more > 1 ? "s)" : ")") : "");
}

std::string value_text(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

std::string describe_point(const SweepResult& r, const SweepPoint& p) {
  std::string out;
  for (size_t k = 0; k < r.settings.size() && k < p.values.size(); ++k) {
    out += (k > 0 ? ", " : "") + r.settings[k].path + "=" + value_text(p.values[k]);
  }
  return out;
}

}  // namespace drsim::models::sweep

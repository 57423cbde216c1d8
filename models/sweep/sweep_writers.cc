// The sweep's documents: the --json document of DESIGN.md §5 and the CSV of one row per point and
// tier; and the helpers they share with the terminal report (sweep_terminal.cc).
#include "models/sweep/sweep_writers.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <utility>

#include "models/report/writers.h"
#include "models/sweep/sweep_writers_parts.h"

namespace drsim::models::sweep {

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::optional<double> difference(double x, double base) {
  if (std::isinf(x) || std::isinf(base)) return std::nullopt;
  return x - base;
}

const SweepPoint* simulated_base(const SweepResult& r) {
  const SweepPoint* b = reference_point(r);
  return b && b->simulated ? b : nullptr;
}

const TierOutcome* outcome_tier(const SweepPoint& p, int tier) {
  const auto it = p.outcome.tiers.find(tier);
  return it == p.outcome.tiers.end() ? nullptr : &it->second;
}

bool on_frontier(const SweepResult& r, size_t i) {
  return std::find(r.pareto.begin(), r.pareto.end(), i) != r.pareto.end();
}

std::string point_label(const SweepPoint& p) {
  return p.is_base ? "base" : std::to_string(p.index);
}

std::vector<const SweepPoint*> table_rows(const SweepResult& r) {
  std::vector<const SweepPoint*> out;
  if (r.base) out.push_back(&*r.base);
  for (const SweepPoint& p : r.points) out.push_back(&p);
  return out;
}

std::string interruption(const SweepPoint& p) {
  if (!p.valid()) return "";
  if (!p.simulated) return "not simulated: the sweep was interrupted first";
  if (!p.summary.partial) return "";
  return "partial: interrupted after " + std::to_string(p.summary.trials) + " of " +
         std::to_string(p.summary.range.size()) + " trials";
}

namespace {

using nlohmann::json;

json cost_json(const CostBreakdown& c) {
  return {{"instances", round_to_cents(c.primary_instances())},
          {"standby", round_to_cents(c.standby_instances)},
          {"replicas", round_to_cents(c.replica_instances)},
          {"storage", round_to_cents(c.storage)},
          {"backups", round_to_cents(c.backups)},
          {"transfer", round_to_cents(c.transfer)},
          {"object_stores", round_to_cents(c.object_stores)}};
}

json miss_json(const Miss& m) {
  return {{"tier", m.tier},
          {"target", m.target},
          {"target_s", m.target_s},
          {"fraction", m.met.fraction},
          {"ci95", {m.met.lo, m.met.hi}},
          {"needed", m.needed},
          {"verdict", results::verdict_name(m.verdict)}};
}

// A CSV cell: quoted when it holds a comma, a quote or a line break.
std::string csv_cell(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// The shortest text that reads back to `v`.
std::string number(double v) { return json(v).dump(); }

// The frontier's objectives of a simulated point, by objective_names (null: a total loss), and
// those that are only lower bounds.
void objectives_json(const SweepPoint& p, json& point) {
  json objectives = {{"cost_per_month", p.cost_per_month}};
  json bounds = json::array();
  for (const auto& [tier, t] : p.outcome.tiers) {
    const std::string at = "tiers[" + std::to_string(tier) + "].";
    objectives[at + "rpo_p95_s"] = std::isinf(t.rpo_p95_s) ? json(nullptr) : json(t.rpo_p95_s);
    objectives[at + "rto_p95_s"] = t.rto_p95_s;
    objectives[at + "met_rpo_lo"] = t.met_rpo_lo;
    objectives[at + "met_rto_lo"] = t.met_rto_lo;
    if (t.rto_p95_lower_bound) bounds.push_back(at + "rto_p95_s");
  }
  point["objectives"] = std::move(objectives);
  if (!bounds.empty()) point["lower_bounds"] = std::move(bounds);
}

// What a simulated point changes against the simulated base: cost, and each tier's RPO and RTO
// p95 (null where either is a total loss).
json vs_base_json(const SweepPoint& p, const SweepPoint& base) {
  json out = {{"cost_per_month", round_to_cents(p.cost_per_month - base.cost_per_month)}};
  for (const auto& [tier, t] : p.outcome.tiers) {
    const TierOutcome* b = outcome_tier(base, tier);
    if (!b) continue;
    const std::string at = "tiers[" + std::to_string(tier) + "].";
    const std::optional<double> rpo = difference(t.rpo_p95_s, b->rpo_p95_s);
    out[at + "rpo_p95_s"] = rpo ? json(*rpo) : json(nullptr);
    out[at + "rto_p95_s"] = t.rto_p95_s - b->rto_p95_s;
  }
  return out;
}

json point_json(const SweepResult& r, const SweepPoint& p) {
  json point;
  if (!p.is_base) point["index"] = p.index;
  point["name"] = p.name;
  json settings = json::object();
  if (!p.is_base) {
    for (size_t k = 0; k < r.settings.size(); ++k) settings[r.settings[k].path] = p.values[k];
  }
  point["settings"] = std::move(settings);
  if (!p.adjustments.empty()) point["adjusted"] = p.adjustments;
  if (!p.warnings.empty()) point["warnings"] = p.warnings;
  if (!p.valid()) {
    std::string error;
    for (size_t i = 0; i < p.errors.size(); ++i) error += (i ? "\n" : "") + p.errors[i];
    point["error"] = error;
    point["cost_per_month"] = nullptr;
    point["tiers"] = json::array();
    point["compliant"] = false;
    return point;
  }
  point["seed"] = p.seed;
  point["trials"] = p.trials;
  point["cost_per_month"] = p.cost_per_month;
  point["cost"] = cost_json(p.cost);
  if (!p.simulated) {
    // Not a point that meets nothing: a point nobody knows about yet.
    point["simulated"] = false;
    point["tiers"] = json::array();
    point["compliant"] = nullptr;
    return point;
  }
  if (p.summary.partial) {
    point["partial"] = true;
    point["trials_run"] = p.summary.trials;
  }
  point["tiers"] = report::to_json(p.summary, false)["tiers"];
  point["worst_compliance"] = json::object();
  for (const auto& [tier, t] : p.outcome.tiers) {
    point["worst_compliance"][std::to_string(tier)] = worst_compliance(t);
  }
  objectives_json(p, point);
  if (const SweepPoint* base = simulated_base(r)) point["vs_base"] = vs_base_json(p, *base);
  point["compliant"] = p.outcome.compliant;
  return point;
}

}  // namespace

json sweep_to_json(const SweepResult& r) {
  json out;
  out["scenario"] = r.scenario;
  out["seed"] = r.seed;
  out["trials"] = r.trials;
  out["horizon_s"] = r.horizon_s;
  out["currency"] = r.currency;
  out["partial"] = r.partial;
  out["swept"] = json::array();
  for (const Setting& s : r.settings) out["swept"].push_back(s.path);
  out["points"] = json::array();
  for (const SweepPoint& p : r.points) out["points"].push_back(point_json(r, p));
  if (const SweepPoint* base = reference_point(r)) {
    out["base"] = point_json(r, *base);
    out["base"]["point"] = r.base_point ? json(*r.base_point) : json(nullptr);
  } else {
    out["base"] = nullptr;
  }
  out["pareto"] = r.pareto;
  out["pareto_objectives"] = r.pareto_objectives;
  out["cheapest_compliant"] = r.cheapest_compliant ? json(*r.cheapest_compliant) : json(nullptr);
  if (r.nearest_miss) {
    json misses = json::array();
    for (const Miss& m : r.nearest_misses) misses.push_back(miss_json(m));
    out["nearest_miss"] = {{"point", *r.nearest_miss}, {"misses", std::move(misses)}};
  } else {
    out["nearest_miss"] = nullptr;
  }
  out["cheapest_per_tier"] = json::array();
  const SweepPoint* base = simulated_base(r);
  for (const TierChoice& c : r.cheapest_per_tier) {
    json misses = json::array();
    for (const Miss& m : c.misses) misses.push_back(miss_json(m));
    json choice = {{"tier", c.tier}, {"misses", std::move(misses)}};
    if (c.point && base) {
      const SweepPoint& p = r.points[*c.point];
      choice["point"] = *c.point;
      choice["name"] = p.name;
      choice["cost_per_month"] = p.cost_per_month;
      choice["delta_per_month"] = round_to_cents(p.cost_per_month - base->cost_per_month);
    } else {
      choice["point"] = nullptr;
    }
    out["cheapest_per_tier"].push_back(std::move(choice));
  }
  return out;
}

std::string sweep_to_csv(const SweepResult& r) {
  // The tier cells after `pareto`, empty for a point without tiers.
  constexpr size_t kTierCells = 20;
  const std::string no_tier(kTierCells, ',');
  std::string out = "point,name";
  for (const Setting& s : r.settings) out += "," + csv_cell(s.path);
  out +=
      ",cost_per_month,cost_vs_base,compliant,pareto,tier,target_rpo_s,target_rto_s,incidents,"
      "rpo_p95_s,rpo_p99_s,rto_p95_s,rto_p99_s,met_rpo,met_rpo_lo,met_rpo_hi,met_rto,met_rto_lo,"
      "met_rto_hi,total_loss,censored,verdict,rpo_p95_vs_base_s,rto_p95_vs_base_s,error\n";
  const SweepPoint* base = simulated_base(r);
  for (const SweepPoint& p : r.points) {
    std::string head = std::to_string(p.index) + "," + report::csv_field(p.name);
    for (const json& v : p.values) head += "," + csv_cell(value_text(v));
    if (!p.valid()) {
      out += head + ",,,0,0" + no_tier + csv_cell(first_error(p)) + "\n";
      continue;
    }
    const std::string note = csv_cell(interruption(p));
    head += "," + fixed(p.cost_per_month, 2) + "," +
            (base ? fixed(p.cost_per_month - base->cost_per_month, 2) : "");
    if (!p.simulated) {
      out += head + ",,0" + no_tier + note + "\n";
      continue;
    }
    head += std::string(",") + (p.outcome.compliant ? "1" : "0") + "," +
            (on_frontier(r, p.index) ? "1" : "0");
    if (p.summary.tiers.empty()) {
      out += head + no_tier + note + "\n";
      continue;
    }
    for (const results::TierSummary& t : p.summary.tiers) {
      auto stat = [](const results::SampleStats& s, double v) { return s.n ? number(v) : ""; };
      auto prop = [](const results::Proportion& m) {
        return m.trials ? number(m.fraction) + "," + number(m.lo) + "," + number(m.hi)
                        : std::string(",,");
      };
      // Against the base's p95 (the RPO's with total losses): empty without a base, or where
      // either is a total loss.
      std::string rpo_delta, rto_delta;
      const TierOutcome* mine = outcome_tier(p, t.tier);
      const TierOutcome* theirs = base ? outcome_tier(*base, t.tier) : nullptr;
      if (mine && theirs) {
        if (const auto d = difference(mine->rpo_p95_s, theirs->rpo_p95_s)) rpo_delta = number(*d);
        rto_delta = number(mine->rto_p95_s - theirs->rto_p95_s);
      }
      out += head + "," + std::to_string(t.tier) + "," + number(t.target.rpo.in_seconds()) + "," +
             number(t.target.rto.in_seconds()) + "," + std::to_string(t.incidents) + "," +
             stat(t.rpo_s, t.rpo_s.p95) + "," + stat(t.rpo_s, t.rpo_s.p99) + "," +
             stat(t.rto_s, t.rto_s.p95) + "," + stat(t.rto_s, t.rto_s.p99) + "," + prop(t.met_rpo) +
             "," + prop(t.met_rto) + "," + std::to_string(t.total_loss) + "," +
             std::to_string(t.censored) + "," + std::string(results::verdict_name(t.verdict)) +
             "," + rpo_delta + "," + rto_delta + "," + note + "\n";
    }
  }
  return out;
}

}  // namespace drsim::models::sweep

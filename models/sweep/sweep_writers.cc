// JSON, CSV and terminal output of a sweep.
#include "models/sweep/sweep_writers.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <set>
#include <sstream>

#include "models/report/text.h"
#include "models/report/writers.h"
#include "sim/units.h"

namespace drsim::models::sweep {
namespace {

using nlohmann::json;

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// 1234.5 -> "1,234.50".
std::string money(double amount) {
  const std::string digits = fixed(std::fabs(amount), 2);
  const size_t whole = digits.find('.');
  std::string out = amount < 0 ? "-" : "";
  for (size_t i = 0; i < whole; ++i) {
    if (i > 0 && (whole - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out + digits.substr(whole);
}

std::string span(double seconds) {
  return sim::format_duration(sim::Duration::from_seconds(seconds));
}

std::string percent(double fraction) { return fixed(100 * fraction, 1) + "%"; }

// A duration as the stories say it: "4 h 23 min".
std::string spoken(double seconds) {
  return sim::spoken_duration(sim::Duration::from_seconds(seconds));
}

// A signed difference of durations: "+1 h 58 min", "−3 h 8 min", "±0".
std::string signed_spoken(double seconds) {
  if (seconds == 0) return "±0";
  return (seconds < 0 ? "−" : "+") + spoken(std::fabs(seconds));
}

// A signed amount of money: "+312.40", "−86.46", "±0.00".
std::string signed_money(double amount) {
  if (round_to_cents(amount) == 0) return "±0.00";
  return (amount < 0 ? "−" : "+") + money(std::fabs(amount));
}

// An objective of a tier as a person reads it: "total loss" for an infinite RPO, "≥ 4 h" for a
// lower bound.
std::string objective_text(double seconds, bool lower_bound = false) {
  if (std::isinf(seconds)) return "total loss";
  return (lower_bound ? "≥ " : "") + spoken(seconds);
}

// `x - base`, or none when either is a total loss (no number says how much worse).
std::optional<double> difference(double x, double base) {
  if (std::isinf(x) || std::isinf(base)) return std::nullopt;
  return x - base;
}

// "97.5% (95.1-98.8)", or "-" without incidents.
std::string proportion_text(const report::Proportion& p) {
  if (p.trials == 0) return "-";
  return percent(p.fraction) + " (" + fixed(100 * p.lo, 1) + "-" + fixed(100 * p.hi, 1) + ")";
}

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
          {"verdict", report::verdict_name(m.verdict)}};
}

// Every tier any valid point reports, ascending.
std::set<int> all_tiers(const SweepResult& r) {
  std::set<int> tiers;
  for (const SweepPoint& p : r.points) {
    for (const report::TierSummary& t : p.summary.tiers) tiers.insert(t.tier);
  }
  if (r.base) {
    for (const report::TierSummary& t : r.base->summary.tiers) tiers.insert(t.tier);
  }
  return tiers;
}

// The simulated base, or nullptr.
const SweepPoint* simulated_base(const SweepResult& r) {
  const SweepPoint* b = reference_point(r);
  return b && b->simulated ? b : nullptr;
}

const TierOutcome* outcome_tier(const SweepPoint& p, int tier) {
  const auto it = p.outcome.tiers.find(tier);
  return it == p.outcome.tiers.end() ? nullptr : &it->second;
}

// The label of a point in tables: its index, or "base" for the separate base.
std::string label(const SweepPoint& p) { return p.is_base ? "base" : std::to_string(p.index); }

// The points in table order: the separate base first, then every point.
std::vector<const SweepPoint*> rows(const SweepResult& r) {
  std::vector<const SweepPoint*> out;
  if (r.base) out.push_back(&*r.base);
  for (const SweepPoint& p : r.points) out.push_back(&p);
  return out;
}

const report::TierSummary* tier_of(const SweepPoint& p, int tier) {
  for (const report::TierSummary& t : p.summary.tiers) {
    if (t.tier == tier) return &t;
  }
  return nullptr;
}

bool on_frontier(const SweepResult& r, size_t i) {
  return std::find(r.pareto.begin(), r.pareto.end(), i) != r.pareto.end();
}

// Left-aligned columns two spaces apart, as wide as their widest cell shows on a terminal.
class Table {
 public:
  void row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  size_t rows() const { return rows_.size(); }
  std::string str() const {
    std::vector<size_t> width;
    for (const auto& r : rows_) {
      if (width.size() < r.size()) width.resize(r.size(), 0);
      for (size_t c = 0; c < r.size(); ++c) {
        width[c] = std::max(width[c], report::display_width(r[c]));
      }
    }
    std::string out;
    for (const auto& r : rows_) {
      std::string line;
      for (size_t c = 0; c < r.size(); ++c) {
        line += c + 1 < r.size() ? report::pad_right(r[c], width[c] + 2) : r[c];
      }
      out += line + "\n";
    }
    return out;
  }

 private:
  std::vector<std::vector<std::string>> rows_;
};

// A CSV cell: quoted when it holds a comma, a quote or a line break.
std::string csv_cell(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// The shortest text that reads back to `v`.
std::string number(double v) { return json(v).dump(); }

std::string miss_text(const Miss& m) {
  return "tier " + std::to_string(m.tier) + " " + (m.target == "rpo" ? "RPO " : "RTO ") +
         span(m.target_s) + " met by " + percent(m.met.fraction) + " (95 % CI " +
         fixed(100 * m.met.lo, 1) + "-" + fixed(100 * m.met.hi, 1) + " %), needs " +
         fixed(100 * m.needed, 0) + " %";
}

// Each distinct line of the points' `lines` (adjustments or warnings), in order of first
// appearance, with the indices of the points that have it.
std::vector<std::pair<std::string, std::vector<size_t>>> by_text(
    const SweepResult& r, std::vector<std::string> SweepPoint::*lines) {
  std::vector<std::pair<std::string, std::vector<size_t>>> out;
  for (const SweepPoint& p : r.points) {
    for (const std::string& line : p.*lines) {
      auto it =
          std::find_if(out.begin(), out.end(), [&](const auto& f) { return f.first == line; });
      if (it == out.end()) it = out.insert(out.end(), {line, {}});
      it->second.push_back(p.index);
    }
  }
  return out;
}

// Why a valid point's figures are missing or cover fewer trials than asked: "" for a point
// simulated in full.
std::string interruption(const SweepPoint& p) {
  if (!p.valid()) return "";
  if (!p.simulated) return "not simulated: the sweep was interrupted first";
  if (!p.summary.partial) return "";
  return "partial: interrupted after " + std::to_string(p.summary.trials) + " of " +
         std::to_string(p.summary.range.size()) + " trials";
}

// "point 3" or "points 1, 4".
std::string points_text(const std::vector<size_t>& at) {
  std::string text = at.size() > 1 ? "points " : "point ";
  for (size_t i = 0; i < at.size(); ++i) text += (i ? ", " : "") + std::to_string(at[i]);
  return text;
}

}  // namespace

namespace {

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
    for (const report::TierSummary& t : p.summary.tiers) {
      auto stat = [](const report::SampleStats& s, double v) { return s.n ? number(v) : ""; };
      auto prop = [](const report::Proportion& m) {
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
             std::to_string(t.censored) + "," + std::string(report::verdict_name(t.verdict)) + "," +
             rpo_delta + "," + rto_delta + "," + note + "\n";
    }
  }
  return out;
}

namespace {

// "RPO 1 h" / "RTO 6 h" / "RPO 1 h and RTO 6 h" with how far each is from the SLO.
std::string misses_text(const std::vector<Miss>& misses) {
  std::string out;
  for (size_t i = 0; i < misses.size(); ++i) {
    const Miss& m = misses[i];
    out += (i ? " and " : "") + std::string(m.target == "rpo" ? "RPO " : "RTO ") +
           spoken(m.target_s) + " (met by " + percent(m.met.fraction) + ", 95 % CI " +
           fixed(100 * m.met.lo, 1) + "-" + fixed(100 * m.met.hi, 1) + " %, needs " +
           fixed(100 * m.needed, 0) + " %)";
  }
  return out;
}

// A tier's p95 cell: the value, and against the base when there is one to compare with.
std::string p95_cell(double value, double base_value, bool lower_bound, bool compare) {
  std::string cell = objective_text(value, lower_bound);
  if (!compare) return cell;
  const std::optional<double> d = difference(value, base_value);
  if (d) return cell + " (" + signed_spoken(*d) + ")";
  return std::isinf(value) == std::isinf(base_value) ? cell + " (±0)" : cell;
}

std::string compliant_cell(const SweepPoint& p) {
  if (!p.valid()) return "invalid";
  if (!p.simulated) return "not simulated";
  std::string cell = p.outcome.compliant ? "yes" : "no";
  return p.summary.partial ? cell + " (partial)" : cell;
}

}  // namespace

std::string sweep_to_terminal(const SweepResult& r) {
  std::ostringstream out;
  size_t simulated = 0;
  for (const SweepPoint& p : r.points) simulated += p.simulated ? 1 : 0;
  const std::string currency = report::terminal_safe(r.currency);
  out << report::terminal_safe(r.scenario) << ": sweep of " << r.points.size() << " points, "
      << r.trials << " trials each of " << span(r.horizon_s) << ", seed " << r.seed
      << " (the same fault draws at every point)\n";
  if (r.partial) {
    out << "PARTIAL: interrupted; simulated " << partial_extent(r)
        << "; the others are marked not simulated\n";
  }
  if (r.base_point) {
    out << "The base (the scenario as given) is point " << *r.base_point << ".\n";
  } else if (r.base) {
    out << "The base (the scenario as given) is no point of the sweep: simulated too, with the "
           "same seed and trials, as the reference row.\n";
  }
  out << "\n";

  const SweepPoint* base = simulated_base(r);
  const std::set<int> tiers = all_tiers(r);
  // What each point buys: its cost and each tier's p95s, against the base.
  Table summary;
  std::vector<std::string> header = {"Point", "Name", "Cost/month (" + currency + ")", "vs base"};
  for (int tier : tiers) {
    const std::string t = "Tier " + std::to_string(tier);
    header.push_back(t + " RPO p95");
    header.push_back(t + " RTO p95");
  }
  header.insert(header.end(), {"Compliant", "Pareto"});
  summary.row(header);
  for (const SweepPoint* p : rows(r)) {
    std::vector<std::string> row = {label(*p), report::terminal_safe(p->name)};
    const bool is_reference = p == reference_point(r);
    row.push_back(p->valid() ? money(p->cost_per_month) : "-");
    row.push_back(p->valid() && base && !is_reference
                      ? signed_money(p->cost_per_month - base->cost_per_month)
                      : "");
    for (int tier : tiers) {
      const TierOutcome* t = p->simulated ? outcome_tier(*p, tier) : nullptr;
      const TierOutcome* b = base ? outcome_tier(*base, tier) : nullptr;
      if (!t) {
        row.insert(row.end(), {"-", "-"});
        continue;
      }
      const bool compare = b && !is_reference;
      row.push_back(p95_cell(t->rpo_p95_s, b ? b->rpo_p95_s : 0, false, compare));
      row.push_back(p95_cell(t->rto_p95_s, b ? b->rto_p95_s : 0, t->rto_p95_lower_bound, compare));
    }
    row.push_back(compliant_cell(*p));
    row.push_back(!p->is_base && p->simulated && on_frontier(r, p->index) ? "*" : "");
    summary.row(row);
  }
  out << summary.str();

  Table costs;
  costs.row({"Point", "Instances", "Standby", "Replicas", "Storage", "Backups", "Transfer",
             "Object stores", "Total"});
  for (const SweepPoint* p : rows(r)) {
    if (!p->valid()) continue;
    const CostBreakdown& c = p->cost;
    costs.row({label(*p), money(c.primary_instances()), money(c.standby_instances),
               money(c.replica_instances), money(c.storage), money(c.backups), money(c.transfer),
               money(c.object_stores), money(p->cost_per_month)});
  }
  if (costs.rows() > 1) out << "\nCost per month (" << currency << ")\n" << costs.str();

  for (int tier : tiers) {
    const report::TierSummary* any = nullptr;
    for (const SweepPoint* p : rows(r)) {
      if (!any) any = tier_of(*p, tier);
    }
    out << "\nTier " << tier << " (targets RPO " << spoken(any->target.rpo.in_seconds())
        << ", RTO " << spoken(any->target.rto.in_seconds()) << ")\n";
    Table t;
    t.row({"Point", "Incidents", "RPO p95", "RPO p99", "RTO p95", "RTO p99", "Met RPO (95% CI)",
           "Met RTO (95% CI)", "Verdict"});
    for (const SweepPoint* p : rows(r)) {
      const report::TierSummary* s = p->valid() ? tier_of(*p, tier) : nullptr;
      if (!s) continue;
      const report::LowerBounds& lb = s->rto_s.lower_bound;
      t.row({label(*p), std::to_string(s->incidents), s->rpo_s.n ? spoken(s->rpo_s.p95) : "-",
             s->rpo_s.n ? spoken(s->rpo_s.p99) : "-",
             s->rto_s.n ? objective_text(s->rto_s.p95, lb.p95) : "-",
             s->rto_s.n ? objective_text(s->rto_s.p99, lb.p99) : "-",
             proportion_text(s->met_rpo), proportion_text(s->met_rto),
             std::string(report::verdict_name(s->verdict)) +
                 (s->total_loss ? " (" + std::to_string(s->total_loss) + " total losses)" : "")});
    }
    out << t.str();
  }

  out << "\n";
  // The same adjustment or warning at several points is said once, with the points.
  for (const auto& [adjustment, at] : by_text(r, &SweepPoint::adjustments)) {
    out << "AZs fitted to the deployment: " << report::terminal_safe(adjustment) << " ("
        << points_text(at) << ")\n";
  }
  for (const auto& [warning, at] : by_text(r, &SweepPoint::warnings)) {
    out << "Warning (" << points_text(at) << "): " << report::terminal_safe(warning) << "\n";
  }
  for (const SweepPoint& p : r.points) {
    if (!p.valid()) {
      out << "Point " << p.index
          << " is not a valid scenario: " << report::terminal_safe(first_error(p)) << "\n";
    } else if (p.summary.partial) {
      out << "Point " << p.index << " is " << interruption(p) << ".\n";
    }
  }
  if (r.base && r.base->summary.partial) out << "The base is " << interruption(*r.base) << ".\n";
  if (r.cheapest_compliant) {
    const SweepPoint& p = r.points[*r.cheapest_compliant];
    out << "Cheapest compliant: point " << p.index << " (" << report::terminal_safe(p.name)
        << "), " << money(p.cost_per_month) << " "
        << currency << "/month.\n";
  } else if (r.nearest_miss) {
    const SweepPoint& p = r.points[*r.nearest_miss];
    out << "No point meets every tier target with 95 % confidence. Nearest miss: point " << p.index
        << " (" << report::terminal_safe(p.name) << "), " << money(p.cost_per_month)
        << " " << currency << "/month:";
    for (size_t i = 0; i < r.nearest_misses.size(); ++i) {
      out << (i ? ";" : "") << " " << miss_text(r.nearest_misses[i]);
    }
    out << ".\n";
  }
  // What should we buy: per tier the base misses, the cheapest point that meets it.
  if (base && r.cheapest_per_tier.empty()) {
    out << "The base meets every tier's targets.\n";
  }
  for (const TierChoice& c : r.cheapest_per_tier) {
    const bool missed = std::any_of(c.misses.begin(), c.misses.end(), [](const Miss& m) {
      return m.verdict == report::Verdict::kMissed;
    });
    out << "Tier " << c.tier << (missed ? " misses " : " may miss ") << misses_text(c.misses)
        << " in the base; ";
    if (!c.point || !base) {
      out << "no point of the sweep meets it.\n";
      continue;
    }
    const SweepPoint& p = r.points[*c.point];
    out << "cheapest change that meets it: " << report::terminal_safe(p.name) << " (point "
        << p.index << "), " << signed_money(p.cost_per_month - base->cost_per_month) << " " << currency
        << "/month (" << money(p.cost_per_month) << " " << currency << "/month).\n";
  }
  if (simulated > 0) {
    out << "Pareto frontier (cost against each tier's RPO p95, RTO p95 and compliance): point"
        << (r.pareto.size() == 1 ? " " : "s ");
    for (size_t i = 0; i < r.pareto.size(); ++i) {
      out << (i ? ", " : "") << r.pareto[i] << " ("
          << report::terminal_safe(r.points[r.pareto[i]].name) << ")";
    }
    out << ".\n";
  }
  return out.str();
}

std::string money_text(double amount) { return money(amount); }
std::string signed_money_text(double amount) { return signed_money(amount); }

std::string partial_extent(const SweepResult& r) {
  size_t valid = 0, full = 0;
  std::string in_part;
  for (const SweepPoint& p : r.points) {
    valid += p.valid() ? 1 : 0;
    if (!p.simulated) continue;
    if (!p.summary.partial) {
      ++full;
    } else {
      in_part += ", point " + std::to_string(p.index) + " in part (" +
                 std::to_string(p.summary.trials) + " of " +
                 std::to_string(p.summary.range.size()) + " trials)";
    }
  }
  return std::to_string(full) + " of " + std::to_string(valid) + " valid points" +
         (full > 0 || !in_part.empty() ? " in full" : "") + in_part;
}

}  // namespace drsim::models::sweep

// JSON, CSV and terminal output of a sweep.
#include "models/sweep/sweep_writers.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
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

// "97.5% (95.1-98.8)", or "-" without incidents.
std::string proportion_text(const report::Proportion& p) {
  if (p.trials == 0) return "-";
  return percent(p.fraction) + " (" + fixed(100 * p.lo, 1) + "-" + fixed(100 * p.hi, 1) + ")";
}

json cost_json(const CostBreakdown& c) {
  return {{"instances", round_to_cents(c.instances)},
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
  return tiers;
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
  for (const SweepPoint& p : r.points) {
    json point;
    point["index"] = p.index;
    json settings = json::object();
    for (size_t k = 0; k < r.settings.size(); ++k) settings[r.settings[k].path] = p.values[k];
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
      out["points"].push_back(std::move(point));
      continue;
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
      out["points"].push_back(std::move(point));
      continue;
    }
    if (p.summary.partial) {
      point["partial"] = true;
      point["trials_run"] = p.summary.trials;
    }
    point["tiers"] = report::to_json(p.summary, false)["tiers"];
    point["worst_compliance"] = json::object();
    for (const auto& [tier, value] : p.outcome.worst_compliance) {
      point["worst_compliance"][std::to_string(tier)] = value;
    }
    point["compliant"] = p.outcome.compliant;
    out["points"].push_back(std::move(point));
  }
  out["pareto"] = r.pareto;
  out["cheapest_compliant"] = r.cheapest_compliant ? json(*r.cheapest_compliant) : json(nullptr);
  if (r.nearest_miss) {
    json misses = json::array();
    for (const Miss& m : r.nearest_misses) misses.push_back(miss_json(m));
    out["nearest_miss"] = {{"point", *r.nearest_miss}, {"misses", std::move(misses)}};
  } else {
    out["nearest_miss"] = nullptr;
  }
  return out;
}

std::string sweep_to_csv(const SweepResult& r) {
  std::string out = "point";
  for (const Setting& s : r.settings) out += "," + csv_cell(s.path);
  out +=
      ",cost_per_month,compliant,pareto,tier,target_rpo_s,target_rto_s,incidents,rpo_p95_s,"
      "rpo_p99_s,rto_p95_s,rto_p99_s,met_rpo,met_rpo_lo,met_rpo_hi,met_rto,met_rto_lo,"
      "met_rto_hi,total_loss,censored,verdict,error\n";
  for (const SweepPoint& p : r.points) {
    std::string head = std::to_string(p.index);
    for (const json& v : p.values) head += "," + csv_cell(value_text(v));
    if (!p.valid()) {
      out += head + ",,0,0" + std::string(18, ',') + csv_cell(first_error(p)) + "\n";
      continue;
    }
    const std::string note = csv_cell(interruption(p));
    if (!p.simulated) {
      out += head + "," + fixed(p.cost_per_month, 2) + ",,0" + std::string(18, ',') + note + "\n";
      continue;
    }
    head += "," + fixed(p.cost_per_month, 2) + "," + (p.outcome.compliant ? "1" : "0") + "," +
            (on_frontier(r, p.index) ? "1" : "0");
    if (p.summary.tiers.empty()) {
      out += head + std::string(18, ',') + note + "\n";
      continue;
    }
    for (const report::TierSummary& t : p.summary.tiers) {
      auto stat = [](const report::SampleStats& s, double v) { return s.n ? number(v) : ""; };
      auto prop = [](const report::Proportion& m) {
        return m.trials ? number(m.fraction) + "," + number(m.lo) + "," + number(m.hi)
                        : std::string(",,");
      };
      out += head + "," + std::to_string(t.tier) + "," + number(t.target.rpo.in_seconds()) + "," +
             number(t.target.rto.in_seconds()) + "," + std::to_string(t.incidents) + "," +
             stat(t.rpo_s, t.rpo_s.p95) + "," + stat(t.rpo_s, t.rpo_s.p99) + "," +
             stat(t.rto_s, t.rto_s.p95) + "," + stat(t.rto_s, t.rto_s.p99) + "," + prop(t.met_rpo) +
             "," + prop(t.met_rto) + "," + std::to_string(t.total_loss) + "," +
             std::to_string(t.censored) + "," + std::string(report::verdict_name(t.verdict)) + "," +
             note + "\n";
    }
  }
  return out;
}

std::string sweep_to_terminal(const SweepResult& r) {
  std::ostringstream out;
  size_t simulated = 0;
  for (const SweepPoint& p : r.points) simulated += p.simulated ? 1 : 0;
  out << report::terminal_safe(r.scenario) << ": sweep of " << r.points.size() << " points, "
      << r.trials << " trials each of " << span(r.horizon_s) << ", seed " << r.seed
      << " (the same fault draws at every point)\n";
  if (r.partial) {
    out << "PARTIAL: interrupted; simulated " << partial_extent(r)
        << "; the others are marked not simulated\n";
  }
  out << "\n";

  Table points;
  std::vector<std::string> header = {"Point"};
  for (const Setting& s : r.settings) header.push_back(report::terminal_safe(s.path));
  header.insert(header.end(),
                {"Cost/month (" + report::terminal_safe(r.currency) + ")", "Compliant", "Pareto"});
  points.row(header);
  for (const SweepPoint& p : r.points) {
    std::vector<std::string> row = {std::to_string(p.index)};
    for (const json& v : p.values) row.push_back(report::terminal_safe(value_text(v)));
    if (!p.valid()) {
      row.insert(row.end(), {"-", "invalid", ""});
    } else if (!p.simulated) {
      row.insert(row.end(), {money(p.cost_per_month), "not simulated", ""});
    } else if (p.summary.partial) {
      row.insert(row.end(),
                 {money(p.cost_per_month), p.outcome.compliant ? "yes (partial)" : "no (partial)",
                  on_frontier(r, p.index) ? "*" : ""});
    } else {
      row.insert(row.end(), {money(p.cost_per_month), p.outcome.compliant ? "yes" : "no",
                             on_frontier(r, p.index) ? "*" : ""});
    }
    points.row(row);
  }
  out << points.str();

  for (int tier : all_tiers(r)) {
    const report::TierSummary* any = nullptr;
    for (const SweepPoint& p : r.points) {
      if (!any) any = tier_of(p, tier);
    }
    out << "\nTier " << tier << " (targets RPO " << span(any->target.rpo.in_seconds()) << ", RTO "
        << span(any->target.rto.in_seconds()) << ")\n";
    Table t;
    t.row({"Point", "Incidents", "RPO p95", "RPO p99", "RTO p95", "RTO p99", "Met RPO (95% CI)",
           "Met RTO (95% CI)", "Verdict"});
    for (const SweepPoint& p : r.points) {
      const report::TierSummary* s = p.valid() ? tier_of(p, tier) : nullptr;
      if (!s) continue;
      t.row({std::to_string(p.index), std::to_string(s->incidents),
             s->rpo_s.n ? span(s->rpo_s.p95) : "-", s->rpo_s.n ? span(s->rpo_s.p99) : "-",
             s->rto_s.n ? span(s->rto_s.p95) : "-", s->rto_s.n ? span(s->rto_s.p99) : "-",
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
  if (r.cheapest_compliant) {
    const SweepPoint& p = r.points[*r.cheapest_compliant];
    out << "Cheapest compliant: point " << p.index << " ("
        << report::terminal_safe(describe_point(r, p)) << "), " << money(p.cost_per_month) << " "
        << report::terminal_safe(r.currency) << "/month.\n";
  } else if (r.nearest_miss) {
    const SweepPoint& p = r.points[*r.nearest_miss];
    out << "No point meets every tier target with 95 % confidence. Nearest miss: point " << p.index
        << " (" << report::terminal_safe(describe_point(r, p)) << "), " << money(p.cost_per_month)
        << " " << report::terminal_safe(r.currency) << "/month:";
    for (size_t i = 0; i < r.nearest_misses.size(); ++i) {
      out << (i ? ";" : "") << " " << miss_text(r.nearest_misses[i]);
    }
    out << ".\n";
  }
  if (simulated > 0) {
    out << "Pareto frontier (cost against each tier's worst compliance): point"
        << (r.pareto.size() == 1 ? " " : "s ");
    for (size_t i = 0; i < r.pareto.size(); ++i) out << (i ? ", " : "") << r.pareto[i];
    out << ".\n";
  }
  return out.str();
}

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

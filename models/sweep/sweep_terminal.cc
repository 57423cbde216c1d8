// The sweep's terminal report: the points with their settings, cost and compliance, each tier's
// p95s against the base, what to buy and the frontier; and the money and partial-sweep texts.
#include "models/sweep/sweep_writers.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "models/report/text.h"
#include "models/report/writers.h"
#include "models/sweep/sweep_writers_parts.h"
#include "sim/units.h"

namespace drsim::models::sweep {
namespace {

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

// "97.5% (95.1-98.8)", or "-" without incidents.
std::string proportion_text(const results::Proportion& p) {
  if (p.trials == 0) return "-";
  return percent(p.fraction) + " (" + fixed(100 * p.lo, 1) + "-" + fixed(100 * p.hi, 1) + ")";
}

// Every tier any valid point reports, ascending.
std::set<int> all_tiers(const SweepResult& r) {
  std::set<int> tiers;
  for (const SweepPoint& p : r.points) {
    for (const results::TierSummary& t : p.summary.tiers) tiers.insert(t.tier);
  }
  if (r.base) {
    for (const results::TierSummary& t : r.base->summary.tiers) tiers.insert(t.tier);
  }
  return tiers;
}

const results::TierSummary* tier_of(const SweepPoint& p, int tier) {
  for (const results::TierSummary& t : p.summary.tiers) {
    if (t.tier == tier) return &t;
  }
  return nullptr;
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

// "point 3" or "points 1, 4".
std::string points_text(const std::vector<size_t>& at) {
  std::string text = at.size() > 1 ? "points " : "point ";
  for (size_t i = 0; i < at.size(); ++i) text += (i ? ", " : "") + std::to_string(at[i]);
  return text;
}

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
  for (const SweepPoint* p : table_rows(r)) {
    std::vector<std::string> row = {point_label(*p), report::terminal_safe(p->name)};
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
  for (const SweepPoint* p : table_rows(r)) {
    if (!p->valid()) continue;
    const CostBreakdown& c = p->cost;
    costs.row({point_label(*p), money(c.primary_instances()), money(c.standby_instances),
               money(c.replica_instances), money(c.storage), money(c.backups), money(c.transfer),
               money(c.object_stores), money(p->cost_per_month)});
  }
  if (costs.rows() > 1) out << "\nCost per month (" << currency << ")\n" << costs.str();

  for (int tier : tiers) {
    const results::TierSummary* any = nullptr;
    for (const SweepPoint* p : table_rows(r)) {
      if (!any) any = tier_of(*p, tier);
    }
    out << "\nTier " << tier << " (targets RPO " << spoken(any->target.rpo.in_seconds())
        << ", RTO " << spoken(any->target.rto.in_seconds()) << ")\n";
    Table t;
    t.row({"Point", "Incidents", "RPO p95", "RPO p99", "RTO p95", "RTO p99", "Met RPO (95% CI)",
           "Met RTO (95% CI)", "Verdict"});
    for (const SweepPoint* p : table_rows(r)) {
      const results::TierSummary* s = p->valid() ? tier_of(*p, tier) : nullptr;
      if (!s) continue;
      const results::LowerBounds& lb = s->rto_s.lower_bound;
      t.row({point_label(*p), std::to_string(s->incidents), s->rpo_s.n ? spoken(s->rpo_s.p95) : "-",
             s->rpo_s.n ? spoken(s->rpo_s.p99) : "-",
             s->rto_s.n ? objective_text(s->rto_s.p95, lb.p95) : "-",
             s->rto_s.n ? objective_text(s->rto_s.p99, lb.p99) : "-", proportion_text(s->met_rpo),
             proportion_text(s->met_rto),
             std::string(results::verdict_name(s->verdict)) +
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
      return m.verdict == results::Verdict::kMissed;
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

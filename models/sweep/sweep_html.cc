// `drsim sweep --html`: the sweep as one self-contained page in the run report's frame and look
// (models/report/html*.cc): what to buy, the frontier charts, the points and their costs.
#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "models/report/html.h"
#include "models/report/html_format.h"
#include "models/report/html_svg.h"
#include "models/sweep/sweep_writers.h"
#include "models/sweep/sweep_writers_parts.h"

namespace drsim::models::sweep {
namespace {

using report::html::esc;
using report::html::human_s;
using report::html::px;
using report::html::strf;

const SweepPoint* simulated_reference(const SweepResult& r) {
  const SweepPoint* b = reference_point(r);
  return b && b->simulated ? b : nullptr;
}

bool on_front(const SweepResult& r, const SweepPoint& p) {
  return !p.is_base && std::find(r.pareto.begin(), r.pareto.end(), p.index) != r.pareto.end();
}

const TierOutcome* tier_outcome(const SweepPoint& p, int tier) {
  if (!p.simulated) return nullptr;
  const auto it = p.outcome.tiers.find(tier);
  return it == p.outcome.tiers.end() ? nullptr : &it->second;
}

const results::TierSummary* tier_summary(const SweepPoint& p, int tier) {
  if (!p.simulated) return nullptr;
  for (const results::TierSummary& t : p.summary.tiers) {
    if (t.tier == tier) return &t;
  }
  return nullptr;
}

std::vector<int> tiers_of(const SweepResult& r) {
  std::vector<int> out;
  for (const SweepPoint* p : table_rows(r)) {
    for (const auto& [tier, t] : p->outcome.tiers) {
      if (p->simulated && std::find(out.begin(), out.end(), tier) == out.end()) out.push_back(tier);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string duration_text(double s, bool lower_bound = false) {
  if (std::isinf(s)) return "total loss";
  return (lower_bound ? "≥ " : "") + human_s(s);
}

// "−3 h 8 min" against the base; "" where either is a total loss.
std::string delta_text(double value, double base) {
  if (std::isinf(value) || std::isinf(base)) return std::isinf(value) == std::isinf(base) ? "±0" : "";
  const double d = value - base;
  if (d == 0) return "±0";
  return (d < 0 ? "−" : "+") + human_s(std::fabs(d));
}

std::string badge(results::Verdict v) {
  switch (v) {
    case results::Verdict::kMet:
      return "<span class=\"badge met\">✓ met</span>";
    case results::Verdict::kMissed:
      return "<span class=\"badge missed\">✗ missed</span>";
    case results::Verdict::kUncertain:
      return "<span class=\"badge uncertain\">? uncertain</span>";
  }
  return "";
}

// "1,500" for a whole amount.
std::string whole_money(double amount) {
  std::string text = money_text(std::round(amount));
  return text.substr(0, text.size() - 3);
}

// ---------------------------------------------------------------------------------------------
// The frontier charts: cost on x, a tier's p95 on a log axis on y.

constexpr double kWidth = 460, kHeight = 300;
constexpr double kLeft = 66, kRight = 444, kTop = 34, kBottom = 250;

struct Dot {
  const SweepPoint* p;
  double cost, value;  // value: seconds, 0 or +infinity
  bool lower_bound;
};

// Step of about 1, 2 or 5 × 10^k that cuts `span` into at most `parts` parts.
double money_step(double span, double parts) {
  const double raw = span / parts;
  const double p10 = std::pow(10, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * p10 >= raw) return m * p10;
  }
  return 10 * p10;
}

void frontier_chart(std::string& out, const SweepResult& r, int tier, bool rto,
                    const std::string& currency) {
  std::vector<Dot> dots;
  double target_s = 0;
  for (const SweepPoint* p : table_rows(r)) {
    const TierOutcome* t = tier_outcome(*p, tier);
    if (!t) continue;
    if (const results::TierSummary* s = tier_summary(*p, tier)) {
      target_s = (rto ? s->target.rto : s->target.rpo).in_seconds();
    }
    dots.push_back({p, p->cost_per_month, rto ? t->rto_p95_s : t->rpo_p95_s,
                    rto && t->rto_p95_lower_bound});
  }
  if (dots.empty()) return;
  const std::string metric = rto ? "RTO" : "RPO";
  const std::string id = strf("frontier-tier-%d-%s", tier, rto ? "rto" : "rpo");
  const std::string title = strf("Tier %d: %s p95 against cost", tier, metric.c_str());
  out += "<figure>\n";
  report::html::open_svg(out, id, kWidth, kHeight, esc(title));
  report::html::text_at(out, kLeft, 18, "start", esc(title), "title");

  // x: the costs, padded.
  double cost_lo = dots[0].cost, cost_hi = dots[0].cost;
  for (const Dot& d : dots) {
    cost_lo = std::min(cost_lo, d.cost);
    cost_hi = std::max(cost_hi, d.cost);
  }
  const double pad = std::max((cost_hi - cost_lo) * 0.08, std::max(cost_hi * 0.02, 1.0));
  cost_lo -= pad;
  cost_hi += pad;
  const auto x_of = [&](double cost) {
    return kLeft + (cost - cost_lo) / (cost_hi - cost_lo) * (kRight - kLeft);
  };
  // y: a log axis over the finite positive values and the target, with a band above for total
  // losses and one below for zero.
  bool any_inf = false, any_zero = false;
  double v_lo = target_s > 0 ? target_s : 0, v_hi = v_lo;
  for (const Dot& d : dots) {
    if (std::isinf(d.value)) {
      any_inf = true;
    } else if (d.value <= 0) {
      any_zero = true;
    } else {
      v_lo = v_lo > 0 ? std::min(v_lo, d.value) : d.value;
      v_hi = std::max(v_hi, d.value);
    }
  }
  if (v_lo <= 0) v_lo = v_hi = 60;
  const double log_lo = std::log10(v_lo) - 0.25, log_hi = std::log10(v_hi) + 0.25;
  const double inf_y = kTop + 8, zero_y = kBottom - 8;
  const double axis_top = kTop + (any_inf ? 24 : 0), axis_bottom = kBottom - (any_zero ? 24 : 0);
  const auto y_of = [&](double v) {
    if (std::isinf(v)) return inf_y;
    if (v <= 0) return zero_y;
    return axis_bottom - (std::log10(v) - log_lo) / (log_hi - log_lo) * (axis_bottom - axis_top);
  };
  if (any_inf) {
    out += "<rect class=\"band\" x=\"" + px(kLeft) + "\" y=\"" + px(kTop) + "\" width=\"" +
           px(kRight - kLeft) + "\" height=\"16\"/>\n";
    report::html::text_at(out, kLeft - 6, inf_y + 4, "end", "total loss", "muted");
  }
  if (any_zero) {
    out += "<rect class=\"band\" x=\"" + px(kLeft) + "\" y=\"" + px(kBottom - 16) +
           "\" width=\"" + px(kRight - kLeft) + "\" height=\"16\"/>\n";
    report::html::text_at(out, kLeft - 6, zero_y + 4, "end", "0", "muted");
  }
  // Grid at round durations inside the axis; finer ones when the coarse give fewer than three.
  const std::vector<double> coarse = {1, 10, 60, 600, 3600, 6 * 3600, 86400, 7 * 86400,
                                      30 * 86400};
  const std::vector<double> fine = {1,    2,    5,    10,   30,    60,    120,   300,
                                    600,  1800, 3600, 7200, 10800, 21600, 43200, 86400,
                                    2 * 86400, 7 * 86400, 30 * 86400};
  const auto inside = [&](double t) {
    return std::log10(t) >= log_lo && std::log10(t) <= log_hi;
  };
  const bool few = std::count_if(coarse.begin(), coarse.end(), inside) < 3;
  for (double t : few ? fine : coarse) {
    if (!inside(t)) continue;
    const double y = y_of(t);
    report::html::line(out, kLeft, y, kRight, y, "grid");
    report::html::text_at(out, kLeft - 6, y + 4, "end", esc(human_s(t)), "muted");
  }
  // Grid at round costs.
  const double step = money_step(cost_hi - cost_lo, 5);
  for (double c = std::ceil(cost_lo / step) * step; c <= cost_hi; c += step) {
    const double x = x_of(c);
    report::html::line(out, x, kTop, x, kBottom, "grid");
    report::html::text_at(out, x, kBottom + 16, "middle", esc(whole_money(c)), "muted");
  }
  report::html::line(out, kLeft, kBottom, kRight, kBottom, "axis");
  report::html::line(out, kLeft, kTop, kLeft, kBottom, "axis");
  report::html::text_at(out, (kLeft + kRight) / 2, kBottom + 36, "middle",
                        esc("cost per month (" + currency + ")"), "muted");
  if (target_s > 0) {
    const double y = y_of(target_s);
    report::html::line(out, kLeft, y, kRight, y, "target");
    report::html::text_at(out, kRight, y - 4, "end", esc("target " + human_s(target_s)),
                          "target");
  }
  // Points off the frontier first, so that the frontier's are drawn over them; then the labels.
  for (int pass = 0; pass < 2; ++pass) {
    for (const Dot& d : dots) {
      const bool front = on_front(r, *d.p);
      if (front != (pass == 1)) continue;
      const bool base = d.p == reference_point(r);
      std::string cls = front ? "pt front" : base ? "pt base" : "pt";
      out += "<circle class=\"" + cls + "\" cx=\"" + px(x_of(d.cost)) + "\" cy=\"" +
             px(y_of(d.value)) + "\" r=\"" + (base ? "5.5" : "4.5") + "\"><title>" +
             esc(point_label(*d.p) + ": " + d.p->name + ", " + money_text(d.cost) + " " + currency +
                 "/month, " + metric + " p95 " + duration_text(d.value, d.lower_bound)) +
             "</title></circle>\n";
      if (base && front) {
        out += "<circle class=\"pt base\" cx=\"" + px(x_of(d.cost)) + "\" cy=\"" +
               px(y_of(d.value)) + "\" r=\"8\" fill=\"none\" style=\"fill:none\"/>\n";
      }
    }
  }
  // Labels of the frontier's points and the base, each where it overlaps no label placed
  // before it: above or below its point, on the right or the left.
  struct Box {
    double x0, y0, x1, y1;
  };
  std::vector<Box> placed;
  for (const Dot& d : dots) {
    const bool front = on_front(r, *d.p), base = d.p == reference_point(r);
    if (!front && !base) continue;
    const std::string text = report::html::truncate_chars(
        point_label(*d.p) + (d.p->name == "base" ? " base" : " " + d.p->name), 30);
    const double x = x_of(d.cost), y = y_of(d.value), w = report::html::text_width_11px(text);
    std::optional<Box> chosen;
    bool chosen_left = false;
    for (double dy : {-7.0, 15.0, -19.0, 27.0, -31.0, 39.0, -43.0}) {
      for (bool left : {x + 10 + w > kWidth - 4, !(x + 10 + w > kWidth - 4)}) {
        const Box b{left ? x - 9 - w : x + 9, y + dy - 10, left ? x - 9 : x + 9 + w, y + dy + 2};
        if (b.x0 < 2 || b.x1 > kWidth - 2 || b.y0 < kTop - 14 || b.y1 > kBottom + 4) continue;
        const bool clear = std::none_of(placed.begin(), placed.end(), [&](const Box& o) {
          return b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1;
        });
        if (clear) {
          chosen = b;
          chosen_left = left;
          break;
        }
      }
      if (chosen) break;
    }
    if (!chosen) continue;  // no room: the table names it
    placed.push_back(*chosen);
    report::html::text_at(out, chosen_left ? chosen->x1 : chosen->x0, chosen->y1 - 2,
                          chosen_left ? "end" : "start", esc(text), front ? "front" : "");
  }
  out += "</svg>\n</figure>\n";
}

// ---------------------------------------------------------------------------------------------
// Sections

// "RPO 1 h (met by 51.5 %, needs 95 %)".
std::string misses_html(const std::vector<Miss>& misses) {
  std::string out;
  for (size_t i = 0; i < misses.size(); ++i) {
    const Miss& m = misses[i];
    out += (i ? " and " : "") + std::string(m.target == "rpo" ? "RPO " : "RTO ") +
           esc(human_s(m.target_s)) + " (met by " + esc(report::html::percent(m.met.fraction)) +
           ", 95 % CI " + esc(report::html::percent(m.met.lo)) + "–" +
           esc(report::html::percent(m.met.hi)) + "; needs " +
           esc(report::html::percent(m.needed)) + ")";
  }
  return out;
}

void buy_section(std::string& out, const SweepResult& r, const std::string& currency) {
  out += "<h2 id=\"buy\">What should we buy?</h2>\n";
  const SweepPoint* base = simulated_reference(r);
  if (!base) {
    out += "<p>The base was not simulated (the sweep was interrupted), so there is nothing to "
           "compare with.</p>\n";
    return;
  }
  out += "<p>The base is the scenario as given" +
         std::string(r.base_point ? ": point " + std::to_string(*r.base_point)
                                  : ", simulated apart with the same seed and trials") +
         ", at " + esc(money_text(base->cost_per_month)) + " " + esc(currency) + "/month.</p>\n";
  if (r.cheapest_per_tier.empty()) out += "<p>The base meets every tier's targets.</p>\n";
  out += "<ul>\n";
  for (const TierChoice& c : r.cheapest_per_tier) {
    const bool missed = std::any_of(c.misses.begin(), c.misses.end(), [](const Miss& m) {
      return m.verdict == results::Verdict::kMissed;
    });
    out += strf("<li id=\"buy-tier-%d\"><strong>Tier %d</strong> ", c.tier, c.tier) +
           (missed ? "misses " : "may miss ") + misses_html(c.misses) + " in the base; ";
    if (!c.point) {
      out += "no point of the sweep meets it.</li>\n";
      continue;
    }
    const SweepPoint& p = r.points[*c.point];
    out += "cheapest change that meets it: <strong>" + esc(p.name) + "</strong> (point " +
           std::to_string(p.index) + "), " +
           esc(signed_money_text(p.cost_per_month - base->cost_per_month)) + " " + esc(currency) +
           "/month (" + esc(money_text(p.cost_per_month)) + " " + esc(currency) +
           "/month).</li>\n";
  }
  out += "</ul>\n";
  if (r.cheapest_compliant) {
    const SweepPoint& p = r.points[*r.cheapest_compliant];
    out += "<p>Cheapest point that meets every tier: <strong>" + esc(p.name) + "</strong> (point " +
           std::to_string(p.index) + "), " + esc(money_text(p.cost_per_month)) + " " +
           esc(currency) + "/month.</p>\n";
  } else if (r.nearest_miss) {
    const SweepPoint& p = r.points[*r.nearest_miss];
    out += "<p>No point meets every tier with 95 % confidence; the nearest miss is <strong>" +
           esc(p.name) + "</strong> (point " + std::to_string(p.index) + "), which misses " +
           misses_html(r.nearest_misses) + ".</p>\n";
  }
}

void frontier_section(std::string& out, const SweepResult& r, const std::string& currency) {
  const std::vector<int> tiers = tiers_of(r);
  if (tiers.empty()) return;
  out += "<h2 id=\"frontier\">The frontier</h2>\n<p>A point is on the frontier when no other "
         "point is at least as good on cost and on every tier's RPO p95, RTO p95 and compliance, "
         "and better on one: what each extra " +
         esc(currency) +
         " buys. Filled points are on it, the ringed point is the base; a total loss sits in the "
         "band at the top.</p>\n";
  for (int tier : tiers) {
    out += "<div class=\"charts\">\n";
    frontier_chart(out, r, tier, true, currency);
    frontier_chart(out, r, tier, false, currency);
    out += "</div>\n";
  }
}

void points_section(std::string& out, const SweepResult& r, const std::string& currency) {
  const std::vector<int> tiers = tiers_of(r);
  const SweepPoint* base = simulated_reference(r);
  out += "<h2 id=\"points\">Points</h2>\n<table class=\"points\">\n<thead><tr><th>Point</th>"
         "<th>Name</th><th class=\"num\">" +
         esc(currency) + "/month</th><th class=\"num\">vs base</th>";
  for (int tier : tiers) {
    out += strf("<th class=\"num\">Tier %d RPO p95</th><th class=\"num\">Tier %d RTO p95</th>"
                "<th>Tier %d</th>",
                tier, tier, tier);
  }
  out += "<th>Frontier</th></tr></thead>\n<tbody>\n";
  for (const SweepPoint* p : table_rows(r)) {
    const bool front = on_front(r, *p), is_reference = p == reference_point(r);
    out += std::string("<tr") + (front ? " class=\"front\"" : "") + "><td class=\"nowrap\">" +
           esc(point_label(*p)) + "</td><td class=\"name\">" + esc(p->name) + "</td>";
    if (!p->valid()) {
      out += "<td class=\"num\">–</td><td></td>";
      for (size_t i = 0; i < tiers.size(); ++i) out += "<td></td><td></td><td></td>";
      out += "<td>invalid: " + esc(first_error(*p)) + "</td></tr>\n";
      continue;
    }
    out += "<td class=\"num\">" + esc(money_text(p->cost_per_month)) + "</td><td class=\"num\">" +
           (base && !is_reference
                ? esc(signed_money_text(p->cost_per_month - base->cost_per_month))
                : std::string()) +
           "</td>";
    for (int tier : tiers) {
      const TierOutcome* t = tier_outcome(*p, tier);
      const results::TierSummary* s = tier_summary(*p, tier);
      const TierOutcome* b = base ? tier_outcome(*base, tier) : nullptr;
      if (!t || !s) {
        out += "<td class=\"num\">–</td><td class=\"num\">–</td><td>" +
               std::string(p->simulated ? "" : "not simulated") + "</td>";
        continue;
      }
      const auto cell = [&](double v, double bv, bool lower_bound) {
        std::string c = esc(duration_text(v, lower_bound));
        if (b && !is_reference) {
          const std::string d = delta_text(v, bv);
          if (!d.empty()) c += "<div class=\"why\">" + esc(d) + "</div>";
        }
        return "<td class=\"num\">" + c + "</td>";
      };
      out += cell(t->rpo_p95_s, b ? b->rpo_p95_s : 0, false);
      out += cell(t->rto_p95_s, b ? b->rto_p95_s : 0, t->rto_p95_lower_bound);
      out += "<td>" + badge(s->verdict) +
             (p->summary.partial ? " <span class=\"tag\">partial</span>" : "") + "</td>";
    }
    out += std::string("<td>") + (front ? "on it" : "") + "</td></tr>\n";
  }
  out += "</tbody>\n</table>\n";

  out += "<h3 id=\"costs\">Cost per month (" + esc(currency) +
         ")</h3>\n<table class=\"costs\">\n<thead><tr><th>Point</th><th class=\"num\">Instances"
         "</th><th class=\"num\">Standby</th><th class=\"num\">Replicas</th><th class=\"num\">"
         "Storage</th><th class=\"num\">Backups</th><th class=\"num\">Transfer</th><th "
         "class=\"num\">Object stores</th><th class=\"num\">Total</th></tr></thead>\n<tbody>\n";
  for (const SweepPoint* p : table_rows(r)) {
    if (!p->valid()) continue;
    const CostBreakdown& c = p->cost;
    out += "<tr><td>" + esc(point_label(*p)) + "</td>";
    for (double v : {c.primary_instances(), c.standby_instances, c.replica_instances, c.storage,
                     c.backups, c.transfer, c.object_stores, p->cost_per_month}) {
      out += "<td class=\"num\">" + esc(money_text(v)) + "</td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
}

void notes_section(std::string& out, const SweepResult& r) {
  std::vector<std::string> notes;
  for (const SweepPoint& p : r.points) {
    for (const std::string& a : p.adjustments) {
      notes.push_back("Point " + std::to_string(p.index) + ": AZs fitted to the deployment: " +
                      esc(a));
    }
    for (const std::string& w : p.warnings) {
      notes.push_back("Point " + std::to_string(p.index) + ": " + esc(w));
    }
    if (!p.valid()) {
      notes.push_back("Point " + std::to_string(p.index) + " is not a valid scenario: " +
                      esc(first_error(p)));
    }
  }
  if (notes.empty()) return;
  out += "<h2 id=\"notes\">Notes</h2>\n<ul>\n";
  for (const std::string& n : notes) out += "<li>" + n + "</li>\n";
  out += "</ul>\n";
}

}  // namespace

std::string sweep_to_html(const SweepResult& r, const std::string& scenario_file,
                          const std::string& drsim_version) {
  const std::string currency = r.currency;
  std::string main;
  main += "<header>\n<h1>" + esc(r.scenario) + "</h1>\n<p class=\"lede\">A sweep of " +
          std::to_string(r.points.size()) + (r.points.size() == 1 ? " point" : " points") +
          ", each " + std::to_string(r.trials) + " trials of " + esc(human_s(r.horizon_s)) +
          " with seed " + std::to_string(r.seed) +
          " (the same fault draws at every point)" +
          (scenario_file.empty() ? "" : ", from <code>" + esc(scenario_file) + "</code>") +
          (drsim_version.empty() ? "" : ", " + esc(drsim_version)) + ".</p>\n";
  if (!r.settings.empty()) {
    main += "<p class=\"lede\">Swept: ";
    for (size_t k = 0; k < r.settings.size(); ++k) {
      main += (k ? ", " : "") + std::string("<code>") + esc(r.settings[k].argument) + "</code>";
    }
    main += ".</p>\n";
  }
  if (r.partial) {
    main += "<p class=\"warning\">Partial: interrupted; simulated " + esc(partial_extent(r)) +
            ". Points not simulated take no part in the frontier or the choices.</p>\n";
  }
  main += "</header>\n<nav><a href=\"#buy\">What to buy</a><a href=\"#frontier\">Frontier</a>"
          "<a href=\"#points\">Points</a><a href=\"#costs\">Costs</a></nav>\n";
  buy_section(main, r, currency);
  frontier_section(main, r, currency);
  points_section(main, r, currency);
  notes_section(main, r);
  main += "<footer>Written by " + (drsim_version.empty() ? std::string("drsim") : esc(drsim_version)) +
          (scenario_file.empty() ? "" : " from <code>" + esc(scenario_file) + "</code>") +
          ". The same scenario, settings, seed and trials give the same report. Durations are "
          "simulated time; costs are the scenario's prices per month of 730 hours.</footer>\n";
  return report::html_page(r.scenario + " · sweep", main);
}

}  // namespace drsim::models::sweep

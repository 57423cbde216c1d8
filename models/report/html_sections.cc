// The HTML report's sections: the verdict tables, the captions around the charts, the trial's
// story and outcome table, the decisions and the branches.
#include "models/report/html_sections.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "models/report/html_format.h"
#include "models/report/html_svg.h"
#include "models/report/writers.h"
#include "sim/units.h"

namespace drsim::models::report::html {
namespace {

// A statistic in seconds, "≥ 4 d 21 h" when it is only a lower bound; "–" without values.
std::string stat_span(double seconds, bool lower_bound, size_t n) {
  if (n == 0) return "–";
  return (lower_bound ? "≥ " : "") + human_s(seconds);
}

std::string verdict_badge(results::Verdict v) {
  switch (v) {
    case results::Verdict::kMet:
      return "<span class=\"badge met\">✓ met</span>";
    case results::Verdict::kMissed:
      return "<span class=\"badge missed\">✗ MISSED</span>";
    case results::Verdict::kUncertain:
      return "<span class=\"badge uncertain\">? uncertain</span>";
  }
  return "";
}

// "98.7 %" with its 95 % interval beneath; "–" when nothing was judged.
std::string share_cell(const results::Proportion& p) {
  if (p.trials == 0) return "–";
  std::string lo = percent(p.lo);
  if (lo.size() > 2 && lo.compare(lo.size() - 2, 2, " %") == 0) lo.resize(lo.size() - 2);
  return percent(p.fraction) + "<br><small>" + lo + "–" + percent(p.hi) + "</small>";
}

// Lost writes per incident: "mean / p95", "unknown" when no incident's count is known.
std::string lost_writes_cell(const results::TierSummary& t) {
  std::string cell;
  if (t.lost_writes.n > 0) {
    cell = format_count(t.lost_writes.mean) + " / " + format_count(t.lost_writes.p95);
  } else {
    cell = t.lost_writes_unknown > 0 ? "unknown" : "–";
  }
  if (t.total_loss > 0) {
    cell +=
        strf("<br><small>%zu total loss%s</small>", t.total_loss, t.total_loss == 1 ? "" : "es");
  }
  return cell;
}

std::string_view list_class(std::string_view kind) {
  switch (mark_of(kind)) {
    case Mark::kFault:
      return "fault";
    case Mark::kDecision:
      return "decision";
    case Mark::kRecovery:
      return "recovery";
    case Mark::kNone:
      break;
  }
  return "";
}

// How a service fared in one trial, as a badge and words: met, MISSED (which target, by how
// much), total loss, still down.
std::string outcome_verdict(const results::ServiceOutcome& o) {
  if (o.incidents == 0) return "<span class=\"badge met\">✓ met</span> <small>no incident</small>";
  if (o.total_loss) return "<span class=\"badge missed\">✗ total loss</span>";
  std::vector<std::string> misses;
  const double rto_target_s = o.target.rto.in_seconds();
  const double rpo_target_s = o.target.rpo.in_seconds();
  if (!o.met_rto) {
    misses.push_back("RTO by " + std::string(o.censored ? "≥ " : "") +
                     human_s(o.rto_s - rto_target_s));
  }
  if (!o.met_rpo && o.rpo_s) misses.push_back("RPO by " + human_s(*o.rpo_s - rpo_target_s));
  std::string why;
  for (size_t i = 0; i < misses.size(); ++i) why += (i ? ", " : "") + misses[i];
  if (o.censored && misses.empty()) {
    return "<span class=\"badge uncertain\">? still down</span>";
  }
  if (o.censored)
    return "<span class=\"badge missed\">✗ still down</span> <small>" + esc(why) + "</small>";
  if (misses.empty()) return "<span class=\"badge met\">✓ met</span>";
  return "<span class=\"badge missed\">✗ MISSED</span> <small>" + esc(why) + "</small>";
}

std::string outcome_rto(const results::ServiceOutcome& o) {
  if (o.incidents == 0) return "–";
  if (o.censored) return "≥ " + human_s(o.rto_s) + "<br><small>still down at the horizon</small>";
  return human_s(o.rto_s);
}

std::string outcome_rpo(const results::ServiceOutcome& o) {
  if (o.incidents == 0) return "–";
  if (o.total_loss) return "everything";
  if (!o.rpo_s) return "not known yet";
  return human_s(*o.rpo_s);
}

std::string outcome_lost_writes(const results::ServiceOutcome& o) {
  if (o.incidents == 0) return "–";
  if (o.total_loss) return "all";
  if (!o.lost_writes) return "unknown";
  return format_count(static_cast<double>(*o.lost_writes));
}

std::string targets_text(const scenario::TierTarget& t, std::string_view separator = ", ") {
  return "RPO &lt; " + esc(human(t.rpo)) + std::string(separator) + "RTO &lt; " + esc(human(t.rto));
}

void story_list(std::string& out, const results::Story& st) {
  const std::map<size_t, int> numbers = decision_numbers(st);
  std::vector<int> depth(st.events.size(), 0);
  out += "<ol class=\"story\">\n";
  std::string last_day;
  for (size_t i = 0; i < st.events.size(); ++i) {
    const observations::StoryEvent& e = st.events[i];
    const int c = e.cause;
    if (c >= 0 && static_cast<size_t>(c) < i && st.events[static_cast<size_t>(c)].at == e.at) {
      depth[i] = std::min(depth[static_cast<size_t>(c)] + 1, 4);
    }
    const int64_t epoch = epoch_of(st.start_epoch_s, e.at);
    const std::string day = sim::format_utc_date(epoch);
    if (day != last_day) {
      out += "<li class=\"day\">" + esc(sim::format_clock(epoch).substr(0, 3)) + " " + esc(day) +
             "</li>\n";
      last_day = day;
    }
    std::string cls(list_class(e.kind));
    if (depth[i] > 0) cls += (cls.empty() ? "d" : " d") + std::to_string(depth[i]);
    out += cls.empty() ? "<li>" : "<li class=\"" + cls + "\">";
    out += "<time>" + (depth[i] > 0 ? std::string() : esc(clock_utc(epoch))) +
           "</time><span class=\"what\">";
    if (depth[i] > 0) out += "↳ ";
    const auto n = numbers.find(i);
    if (n != numbers.end()) out += "<span class=\"n\">" + std::to_string(n->second) + "</span>";
    if (!e.rds_event.empty()) out += "<code class=\"rds\">" + esc(e.rds_event) + "</code>";
    out += esc(e.text) + "</span></li>\n";
  }
  out += "</ol>\n";
}

std::string yes_no(const std::optional<bool>& v) {
  if (!v) return "not known";
  return *v ? "yes" : "no";
}

}  // namespace

void verdicts_section(std::string& out, const results::Summary& s, double slo) {
  out += "<section id=\"verdicts\">\n<h2>Verdicts</h2>\n";
  const std::string p = strf("%.0f %%", 100 * slo);
  out += "<p>A tier meets its targets when, with 95 % confidence, at least " + p +
         " of its incidents recover within the RPO and RTO targets; it has MISSED them when even "
         "the most favourable end of the 95 % interval is below " +
         p + " for either target, and it is uncertain in between (more trials would tell).</p>\n";
  bool any_bound = false;
  out +=
      "<table class=\"tiers\">\n<thead><tr><th>Tier</th><th>Targets</th>"
      "<th class=\"num\">Incidents</th><th class=\"num\">RPO p95</th>"
      "<th class=\"num\">RTO p95</th><th class=\"num\">Meet RPO</th>"
      "<th class=\"num\">Meet RTO</th><th class=\"num\">Total losses</th>"
      "<th class=\"num\">Still open</th><th>Verdict</th></tr></thead>\n<tbody>\n";
  // Beside the verdict: which target, by how much.
  const auto verdict_cell = [&](const results::TierSummary& t) {
    std::string why;
    if (t.incidents == 0) {
      why = "no incidents";
    } else if (t.verdict == results::Verdict::kMissed) {
      std::vector<std::string> parts;
      if (t.met_rpo.trials > 0 && t.met_rpo.hi < slo) {
        parts.push_back("RPO met by " + percent(t.met_rpo.fraction));
      }
      if (t.met_rto.trials > 0 && t.met_rto.hi < slo) {
        parts.push_back("RTO met by " + percent(t.met_rto.fraction));
      }
      for (size_t i = 0; i < parts.size(); ++i) why += (i ? ", " : "") + parts[i];
      why += " of incidents; needs " + p;
    } else if (t.verdict == results::Verdict::kUncertain) {
      const double lo =
          std::min(t.met_rpo.trials ? t.met_rpo.lo : 1.0, t.met_rto.trials ? t.met_rto.lo : 1.0);
      why = "too few incidents to tell: with 95 % confidence at least " + percent(lo) +
            " meet the targets, and " + p + " must";
    }
    return verdict_badge(t.verdict) +
           (why.empty() ? "" : "<div class=\"why\">" + esc(why) + "</div>");
  };
  for (const results::TierSummary& t : s.tiers) {
    any_bound = any_bound || t.rto_s.lower_bound.p95 || t.rpo_s.lower_bound.p95;
    out += "<tr><td class=\"name nowrap\">Tier " + std::to_string(t.tier) +
           "</td><td class=\"nowrap\">" + targets_text(t.target, "<br>") +
           "</td><td class=\"num\">" + std::to_string(t.incidents) + "</td><td class=\"num\">" +
           esc(stat_span(t.rpo_s.p95, t.rpo_s.lower_bound.p95, t.rpo_s.n)) +
           "</td><td class=\"num\">" +
           esc(stat_span(t.rto_s.p95, t.rto_s.lower_bound.p95, t.rto_s.n)) +
           "</td><td class=\"num\">" + share_cell(t.met_rpo) + "</td><td class=\"num\">" +
           share_cell(t.met_rto) + "</td><td class=\"num\">" + std::to_string(t.total_loss) +
           "</td><td class=\"num\">" + std::to_string(t.censored) + "</td><td>" +
           verdict_cell(t) + "</td></tr>\n";
  }
  out += "</tbody></table>\n";

  out +=
      "<h3>Services</h3>\n<table class=\"services\">\n<thead><tr><th>Service</th>"
      "<th class=\"num\">Tier</th><th class=\"num\">Incidents</th>"
      "<th class=\"num\">Availability</th><th class=\"num\">Nines</th>"
      "<th class=\"num\">RPO p95</th><th class=\"num\">RTO p95</th>"
      "<th class=\"num\">Lost writes<br>mean / p95</th><th>Verdict</th></tr></thead>\n<tbody>\n";
  for (const results::ServiceSummary& svc : s.services) {
    const results::TierSummary& t = svc.incidents;
    any_bound = any_bound || t.rto_s.lower_bound.p95 || t.rpo_s.lower_bound.p95;
    out += "<tr><td class=\"name\">" + esc(svc.name) + "</td><td class=\"num\">" +
           std::to_string(svc.tier) + "</td><td class=\"num\">" + std::to_string(t.incidents) +
           "</td><td class=\"num\">" + esc(availability_text(svc.availability)) +
           "</td><td class=\"num\">" +
           (svc.nines && std::isfinite(*svc.nines) ? strf("%.1f", *svc.nines)
                                                   : std::string("no downtime")) +
           "</td><td class=\"num\">" +
           esc(stat_span(t.rpo_s.p95, t.rpo_s.lower_bound.p95, t.rpo_s.n)) +
           "</td><td class=\"num\">" +
           esc(stat_span(t.rto_s.p95, t.rto_s.lower_bound.p95, t.rto_s.n)) +
           "</td><td class=\"num\">" + lost_writes_cell(t) + "</td><td>" +
           verdict_badge(t.verdict) + "</td></tr>\n";
  }
  out += "</tbody></table>\n";
  if (!s.object_stores.empty()) {
    // Each store against the tier of the services that use it; uploads lost are its RPO.
    out +=
        "<h3>Object stores</h3>\n<table class=\"services\" id=\"object-stores\">\n<thead><tr>"
        "<th>Object store</th><th class=\"num\">Tier</th><th>Targets</th>"
        "<th class=\"num\">Incidents</th><th class=\"num\">Availability</th>"
        "<th class=\"num\">Uploads lost p95</th><th class=\"num\">RTO p95</th>"
        "<th class=\"num\">Total losses</th><th>Verdict</th></tr></thead>\n<tbody>\n";
    for (const results::ServiceSummary& store : s.object_stores) {
      const results::TierSummary& t = store.incidents;
      any_bound = any_bound || t.rto_s.lower_bound.p95 || t.rpo_s.lower_bound.p95;
      out += "<tr><td class=\"name\">" + esc(store.name) + "<br><small>" + esc(store.region) +
             "</small></td><td class=\"num\">" +
             std::to_string(store.tier) + "</td><td class=\"nowrap\">RPO &lt; " +
             esc(sim::spoken_duration(t.target.rpo)) + "<br>RTO &lt; " +
             esc(sim::spoken_duration(t.target.rto)) + "</td><td class=\"num\">" +
             std::to_string(t.incidents) + "</td><td class=\"num\">" +
             esc(availability_text(store.availability)) + "</td><td class=\"num\">" +
             esc(stat_span(t.rpo_s.p95, t.rpo_s.lower_bound.p95, t.rpo_s.n)) +
             "</td><td class=\"num\">" +
             esc(stat_span(t.rto_s.p95, t.rto_s.lower_bound.p95, t.rto_s.n)) +
             "</td><td class=\"num\">" + std::to_string(t.total_loss) + "</td><td>" +
             verdict_cell(t) + "</td></tr>\n";
    }
    out += "</tbody></table>\n";
  }
  std::string planned;
  for (const results::TierSummary& t : s.tiers) {
    if (t.planned_incidents == 0) continue;
    planned += (planned.empty() ? "" : ", ") + std::string("tier ") + std::to_string(t.tier) +
               ": " + std::to_string(t.planned_incidents);
  }
  if (!planned.empty()) {
    out += "<p><small>Planned events (failover tests, switchovers) caused incidents counted "
           "apart, not in the statistics above (their downtime is in availability): " +
           esc(planned) + ".</small></p>\n";
  }
  if (any_bound) {
    out +=
        "<p><small>≥: a lower bound. Incidents still open at the horizon count at the time "
        "they have been open, so a service that never comes back never shows a short "
        "RTO.</small></p>\n";
  }
  out += "</section>\n";
}

void distributions_section(std::string& out, const results::Results& r) {
  std::set<int> tiers;
  for (const results::ServiceResults& svc : r.services) tiers.insert(svc.tier);
  std::string body;
  for (int tier : tiers) {
    const auto target = r.tiers.find(tier);
    if (target == r.tiers.end()) continue;
    const results::IncidentStats& merged = r.incidents_of_tier(tier);
    if (merged.incidents == 0) continue;
    results::DurationStats rto_all = merged.rto;
    rto_all.merge(merged.rto_open);
    const std::string t = std::to_string(tier);
    body += "<h3>Tier " + t + " <small>(" + targets_text(target->second) + "; " +
            std::to_string(merged.incidents) +
            (merged.incidents == 1 ? " incident" : " incidents") + ")</small></h3>\n";
    body += "<div class=\"charts\">\n<figure>\n";
    cdf_chart(body, {"rpo-cdf-tier-" + t, "Tier " + t + " · RPO", "RPO",
                     "writes lost, as a time window (log scale)", &merged.rpo.histogram,
                     merged.incidents, target->second.rpo.in_seconds(), r.tier_slo});
    body += "<figcaption>Share of the " + std::to_string(merged.incidents) +
            " incidents whose RPO is at most x.";
    if (merged.total_loss > 0) {
      body += strf(
          " <strong>%llu incident%s lost everything: not on this chart</strong> (the "
          "curve stops short of 100 %%).",
          static_cast<unsigned long long>(merged.total_loss), merged.total_loss == 1 ? "" : "s");
    }
    if (merged.rpo_unknown > 0) {
      body += strf(
          " %llu incident%s still down at the horizon with the loss not known yet: not "
          "on this chart.",
          static_cast<unsigned long long>(merged.rpo_unknown), merged.rpo_unknown == 1 ? "" : "s");
    }
    body += "</figcaption>\n</figure>\n<figure>\n";
    cdf_chart(body, {"rto-cdf-tier-" + t, "Tier " + t + " · RTO", "RTO",
                     "time until the service serves again (log scale)", &rto_all.histogram,
                     merged.incidents, target->second.rto.in_seconds(), r.tier_slo});
    body += "<figcaption>Share of the " + std::to_string(merged.incidents) +
            " incidents whose RTO is at most x.";
    if (merged.censored > 0) {
      body += strf(
          " %llu incident%s still open at the horizon %s drawn at the time %s had "
          "been open (≥): %s RTO is at least that.",
          static_cast<unsigned long long>(merged.censored), merged.censored == 1 ? "" : "s",
          merged.censored == 1 ? "is" : "are", merged.censored == 1 ? "it" : "they",
          merged.censored == 1 ? "its" : "their");
    }
    body += "</figcaption>\n</figure>\n</div>\n";
  }
  if (body.empty()) return;
  out += "<section id=\"distributions\">\n<h2>RPO and RTO distributions per tier</h2>\n";
  out += strf(
      "<p>Each curve climbs as incidents recover: where it crosses the dashed target line "
      "is the share of incidents that met the target; the dotted line is the %.0f %% a "
      "tier needs.</p>\n",
      100 * r.tier_slo);
  out += body;
  out += "</section>\n";
}

void failovers_section(std::string& out, const results::Results& r, const results::Summary* s) {
  std::string body;
  const double lo_s = r.window_lo.in_seconds(), hi_s = r.window_hi.in_seconds();
  for (size_t k = 0; k < r.failovers.size(); ++k) {
    const results::FailoverResults& f = r.failovers[k];
    if (f.total.count() == 0) continue;
    body += "<figure>\n";
    const HistogramTail tail =
        failover_chart(body, "failover-hist-" + std::to_string(k + 1), f, lo_s, hi_s);
    const double n = static_cast<double>(f.total.count());
    body += "<figcaption>" + esc(format_count(n)) +
            (f.total.count() == 1 ? " failover" : " failovers") + " of <strong>" + esc(f.database) +
            "</strong>: " + percent(static_cast<double>(f.within_window) / n) +
            " within the window, " + percent(static_cast<double>(f.over_window) / n) +
            " longer than " + esc(seconds_text(hi_s)) + ".";
    const results::FailoverSummary* fs =
        s && k < s->failovers.size() && s->failovers[k].database == f.database ? &s->failovers[k]
                                                                               : nullptr;
    if (fs && fs->holds) {
      body += std::string(" ") +
              (*fs->holds ? "<span class=\"badge met\">✓ holds</span>"
                          : "<span class=\"badge missed\">✗ does not hold</span>") +
              strf(" (at least %.0f %% must end within ", 100 * r.failover_slo) +
              esc(seconds_text(hi_s)) + ")";
    }
    if (tail.count > 0) {
      body += " " + esc(format_count(static_cast<double>(tail.count))) +
              (tail.count == 1 ? " failover took" : " failovers took") + " longer than " +
              esc(seconds_text(tail.drawn_up_to_s)) + " (up to " + esc(seconds_text(tail.max_s)) +
              "): not drawn.";
    }
    body += "</figcaption>\n</figure>\n";
  }
  if (body.empty()) return;
  out += "<section id=\"failovers\">\n<h2>Failover durations</h2>\n";
  out +=
      "<p>Each automatic failover to a synchronous standby: detection, promotion and the DNS "
      "change, against the window the plan expects (shaded).</p>\n";
  out += "<div class=\"charts\">\n" + body + "</div>\n";
  out += "</section>\n";
}

void availability_section(std::string& out, const results::Summary& s) {
  if (s.services.empty()) return;
  out += "<section id=\"availability\">\n<h2>Availability and lost writes per service</h2>\n";
  out += "<figure class=\"wide\">\n";
  availability_chart(out, s);
  out +=
      "<figcaption>Bars in nines: three nines is 99.9 %, about 8 h 46 min down a year. Their "
      "colour is the service's verdict against its tier's targets: red MISSED, amber "
      "uncertain, slate met. Lost writes are per incident, where known.</figcaption>\n"
      "</figure>\n";
  out += "</section>\n";
}

void trial_section(std::string& out, const results::Story& st) {
  out += "<section id=\"trial\">\n<h2>The trial</h2>\n";
  if (st.events.empty() && st.intervals.empty()) {
    out += "<p>Nothing happens in this trial.</p>\n";
  } else {
    out += "<figure class=\"wide\">\n";
    gantt_chart(out, st);
    out += "</figure>\n";
    out += kGanttLegend;
  }
  if (!st.events.empty()) {
    out += "<h3>What happened</h3>\n";
    story_list(out, st);
  }
  if (!st.summary.empty()) {
    out +=
        "<h3>How each service fared</h3>\n<table class=\"outcomes\">\n<thead><tr>"
        "<th>Service</th><th class=\"num\">Tier</th><th>Targets</th><th class=\"num\">RTO</th>"
        "<th class=\"num\">RPO</th><th class=\"num\">Lost writes</th><th>Verdict</th>"
        "</tr></thead>\n<tbody>\n";
    for (const results::ServiceOutcome& o : st.summary) {
      out += "<tr><td class=\"name\">" + esc(o.service) + "</td><td class=\"num\">" +
             std::to_string(o.tier) + "</td><td class=\"nowrap\">" +
             targets_text(o.target, "<br>") + "</td><td class=\"num\">" + outcome_rto(o) +
             "</td><td class=\"num\">" + outcome_rpo(o) + "</td><td class=\"num\">" +
             esc(outcome_lost_writes(o)) + "</td><td>" + outcome_verdict(o) + "</td></tr>\n";
    }
    out += "</tbody></table>\n";
  }
  out += "</section>\n";
}

void decisions_section(std::string& out, const results::Story& st) {
  out += "<section id=\"decisions\">\n<h2>Decisions</h2>\n";
  for (const results::DecisionRecord& d : st.decisions) {
    const int64_t at = epoch_of(st.start_epoch_s, d.at);
    out += "<div class=\"decision\">\n<h3>Decision " + std::to_string(d.n) + " · " +
           esc(clock_utc(at)) + " · " + esc(d.database) + " <small>(tier " +
           std::to_string(d.tier) + ")</small></h3>\n";
    out += "<p>Not taking writes since " +
           esc(clock_utc(epoch_of(st.start_epoch_s, d.outage_since))) + " (" +
           esc(human(d.at - d.outage_since)) + " before the decision).";
    if (!d.why.empty()) out += " The automatic rule: " + esc(d.why);
    out +=
        "</p>\n<table class=\"options\">\n<thead><tr><th>Option</th><th>What it does</th>"
        "<th class=\"num\">Loses</th><th class=\"num\">Takes p50 / p95</th>"
        "<th>Meets RPO</th><th>Meets RTO</th><th>Undoable</th></tr></thead>\n<tbody>\n";
    for (const results::DecisionOption& o : d.options) {
      const bool chosen = o.id == d.chosen;
      std::string takes = "not known";
      if (o.duration_p50_s || o.duration_p95_s) {
        takes = (o.duration_p50_s ? human_s(*o.duration_p50_s) : std::string("?")) + " / " +
                (o.duration_p95_s ? human_s(*o.duration_p95_s) : std::string("?"));
      }
      std::string loses = "not known";
      if (o.rpo_s) loses = *o.rpo_s > 0 ? human_s(*o.rpo_s) : "nothing";
      out += std::string(chosen ? "<tr class=\"chosen\">" : "<tr>") + "<td><code>" + esc(o.id) +
             "</code>";
      if (o.id == d.automatic) out += "<span class=\"tag\">automatic rule</span>";
      if (chosen) out += "<span class=\"tag\">◀ chosen</span>";
      out += "</td><td>" + esc(o.description) + "</td><td class=\"num\">" + esc(loses) +
             "</td><td class=\"num\">" + esc(takes) + "</td><td>" + yes_no(o.meets_rpo) +
             "</td><td>" + yes_no(o.meets_rto) + "</td><td>" + (o.undoable ? "yes" : "no") +
             "</td></tr>\n";
    }
    out += "</tbody></table>\n</div>\n";
  }
  out += "</section>\n";
}

void branches_section(std::string& out, const std::vector<results::BranchOutcome>& branches) {
  std::vector<std::string> services;
  for (const results::BranchOutcome& b : branches) {
    for (const results::ServiceOutcome& o : b.summary) {
      if (std::find(services.begin(), services.end(), o.service) == services.end()) {
        services.push_back(o.service);
      }
    }
  }
  out +=
      "<section id=\"branches\">\n<h2>Branches</h2>\n<p>The same trial had each decision gone "
      "another way: the branches share their random numbers up to each decision.</p>\n";
  out += "<table class=\"branches\">\n<thead><tr><th>Service</th>";
  for (const results::BranchOutcome& b : branches) out += "<th>" + esc(b.name) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const std::string& name : services) {
    out += "<tr><td class=\"name\">" + esc(name) + "</td>";
    for (const results::BranchOutcome& b : branches) {
      const auto it =
          std::find_if(b.summary.begin(), b.summary.end(),
                       [&](const results::ServiceOutcome& o) { return o.service == name; });
      if (it == b.summary.end()) {
        out += "<td>–</td>";
        continue;
      }
      out += "<td>RTO " + outcome_rto(*it) + "<br>RPO " + outcome_rpo(*it) + "<br>" +
             outcome_verdict(*it) + "</td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody></table>\n</section>\n";
}

}  // namespace drsim::models::report::html

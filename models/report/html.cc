// The shareable HTML report: the page (head, stylesheet, header, table of contents, footer) and
// the order of its sections. The sections are written in html_sections.cc, their inline SVG
// charts in html_svg.cc and html_gantt.cc.
#include "models/report/html.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "models/report/html_format.h"
#include "models/report/html_sections.h"
#include "sim/units.h"

namespace drsim::models::report {
namespace {

using html::esc;
using html::human;
using html::strf;

// ---------------------------------------------------------------------------------------------
// Stylesheet

constexpr const char* kStyle = R"css(
:root {
  --ink: #1f2328; --muted: #59636e; --rule: #d1d9e0; --soft: #f6f8fa;
  --met: #1a7f37; --met-bg: #dafbe1; --missed: #c62828; --missed-bg: #ffebe9;
  --uncertain: #8a5a00; --uncertain-bg: #fff4c2; --accent: #1f6feb;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans",
    "Liberation Sans", "DejaVu Sans", sans-serif;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono",
    monospace;
}
* { box-sizing: border-box; }
html { background: #fff; }
body { margin: 0; color: var(--ink); font: 15px/1.5 var(--sans); }
main { max-width: 1000px; margin: 0 auto; padding: 28px 28px 56px; }
h1 { font-size: 1.75em; line-height: 1.2; margin: 0 0 .3em; }
h2 { font-size: 1.3em; margin: 2.2em 0 .6em; padding-bottom: .25em;
     border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.05em; margin: 1.5em 0 .4em; }
p { margin: .4em 0 .8em; }
small { color: var(--muted); font-size: .82em; }
.lede { color: var(--muted); margin-top: 0; }
.description { max-width: 48em; }
.warning { border-left: 4px solid var(--uncertain); background: var(--uncertain-bg);
           padding: .4em .8em; }
nav { font-size: .9em; margin: 1em 0 0; padding: .5em 0; border-top: 1px solid var(--rule);
      border-bottom: 1px solid var(--rule); }
nav a { color: var(--accent); text-decoration: none; margin-right: 1.2em; white-space: nowrap; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1.2em; font-size: .88em; }
th, td { text-align: left; padding: .4em .6em; border-bottom: 1px solid var(--rule);
         vertical-align: top; }
th { font-weight: 600; color: var(--muted); border-bottom: 2px solid var(--rule); }
th.num { text-align: right; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.name { font-weight: 600; overflow-wrap: anywhere; }
td.nowrap { white-space: nowrap; }
table.tiers td:last-child { min-width: 11em; }
tr.chosen td { background: var(--soft); font-weight: 600; }
.badge { display: inline-block; padding: 0 .55em; border: 1px solid; border-radius: 1em;
         font-size: .88em; font-weight: 600; white-space: nowrap; line-height: 1.5; }
.badge.met { color: var(--met); background: var(--met-bg); }
.badge.missed { color: var(--missed); background: var(--missed-bg); }
.badge.uncertain { color: var(--uncertain); background: var(--uncertain-bg); }
.why { font-size: .85em; color: var(--muted); margin-top: .2em; }
.tag { display: inline-block; font-size: .75em; border: 1px solid var(--rule); border-radius: 3px;
       padding: 0 .4em; margin-left: .4em; color: var(--muted); white-space: nowrap; }
code, .rds { font-family: var(--mono); }
.rds { font-size: .75em; background: var(--soft); border: 1px solid var(--rule);
       border-radius: 3px; padding: 0 .35em; margin-right: .45em; white-space: nowrap; }
figure { margin: 1em 0 1.4em; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-size: .85em; color: var(--muted); margin-top: .3em; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(400px, 1fr));
          gap: 8px 32px; }
svg.chart { display: block; width: 100%; height: auto; font-family: var(--sans); }
svg.chart text { fill: var(--ink); font-size: 11px; }
svg.chart .muted { fill: var(--muted); }
svg.chart .title { font-size: 13px; font-weight: 600; }
svg.chart .grid { stroke: #e6eaef; stroke-width: 1; }
svg.chart .axis { stroke: #8c959f; stroke-width: 1; }
svg.chart .target { stroke: var(--missed); stroke-width: 1.5; stroke-dasharray: 5 4; }
svg.chart text.target { fill: var(--missed); stroke: none; font-weight: 600; }
.wide { max-width: 900px; }
svg.chart .pt { fill: #fff; stroke: #8c959f; stroke-width: 1.5; }
svg.chart .pt.front { fill: var(--accent); stroke: var(--accent); }
svg.chart .pt.base { fill: #fff; stroke: var(--ink); stroke-width: 2; }
svg.chart .band { fill: var(--soft); }
svg.chart text.front { fill: var(--accent); }
tr.front td:first-child { box-shadow: inset 3px 0 var(--accent); }
.legend { font-size: .82em; color: var(--muted); margin: .3em 0 1em; }
.legend span { margin-right: 1.3em; white-space: nowrap; }
.legend svg { width: 14px; height: 10px; vertical-align: -1px; margin-right: .3em; }
ol.story { list-style: none; padding: 0; margin: .8em 0 1.5em; font-size: .9em; }
ol.story li { display: grid; grid-template-columns: 10.5em 1fr; gap: .8em; padding: .15em 0;
              border-left: 3px solid transparent; }
ol.story li.day { display: block; font-weight: 600; color: var(--muted); margin-top: .8em;
                  border-bottom: 1px solid var(--rule); }
ol.story time { color: var(--muted); font-variant-numeric: tabular-nums; white-space: nowrap;
                padding-left: .5em; }
ol.story li.fault { border-left-color: var(--missed); }
ol.story li.decision { border-left-color: var(--uncertain); }
ol.story li.recovery { border-left-color: var(--met); }
ol.story .d1 .what { padding-left: 1.3em; }
ol.story .d2 .what { padding-left: 2.6em; }
ol.story .d3 .what { padding-left: 3.9em; }
ol.story .d4 .what { padding-left: 5.2em; }
ol.story .n { display: inline-block; min-width: 1.4em; text-align: center; font-weight: 700;
              font-size: .8em; border: 1px solid var(--uncertain); color: var(--uncertain);
              border-radius: 3px; margin-right: .4em; }
.decision { break-inside: avoid; page-break-inside: avoid; }
footer { margin-top: 3em; padding-top: .6em; border-top: 1px solid var(--rule);
         font-size: .8em; color: var(--muted); }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  nav { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  table, figure, svg, tr, .decision { break-inside: avoid; page-break-inside: avoid; }
  .badge.met, .badge.missed, .badge.uncertain, tr.chosen td, .rds, .warning { background: none; }
  .charts { grid-template-columns: 1fr 1fr; gap: 4px 16px; }
  table { font-size: 8.5pt; }
  th, td { padding: .3em .4em; }
  table.tiers td:last-child { min-width: 0; }
  a { color: inherit; text-decoration: none; }
}
)css";

// ---------------------------------------------------------------------------------------------
// Header and table of contents

void header_section(std::string& out, const HtmlReport& r, const std::string& title) {
  out += "<header>\n<h1>" + esc(title) + "</h1>\n";
  std::vector<std::string> what;
  if (!r.scenario_file.empty())
    what.push_back("scenario <code>" + esc(r.scenario_file) + "</code>");
  const results::Results* res = r.results;
  const results::Story* st = r.story;
  if (res) {
    what.push_back("seed " + std::to_string(res->seed));
    what.push_back(std::to_string(res->trials) + (res->trials == 1 ? " trial" : " trials") +
                   " of " + esc(human(res->horizon)) + " each");
  } else if (st) {
    what.push_back("seed " + std::to_string(st->seed));
    what.push_back("one trial of " + esc(human(st->horizon)));
  }
  if (st) {
    what.push_back("starting " + esc(sim::format_clock(st->start_epoch_s).substr(0, 3)) + " " +
                   esc(sim::format_utc_date(st->start_epoch_s)) + " " +
                   esc(sim::format_clock(st->start_epoch_s).substr(4, 5)) + " UTC");
  }
  if (!r.drsim_version.empty()) what.push_back(esc(r.drsim_version));
  out += "<p class=\"lede\">Simulated: ";
  for (size_t i = 0; i < what.size(); ++i) out += (i ? ", " : "") + what[i];
  out += ".</p>\n";
  if (st) {
    out += "<p class=\"lede\">The trial told below: ";
    out += st->why_this_trial.empty() ? "trial " + std::to_string(st->trial) : esc(st->why_this_trial);
    out += "</p>\n";
    if (!st->description.empty())
      out += "<p class=\"description\">" + esc(st->description) + "</p>\n";
  }
  if (r.summary && r.summary->partial) {
    out += strf(
        "<p class=\"warning\">Partial: interrupted after %llu trials; the statistics cover "
        "those only.</p>\n",
        static_cast<unsigned long long>(r.summary->trials));
  }
  out += "</header>\n";
}

void nav_section(std::string& out, const std::vector<std::pair<std::string, std::string>>& links) {
  if (links.size() < 2) return;
  out += "<nav>";
  for (const auto& [id, name] : links) out += "<a href=\"#" + id + "\">" + name + "</a>";
  out += "</nav>\n";
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string render_html(const HtmlReport& r) {
  std::string title = r.title;
  if (title.empty() && r.results) title = r.results->scenario;
  if (title.empty() && r.story) title = r.story->scenario;
  if (title.empty()) title = "drsim report";
  const double slo = r.results ? r.results->tier_slo : 0.95;

  // The sections first, so that the table of contents lists only those that have something.
  std::string body;
  std::vector<std::pair<std::string, std::string>> links;
  const auto section = [&](const char* id, const char* name, const auto& write) {
    const size_t before = body.size();
    write();
    if (body.size() != before) links.push_back({id, name});
  };
  section("verdicts", "Verdicts", [&] {
    if (r.summary) html::verdicts_section(body, *r.summary, slo);
  });
  section("distributions", "RPO and RTO", [&] {
    if (r.results) html::distributions_section(body, *r.results);
  });
  section("failovers", "Failovers", [&] {
    if (r.results) html::failovers_section(body, *r.results, r.summary);
  });
  section("availability", "Availability", [&] {
    if (r.summary) html::availability_section(body, *r.summary);
  });
  section("trial", "The trial", [&] {
    if (r.story) html::trial_section(body, *r.story);
  });
  section("decisions", "Decisions", [&] {
    if (r.story && !r.story->decisions.empty()) html::decisions_section(body, *r.story);
  });
  section("branches", "Branches", [&] {
    if (!r.branches.empty()) html::branches_section(body, r.branches);
  });

  std::string out;
  out.reserve(body.size() + 4 * 1024);
  header_section(out, r, title);
  nav_section(out, links);
  out += body;
  out += "<footer>Written by ";
  out += r.drsim_version.empty() ? std::string("drsim") : esc(r.drsim_version);
  if (!r.scenario_file.empty()) out += " from <code>" + esc(r.scenario_file) + "</code>";
  out +=
      ". The same scenario, seed and trials give the same report. Times are UTC; durations "
      "are simulated time.</footer>\n";
  return html_page(title, out);
}

std::string html_page(std::string_view title, std::string_view main_html) {
  std::string out;
  out.reserve(main_html.size() + 16 * 1024);
  out +=
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"drsim\">\n<title>" +
      esc(title) + " · drsim report</title>\n<style>" + kStyle +
      "</style>\n</head>\n<body>\n"
      "<main>\n";
  out += main_html;
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace drsim::models::report

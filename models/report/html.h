// The shareable report (DESIGN.md §7): one self-contained HTML file a manager opens offline.
// Charts are inline SVG written here; no script, no external style, font or image; every string
// from the scenario is escaped; a print stylesheet. A pure function of its inputs: the same
// inputs give the same bytes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "models/results/results.h"
#include "models/results/story.h"
#include "models/results/summary.h"

namespace drsim::models::report {

struct HtmlReport {
  std::string title;             // the scenario's name
  std::string scenario_file;     // as the user named it
  std::string drsim_version;     // "drsim 0.2 (Release)"
  // The Monte Carlo run; null for a single trial's report.
  const results::Results* results = nullptr;
  const results::Summary* summary = nullptr;  // summarize(*results); null with results
  const results::Story* story = nullptr;  // the trial told (worst, --trial K, or the tabletop's)
  // Tabletop: the branches side by side; empty otherwise.
  std::vector<results::BranchOutcome> branches;
};

// The report as one HTML5 document. Sections, each left out when its input is missing or empty:
// header; verdicts (summary); RPO and RTO CDFs per tier with incidents (results); failover
// histograms (results, databases with failovers); availability (summary); the trial's Gantt
// chart, story and closing table (story); decisions (story->decisions); branches. Chart ids, for
// tests and links: "rpo-cdf-tier-T", "rto-cdf-tier-T", "failover-hist-K" (K from 1, in the order
// of results->failovers), "availability-chart", "gantt".
std::string render_html(const HtmlReport& report);

// The report's page around `main_html` (written as it is: escape scenario text in it first):
// the head with the title "TITLE · drsim report" (escaped here) and the stylesheet, then
// <main>. Other reports (`drsim sweep --html`) share the frame and the look.
std::string html_page(std::string_view title, std::string_view main_html);

// Text escaped for HTML element content and attribute values (& < > " ').
std::string html_escape(std::string_view text);

}  // namespace drsim::models::report

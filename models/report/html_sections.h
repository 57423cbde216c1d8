// Internal to the HTML report: the writers of its sections. Each appends one <section> whose id
// render_html links to, or nothing when it has nothing to show; html.cc decides their order.
#pragma once

#include <string>
#include <vector>

#include "models/results/results.h"
#include "models/results/story.h"
#include "models/results/summary.h"

namespace drsim::models::report::html {

// "verdicts": what a verdict means, a table of the tiers (targets, p95s, shares meeting each
// target with their 95 % intervals, verdict and why) and one of the services (availability,
// nines, p95s, lost writes). `slo` is the share of incidents a tier must recover in time.
void verdicts_section(std::string& out, const results::Summary& s, double slo);

// "distributions": the RPO and RTO CDFs ("rpo-cdf-tier-T", "rto-cdf-tier-T") of each tier that
// has a target and incidents, captioned with the incidents the curves leave out. Nothing when no
// tier has both.
void distributions_section(std::string& out, const results::Results& r);

// "failovers": a histogram ("failover-hist-K", K from 1 in the order of r.failovers) per
// database that failed over, captioned with the shares within and over the window and whether
// the window holds, when `s` judges it (s->failovers[K-1] names the same database). `s` may be
// null. Nothing when no database failed over.
void failovers_section(std::string& out, const results::Results& r, const results::Summary* s);

// "availability": the availability chart of s.services. Nothing when there is no service.
void availability_section(std::string& out, const results::Summary& s);

// "trial": the Gantt chart and its legend (or "Nothing happens" when there are neither events nor
// intervals), then, when there are any, the story's steps in UTC and how each service fared
// against its targets.
void trial_section(std::string& out, const results::Story& st);

// "decisions": each of st.decisions with its options (what each loses and takes, whether it
// meets the targets, whether it can be undone), marking the automatic rule's and the chosen one.
void decisions_section(std::string& out, const results::Story& st);

// "branches": a table of each service (in order of first appearance) under each branch: RTO,
// RPO and verdict, "–" where a branch does not have the service.
void branches_section(std::string& out, const std::vector<results::BranchOutcome>& branches);

}  // namespace drsim::models::report::html

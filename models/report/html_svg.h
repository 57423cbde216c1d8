// Internal to the HTML report: its inline SVG charts (CDFs of RPO and RTO on a log time axis,
// failover histograms, availability bars, the trial's Gantt chart) and the drawing pieces they
// share. The Gantt chart is defined in html_gantt.cc, everything else in html_svg.cc.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "models/results/log_histogram.h"
#include "models/results/results.h"
#include "models/results/story.h"
#include "models/results/summary.h"

namespace drsim::models::report::html {

// ---------------------------------------------------------------------------------------------
// Drawing pieces. Arguments named `..._escaped` or `escaped` are written as they are: escape text
// from a scenario with esc first. Ids are written as they are too.

// A coordinate in SVG user units, to a tenth ("12.3"); NaN and infinities read as "0.0".
std::string px(double v);

// `text` cut to at most `max_chars` characters, with "…" when cut. Never splits a character.
// REQUIRES: max_chars >= 1.
std::string truncate_chars(std::string_view text, size_t max_chars);

// The width of `text` at 11 px in a sans-serif font, roughly: enough to decide where a label
// fits, never used for anything a reader sees directly.
double text_width_11px(std::string_view text);

// Opens an inline SVG chart of width × height user units, never drawn wider than that: an id, a
// viewBox, role="img", and the label as its aria-label and <title>. The caller writes the
// content and closes it with "</svg>\n".
void open_svg(std::string& out, const std::string& id, double width, double height,
              const std::string& label_escaped);

// A <text> at (x, y). `anchor` is an SVG text-anchor ("start", the default, is not written);
// `cls` a class of the stylesheet, none when empty.
void text_at(std::string& out, double x, double y, std::string_view anchor,
             const std::string& escaped, std::string_view cls = {});

// A <line> from (x1, y1) to (x2, y2) of class `cls` ("axis", "grid" or "target").
void line(std::string& out, double x1, double y1, double x2, double y2, std::string_view cls);

// A text anchor that keeps a label of `width` centred on `x` inside [lo, hi].
std::string_view anchor_within(double x, double width, double lo, double hi);

// The smallest of the steps from 0.1 s to a week that cuts [0, span] into at most `max_parts`
// parts, or a whole number of weeks beyond that. Units: seconds.
double nice_step(double span, double max_parts);

// ---------------------------------------------------------------------------------------------
// Charts

struct CdfChart {
  std::string id;
  std::string title;                     // plain text, escaped when written
  std::string metric;                    // "RPO" or "RTO"
  std::string axis_label;                // under the x axis
  const results::LogHistogram* values = nullptr;  // microseconds
  uint64_t incidents = 0;  // the denominator: the curve ends at values->count() / incidents
  double target_s = 0;
  double slo = 0.95;
};

// A 460 × 270 chart of the share of c.incidents whose c.metric is at most x, on a log time axis
// that reaches past the target, with the target and the share c.slo marked. Zeros (RPO 0 after a
// synchronous failover) sit left of a break in the axis; with no value at all it says so.
// REQUIRES: c.values != nullptr.
void cdf_chart(std::string& out, const CdfChart& c);

// What a failover histogram leaves out: the far tail, counted in its caption.
struct HistogramTail {
  uint64_t count = 0;
  double drawn_up_to_s = 0, max_s = 0;
};

// A 460 × 250 histogram of how long f's failovers took, against the failover window
// [window_lo_s, window_hi_s] shaded. The far tail is left out of the drawing and returned, for
// the caption to count. REQUIRES: f.total.count() > 0.
HistogramTail failover_chart(std::string& out, const std::string& id,
                             const results::FailoverResults& f, double window_lo_s,
                             double window_hi_s);

// The chart "availability-chart", 900 wide: one bar per service of `s` in nines (the axis goes
// to at least 5 and at most 9 nines), coloured by its verdict, with its availability, nines and
// lost writes per incident beside it.
void availability_chart(std::string& out, const results::Summary& s);

// The chart "gantt", 900 wide, of the trial `st`: a lane per service, database and object store
// (and per subject of a bar that none of those lists), bars where it was not taking writes
// (hatched for a total loss, an arrow when still down at the horizon), faults and numbered
// decisions in a strip above, recoveries on their lane; times in UTC. Writes nothing when `st`
// has neither events nor intervals.
void gantt_chart(std::string& out, const results::Story& st);

// The Gantt chart's legend, in HTML so that it wraps. REQUIRES: it follows a gantt_chart on the
// same page, whose hatch pattern it uses.
extern const char* const kGanttLegend;

}  // namespace drsim::models::report::html

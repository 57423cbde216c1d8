// The shareable HTML report: the page, its stylesheet and its inline SVG charts (CDFs of RPO and
// RTO per tier, failover histograms, availability bars, the trial's Gantt chart). Every number is
// printed by snprintf with an explicit precision, so the bytes depend only on the inputs.
#include "models/report/html.h"

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "models/report/writers.h"
#include "sim/units.h"

namespace drsim::models::report {
namespace {

// ---------------------------------------------------------------------------------------------
// Text

std::string strf(const char* format, ...) __attribute__((format(printf, 1, 2)));
std::string strf(const char* format, ...) {
  va_list args;
  va_start(args, format);
  va_list copy;
  va_copy(copy, args);
  const int n = std::vsnprintf(nullptr, 0, format, copy);
  va_end(copy);
  std::string out(n > 0 ? static_cast<size_t>(n) : 0, '\0');
  if (n > 0) std::vsnprintf(out.data(), out.size() + 1, format, args);
  va_end(args);
  return out;
}

std::string esc(std::string_view text) { return html_escape(text); }

// A coordinate in SVG user units, to a tenth.
std::string px(double v) {
  if (!std::isfinite(v)) v = 0;
  return strf("%.1f", v);
}

// The number of characters (UTF-8 code points) of `text`.
size_t char_count(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

// `text` cut to at most `max_chars` characters, with "…" when cut. Never splits a character.
std::string truncate_chars(std::string_view text, size_t max_chars) {
  if (char_count(text) <= max_chars) return std::string(text);
  size_t kept = 0, at = 0;
  while (at < text.size()) {
    const auto c = static_cast<unsigned char>(text[at]);
    if ((c & 0xC0) != 0x80) {
      if (kept == max_chars - 1) break;
      ++kept;
    }
    ++at;
  }
  return std::string(text.substr(0, at)) + "…";
}

// The width of `text` at 11 px in a sans-serif font, roughly: enough to decide where a label
// fits, never used for anything a reader sees directly.
double text_width_11px(std::string_view text) {
  return 6.2 * static_cast<double>(char_count(text));
}

// A span as a person reads it, to about three significant figures: "850 ms", "9.5 s", "42 s",
// "4 min 12 s", "10 h 46 min", "4 d 21 h". Negative and NaN read as "0 s".
std::string human_s(double seconds) {
  if (!(seconds > 0)) return "0 s";
  if (seconds < 0.0005) return "< 1 ms";
  if (seconds < 0.9995) return strf("%.0f ms", seconds * 1000);
  if (seconds < 9.95) return strf("%.1f s", seconds);
  if (seconds < 59.5) return strf("%.0f s", seconds);
  if (seconds < 3599.5) {
    const long long total = std::llround(seconds);
    const long long m = total / 60, s = total % 60;
    return s ? strf("%lld min %lld s", m, s) : strf("%lld min", m);
  }
  if (seconds < 86400 - 30) {
    const long long total_min = std::llround(seconds / 60);
    const long long h = total_min / 60, m = total_min % 60;
    return m ? strf("%lld h %lld min", h, m) : strf("%lld h", h);
  }
  if (seconds > 1e12) return "for ever";
  const long long total_h = std::llround(seconds / 3600);
  const long long d = total_h / 24, h = total_h % 24;
  return h ? strf("%lld d %lld h", d, h) : strf("%lld d", d);
}

std::string human(Duration d) { return human_s(d.in_seconds()); }

// A statistic in seconds, "≥ 4 d 21 h" when it is only a lower bound; "–" without values.
std::string stat_span(double seconds, bool lower_bound, size_t n) {
  if (n == 0) return "–";
  return (lower_bound ? "≥ " : "") + human_s(seconds);
}

// A share of 1 in percent with one decimal; never "100.0 %" for less than all of it, nor "0.0 %"
// for more than none.
std::string percent(double fraction) {
  if (!std::isfinite(fraction)) return "–";
  const double p = 100 * fraction;
  if (fraction < 1 && p >= 99.95) return "> 99.9 %";
  if (fraction > 0 && p < 0.05) return "< 0.1 %";
  return strf("%.1f %%", p);
}

// An availability in percent with three decimals ("99.985 %").
std::string availability_text(double a) {
  if (!std::isfinite(a)) return "–";
  if (a < 1 && 100 * a >= 99.9995) return "> 99.999 %";
  return strf("%.3f %%", 100 * a);
}

std::string clock_utc(int64_t epoch_s) { return sim::format_clock(epoch_s) + " UTC"; }

// Seconds since the epoch of an instant of a trial that started at `start_epoch_s`.
int64_t epoch_of(int64_t start_epoch_s, SimTime t) {
  const int64_t us = t.count_us();
  return start_epoch_s + (us >= 0 ? us / 1'000'000 : -((-us + 999'999) / 1'000'000));
}

std::string verdict_badge(Verdict v) {
  switch (v) {
    case Verdict::kMet:
      return "<span class=\"badge met\">✓ met</span>";
    case Verdict::kMissed:
      return "<span class=\"badge missed\">✗ MISSED</span>";
    case Verdict::kUncertain:
      return "<span class=\"badge uncertain\">? uncertain</span>";
  }
  return "";
}

// "98.7 %" with its 95 % interval beneath; "–" when nothing was judged.
std::string share_cell(const Proportion& p) {
  if (p.trials == 0) return "–";
  std::string lo = percent(p.lo);
  if (lo.size() > 2 && lo.compare(lo.size() - 2, 2, " %") == 0) lo.resize(lo.size() - 2);
  return percent(p.fraction) + "<br><small>" + lo + "–" + percent(p.hi) + "</small>";
}

// Lost writes per incident: "mean / p95", "unknown" when no incident's count is known.
std::string lost_writes_cell(const TierSummary& t) {
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
// Chart pieces

// Opens an inline SVG chart: an id, a viewBox, role="img", an aria-label and a <title>.
void open_svg(std::string& out, const std::string& id, double width, double height,
              const std::string& label_escaped) {
  // Never drawn wider than its viewBox, so that its text keeps the size of the page's small text.
  out += "<svg id=\"" + id + "\" class=\"chart\" viewBox=\"0 0 " + px(width) + " " + px(height) +
         "\" style=\"max-width:" + px(width) + "px\" role=\"img\" aria-label=\"" + label_escaped +
         "\"><title>" + label_escaped + "</title>\n";
}

void text_at(std::string& out, double x, double y, std::string_view anchor,
             const std::string& escaped, std::string_view cls = {}) {
  out += "<text x=\"" + px(x) + "\" y=\"" + px(y) + "\"";
  if (anchor != "start") out += " text-anchor=\"" + std::string(anchor) + "\"";
  if (!cls.empty()) out += " class=\"" + std::string(cls) + "\"";
  out += ">" + escaped + "</text>\n";
}

void line(std::string& out, double x1, double y1, double x2, double y2, std::string_view cls) {
  out += "<line x1=\"" + px(x1) + "\" y1=\"" + px(y1) + "\" x2=\"" + px(x2) + "\" y2=\"" + px(y2) +
         "\" class=\"" + std::string(cls) + "\"/>\n";
}

// A text anchor that keeps a label of `width` centred on `x` inside [lo, hi].
std::string_view anchor_within(double x, double width, double lo, double hi) {
  if (x - width / 2 < lo) return "start";
  if (x + width / 2 > hi) return "end";
  return "middle";
}

// ---------------------------------------------------------------------------------------------
// CDF of RPO or RTO on a log time axis

struct LogTick {
  double s;
  const char* label;
};
constexpr LogTick kLogTicks[] = {
    {1e-3, "1 ms"},  {1e-2, "10 ms"},   {0.1, "100 ms"},   {1, "1 s"},         {10, "10 s"},
    {60, "1 min"},   {600, "10 min"},   {3600, "1 h"},     {21600, "6 h"},     {86400, "1 d"},
    {604800, "1 w"}, {2592000, "30 d"}, {31536000, "1 y"}, {315360000, "10 y"}};
constexpr int kLogTickCount = static_cast<int>(sizeof kLogTicks / sizeof kLogTicks[0]);

// A log-scaled x axis from kLogTicks[lo] to kLogTicks[hi], drawn on [x0, x1] pixels.
struct LogAxis {
  int lo = 0, hi = 0;
  double x0 = 0, x1 = 0;
  double x(double s) const {
    const double a = std::log10(kLogTicks[lo].s), b = std::log10(kLogTicks[hi].s);
    const double v = std::log10(std::clamp(s, kLogTicks[lo].s, kLogTicks[hi].s));
    return x0 + (v - a) / (b - a) * (x1 - x0);
  }
};

// The smallest tick range holding [min_s, max_s] (positive values), at least three ticks wide.
LogAxis make_log_axis(double min_s, double max_s, double x0, double x1) {
  LogAxis a;
  a.x0 = x0;
  a.x1 = x1;
  a.lo = 0;
  for (int i = 0; i < kLogTickCount; ++i) {
    if (kLogTicks[i].s <= min_s) a.lo = i;
  }
  a.hi = kLogTickCount - 1;
  for (int i = kLogTickCount - 1; i >= 0; --i) {
    if (kLogTicks[i].s >= max_s) a.hi = i;
  }
  if (a.hi <= a.lo) a.hi = std::min(a.lo + 1, kLogTickCount - 1);
  while (a.hi - a.lo < 3) {
    if (a.lo > 0) {
      --a.lo;
    } else {
      ++a.hi;
    }
  }
  return a;
}

struct CdfChart {
  std::string id;
  std::string title;                     // plain text, escaped when written
  std::string metric;                    // "RPO" or "RTO"
  std::string axis_label;                // under the x axis
  const LogHistogram* values = nullptr;  // microseconds
  uint64_t incidents = 0;  // the denominator: the curve ends at values->count() / incidents
  double target_s = 0;
  double slo = 0.95;
};

void cdf_chart(std::string& out, const CdfChart& c) {
  constexpr double kW = 460, kH = 270;
  constexpr double kLeft = 50, kRight = kW - 42, kTop = 42, kBottom = kH - 46;
  const std::vector<LogHistogram::Bucket> buckets = c.values->buckets();
  uint64_t zeros = 0;
  double vmin = std::numeric_limits<double>::infinity(), vmax = 0;
  for (const LogHistogram::Bucket& b : buckets) {
    if (b.index == 0) {
      zeros += b.count;
      continue;
    }
    vmin = std::min(vmin, static_cast<double>(b.min) / 1e6);
    vmax = std::max(vmax, static_cast<double>(b.max) / 1e6);
  }
  const bool has_positive = vmax > 0;
  // The axis reaches past the target, so that what lies beyond it shows.
  double lo_s = c.target_s > 0 ? c.target_s : 1, hi_s = 1.5 * lo_s;
  if (has_positive) {
    lo_s = std::min(lo_s, vmin);
    hi_s = std::max(hi_s, vmax);
  }
  // Zeros (RPO 0 after a synchronous failover) sit left of a break in the log axis.
  const bool zero_band = zeros > 0;
  const double zero_x = kLeft + 8;
  const LogAxis axis = make_log_axis(lo_s, hi_s, zero_band ? kLeft + 44 : kLeft, kRight);
  const double denominator = static_cast<double>(std::max<uint64_t>(c.incidents, 1));
  const auto y = [&](double fraction) { return kBottom - fraction * (kBottom - kTop); };

  const std::string label =
      esc(c.title + ": the share of incidents whose " + c.metric + " is at most x, against the " +
          c.metric + " target of " + human_s(c.target_s));
  open_svg(out, c.id, kW, kH, label);
  text_at(out, 4, 16, "start", esc(c.title), "title");
  // Horizontal grid and the share axis.
  for (int k = 0; k <= 4; ++k) {
    const double f = k / 4.0;
    line(out, kLeft, y(f), kRight, y(f), k == 0 ? "axis" : "grid");
    text_at(out, kLeft - 6, y(f) + 4, "end", strf("%d %%", 25 * k), "muted");
  }
  // The share the verdict asks for.
  out += "<line x1=\"" + px(kLeft) + "\" y1=\"" + px(y(c.slo)) + "\" x2=\"" + px(kRight) +
         "\" y2=\"" + px(y(c.slo)) + "\" class=\"axis\" stroke-dasharray=\"2 3\"/>\n";
  text_at(out, kRight + 4, y(c.slo) + 4, "start", esc(strf("%.0f %%", 100 * c.slo)), "muted");
  // Time ticks; a label that would touch the one before it is left out (its tick stays).
  double labels_end = zero_band ? zero_x + 6 : -1e9;
  for (int i = axis.lo; i <= axis.hi; ++i) {
    const double x = axis.x(kLogTicks[i].s);
    if (i > axis.lo) line(out, x, kTop, x, kBottom, "grid");
    line(out, x, kBottom, x, kBottom + 4, "axis");
    const double half = text_width_11px(kLogTicks[i].label) / 2;
    if (x - half < labels_end + 5) continue;
    text_at(out, x, kBottom + 17, "middle", kLogTicks[i].label, "muted");
    labels_end = x + half;
  }
  if (zero_band) {
    line(out, zero_x, kBottom, zero_x, kBottom + 4, "axis");
    text_at(out, zero_x, kBottom + 17, "middle", "0", "muted");
    // The break between 0 and the log axis.
    const double bx = (zero_x + axis.x0) / 2 - 2;
    out += "<path d=\"M" + px(bx - 5) + " " + px(kBottom + 4) + "l4 -8M" + px(bx) + " " +
           px(kBottom + 4) + "l4 -8\" class=\"axis\" fill=\"none\"/>\n";
  }
  text_at(out, (kLeft + kRight) / 2, kH - 8, "middle", esc(c.axis_label), "muted");

  // The curve: a step at each value (each bucket rises from its smallest to its largest value,
  // which is a step wherever a bucket holds one value), flat in between.
  if (zeros == 0 && !has_positive) {
    text_at(out, (kLeft + kRight) / 2, (kTop + kBottom) / 2, "middle",
            esc("no incident has a known " + c.metric), "muted");
  } else {
    std::string d;
    double cum = 0;
    double last_x = 0;
    if (zero_band) {
      cum = static_cast<double>(zeros);
      d = "M" + px(zero_x) + " " + px(y(0)) + "V" + px(y(cum / denominator)) + "H" + px(axis.x0);
      last_x = axis.x0;
    } else {
      d = "M" + px(axis.x0) + " " + px(y(0));
      last_x = axis.x0;
    }
    for (const LogHistogram::Bucket& b : buckets) {
      if (b.index == 0) continue;
      const double xa = axis.x(static_cast<double>(b.min) / 1e6);
      const double xb = axis.x(static_cast<double>(b.max) / 1e6);
      cum += static_cast<double>(b.count);
      if (xa > last_x + 0.05) d += "H" + px(xa);
      d += "L" + px(std::max(xb, xa)) + " " + px(y(cum / denominator));
      last_x = std::max(xb, xa);
    }
    d += "H" + px(kRight);
    out += "<path d=\"" + d +
           "\" fill=\"none\" stroke=\"#1f6feb\" stroke-width=\"2\" stroke-linejoin=\"round\"/>\n";
  }
  // The target.
  if (c.target_s > 0) {
    const double tx = axis.x(c.target_s);
    line(out, tx, kTop - 6, tx, kBottom, "target");
    const std::string target_label = c.metric + " target " + human_s(c.target_s);
    text_at(out, tx, kTop - 11, anchor_within(tx, text_width_11px(target_label), 2, kW - 2),
            esc(target_label), "target");
  }
  out += "</svg>\n";
}

// ---------------------------------------------------------------------------------------------
// Failover histogram

// The smallest of the steps that cuts [0, span] into at most `max_parts` parts.
double nice_step(double span, double max_parts) {
  static constexpr double kSteps[] = {0.1,  0.2,  0.5,   1,     2,     5,     10,     15,
                                      20,   30,   60,    120,   300,   600,   900,    1800,
                                      3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800};
  for (double s : kSteps) {
    if (span / s <= max_parts) return s;
  }
  return std::ceil(span / max_parts / 604800) * 604800;
}

// A count step of 1, 2 or 5 times a power of ten giving at most `max_parts` parts up to `top`.
uint64_t nice_count_step(uint64_t top, uint64_t max_parts) {
  uint64_t step = 1;
  for (;;) {
    for (uint64_t m : {1, 2, 5}) {
      if (top <= step * m * max_parts) return step * m;
    }
    step *= 10;
  }
}

// A failover's length in seconds as the failover window is written ("60 s", "7.5 s"), and in
// larger units from ten minutes up.
std::string seconds_text(double s) {
  if (s >= 600) return human_s(s);
  if (std::fabs(s - std::round(s)) < 0.05) return strf("%.0f s", s);
  return strf("%.1f s", s);
}

std::string seconds_label(double s, double step) {
  if (step >= 60) return human_s(s);
  return seconds_text(s);
}

// What a failover histogram leaves out: the far tail, counted in its caption.
struct HistogramTail {
  uint64_t count = 0;
  double drawn_up_to_s = 0, max_s = 0;
};

HistogramTail failover_chart(std::string& out, const std::string& id, const FailoverResults& f,
                             double window_lo_s, double window_hi_s) {
  constexpr double kW = 460, kH = 250;
  constexpr double kLeft = 50, kRight = kW - 18, kTop = 42, kBottom = kH - 46;
  const std::vector<LogHistogram::Bucket> buckets = f.total.histogram.buckets();
  const double vmin = static_cast<double>(f.total.moments.min) / 1e6;
  const double vmax = static_cast<double>(f.total.moments.max) / 1e6;
  const double p99 = f.total.histogram.quantile(0.99) / 1e6;
  // The range: the window and the bulk of the failovers; a far tail is counted, not drawn.
  double lo = std::min(vmin, window_lo_s);
  double hi = std::max(window_hi_s * 1.1, std::min(vmax, std::max(2 * window_hi_s, p99)));
  const double bin = nice_step(hi - lo, 30);
  lo = std::floor(lo / bin) * bin;
  hi = std::max(std::ceil(hi / bin) * bin, lo + bin);
  const size_t bins = static_cast<size_t>(std::llround((hi - lo) / bin));
  std::vector<uint64_t> counts(bins, 0);
  uint64_t beyond = 0;
  for (const LogHistogram::Bucket& b : buckets) {
    const double mid = (static_cast<double>(b.min) + static_cast<double>(b.max)) / 2e6;
    if (mid > hi) {
      beyond += b.count;
      continue;
    }
    const size_t k = std::min(bins - 1, static_cast<size_t>(std::max(0.0, (mid - lo) / bin)));
    counts[k] += b.count;
  }
  const uint64_t top_count = std::max<uint64_t>(1, *std::max_element(counts.begin(), counts.end()));
  const uint64_t count_step = nice_count_step(top_count, 4);
  const double y_top = static_cast<double>((top_count + count_step - 1) / count_step * count_step);
  const auto x = [&](double s) { return kLeft + (s - lo) / (hi - lo) * (kRight - kLeft); };
  const auto y = [&](double n) { return kBottom - n / y_top * (kBottom - kTop); };

  const std::string title = "Failovers of " + f.database;
  open_svg(out, id, kW, kH,
           esc(title + ": how long each took, against the failover window of " +
               seconds_text(window_lo_s) + " to " + seconds_text(window_hi_s)));
  text_at(out, 4, 16, "start", esc(title), "title");
  // The window, shaded.
  const double wx0 = std::clamp(x(window_lo_s), kLeft, kRight);
  const double wx1 = std::clamp(x(window_hi_s), kLeft, kRight);
  out += "<rect x=\"" + px(wx0) + "\" y=\"" + px(kTop) + "\" width=\"" + px(wx1 - wx0) +
         "\" height=\"" + px(kBottom - kTop) + "\" fill=\"#dafbe1\"/>\n";
  const std::string window_label =
      "window " + seconds_text(window_lo_s) + " – " + seconds_text(window_hi_s);
  text_at(out, (wx0 + wx1) / 2, kTop - 8,
          anchor_within((wx0 + wx1) / 2, text_width_11px(window_label), 2, kW - 2),
          esc(window_label), "muted");
  // Counts.
  for (uint64_t n = 0; static_cast<double>(n) <= y_top; n += count_step) {
    line(out, kLeft, y(static_cast<double>(n)), kRight, y(static_cast<double>(n)),
         n == 0 ? "axis" : "grid");
    text_at(out, kLeft - 6, y(static_cast<double>(n)) + 4, "end",
            format_count(static_cast<double>(n)), "muted");
  }
  for (size_t k = 0; k < bins; ++k) {
    if (counts[k] == 0) continue;
    const double x0 = x(lo + static_cast<double>(k) * bin);
    const double w = std::max(1.0, x(lo + static_cast<double>(k + 1) * bin) - x0 - 1);
    out += "<rect x=\"" + px(x0 + 0.5) + "\" y=\"" + px(y(static_cast<double>(counts[k]))) +
           "\" width=\"" + px(w) + "\" height=\"" +
           px(kBottom - y(static_cast<double>(counts[k]))) + "\" fill=\"#4c6a85\"><title>" +
           esc(format_count(static_cast<double>(counts[k])) + " between " +
               seconds_label(lo + static_cast<double>(k) * bin, bin) + " and " +
               seconds_label(lo + static_cast<double>(k + 1) * bin, bin)) +
           "</title></rect>\n";
  }
  // Time ticks.
  const double tick = std::max(bin, nice_step(hi - lo, 6));
  for (double t = std::ceil(lo / tick) * tick; t <= hi + 1e-9; t += tick) {
    line(out, x(t), kBottom, x(t), kBottom + 4, "axis");
    text_at(out, x(t), kBottom + 17, "middle", esc(seconds_label(t, tick)), "muted");
  }
  text_at(out, (kLeft + kRight) / 2, kH - 8, "middle",
          esc("detection + promotion + DNS, in bars of " + seconds_label(bin, bin)), "muted");
  out += "</svg>\n";
  return {beyond, hi, vmax};
}

// ---------------------------------------------------------------------------------------------
// Availability in nines

// The bar colour of a verdict: red missed, amber uncertain, slate met.
const char* verdict_fill(Verdict v) {
  switch (v) {
    case Verdict::kMet:
      return "#4c6a85";
    case Verdict::kMissed:
      return "#c62828";
    case Verdict::kUncertain:
      return "#c99a2e";
  }
  return "#4c6a85";
}

void availability_chart(std::string& out, const Summary& s) {
  constexpr double kW = 900, kRow = 26, kTop = 34, kLabelW = 180, kBarX0 = 190, kBarX1 = 600;
  constexpr double kTextX = 618;
  double max_nines = 5;
  for (const ServiceSummary& svc : s.services) {
    if (svc.nines && std::isfinite(*svc.nines)) {
      max_nines = std::max(max_nines, std::ceil(*svc.nines));
    }
  }
  max_nines = std::min(max_nines, 9.0);
  const double bottom = kTop + kRow * static_cast<double>(s.services.size());
  const double height = bottom + 40;
  const auto x = [&](double nines) {
    return kBarX0 + std::clamp(nines, 0.0, max_nines) / max_nines * (kBarX1 - kBarX0);
  };
  open_svg(out, "availability-chart", kW, height,
           esc("Availability of each service over the horizon, in nines (99.9 % is three "
               "nines), with its lost writes per incident"));
  text_at(out, 4, 16, "start", "Availability over the horizon", "title");
  text_at(out, kTextX, 16, "start", "availability · nines · lost writes per incident", "muted");
  // Ticks: the number of nines, and the availability it stands for beneath.
  for (int n = 0; n <= static_cast<int>(max_nines); ++n) {
    line(out, x(n), kTop - 4, x(n), bottom, n == 0 ? "axis" : "grid");
    text_at(out, x(n), bottom + 15, "middle", std::to_string(n));
    std::string percent_label = n == 0 ? "0 %" : n == 1 ? "90 %" : n == 2 ? "99 %" : "99.";
    if (n > 2) percent_label += std::string(static_cast<size_t>(n - 2), '9') + " %";
    out += "<text x=\"" + px(x(n)) + "\" y=\"" + px(bottom + 29) +
           "\" text-anchor=\"middle\" class=\"muted\" style=\"font-size:9.5px\">" + percent_label +
           "</text>\n";
  }
  text_at(out, kBarX0 - 8, bottom + 15, "end", "nines", "muted");
  for (size_t i = 0; i < s.services.size(); ++i) {
    const ServiceSummary& svc = s.services[i];
    const TierSummary& t = svc.incidents;
    const double top = kTop + kRow * static_cast<double>(i);
    const double mid = top + kRow / 2 + 4;
    out += "<g><title>" + esc(svc.name) + "</title>";
    text_at(out, kLabelW, mid, "end", esc(truncate_chars(svc.name, 27)));
    out += "</g>\n";
    std::string right;
    if (svc.nines && std::isfinite(*svc.nines)) {
      const double w = x(*svc.nines) - kBarX0;
      out += "<rect x=\"" + px(kBarX0) + "\" y=\"" + px(top + 6) + "\" width=\"" +
             px(std::max(w, 1.0)) + "\" height=\"" + px(kRow - 12) + "\" fill=\"" +
             verdict_fill(t.verdict) + "\"/>\n";
      right = availability_text(svc.availability) + " · " + strf("%.1f", *svc.nines);
    } else {
      right = "no downtime in any trial";
    }
    if (t.total_loss > 0) {
      right += strf(" · %zu total loss%s", t.total_loss, t.total_loss == 1 ? "" : "es");
    } else if (t.lost_writes.n > 0 && t.lost_writes.max == 0) {
      right += " · none lost";
    } else if (t.lost_writes.n > 0) {
      right += " · mean " + format_count(t.lost_writes.mean) + ", p95 " +
               format_count(t.lost_writes.p95);
    } else if (t.lost_writes_unknown > 0) {
      right += " · lost writes unknown";
    }
    text_at(out, kTextX, mid, "start", esc(right));
  }
  out += "</svg>\n";
}

// ---------------------------------------------------------------------------------------------
// The trial

enum class Mark { kNone, kFault, kDecision, kRecovery };

Mark mark_of(std::string_view kind) {
  if (kind.substr(0, 5) == "fault") return Mark::kFault;
  if (kind.substr(0, 8) == "decision") return Mark::kDecision;
  if (kind == "writes_resumed" || kind == "service_restored") return Mark::kRecovery;
  return Mark::kNone;
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

// Decision numbers by event index: the k-th "decision" event is decision k (or, in a tabletop,
// the k-th DecisionRecord's number).
std::map<size_t, int> decision_numbers(const Story& st) {
  std::map<size_t, int> out;
  int k = 0;
  for (size_t i = 0; i < st.events.size(); ++i) {
    if (mark_of(st.events[i].kind) != Mark::kDecision) continue;
    out[i] =
        k < static_cast<int>(st.decisions.size()) ? st.decisions[static_cast<size_t>(k)].n : k + 1;
    ++k;
  }
  return out;
}

struct Lane {
  std::string group;  // "service", "database", "object_store"
  std::string name;
};

void gantt_chart(std::string& out, const Story& st) {
  std::vector<Lane> lanes;
  for (const ServiceOutcome& o : st.summary) lanes.push_back({"service", o.service});
  for (const std::string& d : st.databases) lanes.push_back({"database", d});
  for (const std::string& o : st.object_stores) lanes.push_back({"object_store", o});
  const auto find_lane = [&](std::string_view group, std::string_view name) -> int {
    for (size_t i = 0; i < lanes.size(); ++i) {
      if ((group.empty() || lanes[i].group == group) && lanes[i].name == name) {
        return static_cast<int>(i);
      }
    }
    return -1;
  };
  // A bar on a subject the lanes do not list still gets a lane, at the end of its group.
  for (const StoryInterval& iv : st.intervals) {
    if (find_lane(iv.lane, iv.subject) >= 0) continue;
    auto at = lanes.end();
    for (auto it = lanes.begin(); it != lanes.end(); ++it) {
      if (it->group == iv.lane) at = it + 1;
    }
    lanes.insert(at, {iv.lane, iv.subject});
  }

  // The time range: every event and bar end, with a margin.
  double t0 = std::numeric_limits<double>::infinity(), t1 = -t0;
  const auto cover = [&](SimTime t) {
    t0 = std::min(t0, t.in_seconds());
    t1 = std::max(t1, t.in_seconds());
  };
  for (const StoryEvent& e : st.events) cover(e.at);
  bool any_open = false;
  for (const StoryInterval& iv : st.intervals) {
    cover(iv.from);
    if (iv.to) {
      cover(*iv.to);
    } else {
      any_open = true;
    }
  }
  if (!(t1 >= t0)) return;
  const double horizon_s = st.horizon.in_seconds();
  if (any_open && horizon_s > t1 && horizon_s - t1 < 0.1 * (t1 - t0)) t1 = horizon_s;
  const double span0 = std::max(t1 - t0, 60.0);
  const double pad = std::max(0.04 * span0, 5.0);
  double lo = std::max(0.0, t0 - pad);
  double hi = std::max(t1, t0 + 60.0) + pad;
  if (horizon_s > 0) hi = std::min(hi, std::max(horizon_s, t1));
  if (hi <= lo) hi = lo + 60;

  constexpr double kW = 900, kLabelW = 176, kX0 = 184, kX1 = 872;
  constexpr double kLane = 24, kGroupGap = 20, kStripTop = 26, kStrip = 22;
  // Lane tops, with a heading above each group.
  std::vector<double> lane_top(lanes.size());
  std::vector<std::pair<double, std::string>> headings;
  double yy = kStripTop + kStrip + 6;
  for (size_t i = 0; i < lanes.size(); ++i) {
    if (i == 0 || lanes[i].group != lanes[i - 1].group) {
      yy += kGroupGap;
      const std::string& g = lanes[i].group;
      headings.push_back({yy - 6, g == "service"        ? "Services"
                                  : g == "database"     ? "Databases"
                                  : g == "object_store" ? "Object stores"
                                                        : g});
    }
    lane_top[i] = yy;
    yy += kLane;
  }
  const double lanes_bottom = yy + 4;
  const double height = lanes_bottom + 36;
  const auto x = [&](double s) { return kX0 + (s - lo) / (hi - lo) * (kX1 - kX0); };

  open_svg(out, "gantt", kW, height,
           esc("Gantt chart of trial " + std::to_string(st.trial) +
               ": when each service, database and object store was not taking writes, with "
               "the faults, decisions and recoveries"));
  out +=
      "<defs><pattern id=\"hatch-loss\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
      "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#7f1d1d\"/>"
      "<rect width=\"2.5\" height=\"6\" fill=\"#e8a29c\"/></pattern></defs>\n";
  // Time ticks in UTC clock times.
  const double step = nice_step(hi - lo, 7);
  const double start_epoch = static_cast<double>(st.start_epoch_s);
  for (double e = std::ceil((start_epoch + lo) / step) * step; e <= start_epoch + hi + 1e-9;
       e += step) {
    const double tx = x(e - start_epoch);
    line(out, tx, kStripTop, tx, lanes_bottom, "grid");
    line(out, tx, lanes_bottom, tx, lanes_bottom + 4, "axis");
    std::string label = sim::format_clock(static_cast<int64_t>(std::llround(e)));
    if (step >= 60 && label.size() > 9) label = label.substr(0, 9);
    text_at(out, tx, lanes_bottom + 17, "middle", esc(label), "muted");
  }
  line(out, kX0, lanes_bottom, kX1, lanes_bottom, "axis");
  text_at(out, 4, 16, "start", esc("Trial " + std::to_string(st.trial) + " · times in UTC"),
          "title");
  text_at(out, kLabelW, kStripTop + 15, "end", "faults, decisions", "muted");
  for (const auto& [hy, label] : headings) text_at(out, 4, hy, "start", esc(label), "muted");
  for (size_t i = 0; i < lanes.size(); ++i) {
    const double mid = lane_top[i] + kLane / 2;
    line(out, kX0, mid, kX1, mid, "grid");
    out += "<g><title>" + esc(lanes[i].name) + "</title>";
    text_at(out, kLabelW, mid + 4, "end", esc(truncate_chars(lanes[i].name, 27)));
    out += "</g>\n";
  }

  // Bars, with their length beside them where it fits.
  for (size_t k = 0; k < st.intervals.size(); ++k) {
    const StoryInterval& iv = st.intervals[k];
    const int lane = find_lane(iv.lane, iv.subject);
    if (lane < 0) continue;
    const double top = lane_top[static_cast<size_t>(lane)] + 5;
    const double bx0 = std::clamp(x(iv.from.in_seconds()), kX0, kX1);
    const double bx1 = iv.to ? std::clamp(x(iv.to->in_seconds()), kX0, kX1) : kX1;
    const double w = std::max(bx1 - bx0, 2.0);
    std::string tip = iv.subject + (iv.total_loss ? ": total loss, " : ": not taking writes, ") +
                      clock_utc(epoch_of(st.start_epoch_s, iv.from)) + " – ";
    tip +=
        iv.to ? clock_utc(epoch_of(st.start_epoch_s, *iv.to)) + " (" + human(*iv.to - iv.from) + ")"
              : "still at the horizon";
    out += "<rect x=\"" + px(bx0) + "\" y=\"" + px(top) + "\" width=\"" + px(w) + "\" height=\"" +
           px(kLane - 10) + "\" fill=\"" +
           (iv.total_loss ? std::string("url(#hatch-loss)") : std::string("#d1453b")) +
           "\"><title>" + esc(tip) + "</title></rect>\n";
    if (!iv.to) {
      // Runs on past the chart: an arrow at its end.
      out += "<path d=\"M" + px(kX1) + " " + px(top - 2) + "l9 " + px((kLane - 6) / 2) + "l-9 " +
             px((kLane - 6) / 2) + "z\" fill=\"" + (iv.total_loss ? "#7f1d1d" : "#d1453b") +
             "\"/>\n";
    }
    // The next bar in the same lane bounds the label.
    double room_end = kX1;
    for (const StoryInterval& other : st.intervals) {
      if (&other == &iv || find_lane(other.lane, other.subject) != lane) continue;
      const double ox = x(other.from.in_seconds());
      if (ox >= bx1 && ox < room_end) room_end = ox;
    }
    const std::string label = iv.total_loss ? "total loss"
                              : iv.to       ? human(*iv.to - iv.from)
                                            : "still down";
    const double lw = text_width_11px(label);
    const double ly = top + (kLane - 10) / 2 + 4;
    if (iv.total_loss || !iv.to) {
      if (w >= lw + 10) {
        // White on the bar, with a halo of the bar's colour to read on the hatching.
        out += "<text x=\"" + px(bx0 + 5) + "\" y=\"" + px(ly) +
               "\" style=\"fill:#fff;font-weight:600;stroke:" +
               (iv.total_loss ? "#7f1d1d" : "#d1453b") + ";stroke-width:3px;paint-order:stroke\">" +
               esc(label) + "</text>\n";
      } else if (bx0 - lw - 6 >= kX0) {
        text_at(out, bx0 - 4, ly, "end", esc(label));
      }
    } else if (bx1 + 10 + lw <= room_end - 4) {
      // Past the recovery marker that may sit at the bar's end.
      text_at(out, bx1 + 10, ly, "start", esc(label));
    } else if (w >= lw + 10) {
      out += "<text x=\"" + px(bx0 + 5) + "\" y=\"" + px(ly) + "\" style=\"fill:#fff\">" +
             esc(label) + "</text>\n";
    }
  }

  // Markers: faults and decisions in the strip above the lanes, with a guide line down through
  // them; recoveries on their subject's lane.
  const std::map<size_t, int> numbers = decision_numbers(st);
  const double strip_mid = kStripTop + kStrip / 2;
  // Markers in the strip that would overlap move right of the one before, on a short leader.
  double strip_end = -1e9;
  const auto strip_x = [&](double ex, double width) {
    const double mx = std::max(ex, strip_end + width / 2 + 2);
    strip_end = mx + width / 2;
    return mx;
  };
  for (size_t i = 0; i < st.events.size(); ++i) {
    const StoryEvent& e = st.events[i];
    const Mark m = mark_of(e.kind);
    if (m == Mark::kNone) continue;
    const double ex = x(e.at.in_seconds());
    const std::string tip = clock_utc(epoch_of(st.start_epoch_s, e.at)) + ": " + e.text;
    if (m == Mark::kFault) {
      out +=
          "<line x1=\"" + px(ex) + "\" y1=\"" + px(strip_mid) + "\" x2=\"" + px(ex) + "\" y2=\"" +
          px(lanes_bottom) +
          "\" stroke=\"#c62828\" stroke-width=\"1\" stroke-dasharray=\"3 3\" opacity=\"0.6\"/>\n";
      const double mx = strip_x(ex, 12);
      if (mx != ex) line(out, ex, strip_mid + 5, mx, strip_mid + 5, "axis");
      out += "<path d=\"M" + px(mx - 6) + " " + px(strip_mid - 6) +
             "h12l-6 11z\" fill=\"#c62828\">"
             "<title>" +
             esc(tip) + "</title></path>\n";
    } else if (m == Mark::kDecision) {
      out +=
          "<line x1=\"" + px(ex) + "\" y1=\"" + px(strip_mid) + "\" x2=\"" + px(ex) + "\" y2=\"" +
          px(lanes_bottom) +
          "\" stroke=\"#b07800\" stroke-width=\"1\" stroke-dasharray=\"3 3\" opacity=\"0.7\"/>\n";
      const double mx = strip_x(ex, 18);
      if (mx != ex) line(out, ex, strip_mid + 9, mx, strip_mid + 9, "axis");
      out += "<g><title>" + esc(tip) + "</title><path d=\"M" + px(mx) + " " + px(strip_mid - 9) +
             "l9 9l-9 9l-9 -9z\" fill=\"#b07800\"/>";
      const auto n = numbers.find(i);
      if (n != numbers.end()) {
        out += "<text x=\"" + px(mx) + "\" y=\"" + px(strip_mid + 4) +
               "\" text-anchor=\"middle\" style=\"fill:#fff;font-size:10px;font-weight:700\">" +
               std::to_string(n->second) + "</text>";
      }
      out += "</g>\n";
    } else {
      int lane = find_lane("service", e.subject);
      if (lane < 0) lane = find_lane("", e.subject);
      const double cy = lane >= 0 ? lane_top[static_cast<size_t>(lane)] + kLane / 2 : strip_mid;
      const double mx = lane >= 0 ? ex : strip_x(ex, 10);
      out += "<path d=\"M" + px(mx - 5) + " " + px(cy + 5) +
             "h10l-5 -10z\" fill=\"#1a7f37\">"
             "<title>" +
             esc(tip) + "</title></path>\n";
    }
  }
  out += "</svg>\n";
}

// Legend of the Gantt chart, in HTML so that it wraps.
constexpr const char* kGanttLegend =
    "<p class=\"legend\">"
    "<span><svg viewBox=\"0 0 14 10\" aria-hidden=\"true\"><rect width=\"14\" height=\"10\" "
    "fill=\"#d1453b\"/></svg>not taking writes</span>"
    "<span><svg viewBox=\"0 0 14 10\" aria-hidden=\"true\"><rect width=\"14\" height=\"10\" "
    "fill=\"url(#hatch-loss)\"/></svg>total loss</span>"
    "<span><svg viewBox=\"0 0 14 10\" aria-hidden=\"true\"><path d=\"M0 0h8l4 5l-4 5h-8z\" "
    "fill=\"#d1453b\"/></svg>still down at the horizon</span>"
    "<span><svg viewBox=\"0 0 14 10\" aria-hidden=\"true\"><path d=\"M1 0h12l-6 10z\" "
    "fill=\"#c62828\"/></svg>fault</span>"
    "<span><svg viewBox=\"0 0 14 10\" aria-hidden=\"true\"><path d=\"M7 0l5 5l-5 5l-5 -5z\" "
    "fill=\"#b07800\"/></svg>decision</span>"
    "<span><svg viewBox=\"0 0 14 10\" aria-hidden=\"true\"><path d=\"M2 10h10l-5 -10z\" "
    "fill=\"#1a7f37\"/></svg>writes resumed, service restored</span>"
    "</p>\n";

// How a service fared in one trial, as a badge and words: met, MISSED (which target, by how
// much), total loss, still down.
std::string outcome_verdict(const ServiceOutcome& o) {
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

std::string outcome_rto(const ServiceOutcome& o) {
  if (o.incidents == 0) return "–";
  if (o.censored) return "≥ " + human_s(o.rto_s) + "<br><small>still down at the horizon</small>";
  return human_s(o.rto_s);
}

std::string outcome_rpo(const ServiceOutcome& o) {
  if (o.incidents == 0) return "–";
  if (o.total_loss) return "everything";
  if (!o.rpo_s) return "not known yet";
  return human_s(*o.rpo_s);
}

std::string outcome_lost_writes(const ServiceOutcome& o) {
  if (o.incidents == 0) return "–";
  if (o.total_loss) return "all";
  if (!o.lost_writes) return "unknown";
  return format_count(static_cast<double>(*o.lost_writes));
}

std::string targets_text(const scenario::TierTarget& t, std::string_view separator = ", ") {
  return "RPO &lt; " + esc(human(t.rpo)) + std::string(separator) + "RTO &lt; " + esc(human(t.rto));
}

// ---------------------------------------------------------------------------------------------
// Sections

void header_section(std::string& out, const HtmlReport& r, const std::string& title) {
  out += "<header>\n<h1>" + esc(title) + "</h1>\n";
  std::vector<std::string> what;
  if (!r.scenario_file.empty())
    what.push_back("scenario <code>" + esc(r.scenario_file) + "</code>");
  const Results* res = r.results;
  const Story* st = r.story;
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

void verdicts_section(std::string& out, const Summary& s, double slo) {
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
  for (const TierSummary& t : s.tiers) {
    any_bound = any_bound || t.rto_s.lower_bound.p95 || t.rpo_s.lower_bound.p95;
    // Beside the verdict: which target, by how much.
    std::string why;
    if (t.incidents == 0) {
      why = "no incidents";
    } else if (t.verdict == Verdict::kMissed) {
      std::vector<std::string> parts;
      if (t.met_rpo.trials > 0 && t.met_rpo.hi < slo) {
        parts.push_back("RPO met by " + percent(t.met_rpo.fraction));
      }
      if (t.met_rto.trials > 0 && t.met_rto.hi < slo) {
        parts.push_back("RTO met by " + percent(t.met_rto.fraction));
      }
      for (size_t i = 0; i < parts.size(); ++i) why += (i ? ", " : "") + parts[i];
      why += " of incidents; needs " + p;
    } else if (t.verdict == Verdict::kUncertain) {
      const double lo =
          std::min(t.met_rpo.trials ? t.met_rpo.lo : 1.0, t.met_rto.trials ? t.met_rto.lo : 1.0);
      why = "too few incidents to tell: with 95 % confidence at least " + percent(lo) +
            " meet the targets, and " + p + " must";
    }
    const std::string detail = why.empty() ? "" : "<div class=\"why\">" + esc(why) + "</div>";
    out += "<tr><td class=\"name nowrap\">Tier " + std::to_string(t.tier) +
           "</td><td class=\"nowrap\">" + targets_text(t.target, "<br>") +
           "</td><td class=\"num\">" + std::to_string(t.incidents) + "</td><td class=\"num\">" +
           esc(stat_span(t.rpo_s.p95, t.rpo_s.lower_bound.p95, t.rpo_s.n)) +
           "</td><td class=\"num\">" +
           esc(stat_span(t.rto_s.p95, t.rto_s.lower_bound.p95, t.rto_s.n)) +
           "</td><td class=\"num\">" + share_cell(t.met_rpo) + "</td><td class=\"num\">" +
           share_cell(t.met_rto) + "</td><td class=\"num\">" + std::to_string(t.total_loss) +
           "</td><td class=\"num\">" + std::to_string(t.censored) + "</td><td>" +
           verdict_badge(t.verdict) + detail + "</td></tr>\n";
  }
  out += "</tbody></table>\n";

  out +=
      "<h3>Services</h3>\n<table class=\"services\">\n<thead><tr><th>Service</th>"
      "<th class=\"num\">Tier</th><th class=\"num\">Incidents</th>"
      "<th class=\"num\">Availability</th><th class=\"num\">Nines</th>"
      "<th class=\"num\">RPO p95</th><th class=\"num\">RTO p95</th>"
      "<th class=\"num\">Lost writes<br>mean / p95</th><th>Verdict</th></tr></thead>\n<tbody>\n";
  for (const ServiceSummary& svc : s.services) {
    const TierSummary& t = svc.incidents;
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
  if (any_bound) {
    out +=
        "<p><small>≥: a lower bound. Incidents still open at the horizon count at the time "
        "they have been open, so a service that never comes back never shows a short "
        "RTO.</small></p>\n";
  }
  out += "</section>\n";
}

void distributions_section(std::string& out, const Results& r) {
  std::set<int> tiers;
  for (const ServiceResults& svc : r.services) tiers.insert(svc.tier);
  std::string body;
  for (int tier : tiers) {
    const auto target = r.tiers.find(tier);
    if (target == r.tiers.end()) continue;
    IncidentStats merged;
    for (const ServiceResults& svc : r.services) {
      if (svc.tier == tier) merged.merge(svc.incidents);
    }
    if (merged.incidents == 0) continue;
    DurationStats rto_all = merged.rto;
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

void failovers_section(std::string& out, const Results& r, const Summary* s) {
  std::string body;
  const double lo_s = r.window_lo.in_seconds(), hi_s = r.window_hi.in_seconds();
  for (size_t k = 0; k < r.failovers.size(); ++k) {
    const FailoverResults& f = r.failovers[k];
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
    const FailoverSummary* fs =
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

void availability_section(std::string& out, const Summary& s) {
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

void story_list(std::string& out, const Story& st) {
  const std::map<size_t, int> numbers = decision_numbers(st);
  std::vector<int> depth(st.events.size(), 0);
  out += "<ol class=\"story\">\n";
  std::string last_day;
  for (size_t i = 0; i < st.events.size(); ++i) {
    const StoryEvent& e = st.events[i];
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

void trial_section(std::string& out, const Story& st) {
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
    for (const ServiceOutcome& o : st.summary) {
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

std::string yes_no(const std::optional<bool>& v) {
  if (!v) return "not known";
  return *v ? "yes" : "no";
}

void decisions_section(std::string& out, const Story& st) {
  out += "<section id=\"decisions\">\n<h2>Decisions</h2>\n";
  for (const DecisionRecord& d : st.decisions) {
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
    for (const DecisionOption& o : d.options) {
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

void branches_section(std::string& out, const std::vector<BranchOutcome>& branches) {
  std::vector<std::string> services;
  for (const BranchOutcome& b : branches) {
    for (const ServiceOutcome& o : b.summary) {
      if (std::find(services.begin(), services.end(), o.service) == services.end()) {
        services.push_back(o.service);
      }
    }
  }
  out +=
      "<section id=\"branches\">\n<h2>Branches</h2>\n<p>The same trial had each decision gone "
      "another way: the branches share their random numbers up to each decision.</p>\n";
  out += "<table class=\"branches\">\n<thead><tr><th>Service</th>";
  for (const BranchOutcome& b : branches) out += "<th>" + esc(b.name) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const std::string& name : services) {
    out += "<tr><td class=\"name\">" + esc(name) + "</td>";
    for (const BranchOutcome& b : branches) {
      const auto it = std::find_if(b.summary.begin(), b.summary.end(),
                                   [&](const ServiceOutcome& o) { return o.service == name; });
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
    if (r.summary) verdicts_section(body, *r.summary, slo);
  });
  section("distributions", "RPO and RTO", [&] {
    if (r.results) distributions_section(body, *r.results);
  });
  section("failovers", "Failovers", [&] {
    if (r.results) failovers_section(body, *r.results, r.summary);
  });
  section("availability", "Availability", [&] {
    if (r.summary) availability_section(body, *r.summary);
  });
  section("trial", "The trial", [&] {
    if (r.story) trial_section(body, *r.story);
  });
  section("decisions", "Decisions", [&] {
    if (r.story && !r.story->decisions.empty()) decisions_section(body, *r.story);
  });
  section("branches", "Branches", [&] {
    if (!r.branches.empty()) branches_section(body, r.branches);
  });

  std::string out;
  out.reserve(body.size() + 16 * 1024);
  out +=
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"drsim\">\n<title>" +
      esc(title) + " · drsim report</title>\n<style>" + kStyle +
      "</style>\n</head>\n<body>\n"
      "<main>\n";
  header_section(out, r, title);
  nav_section(out, links);
  out += body;
  out += "<footer>Written by drsim";
  if (!r.drsim_version.empty()) out += " " + esc(r.drsim_version);
  if (!r.scenario_file.empty()) out += " from <code>" + esc(r.scenario_file) + "</code>";
  out +=
      ". The same scenario, seed and trials give the same report. Times are UTC; durations "
      "are simulated time.</footer>\n</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace drsim::models::report

// The HTML report's drawing pieces and its charts of a Monte Carlo run: CDFs of RPO and RTO on a
// log time axis, failover histograms and availability bars (the trial's Gantt chart is in
// html_gantt.cc).
#include "models/report/html_svg.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "models/report/html_format.h"
#include "models/report/writers.h"

namespace drsim::models::report::html {

// ---------------------------------------------------------------------------------------------
// Chart pieces

namespace {

// The number of characters (UTF-8 code points) of `text`.
size_t char_count(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

std::string px(double v) {
  if (!std::isfinite(v)) v = 0;
  return strf("%.1f", v);
}

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

double text_width_11px(std::string_view text) {
  return 6.2 * static_cast<double>(char_count(text));
}

void open_svg(std::string& out, const std::string& id, double width, double height,
              const std::string& label_escaped) {
  // Never drawn wider than its viewBox, so that its text keeps the size of the page's small text.
  out += "<svg id=\"" + id + "\" class=\"chart\" viewBox=\"0 0 " + px(width) + " " + px(height) +
         "\" style=\"max-width:" + px(width) + "px\" role=\"img\" aria-label=\"" + label_escaped +
         "\"><title>" + label_escaped + "</title>\n";
}

void text_at(std::string& out, double x, double y, std::string_view anchor,
             const std::string& escaped, std::string_view cls) {
  out += "<text x=\"" + px(x) + "\" y=\"" + px(y) + "\"";
  if (anchor != "start") out += " text-anchor=\"" + std::string(anchor) + "\"";
  if (!cls.empty()) out += " class=\"" + std::string(cls) + "\"";
  out += ">" + escaped + "</text>\n";
}

void line(std::string& out, double x1, double y1, double x2, double y2, std::string_view cls) {
  out += "<line x1=\"" + px(x1) + "\" y1=\"" + px(y1) + "\" x2=\"" + px(x2) + "\" y2=\"" + px(y2) +
         "\" class=\"" + std::string(cls) + "\"/>\n";
}

std::string_view anchor_within(double x, double width, double lo, double hi) {
  if (x - width / 2 < lo) return "start";
  if (x + width / 2 > hi) return "end";
  return "middle";
}

// ---------------------------------------------------------------------------------------------
// CDF of RPO or RTO on a log time axis

namespace {

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

}  // namespace

void cdf_chart(std::string& out, const CdfChart& c) {
  constexpr double kW = 460, kH = 270;
  constexpr double kLeft = 50, kRight = kW - 42, kTop = 42, kBottom = kH - 46;
  const std::vector<results::LogHistogram::Bucket> buckets = c.values->buckets();
  uint64_t zeros = 0;
  double vmin = std::numeric_limits<double>::infinity(), vmax = 0;
  for (const results::LogHistogram::Bucket& b : buckets) {
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
    for (const results::LogHistogram::Bucket& b : buckets) {
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

double nice_step(double span, double max_parts) {
  static constexpr double kSteps[] = {0.1,  0.2,  0.5,   1,     2,     5,     10,     15,
                                      20,   30,   60,    120,   300,   600,   900,    1800,
                                      3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800};
  for (double s : kSteps) {
    if (span / s <= max_parts) return s;
  }
  return std::ceil(span / max_parts / 604800) * 604800;
}

namespace {

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

std::string seconds_label(double s, double step) {
  if (step >= 60) return human_s(s);
  return seconds_text(s);
}

}  // namespace

HistogramTail failover_chart(std::string& out, const std::string& id,
                             const results::FailoverResults& f, double window_lo_s,
                             double window_hi_s) {
  constexpr double kW = 460, kH = 250;
  constexpr double kLeft = 50, kRight = kW - 18, kTop = 42, kBottom = kH - 46;
  const std::vector<results::LogHistogram::Bucket> buckets = f.total.histogram.buckets();
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
  for (const results::LogHistogram::Bucket& b : buckets) {
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

namespace {

// The bar colour of a verdict: red missed, amber uncertain, slate met.
const char* verdict_fill(results::Verdict v) {
  switch (v) {
    case results::Verdict::kMet:
      return "#4c6a85";
    case results::Verdict::kMissed:
      return "#c62828";
    case results::Verdict::kUncertain:
      return "#c99a2e";
  }
  return "#4c6a85";
}

}  // namespace

void availability_chart(std::string& out, const results::Summary& s) {
  constexpr double kW = 900, kRow = 26, kTop = 34, kLabelW = 180, kBarX0 = 190, kBarX1 = 600;
  constexpr double kTextX = 618;
  double max_nines = 5;
  for (const results::ServiceSummary& svc : s.services) {
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
    const results::ServiceSummary& svc = s.services[i];
    const results::TierSummary& t = svc.incidents;
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

}  // namespace drsim::models::report::html

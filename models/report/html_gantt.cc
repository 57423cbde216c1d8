// The HTML report's Gantt chart of one trial (each service, database and object store not
// taking writes, with the faults, decisions and recoveries) and its legend.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "models/report/html_format.h"
#include "models/report/html_svg.h"
#include "sim/units.h"

namespace drsim::models::report::html {
using sim::SimTime;
namespace {

struct Lane {
  std::string group;  // "service", "database", "object_store"
  std::string name;
};

}  // namespace

void gantt_chart(std::string& out, const results::Story& st) {
  std::vector<Lane> lanes;
  for (const results::ServiceOutcome& o : st.summary) lanes.push_back({"service", o.service});
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
  for (const results::StoryInterval& iv : st.intervals) {
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
  bool any_open = false;
  std::optional<double> last_end;  // the last bar's end, when every bar ends
  for (const results::StoryInterval& iv : st.intervals) {
    cover(iv.from);
    if (iv.to) {
      cover(*iv.to);
      last_end = std::max(last_end.value_or(0.0), iv.to->in_seconds());
    } else {
      any_open = true;
    }
  }
  // Steps after every bar has ended (an AZ returning days later) would squeeze the outage into
  // a sliver: the chart ends with the last bar, and the story below tells the rest.
  const bool clip = !any_open && last_end;
  for (const observations::StoryEvent& e : st.events) {
    if (!clip || e.at.in_seconds() <= *last_end) cover(e.at);
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
    const results::StoryInterval& iv = st.intervals[k];
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
    for (const results::StoryInterval& other : st.intervals) {
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
    const observations::StoryEvent& e = st.events[i];
    const Mark m = mark_of(e.kind);
    if (m == Mark::kNone || e.at.in_seconds() > hi) continue;
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

const char* const kGanttLegend =
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

}  // namespace drsim::models::report::html

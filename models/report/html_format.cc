// The HTML report's shared formatting: strings by printf, spans, shares and availabilities as a
// person reads them, UTC clock times, and the marks of a story's steps.
#include "models/report/html_format.h"

#include <cmath>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <string_view>

#include "models/report/html.h"
#include "sim/units.h"

namespace drsim::models::report::html {
using sim::Duration;
using sim::SimTime;

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

std::string percent(double fraction) {
  if (!std::isfinite(fraction)) return "–";
  const double p = 100 * fraction;
  if (fraction < 1 && p >= 99.95) return "> 99.9 %";
  if (fraction > 0 && p < 0.05) return "< 0.1 %";
  return strf("%.1f %%", p);
}

std::string availability_text(double a) {
  if (!std::isfinite(a)) return "–";
  if (a < 1 && 100 * a >= 99.9995) return "> 99.999 %";
  return strf("%.3f %%", 100 * a);
}

std::string seconds_text(double s) {
  if (s >= 600) return human_s(s);
  if (std::fabs(s - std::round(s)) < 0.05) return strf("%.0f s", s);
  return strf("%.1f s", s);
}

std::string clock_utc(int64_t epoch_s) { return sim::format_clock(epoch_s) + " UTC"; }

int64_t epoch_of(int64_t start_epoch_s, SimTime t) {
  const int64_t us = t.count_us();
  return start_epoch_s + (us >= 0 ? us / 1'000'000 : -((-us + 999'999) / 1'000'000));
}

Mark mark_of(std::string_view kind) {
  if (kind == "fault") return Mark::kFault;
  if (kind == "decision") return Mark::kDecision;
  if (kind == "writes_resumed" || kind == "service_restored" || kind == "failover_completed" ||
      kind == "switchover_completed") {
    return Mark::kRecovery;
  }
  return Mark::kNone;
}

std::map<size_t, int> decision_numbers(const results::Story& st) {
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

}  // namespace drsim::models::report::html

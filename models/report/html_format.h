// Internal to the HTML report (models/report/html*.cc): the text and number formatting that its
// page, sections and charts share, and how a story's steps are marked. Not a public interface.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "models/observations/observations.h"
#include "models/results/story.h"

namespace drsim::models::report::html {

// printf into a string; every number in the report is printed with an explicit precision, so the
// bytes depend only on the inputs. REQUIRES: the arguments match `format`, as for printf.
std::string strf(const char* format, ...) __attribute__((format(printf, 1, 2)));

// html_escape(text): safe in element content and attribute values.
std::string esc(std::string_view text);

// A span as a person reads it, to about three significant figures: "850 ms", "9.5 s", "42 s",
// "4 min 12 s", "10 h 46 min", "4 d 21 h". Negative and NaN read as "0 s", under half a
// millisecond "< 1 ms", over 10^12 s "for ever".
std::string human_s(double seconds);

// human_s of a duration.
std::string human(sim::Duration d);

// A share of 1 in percent with one decimal; never "100.0 %" for less than all of it, nor "0.0 %"
// for more than none. NaN and infinities read as "–".
std::string percent(double fraction);

// An availability (a share of 1) in percent with three decimals ("99.985 %"); "> 99.999 %" for
// less than 1 that would round to 100; NaN and infinities read as "–".
std::string availability_text(double a);

// A failover's length in seconds as the failover window is written ("60 s", "7.5 s"), and as
// human_s from ten minutes up.
std::string seconds_text(double s);

// "Tue 13:37:12 UTC" for the UTC instant `epoch_s`.
std::string clock_utc(int64_t epoch_s);

// Seconds since the epoch of an instant of a trial that started at `start_epoch_s`, rounded down
// to a whole second (also before the start, where `t` is negative).
int64_t epoch_of(int64_t start_epoch_s, sim::SimTime t);

// How the Gantt chart and the story list mark a step, by its kind: "fault" is a fault,
// "decision" a decision; "writes_resumed", "failover_completed", "switchover_completed" and
// "service_restored" are recoveries; the rest are not marked.
enum class Mark { kNone, kFault, kDecision, kRecovery };
Mark mark_of(std::string_view kind);

// Decision numbers by event index: the k-th "decision" event is decision k (or, in a tabletop,
// the k-th DecisionRecord's number). Empty when the story has no decision.
std::map<size_t, int> decision_numbers(const results::Story& st);

}  // namespace drsim::models::report::html

// The terminal writers print names from a scenario escaped (no raw control characters or escape
// sequences reach the terminal) and pad them by characters, so UTF-8 names line up.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "models/analytic/analysis.h"
#include "models/observations/observations.h"
#include "models/report/analysis_writers.h"
#include "models/report/story_writers.h"
#include "models/report/text.h"
#include "models/report/writers.h"
#include "models/results/summary.h"
#include "models/sweep/sweep.h"
#include "models/sweep/sweep_writers.h"

namespace drsim::models::report::terminal_names_test {
namespace {

// No byte of `text` is a C0 control other than the line feed, or DEL.
void expect_no_raw_controls(const std::string& text) {
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    EXPECT_FALSE((u < 0x20 && u != '\n') || u == 0x7F) << "raw byte " << int{u} << " in:\n"
                                                       << text;
  }
}

// The line of `text` that starts with `prefix`.
std::string line_starting(const std::string& text, const std::string& prefix) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) == 0) return line;
  }
  return "";
}

TEST(TerminalNames, TheReportEscapesNamesAndLinesUpUtf8) {
  results::Summary s;
  s.scenario = "evil\x1b]0;owned\x07 scenario";
  s.trials = 1;
  results::ServiceSummary accented, plain, hostile;
  accented.name = "café-svc";
  plain.name = "cafe-svc";
  hostile.name = "x\x1b[2Jy";
  for (results::ServiceSummary* svc : {&accented, &plain, &hostile}) svc->tier = 1;
  s.services = {accented, plain, hostile};
  results::DatabaseSummary db;
  db.name = "\xff-db";
  s.databases = {db};
  const std::string text = to_terminal(s);
  expect_no_raw_controls(text);
  EXPECT_NE(text.find("evil\\x1b]0;owned\\x07 scenario"), std::string::npos) << text;
  EXPECT_NE(text.find("x\\x1b[2Jy"), std::string::npos) << text;
  EXPECT_NE(text.find("\\xff-db"), std::string::npos) << text;
  // Same figures: the rows differ only by their names, whose widths are the same.
  const std::string a = line_starting(text, "café-svc"), b = line_starting(text, "cafe-svc");
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a.substr(std::string("café-svc").size()), b.substr(std::string("cafe-svc").size()));
}

TEST(TerminalNames, TheStoryEscapesEachLine) {
  results::Story story;
  story.scenario = "evil\x1b]0;owned\x07 scenario";
  story.events.push_back(
      {sim::SimTime::zero(), "tracker-db", "note", "", "tracker-db\x1b[1A: fails over\nfake line", -1});
  story.events.push_back({sim::SimTime::zero(), "x", "note", "", "caused\r", 0});
  results::ServiceOutcome o;
  o.service = "svc\x1b[2J";
  o.incidents = 1;
  o.met_rto = false;
  story.summary = {o};
  const std::string text = format_story(story);
  expect_no_raw_controls(text);
  EXPECT_NE(text.find("tracker-db\\x1b[1A: fails over\\nfake line"), std::string::npos) << text;
  EXPECT_NE(text.find("evil\\x1b]0;owned\\x07 scenario"), std::string::npos) << text;
  EXPECT_NE(text.find("svc\\x1b[2J"), std::string::npos) << text;
  EXPECT_NE(text.find("caused\\x0d"), std::string::npos) << text;
}

TEST(TerminalNames, AnalyzeEscapesNamesAndNotes) {
  analytic::DatabaseAnalysis a;
  a.name = "é\x1b[31m-db";
  a.notes = {"a note on \x1b[31m"};
  const std::string text = analysis_terminal("s\x07", {a});
  expect_no_raw_controls(text);
  EXPECT_NE(text.find("é\\x1b[31m-db"), std::string::npos) << text;
}

// Points are named from scenario text (the settings' values and the databases' names).
TEST(TerminalNames, TheSweepTableEscapesAndLinesUpNames) {
  sweep::SweepResult r;
  r.scenario = "sweep\x1b[2J";
  r.currency = "USD";
  sweep::Setting name;
  name.path = "name";
  r.settings = {name};
  for (const char* value : {"é-x", "e-x", "\x1b[31m"}) {
    sweep::SweepPoint p;
    p.index = r.points.size();
    p.values = {value};
    p.name = value;
    p.errors = {"invalid \x1b"};
    r.points.push_back(std::move(p));
  }
  const std::string text = sweep::sweep_to_terminal(r);
  expect_no_raw_controls(text);
  EXPECT_NE(text.find("\\x1b[31m"), std::string::npos) << text;
  const std::string a = line_starting(text, "0      é-x"), b = line_starting(text, "1      e-x");
  ASSERT_FALSE(a.empty()) << text;
  EXPECT_EQ(display_width(a), display_width(b)) << text;
}

}  // namespace
}  // namespace drsim::models::report::terminal_names_test

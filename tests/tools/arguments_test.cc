// Checked command-line values: numbers are range-checked, never wrapped; text must be UTF-8; a
// misspelt command gets a "did you mean".
#include "tools/arguments.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "models/scenario/loader.h"

namespace drsim::tools::arguments_test {
namespace {

using models::scenario::ScenarioError;

// The one problem of what `f` throws, or "" when it throws nothing.
template <class F>
std::string problem_of(F&& f) {
  try {
    f();
  } catch (const ScenarioError& e) {
    return e.problems().size() == 1 ? e.problems()[0] : "several problems";
  }
  return "";
}

TEST(ParseWholeNumber, ReadsDecimalDigitsInRange) {
  EXPECT_EQ(parse_whole_number("--trials", "1", 1, 10), 1u);
  EXPECT_EQ(parse_whole_number("--trials", "10", 1, 10), 10u);
  EXPECT_EQ(parse_whole_number("--seed", "010", 0, UINT64_MAX), 10u);  // decimal, never octal
  EXPECT_EQ(parse_whole_number("--seed", "18446744073709551615", 0, UINT64_MAX), UINT64_MAX);
  EXPECT_EQ(parse_whole_number("--seed", "00000000000000000000000007", 0, UINT64_MAX), 7u);
}

TEST(ParseWholeNumber, RefusesWhatWouldWrapOrIsNotAWholeNumber) {
  const std::string range = ": expected a whole number from 0 to 18446744073709551615";
  for (const std::string text : {"-1", "1e23", "18446744073709551616", "99999999999999999999999",
                                 "", " 1", "1 ", "+1", "0x10", "1.0", "1,000", "seed"}) {
    EXPECT_EQ(problem_of([&] { parse_whole_number("--seed", text, 0, UINT64_MAX); }),
              "--seed " + text + range)
        << text;
  }
}

TEST(ParseWholeNumber, RefusesNumbersOutsideTheRange) {
  EXPECT_EQ(problem_of([] { parse_whole_number("--trials", "0", 1, 1'000'000'000); }),
            "--trials 0: expected a whole number from 1 to 1000000000");
  EXPECT_EQ(problem_of([] { parse_whole_number("--trials", "1000000001", 1, 1'000'000'000); }),
            "--trials 1000000001: expected a whole number from 1 to 1000000000");
  EXPECT_EQ(problem_of([] { parse_whole_number("--threads", "-1", 0, 1024); }),
            "--threads -1: expected a whole number from 0 to 1024");
}

TEST(ParseWholeNumber, ShowsUnprintableTextEscaped) {
  EXPECT_EQ(problem_of([] { parse_whole_number("--trial", "1\x1b[2J", 0, 5); }),
            "--trial 1\\x1b[2J: expected a whole number from 0 to 5");
}

TEST(RequireUtf8, AcceptsUtf8AndNamesTheOptionOtherwise) {
  EXPECT_EQ(problem_of([] { require_utf8("--set", "name=café ≥ 1"); }), "");
  EXPECT_EQ(problem_of([] { require_utf8("--set", "name=\xff"); }),
            "--set name=\\xff: not valid UTF-8 (byte 0xFF at offset 5); drsim reads its "
            "arguments as UTF-8 text");
  EXPECT_EQ(problem_of([] { require_utf8("scenario", "a\xc3.json"); }),
            "scenario a\\xc3.json: not valid UTF-8 (byte 0xC3 at offset 1); drsim reads its "
            "arguments as UTF-8 text");
}

TEST(UnknownCommand, SuggestsTheClosestCommand) {
  const std::vector<std::string> commands = {"run",      "merge", "validate",
                                             "timeline", "sweep", "analyze"};
  EXPECT_EQ(unknown_command_message("rnu", commands),
            R"(unknown command "rnu"; did you mean "run"?)");
  EXPECT_EQ(unknown_command_message("swep", commands),
            R"(unknown command "swep"; did you mean "sweep"?)");
  EXPECT_EQ(unknown_command_message("analyse", commands),
            R"(unknown command "analyse"; did you mean "analyze"?)");
  EXPECT_EQ(unknown_command_message("frobnicate", commands),
            R"(unknown command "frobnicate" (commands: run, merge, validate, timeline, sweep, )"
            R"(analyze))");
  EXPECT_EQ(unknown_command_message("r\x1bun", commands).find('\x1b'), std::string::npos);
}

}  // namespace
}  // namespace drsim::tools::arguments_test

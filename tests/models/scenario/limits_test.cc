// Hostile input (limits.h): large documents are refused where they cross a limit, or loaded
// with work that grows linearly; absurd values are refused with their JSON path; trace paths
// stay inside the scenario's folder and their files are never quoted. The big inputs are built
// in memory; none of these tests asserts a time.
#include "models/scenario/limits.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "models/scenario/loader.h"
#include "models/scenario/object_reader.h"

namespace drsim::models::scenario::limits_test {
namespace {

using nlohmann::json;

constexpr std::string_view kRegions =
    R"("regions": [{"name": "us-east-1", "azs": ["use1-az1", "use1-az2", "use1-az3"]}])";

std::vector<std::string> problems_of(std::string_view text, const std::string& base_dir = "",
                                     const LoadOptions& options = {}) {
  try {
    load_scenario_text(text, "s.json", base_dir, options);
  } catch (const ScenarioError& e) {
    return e.problems();
  }
  return {};
}

// A scenario with `extra` members after name, horizon and regions.
std::string scenario_with(std::string_view extra) {
  return R"({"name": "t", "horizon": "7d", )" + std::string(kRegions) +
         (extra.empty() ? "" : ", ") + std::string(extra) + "}";
}

std::string only_problem(std::string_view text) {
  const std::vector<std::string> p = problems_of(text);
  EXPECT_EQ(p.size(), 1u) << testing::PrintToString(p);
  return p.empty() ? "" : p.front();
}

// `n` single-AZ databases named d0, d1, ... as the members of a JSON array.
std::string databases(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out += (i > 0 ? "," : "") + std::string(R"({"name": "d)") + std::to_string(i) +
           R"(", "deployment": "single-az", "region": "us-east-1", "azs": ["use1-az1"]})";
  }
  return out;
}

// ---- The JSON document ----

TEST(ScenarioLimits, NestedDuplicateKeysAreRefusedAtTheDepthLimit) {
  // 200,000 levels of {"a": ..., "a": 0}: the reproducer that took a minute.
  const size_t levels = 200000;
  std::string text;
  for (size_t i = 0; i < levels; ++i) text += R"({"a":)";
  text += "{}";
  for (size_t i = 0; i < levels; ++i) text += R"(,"a":0})";
  // The 65th "{" starts at byte 64 * 5 (five bytes per level).
  EXPECT_EQ(problems_of(text),
            std::vector<std::string>{
                "s.json:1:321: arrays and objects nested more than 64 deep (the limit is 64)"});
}

TEST(ScenarioLimits, DuplicateKeysBeyondTheShownProblemsAreOnlyCounted) {
  // 200,000 duplicate keys spread over 60 nested objects: every one counted, 100 shown.
  const size_t levels = 60, per_level = 200000 / levels;
  std::string text;
  for (size_t i = 0; i < levels; ++i) text += R"({"a":)";
  text += "0";
  for (size_t i = 0; i < levels; ++i) {
    for (size_t k = 0; k < per_level; ++k) text += R"(,"a":0)";
    text += "}";
  }
  const std::vector<std::string> p = problems_of(text);
  ASSERT_EQ(p.size(), kMaxProblems + 1);
  std::string innermost = "a";  // the path of the 60th object: 59 keys "a"
  for (size_t i = 2; i < levels; ++i) innermost += ".a";
  EXPECT_EQ(p.front(), "s.json: " + innermost + ": duplicate key \"a\"");
  // The loader then adds four: the unknown key "a" and the missing name, horizon and regions.
  EXPECT_EQ(p.back(), "s.json: ... and " + std::to_string(levels * per_level + 4 - kMaxProblems) +
                          " more problems");
}

TEST(ScenarioLimits, AnyArrayHoldsAtMostItsLimit) {
  std::string big = "[0";
  for (size_t i = 1; i <= kMaxArrayElements; ++i) big += ",0";
  big += "]";
  // Element 100,001 is the number at column 10 + 2 * 100,000; the parser has read the comma
  // after it when it finds the number complete.
  EXPECT_EQ(only_problem(R"({"name": )" + big + "}"),
            "s.json:1:200012: name: more than 100000 elements in one array (the limit is 100000)");
}

TEST(ScenarioLimits, TheDocumentHoldsAtMostItsLimitOfValues) {
  // 21 arrays of 100,000 numbers: no array too long, but 2.1 million values.
  std::string chunk = "[0";
  for (size_t i = 1; i < kMaxArrayElements; ++i) chunk += ",0";
  chunk += "]";
  std::string text = R"({"name": [)" + chunk;
  for (int i = 1; i < 21; ++i) text += "," + chunk;
  text += "]}";
  const std::string p = only_problem(text);
  EXPECT_EQ(p.substr(0, 7), "s.json:");
  EXPECT_NE(p.find(": more than 2000000 JSON values (the limit is 2000000)"), std::string::npos)
      << p;
}

TEST(ScenarioLimits, DatabasesAreRefusedWhereTheirCountCrossesTheLimit) {
  const std::string text = scenario_with(R"("databases": [)" + databases(kMaxDatabases + 1) + "]");
  const std::string p = only_problem(text);
  EXPECT_NE(p.find(": databases: more than 25000 databases (the limit is 25000)"),
            std::string::npos)
      << p;
  EXPECT_EQ(p.substr(0, 9), "s.json:1:");
}

TEST(ScenarioLimits, AzsOfARegionAreLimited) {
  std::string azs;
  for (size_t i = 0; i <= kMaxAzsPerRegion; ++i) {
    azs += (i > 0 ? "," : "") + std::string("\"az") + std::to_string(i) + "\"";
  }
  const std::string p = only_problem(R"({"regions": [{"name": "r", "azs": [)" + azs + "]}]}");
  EXPECT_NE(p.find(": regions[0].azs: more than 100 AZs in one region (the limit is 100)"),
            std::string::npos)
      << p;
}

TEST(ScenarioLimits, ManyUnknownNamesCostNoSearchBeyondTheShownProblems) {
  // 5,000 databases and 5,000 services that each use a misspelt one: every problem is counted,
  // the first 100 carry a "did you mean", and the rest cost a lookup each.
  std::string services;
  for (size_t i = 0; i < 5000; ++i) {
    services += (i > 0 ? "," : "") + std::string(R"({"name": "s)") + std::to_string(i) +
                R"(", "tier": 1, "uses": ["dd)" + std::to_string(i) + R"("]})";
  }
  const std::vector<std::string> p = problems_of(scenario_with(
      R"("databases": [)" + databases(5000) + R"(], "services": [)" + services + "]"));
  ASSERT_EQ(p.size(), kMaxProblems + 1);
  EXPECT_EQ(p.front(),
            "s.json: services[0].uses[0]: unknown database or object store \"dd0\" (did you mean "
            "\"d0\"?)");
  EXPECT_EQ(p.back(), "s.json: ... and 4900 more problems");
}

TEST(ScenarioLimits, LongDependencyCyclesAreCutAndCounted) {
  // s0 -> s1 -> ... -> s9999 -> s0, and every service also depends on s0: 10,000 cycles.
  const size_t n = 10000;
  std::string services;
  for (size_t i = 0; i < n; ++i) {
    services += (i > 0 ? "," : "") + std::string(R"({"name": "s)") + std::to_string(i) +
                R"(", "tier": 1, "depends_on": ["s)" + std::to_string((i + 1) % n) + "\"" +
                (i > 1 && i + 1 < n ? R"(, "s0")" : "") + "]}";
  }
  const std::vector<std::string> p =
      problems_of(scenario_with(R"("services": [)" + services + "]"));
  ASSERT_FALSE(p.empty());
  EXPECT_LE(p.size(), kMaxProblems);
  for (const std::string& problem : p) {
    EXPECT_LT(problem.size(), 400u) << problem;
    EXPECT_EQ(problem.rfind("s.json: services: dependency cycle: s0 -> ", 0), 0u) << problem;
  }
  EXPECT_NE(std::find(p.begin(), p.end(),
                      "s.json: services: dependency cycle: s0 -> s1 -> s2 -> s3 -> s4 -> s5 -> s6 "
                      "-> s7 -> s8 -> s9 -> ... (9980 more) -> s9990 -> s9991 -> s9992 -> s9993 "
                      "-> s9994 -> s9995 -> s9996 -> s9997 -> s9998 -> s9999 -> s0"),
            p.end());
}

TEST(ScenarioLimits, SuggestionsAmongLongNamesStayShort) {
  // Names of 100,000 bytes that differ only at the end: the banded distance decides in linear
  // time, and the message quotes them cut short.
  const std::string stem(100000, 'x');
  const std::string text =
      scenario_with(R"("databases": [{"name": ")" + stem + R"(ab", "deployment": "single-az",
                       "region": "us-east-1", "azs": ["use1-az1"]}],
                       "services": [{"name": "s", "tier": 1, "uses": [")" +
                    stem + R"(ba"]}])");
  const std::string p = only_problem(text);
  EXPECT_LT(p.size(), 300u);
  EXPECT_NE(p.find("(did you mean \"xxxx"), std::string::npos) << p;
}

TEST(ScenarioLimits, ANulByteIsAnErrorAtItsLineAndColumn) {
  EXPECT_EQ(problems_of(std::string("{\"name\": \"t\"}\n  \0{\"hidden\": 1}", 30)),
            std::vector<std::string>{"s.json:2:3: malformed JSON: a NUL byte, which JSON text "
                                     "never holds (nothing after it is read)"});
  EXPECT_EQ(problems_of(std::string("{\"name\": \"a\0b\"}", 15)).at(0).substr(0, 12),
            "s.json:1:12:");
}

// ---- Files ----

class ScenarioFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("drsim_limits_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "scenarios" / "traces");
    std::filesystem::create_directories(dir_ / "outside");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path path(const std::string& relative) const { return dir_ / relative; }
  void write(const std::string& relative, const std::string& text) const {
    std::ofstream(path(relative), std::ios::binary) << text;
  }
  // A file of `bytes` that holds no data (sparse): its size is all that is checked.
  void make_sparse(const std::string& relative, uint64_t bytes) const {
    std::ofstream(path(relative)).close();
    std::filesystem::resize_file(path(relative), bytes);
  }
  // The problems of a scenario in dir_/scenarios whose only fault replays `trace`.
  std::vector<std::string> trace_problems(const std::string& trace,
                                          const LoadOptions& options = {}) const {
    const std::string text =
        scenario_with(R"("faults": [{"kind": "az_outage", "target": "use1-az1", "trace": )" +
                      json(trace).dump() + "}]");
    return problems_of(text, (dir_ / "scenarios").string(), options);
  }
  std::filesystem::path dir_;
};

constexpr std::string_view kGoodTrace = "start_time,end_time,status,service\n0,60,1,x\n";
constexpr std::string_view kHow =
    ", which a scenario may not read (write a path inside the scenario's folder, or allow the "
    "directory with --allow-paths DIR)";

TEST_F(ScenarioFiles, AScenarioFileOverTheLimitIsRefusedBeforeItIsRead) {
  make_sparse("big.json", kMaxScenarioFileBytes + 1);
  try {
    read_scenario_file_text(path("big.json").string());
    FAIL() << "read";
  } catch (const ScenarioError& e) {
    EXPECT_EQ(e.problems(), std::vector<std::string>{path("big.json").string() +
                                                     ": cannot read file: it is 67108865 bytes, "
                                                     "more than the limit of 64 MiB (67108864 "
                                                     "bytes)"});
  }
}

TEST_F(ScenarioFiles, AbsoluteTracePathsAreRefused) {
  write("outside/t.csv", std::string(kGoodTrace));
  const std::string absolute = path("outside/t.csv").string();
  EXPECT_EQ(trace_problems(absolute),
            std::vector<std::string>{"s.json: faults[0].trace: " + json(absolute).dump() +
                                     " is an absolute path" + std::string(kHow)});
}

TEST_F(ScenarioFiles, TracePathsLeadingOutOfTheFolderAreRefused) {
  write("outside/t.csv", std::string(kGoodTrace));
  EXPECT_EQ(trace_problems("traces/../../outside/t.csv"),
            std::vector<std::string>{
                "s.json: faults[0].trace: \"traces/../../outside/t.csv\" leads outside the "
                "scenario's folder" +
                std::string(kHow)});
}

TEST_F(ScenarioFiles, SymbolicLinksLeadingOutOfTheFolderAreRefused) {
  write("outside/t.csv", std::string(kGoodTrace));
  std::filesystem::create_symlink(path("outside/t.csv"), path("scenarios/traces/link.csv"));
  std::filesystem::create_directory_symlink(path("outside"), path("scenarios/traces/dir"));
  const std::string through = " leads outside the scenario's folder through a symbolic link";
  EXPECT_EQ(trace_problems("traces/link.csv"),
            std::vector<std::string>{"s.json: faults[0].trace: \"traces/link.csv\"" + through +
                                     std::string(kHow)});
  EXPECT_EQ(trace_problems("traces/dir/t.csv"),
            std::vector<std::string>{"s.json: faults[0].trace: \"traces/dir/t.csv\"" + through +
                                     std::string(kHow)});
}

TEST_F(ScenarioFiles, LinksInsideTheFolderAndAllowedDirectoriesAreRead) {
  write("scenarios/traces/t.csv", std::string(kGoodTrace));
  write("outside/t.csv", std::string(kGoodTrace));
  std::filesystem::create_symlink("t.csv", path("scenarios/traces/alias.csv"));
  EXPECT_EQ(trace_problems("traces/alias.csv"), std::vector<std::string>{});
  const LoadOptions allow{{path("outside").string()}};
  EXPECT_EQ(trace_problems(path("outside/t.csv").string(), allow), std::vector<std::string>{});
  EXPECT_EQ(trace_problems("../outside/t.csv", allow), std::vector<std::string>{});
  std::filesystem::create_symlink(path("outside/t.csv"), path("scenarios/traces/link.csv"));
  EXPECT_EQ(trace_problems("traces/link.csv", allow), std::vector<std::string>{});
  // Allowing a directory allows nothing beside it.
  write("t.csv", std::string(kGoodTrace));
  EXPECT_EQ(trace_problems(path("t.csv").string(), allow).size(), 1u);
}

TEST_F(ScenarioFiles, AFifoIsRefusedWithoutWaitingForAWriter) {
  ASSERT_EQ(::mkfifo(path("scenarios/traces/fifo.csv").c_str(), 0600), 0);
  EXPECT_EQ(trace_problems("traces/fifo.csv"),
            std::vector<std::string>{"s.json: faults[0].trace: cannot read trace file " +
                                     json(path("scenarios/traces/fifo.csv").string()).dump() +
                                     ": it is a FIFO, not a regular file"});
}

TEST_F(ScenarioFiles, DevicesAndDirectoriesAreRefusedEvenWhenAllowed) {
  const LoadOptions allow{{"/dev"}};
  EXPECT_EQ(trace_problems("/dev/zero", allow),
            std::vector<std::string>{"s.json: faults[0].trace: cannot read trace file "
                                     "\"/dev/zero\": it is a character device, not a regular "
                                     "file"});
  EXPECT_EQ(trace_problems("traces"),
            std::vector<std::string>{"s.json: faults[0].trace: cannot read trace file " +
                                     json(path("scenarios/traces").string()).dump() +
                                     ": it is a directory"});
}

TEST_F(ScenarioFiles, OversizedTracesAreRefused) {
  make_sparse("scenarios/traces/big.csv", kMaxTraceFileBytes + 1);
  EXPECT_EQ(trace_problems("traces/big.csv"),
            std::vector<std::string>{"s.json: faults[0].trace: cannot read trace file " +
                                     json(path("scenarios/traces/big.csv").string()).dump() +
                                     ": it is 16777217 bytes, more than the limit of 16 MiB "
                                     "(16777216 bytes)"});
  std::string rows = "start_time,end_time,status,service\n";
  for (size_t i = 0; i <= kMaxTraceRows; ++i) rows += std::to_string(i) + ",1e9,1,x\n";
  write("scenarios/traces/long.csv", rows);
  EXPECT_EQ(trace_problems("traces/long.csv"),
            std::vector<std::string>{
                "s.json: faults[0].trace: " + path("scenarios/traces/long.csv").string() +
                ":100002: more than 100000 rows (the limit is 100000)"});
}

TEST_F(ScenarioFiles, NoMessageQuotesATraceFile) {
  // The marker stands for a secret: as a header, in every field, and in a file outside.
  const std::string marker = "SECRET-MARKER-7f3a";
  write("scenarios/traces/header.csv", marker + "\n0,1,1,x\n");
  write("scenarios/traces/fields.csv", "start_time,end_time,status,service\n" + marker +
                                           ",1,1,x\n" + "0," + marker + ",1,x\n0,1," + marker +
                                           ",x\n" + marker + "\n" + marker + "," + marker + "\n");
  write("outside/secret.csv", marker + "\n");
  std::filesystem::create_symlink(path("outside/secret.csv"), path("scenarios/traces/link.csv"));
  std::vector<std::string> all;
  for (const std::string& trace :
       std::vector<std::string>{"traces/header.csv", "traces/fields.csv", "traces/link.csv",
                                "../outside/secret.csv", path("outside/secret.csv").string()}) {
    const std::vector<std::string> p = trace_problems(trace);
    EXPECT_FALSE(p.empty()) << trace;
    all.insert(all.end(), p.begin(), p.end());
  }
  for (const std::string& p : all) EXPECT_EQ(p.find(marker), std::string::npos) << p;
  EXPECT_NE(std::find(all.begin(), all.end(),
                      "s.json: faults[0].trace: " + path("scenarios/traces/fields.csv").string() +
                          ":2:1: start_time: expected seconds from the trace's start such as "
                          "24962.0"),
            all.end());
}

// ---- Values ----

TEST(ScenarioLimits, SeedsCoverTheWholeUint64Range) {
  const auto seed_of = [](std::string_view seed) {
    return load_scenario_text(scenario_with(R"("seed": )" + std::string(seed)), "s.json", "").seed;
  };
  EXPECT_EQ(seed_of("18446744073709551615"), 18446744073709551615u);
  EXPECT_EQ(seed_of("1e19"), 10000000000000000000u);
  EXPECT_EQ(seed_of("0"), 0u);
  EXPECT_EQ(only_problem(scenario_with(R"("seed": 1.8446744073709552e19)")),
            "s.json: seed: expected a whole number from 0 to 18446744073709551615, got "
            "1.8446744073709552e+19");
}

TEST(ScenarioLimits, TrialsAreCappedLikeTheFlag) {
  EXPECT_EQ(load_scenario_text(scenario_with(R"("trials": 1000000000)"), "s.json", "").trials,
            kMaxTrials);
  EXPECT_EQ(only_problem(scenario_with(R"("trials": 1000000001)")),
            "s.json: trials: 1000000001 is more than the limit of 1000000000 (as for --trials)");
}

TEST(ScenarioLimits, DurationsThatCannotFitTheClockAreErrors) {
  const auto replace = [](std::string_view value) {
    return only_problem(scenario_with(
        R"("databases": [{"name": "d", "deployment": "single-az", "region": "us-east-1",
                          "azs": ["use1-az1"], "replace": )" +
        std::string(value) + "}]"));
  };
  EXPECT_EQ(replace(R"("1e300y")"),
            "s.json: databases[0].replace: expected a duration such as \"90s\", got \"1e300y\": "
            "unknown unit \"e\" (units are us, ms, s, m, h, d, w or y)");
  EXPECT_EQ(replace('"' + std::string(400, '9') + "d\"").substr(0, 72),
            "s.json: databases[0].replace: expected a duration such as \"90s\", got \"99");
  // "Practically never" is fine: an exponential with a mean of 100,000 years.
  EXPECT_EQ(problems_of(scenario_with(
                R"("databases": [{"name": "d", "deployment": "single-az", "region": "us-east-1",
                                  "azs": ["use1-az1"],
                                  "replace": {"exponential": {"mean": "100000y"}}}])")),
            std::vector<std::string>{});
  EXPECT_EQ(replace(R"({"exponential": {"mean": "200000y"}})"),
            "s.json: databases[0].replace: the distribution's 99.99th percentile is 1842068 years, "
            "more than the limit of 1000000 years");
  EXPECT_EQ(replace(R"({"weibull": {"shape": 0.05, "scale": "1s"}})"),
            "s.json: databases[0].replace: the distribution's 99.99th percentile is 6.12e+11 "
            "years, more than the limit of 1000000 years");
  EXPECT_EQ(replace(R"({"weibull": {"shape": 0.001, "scale": "1h"}})"),
            "s.json: databases[0].replace: the distribution's 99.99th percentile is more than "
            "1e300 years, more than the limit of 1000000 years");
  EXPECT_EQ(replace(R"({"lognormal": {"median": "1h", "p95": "100y"}})"),
            "s.json: databases[0].replace: the distribution's 99.99th percentile is 3.12e+09 "
            "years, more than the limit of 1000000 years");
  // A tail so heavy that the mean is out of bounds while the 99.99th percentile (460 years) is
  // not.
  EXPECT_EQ(replace(R"({"lognormal": {"median": "1us", "p95": "14s"}})"),
            "s.json: databases[0].replace: the distribution's mean is 170547685 years, more than "
            "the limit of 1000000 years");
}

TEST(ScenarioLimits, RestoresAndRatesAreBounded) {
  const auto database = [](std::string_view keys) {
    return only_problem(scenario_with(
        R"("databases": [{"name": "d", "deployment": "single-az", "region": "us-east-1",
                          "azs": ["use1-az1"], )" +
        std::string(keys) + "}]"));
  };
  EXPECT_EQ(database(R"("size": "1PiB", "backup": {"restore": {"base": "1m", "rate": "1B/s"}})"),
            "s.json: databases[0].backup.restore.rate: restoring \"1PiB\" at this rate takes "
            "35702052 years (size / rate), more than the limit of 100 years");
  EXPECT_EQ(database(R"("backup": {"restore": {"base": "1m", "replay_speed": 0.001}})"),
            "s.json: databases[0].backup.restore.replay_speed: expected a number from 0.01 to "
            "1000000 (times real time), got 0.001");
  EXPECT_EQ(database(R"("backup": {"restore": {"base": "1m", "rate": "2PB/s"}})"),
            "s.json: databases[0].backup.restore.rate: \"2PB/s\" is more than the limit of "
            "1PB/s");
  EXPECT_EQ(database(R"("write_rate": "99999999999999999999/s")"),
            "s.json: databases[0].write_rate: \"99999999999999999999/s\" is more than the limit "
            "of 1000000000/s");
  // 1 TiB at 150 MiB/s is under two hours: fine.
  EXPECT_EQ(problems_of(scenario_with(
                R"("databases": [{"name": "d", "deployment": "single-az", "region": "us-east-1",
                                  "azs": ["use1-az1"], "size": "1TiB",
                                  "backup": {"restore": {"base": "1m", "rate": "150MiB/s"}}}])")),
            std::vector<std::string>{});
}

TEST(ScenarioLimits, FaultRatesAreBoundedPerTarget) {
  const auto fault = [](std::string_view timing) {
    return only_problem(scenario_with(
        R"("faults": [{"kind": "region_outage", "target": "us-east-1", "duration": "1h", )" +
        std::string(timing) + "}]"));
  };
  EXPECT_EQ(fault(R"("rate": "1000000/s")"),
            "s.json: faults[0].rate: \"1000000/s\" is more than the limit of one occurrence per "
            "second per target");
  EXPECT_EQ(fault(R"("mtbf": "1ms")"),
            "s.json: faults[0].mtbf: \"1ms\" is more than the limit of one occurrence per second "
            "per target");
  const std::string long_horizon = R"({"name": "t", "horizon": "1000y", )" + std::string(kRegions) +
                                   R"(, "faults": [{"kind": "region_outage", "target": "us-east-1",
                                       "duration": "1s", "rate": "1/m"}]})";
  EXPECT_EQ(only_problem(long_horizon),
            "s.json: faults[0].rate: \"1/m\" over the horizon (365000d) expects 525600000 "
            "occurrences per target, more than the limit of 10000000");
}

TEST(ScenarioLimits, AnOutageThatIsAlwaysZeroIsAWarning) {
  const auto warnings = [](std::string_view duration) {
    return scenario_warnings(load_scenario_text(
        scenario_with(R"("faults": [{"kind": "az_outage", "target": "use1-az1", "at": "1d",
                                     "duration": )" +
                      std::string(duration) + "}]"),
        "s.json", ""));
  };
  const std::string warning =
      "faults[0] (az_outage of \"use1-az1\"): duration is always 0s, so each occurrence ends "
      "the moment it starts";
  for (const std::string_view zero :
       {R"("0s")", R"({"uniform": ["0s", "0s"]})", R"({"empirical": ["0s", "0ms"]})"}) {
    const std::vector<std::string> w = warnings(zero);
    EXPECT_NE(std::find(w.begin(), w.end(), warning), w.end()) << zero;
  }
  for (const std::string_view some : {R"("1s")", R"({"empirical": ["0s", "1us"]})"}) {
    const std::vector<std::string> w = warnings(some);
    EXPECT_EQ(std::find(w.begin(), w.end(), warning), w.end()) << some;
  }
}

// ---- Helpers ----

TEST(ScenarioLimits, BandedEditDistanceAgreesWithTheFullTable) {
  std::mt19937 gen(7);
  std::uniform_int_distribution<int> length(0, 9), letter(0, 2);
  const auto word = [&] {
    std::string w(static_cast<size_t>(length(gen)), 'a');
    for (char& c : w) c = static_cast<char>('a' + letter(gen));
    return w;
  };
  for (int i = 0; i < 5000; ++i) {
    const std::string a = word(), b = word();
    for (size_t limit : {0u, 1u, 2u, 3u}) {
      ASSERT_EQ(edit_distance_at_most(a, b, limit), std::min(edit_distance(a, b), limit + 1))
          << a << " " << b << " " << limit;
    }
  }
}

TEST(ScenarioLimits, DiagnosticsKeepTheFirstProblemsAndCountTheRest) {
  Diagnostics diag("f.json");
  for (int i = 0; i < 1000; ++i) diag.error("x", std::to_string(i));
  EXPECT_EQ(diag.count(), 1000u);
  ASSERT_EQ(diag.problems().size(), kMaxProblems);
  EXPECT_EQ(diag.problems().back(), "f.json: x: 99");
  EXPECT_TRUE(diag.is_full());
}

}  // namespace
}  // namespace drsim::models::scenario::limits_test

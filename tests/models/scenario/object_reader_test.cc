// ObjectReader and its helpers: paths, value previews, suggestions, and the unknown-key and
// missing-key reports of finish().
#include "models/scenario/object_reader.h"

#include <gtest/gtest.h>

#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace drsim::models::scenario::object_reader_test {
namespace {

using nlohmann::json;
using sim::Duration;

constexpr Value kDurationForm{ValueKind::kDuration};

// The snapshot's keys, but with "duration" a plain duration.
constexpr Key kSnapshotLikeKeys[] = {
    {"every", kDurationForm, Presence::kRequired, "", "Every."},
    {"at", Value{ValueKind::kTimeOfDay}, Presence::kOptional, "", "At."},
    {"retention", kDurationForm, Presence::kRequired, "", "Retention."},
    {"duration", kDurationForm, Presence::kRequired, "", "Duration."},
};
constexpr KeyTable kSnapshotLike{"snapshot_like", "For tests.", kSnapshotLikeKeys};
constexpr KeyTable kNoKeys{"no_keys", "For tests.", {}};

constexpr Key kResponseLikeKeys[] = {
    {"name", Value{ValueKind::kName}, Presence::kRequired, "", "Name."},
    {"detect", kDurationForm, Presence::kOptional, "", "Detect."},
};
constexpr KeyTable kResponseLike{"response_like", "For tests.", kResponseLikeKeys};

constexpr Value int_form(int64_t lo, int64_t hi) {
  Value v{ValueKind::kInt};
  v.int_lo = lo;
  v.int_hi = hi;
  return v;
}
constexpr Value kProbabilityForm = [] {
  Value v{ValueKind::kNumber};
  v.range = kProbability;
  return v;
}();

constexpr Key kEveryKindKeys[] = {
    {"d", kDurationForm, Presence::kOptional, "", "A duration."},
    {"t", Value{ValueKind::kTimeOfDay}, Presence::kOptional, "", "A time of day."},
    {"r", Value{ValueKind::kRate}, Presence::kOptional, "", "A rate."},
    {"s", Value{ValueKind::kSize}, Presence::kOptional, "", "A size."},
    {"b", Value{ValueKind::kThroughput}, Presence::kOptional, "", "A throughput."},
    {"i", int_form(0, 3), Presence::kOptional, "", "An integer."},
    {"f", int_form(0, 5), Presence::kOptional, "", "An integer written as a float."},
    {"n", kProbabilityForm, Presence::kOptional, "", "A probability."},
    {"y", Value{ValueKind::kBool}, Presence::kOptional, "", "A bool."},
    {"a", Value{ValueKind::kNameArray}, Presence::kOptional, "", "Names."},
    {"u", Value{ValueKind::kDistribution}, Presence::kOptional, "", "A distribution."},
    {"missing", Value{ValueKind::kString}, Presence::kOptional, "", "Absent."},
};
constexpr KeyTable kEveryKind{"every_kind", "For tests.", kEveryKindKeys};

constexpr Key kIntegerKeys[] = {
    {"a", int_form(0, 3), Presence::kOptional, "", "A."},
    {"b", int_form(1, std::numeric_limits<int64_t>::max()), Presence::kOptional, "", "B."},
    {"c", int_form(0, 3), Presence::kOptional, "", "C."},
};
constexpr KeyTable kIntegers{"integers", "For tests.", kIntegerKeys};

TEST(ScenarioObjectReader, Paths) {
  EXPECT_EQ(key_path("", "horizon"), "horizon");
  EXPECT_EQ(key_path("databases[0]", "backup"), "databases[0].backup");
  EXPECT_EQ(key_path("tiers", "1"), "tiers[\"1\"]");
  EXPECT_EQ(key_path("", "a b"), "[\"a b\"]");
  EXPECT_EQ(index_path("regions", 2), "regions[2]");
}

TEST(ScenarioObjectReader, DescribeJsonIsShortAndBounded) {
  EXPECT_EQ(describe_json(json(86400)), "86400");
  EXPECT_EQ(describe_json(json("24h")), "\"24h\"");
  EXPECT_EQ(describe_json(json::parse(R"({"a": [1, 2]})")), "{\"a\":[1,2]}");
  EXPECT_EQ(describe_json(json::parse("[[[[1]]]]")), "[[[...]]]");
  const std::string long_array = describe_json(json(std::vector<int>(1000, 7)));
  EXPECT_LT(long_array.size(), 70u);
  EXPECT_EQ(long_array.substr(long_array.size() - 5), ",...]");
  EXPECT_EQ(describe_json(json(std::string(1000, 'x'))).size(), 24u + 5u);
}

TEST(ScenarioObjectReader, QuotesEscapeJunk) {
  EXPECT_EQ(in_quotes("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
  EXPECT_EQ(in_quotes("caf\xc3\xa9"), "\"caf\xc3\xa9\"");
  EXPECT_EQ(in_quotes("\xff\x01"), "\"\\xff\\x01\"");
  EXPECT_EQ(in_quotes(std::string(100, 'a')), "\"" + std::string(64, 'a') + "...\"");
}

TEST(ScenarioObjectReader, EditDistanceCountsTranspositionsOnce) {
  EXPECT_EQ(edit_distance("every", "every"), 0u);
  EXPECT_EQ(edit_distance("evry", "every"), 1u);
  EXPECT_EQ(edit_distance("hroizon", "horizon"), 1u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

TEST(ScenarioObjectReader, ClosestMatch) {
  const std::vector<std::string> keys = {"every", "at", "retention", "duration"};
  EXPECT_EQ(closest_match("evry", keys), "every");
  EXPECT_EQ(closest_match("retension", keys), "retention");
  EXPECT_EQ(closest_match("ret", keys), "retention");  // a prefix
  EXPECT_EQ(closest_match("x", keys), std::nullopt);   // one edit from "at", but nothing of it
  EXPECT_EQ(closest_match("zzzzzz", keys), std::nullopt);
  EXPECT_EQ(suggestion_suffix("evry", keys), " (did you mean \"every\"?)");
  EXPECT_EQ(suggestion_suffix("x", {"a", "b", "c"}), " (expected one of: a, b, c)");
  EXPECT_EQ(suggestion_suffix("x", {}), "");
}

TEST(ScenarioObjectReader, FinishReportsUnknownAndMissingKeys) {
  const json j = json::parse(R"({"evry": "24h", "retention": "30d", "zzz": 1})");
  Diagnostics diag("f.json");
  {
    ObjectReader r(j, "databases[0].backup.snapshot", diag, kSnapshotLike);
    r.required_duration("every");
    r.optional_time_of_day("at");
    r.required_duration("retention");
    r.required_duration("duration");
    r.finish();
  }
  EXPECT_EQ(diag.problems(),
            (std::vector<std::string>{
                "f.json: databases[0].backup.snapshot: unknown key \"evry\" (did you mean "
                "\"every\"?)",
                "f.json: databases[0].backup.snapshot: unknown key \"zzz\" (expected one of: "
                "every, at, retention, duration)",
                "f.json: databases[0].backup.snapshot.duration: missing required key"}));
}

TEST(ScenarioObjectReader, DestructorFinishesAReaderOnce) {
  const json j = json::parse(R"({"a": 1})");
  Diagnostics diag("f.json");
  {
    ObjectReader r(j, "x", diag, kNoKeys);
    ObjectReader moved = std::move(r);
  }
  EXPECT_EQ(diag.problems(), std::vector<std::string>{"f.json: x: unknown key \"a\""});
}

TEST(ScenarioObjectReader, ANonObjectIsReportedOnceAndThenReadsNothing) {
  const json j = json::parse("[1]");
  Diagnostics diag("f.json");
  ObjectReader r(j, "response", diag, kResponseLike);
  EXPECT_FALSE(r.is_object());
  EXPECT_EQ(r.required_string("name"), "");
  EXPECT_EQ(r.optional_duration("detect"), std::nullopt);
  r.finish();
  EXPECT_EQ(diag.problems(),
            std::vector<std::string>{"f.json: response: expected an object, got [1]"});
}

TEST(ScenarioObjectReader, TypedAccessors) {
  const json j = json::parse(R"({"d": "1h30m", "t": "03:00", "r": "2/h", "s": "1KiB",
                                 "b": "8bps", "i": 3, "n": 0.5, "y": true, "a": ["x", "y"],
                                 "u": {"uniform": ["1s", "2s"]}, "f": 4.0})");
  Diagnostics diag("f.json");
  ObjectReader r(j, "", diag, kEveryKind);
  EXPECT_EQ(r.required_duration("d"), Duration::minutes(90));
  EXPECT_EQ(r.optional_time_of_day("t"), Duration::hours(3));
  EXPECT_DOUBLE_EQ(*r.optional_rate("r"), 2.0 / 3600);
  EXPECT_EQ(r.optional_size("s"), 1024.0);
  EXPECT_EQ(r.optional_throughput("b"), 1.0);
  EXPECT_EQ(r.optional_int("i", 0, 3), 3);
  EXPECT_EQ(r.optional_int("f", 0, 5), 4);  // an integral float is an integer
  EXPECT_EQ(r.optional_number("n", kProbability), 0.5);
  EXPECT_EQ(r.optional_bool("y"), true);
  EXPECT_EQ(r.optional_string_array("a"), (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(r.required_distribution("u"),
            *sim::Distribution::uniform(Duration::seconds(1), Duration::seconds(2), nullptr));
  EXPECT_EQ(r.optional_string("missing"), std::nullopt);
  r.finish();
  EXPECT_TRUE(diag.problems().empty()) << testing::PrintToString(diag.problems());
}

TEST(ScenarioObjectReader, IntegerRangeMessages) {
  const json j = json::parse(R"({"a": 9, "b": 9, "c": 1.5})");
  Diagnostics diag("f.json");
  ObjectReader r(j, "", diag, kIntegers);
  r.optional_int("a", 0, 3);
  r.optional_int("b", 1, std::numeric_limits<int64_t>::max());
  r.optional_int("c", 0, 3, "an integer tier 0-3");
  r.finish();
  EXPECT_EQ(diag.problems(),
            (std::vector<std::string>{"f.json: a: expected an integer from 0 to 3, got 9",
                                      "f.json: c: expected an integer tier 0-3, got 1.5"}));
}

// Asking for a key the table does not have, with an accessor that does not fit its kind, or with
// other bounds than the table's is a bug in the loader, whatever the input.
TEST(ScenarioObjectReaderDeathTest, KeysOutsideTheTableAreBugs) {
  const json j = json::parse(R"({"d": "1s"})");
  Diagnostics diag("f.json");
  EXPECT_DEATH(ObjectReader(j, "", diag, kEveryKind).optional_duration("e"),
               "asks the top level for key \"e\", which table \"every_kind\" .* does not have");
  EXPECT_DEATH(ObjectReader(j, "", diag, kEveryKind).has("e"), "does not have");
  EXPECT_DEATH(ObjectReader(j, "", diag, kEveryKind).optional_rate("d"),
               "optional_rate reads key \"d\" of table \"every_kind\", whose kind .* is duration");
  EXPECT_DEATH(ObjectReader(j, "", diag, kEveryKind).optional_duration("d", DurationMin::kPositive),
               "another minimum");
  EXPECT_DEATH(ObjectReader(j, "", diag, kEveryKind).optional_int("i", 0, 4), "its table says");
  EXPECT_DEATH(ObjectReader(j, "", diag, kEveryKind).optional_number("n", kPositiveFraction),
               "other bounds");
  EXPECT_DEATH(ObjectReader(j, "", diag, kEveryKind).entries(), "has named keys");
  // The same accessors within the table's words read without a complaint.
  ObjectReader r(j, "", diag, kEveryKind);
  EXPECT_EQ(r.optional_duration("d"), Duration::seconds(1));
  r.finish();
  EXPECT_FALSE(diag.has_problems());
}

}  // namespace
}  // namespace drsim::models::scenario::object_reader_test

// Parsing of unit-carrying strings.
#include "sim/units.h"

#include <gtest/gtest.h>

namespace drsim::sim::units_test {
namespace {

TEST(Units, DurationsCombineParts) {
  EXPECT_EQ(parse_duration("1h30m"), Duration::minutes(90));
  EXPECT_EQ(parse_duration("3d13h37m"), Duration::days(3) + Duration::hours(13) + Duration::minutes(37));
  EXPECT_EQ(parse_duration("250ms"), Duration::millis(250));
  EXPECT_EQ(parse_duration("1y"), Duration::days(365));
  EXPECT_EQ(parse_duration("1.5h"), Duration::minutes(90));
}

TEST(Units, DurationsRejectBareNumbersAndJunk) {
  EXPECT_FALSE(parse_duration("90"));
  EXPECT_FALSE(parse_duration(""));
  EXPECT_FALSE(parse_duration("-5m"));
  EXPECT_FALSE(parse_duration("5 m"));
  EXPECT_FALSE(parse_duration("5x"));
  EXPECT_FALSE(parse_duration("h"));
}

TEST(Units, Rates) {
  EXPECT_DOUBLE_EQ(*parse_rate_per_s("500/s"), 500.0);
  EXPECT_DOUBLE_EQ(*parse_rate_per_s("2/h"), 2.0 / 3600);
  EXPECT_DOUBLE_EQ(*parse_rate_per_s("1/5y"), 1.0 / (5 * 365 * 86400.0));
  EXPECT_FALSE(parse_rate_per_s("500"));
  EXPECT_FALSE(parse_rate_per_s("1/0s"));
}

TEST(Units, SizesAndThroughputs) {
  EXPECT_DOUBLE_EQ(*parse_size_bytes("500GiB"), 500.0 * 1024 * 1024 * 1024);
  EXPECT_DOUBLE_EQ(*parse_size_bytes("2TB"), 2e12);
  EXPECT_FALSE(parse_size_bytes("500"));
  EXPECT_DOUBLE_EQ(*parse_throughput_bytes_per_s("150MiB/s"), 150.0 * 1024 * 1024);
  EXPECT_DOUBLE_EQ(*parse_throughput_bytes_per_s("5Gbps"), 5e9 / 8);
  EXPECT_FALSE(parse_throughput_bytes_per_s("5G"));
}

TEST(Units, TimesOfDayAndInstants) {
  EXPECT_EQ(parse_time_of_day("03:00"), Duration::hours(3));
  EXPECT_EQ(parse_time_of_day("13:37:12"), Duration::seconds(13 * 3600 + 37 * 60 + 12));
  EXPECT_FALSE(parse_time_of_day("24:00"));
  EXPECT_FALSE(parse_time_of_day("3:00"));
  EXPECT_EQ(parse_utc_instant("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_utc_instant("2026-03-03T00:00:00Z"), 1772496000);
  EXPECT_EQ(parse_utc_instant("2026-03-03"), 1772496000);
  EXPECT_FALSE(parse_utc_instant("2026-02-31T00:00:00Z"));
  EXPECT_FALSE(parse_utc_instant("2026-03-03T00:00:00"));
}

TEST(Units, ClockNamesTheWeekday) {
  // 2026-03-03 is a Tuesday.
  EXPECT_EQ(format_clock(1772496000 + 13 * 3600 + 37 * 60 + 12), "Tue 13:37:12");
  EXPECT_EQ(format_utc_date(1772496000), "2026-03-03");
  EXPECT_EQ(format_duration(Duration::hours(4)), "4h");
  EXPECT_EQ(format_duration(Duration::millis(27200)), "27.2s");
}

}  // namespace
}  // namespace drsim::sim::units_test

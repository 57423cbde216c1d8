// Reachability: cuts of regions, the links between them, and transfers that stall on them.
#include "models/topology/reachability.h"

#include <gtest/gtest.h>

namespace drsim::models::topology::reachability_test {
namespace {

using sim::Duration;
using sim::SimTime;

SimTime h(int64_t hours) { return SimTime::zero() + Duration::hours(hours); }

TEST(Reachability, ALinkIsCutWhileEitherEndIsCutOff) {
  Reachability r(3, 0);
  r.cut_begins(0, h(1));  // a region outage of 0
  r.cut_begins(1, h(2));  // a partition of 1
  r.cut_ends(0, h(3));
  r.cut_ends(1, h(5));
  EXPECT_FALSE(r.cut_since(0, 1, h(0)));
  EXPECT_EQ(r.cut_since(0, 1, h(2)), h(1));
  EXPECT_EQ(r.cut_since(0, 1, h(4)), h(1));  // one cut without a break, 1h-5h
  EXPECT_FALSE(r.cut_since(0, 1, h(5)));
  EXPECT_EQ(r.cut_since(0, 2, h(2)), h(1));
  EXPECT_FALSE(r.cut_since(0, 2, h(3)));
  EXPECT_FALSE(r.cut_since(2, 2, h(4)));
  EXPECT_EQ(r.last_up(0, 1, h(4)), h(1));
  EXPECT_EQ(r.last_up(0, 1, h(6)), h(6));
}

TEST(Reachability, AnyCutDuringSeesEveryRegionsIntervalsAndOpenCuts) {
  Reachability r(3, 0);
  EXPECT_FALSE(r.any_cut_during(h(0), h(100)));
  r.cut_begins(1, h(2));
  r.cut_ends(1, h(4));
  r.cut_begins(1, h(10));
  r.cut_ends(1, h(11));
  EXPECT_FALSE(r.any_cut_during(h(0), h(2)));  // [from, until): the cut begins at the end
  EXPECT_TRUE(r.any_cut_during(h(0), h(3)));
  EXPECT_TRUE(r.any_cut_during(h(3), h(5)));
  EXPECT_FALSE(r.any_cut_during(h(4), h(10)));  // between the two
  EXPECT_TRUE(r.any_cut_during(h(9), h(12)));
  EXPECT_FALSE(r.any_cut_during(h(11), h(50)));
  r.cut_begins(2, h(20));  // still under way: it lasts
  EXPECT_TRUE(r.any_cut_during(h(40), h(41)));
  EXPECT_FALSE(r.any_cut_during(h(12), h(20)));
}

TEST(Reachability, CausesNestAndOnlyTransitionsChangeTheVersion) {
  Reachability r(1, 0);
  r.cut_begins(0, h(1));
  r.cut_begins(0, h(2));
  r.cut_ends(0, h(3));
  EXPECT_TRUE(r.is_cut_off(0));
  EXPECT_EQ(r.version(), 1u);
  r.cut_ends(0, h(4));
  EXPECT_FALSE(r.is_cut_off(0));
  ASSERT_EQ(r.version(), 2u);
  EXPECT_EQ(r.change_time(0), h(1));
  EXPECT_EQ(r.change_time(1), h(4));
}

TEST(Reachability, TransfersProgressOnlyWhileTheLinkIsUp) {
  Reachability r(2, 0);
  r.cut_begins(0, h(2));
  r.cut_ends(0, h(4));
  r.cut_begins(1, h(5));
  EXPECT_EQ(r.transfer_end(0, 1, h(0), Duration::hours(1)), h(1));
  EXPECT_EQ(r.transfer_end(0, 1, h(1), Duration::hours(1)), h(2));
  // 1h before the cut, 1h after it.
  EXPECT_EQ(r.transfer_end(0, 1, h(1), Duration::hours(2)), h(5));
  // Runs into a cut still under way: as far as anyone knows, never.
  EXPECT_EQ(r.transfer_end(0, 1, h(3), Duration::hours(2)), SimTime::never());
  r.cut_ends(1, h(6));
  EXPECT_EQ(r.transfer_end(0, 1, h(3), Duration::hours(2)), h(7));
}

TEST(Reachability, ADestroyedRegionStaysCutOffForGood) {
  Reachability r(2, 0);
  r.cut_begins(0, h(1));
  r.destroyed(0, h(2));
  r.cut_ends(0, h(3));  // the outage's end changes nothing
  EXPECT_TRUE(r.is_cut_off(0));
  EXPECT_TRUE(r.is_destroyed(0));
  EXPECT_EQ(r.cut_since(0, 1, h(10)), h(1));
  EXPECT_EQ(r.transfer_end(1, 0, h(0), Duration::hours(2)), SimTime::never());
  EXPECT_EQ(r.transfer_end(1, 0, h(0), Duration::minutes(30)), SimTime::zero() + Duration::minutes(30));
}

}  // namespace
}  // namespace drsim::models::topology::reachability_test

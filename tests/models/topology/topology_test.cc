// The topology graph: regions, AZs, and latency along links.
#include "models/topology/topology.h"

#include <gtest/gtest.h>

namespace drsim::models::topology::topology_test {
namespace {

scenario::Scenario three_regions() {
  scenario::Scenario s;
  s.regions = {{"us-east-1", {"use1-az1", "use1-az2"}},
               {"us-west-2", {"usw2-az1"}},
               {"eu-west-1", {"euw1-az1"}}};
  s.links = {{"us-east-1", "us-west-2", sim::Duration::millis(65), 625e6},
             {"us-east-1", "eu-west-1", sim::Duration::millis(70), 625e6}};
  return s;
}

TEST(Topology, IndexesRegionsAndAzsInScenarioOrder) {
  const Topology t(three_regions());
  EXPECT_EQ(t.region_count(), 3);
  EXPECT_EQ(t.az_count(), 4);
  EXPECT_EQ(t.az_index("use1-az2"), 1);
  EXPECT_EQ(t.region_of_az(2), 1);
  EXPECT_EQ(t.azs_of_region(0), (std::vector<int>{0, 1}));
  EXPECT_FALSE(t.az_index("nowhere"));
}

TEST(Topology, LatencyFollowsTheShortestPathOfLinks) {
  const Topology t(three_regions());
  EXPECT_EQ(t.latency_between(0, 1), sim::Duration::millis(65));
  EXPECT_EQ(t.latency_between(1, 2), sim::Duration::millis(135));  // through us-east-1
  EXPECT_EQ(t.latency_between(2, 2), sim::Duration());
}

TEST(Topology, RegionsWithoutLinksAreNotConnected) {
  scenario::Scenario s = three_regions();
  s.links.pop_back();
  const Topology t(s);
  EXPECT_FALSE(t.latency_between(0, 2));
}

}  // namespace
}  // namespace drsim::models::topology::topology_test

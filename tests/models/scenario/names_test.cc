// Enum names match the scenario keys of DESIGN.md §3.
#include <gtest/gtest.h>

#include "models/scenario/scenario.h"

namespace drsim::models::scenario::names_test {
namespace {

TEST(ScenarioNames, DeploymentsAndFaultKindsUseTheFileSpelling) {
  EXPECT_EQ(deployment_name(Deployment::kMultiAz), "multi-az");
  EXPECT_EQ(deployment_name(Deployment::kSingleAz), "single-az");
  EXPECT_EQ(fault_kind_name(FaultKind::kAzOutage), "az_outage");
  EXPECT_EQ(fault_kind_name(FaultKind::kInstanceFailure), "instance_failure");
}

}  // namespace
}  // namespace drsim::models::scenario::names_test

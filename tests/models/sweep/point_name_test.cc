// Names of sweep points: what a point's settings change against the base document.
#include "models/sweep/point_name.h"

#include <gtest/gtest.h>

namespace drsim::models::sweep::point_name_test {
namespace {

using nlohmann::json;

json base_document() {
  return json::parse(R"({
    "seed": 5,
    "databases": [
      {"name": "tracker-db", "deployment": "multi-az", "replicas": [],
       "backup": {"snapshot": {"every": "24h"}, "copy_to": ["us-west-2"]}},
      {"name": "billing-db", "deployment": "multi-az",
       "backup": {"snapshot": {"every": "24h"}}}],
    "faults": [{"kind": "disaster", "duration": "4h"}],
    "tiers": {"1": {"rpo": "1h"}}
  })");
}

// The name of the point that sets each of `args` (PATH=VALUE, one value each).
std::string name(const std::vector<std::string>& args) {
  std::vector<Setting> settings;
  std::vector<json> values;
  for (const std::string& a : args) {
    settings.push_back(parse_setting(a));
    values.push_back(settings.back().values.at(0));
  }
  return name_of(changes_from_base(base_document(), settings, values));
}

TEST(SweepPointName, NamedElementsAndShortKeys) {
  EXPECT_EQ(name({"databases[tracker-db].deployment=single-az"}), "tracker-db: single-az");
  EXPECT_EQ(name({"databases[tracker-db].backup.snapshot.every=1h",
                  "databases[tracker-db].backup.copy_logs=true"}),
            "tracker-db: snapshot every 1h, copy_logs");
  EXPECT_EQ(name({"databases[tracker-db].backup.copy_logs=false"}), "tracker-db: no copy_logs");
  EXPECT_EQ(name({"seed=7"}), "seed 7");
  EXPECT_EQ(name({"tiers.1.rpo=15m"}), "tiers 1 rpo 15m");
  EXPECT_EQ(name({"faults[0].duration=8h"}), "faults[0] duration 8h");
}

TEST(SweepPointName, ReplicasReadAsReplicas) {
  EXPECT_EQ(name({R"(databases[tracker-db].replicas=[{"region":"us-west-2","lag":"2s"}])"}),
            "tracker-db: replica us-west-2");
  EXPECT_EQ(name({R"(databases[tracker-db].replicas=[{"region":"us-west-2"},{"region":"eu-west-1"}])"}),
            "tracker-db: replicas us-west-2, eu-west-1");
  EXPECT_EQ(name({R"(databases[billing-db].replicas=[])"}), "billing-db: no replicas");
  EXPECT_EQ(name({R"(databases[tracker-db].backup.copy_to=[])"}), "tracker-db: no copy_to");
}

TEST(SweepPointName, ValuesEqualToTheBaseAreNotNamed) {
  EXPECT_EQ(name({"databases[tracker-db].deployment=multi-az"}), "");
  EXPECT_EQ(name({"databases[tracker-db].replicas=[]"}), "");  // as given
  EXPECT_EQ(name({"databases[*].deployment=multi-az", "seed=5"}), "");
  // Under [*], only the elements whose value changes.
  EXPECT_EQ(name({R"(databases[*].backup.copy_to=["us-west-2"])"}), "billing-db: copy_to us-west-2");
}

TEST(SweepPointName, OwnersWithTheSameChangesShareThem) {
  EXPECT_EQ(name({"databases[*].deployment=single-az"}), "tracker-db, billing-db: single-az");
  EXPECT_EQ(name({"databases[*].deployment=single-az", "databases[tracker-db].backup.snapshot.every=1h"}),
            "tracker-db: single-az, snapshot every 1h; billing-db: single-az");
}

}  // namespace
}  // namespace drsim::models::sweep::point_name_test

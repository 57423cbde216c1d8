// RestoreQueue through whole scenarios: an AZ fire destroys several single-AZ databases at
// once, and their restores share `restore_parallelism` slots, Tier 0 first, then in request
// order. Every component is a constant, so every finishing time is exact.
#include "models/response/restore_queue.h"

#include <gtest/gtest.h>

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "../model_test_support.h"
#include "models/notifications/topics.h"
#include "sim/engine.h"
#include "sim/units.h"
#include "tests/sim/time_printers.h"

namespace drsim::testing::restore_queue_test {
namespace {

using sim::Duration;

// The fire at 1h is detected in 5m and acknowledged 10m later: every restore is requested at
// 1h15m and takes 1h6m (1h base + the hour of logs since the midnight snapshot replayed at the
// default 10x). The loss at 1h is on a log-upload boundary, so every RPO is 0.
const Duration kRequested = Duration::minutes(75);
const Duration kRestore = Duration::minutes(66);

// One single-AZ database in a1 per entry of `tiers`, named d0, d1, ... in file order, each used
// by its own service s0, s1, ... of that tier.
models::observations::TrialObservations run(const std::vector<int>& tiers, int parallelism) {
  std::string databases = "[", services = "[";
  for (size_t i = 0; i < tiers.size(); ++i) {
    const std::string n = std::to_string(i);
    if (i > 0) {
      databases += ", ";
      services += ", ";
    }
    databases += R"({"name": "d)" + n + R"(", "deployment": "single-az", "region": "r",
        "azs": ["a1"], "backup": {"snapshot": {"every": "24h", "retention": "7d"},
                                  "log_upload": "5m", "restore": {"base": "1h"}}})";
    services += R"({"name": "s)" + n + R"(", "tier": )" + std::to_string(tiers[i]) +
                R"(, "uses": ["d)" + n + R"("], "depends_on": []})";
  }
  databases += "]";
  services += "]";
  std::string json = region_scenario(
      databases, services,
      R"([{"kind": "az_outage", "target": "a1", "at": "1h", "destroys_data": true}])");
  json.insert(json.rfind('}'), R"(, "response": {"detect": "5m", "ack": "10m",
      "restore_parallelism": )" + std::to_string(parallelism) +
                                   "}");
  return models::run_trial(plan_of(json), 1, 0, true);
}

// When each service (by index) serves again; every one must have exactly one closed incident.
std::map<int, Duration> restored_at(const models::observations::TrialObservations& obs) {
  std::map<int, Duration> out;
  for (const auto& incident : obs.incidents) {
    EXPECT_EQ(incident.started_at, at(Duration::hours(1)));
    EXPECT_EQ(incident.rpo, Duration());
    EXPECT_TRUE(incident.serving_again_at) << "service " << incident.service;
    if (!incident.serving_again_at) continue;
    EXPECT_TRUE(out.emplace(incident.service, incident.serving_again_at->since_start()).second);
  }
  return out;
}

// The k-th restore (1-based, in queue order) finishes at 1h15m + ceil(k / P) * 1h6m.
Duration finish(int k, int parallelism) {
  return kRequested + kRestore * ((k + parallelism - 1) / parallelism);
}

TEST(RestoreQueue, OneAtATimeRestoresInDatabaseOrder) {
  const auto done = restored_at(run({1, 1, 1}, 1));
  ASSERT_EQ(done.size(), 3u);
  // 2h21m, 3h27m, 4h33m.
  EXPECT_EQ(done.at(0), Duration::minutes(141));
  EXPECT_EQ(done.at(1), Duration::minutes(207));
  EXPECT_EQ(done.at(2), Duration::minutes(273));
}

TEST(RestoreQueue, ParallelismRunsThatManyAtOnce) {
  for (int parallelism : {1, 2, 3, 5}) {
    const auto done = restored_at(run({2, 2, 2, 2, 2}, parallelism));
    ASSERT_EQ(done.size(), 5u) << "parallelism " << parallelism;
    for (int k = 1; k <= 5; ++k) {
      EXPECT_EQ(done.at(k - 1), finish(k, parallelism))
          << "restore " << k << " of 5, parallelism " << parallelism;
    }
  }
  // Spelled out for P = 2: 2h21m, 2h21m, 3h27m, 3h27m, 4h33m.
  const auto done = restored_at(run({2, 2, 2, 2, 2}, 2));
  EXPECT_EQ(done.at(3), Duration::minutes(207));
  EXPECT_EQ(done.at(4), Duration::minutes(273));
}

TEST(RestoreQueue, TierZeroIsRestoredFirstWhateverItsPlaceInTheFile) {
  // d0 and d1 are Tier 2, d2 is Tier 0; one restore at a time: d2, then d0, then d1.
  const auto done = restored_at(run({2, 2, 0}, 1));
  ASSERT_EQ(done.size(), 3u);
  EXPECT_EQ(done.at(2), Duration::minutes(141));
  EXPECT_EQ(done.at(0), Duration::minutes(207));
  EXPECT_EQ(done.at(1), Duration::minutes(273));
}

TEST(RestoreQueue, TierOrderThenDatabaseOrder) {
  // Tiers by database: 2, 1, 0, 2, 1. Queue order: d2 (Tier 0), d1, d4 (Tier 1), d0, d3 (Tier
  // 2). Two at a time: d2 and d1 at 2h21m, d4 and d0 at 3h27m, d3 at 4h33m.
  const auto done = restored_at(run({2, 1, 0, 2, 1}, 2));
  ASSERT_EQ(done.size(), 5u);
  const std::vector<int> order{2, 1, 4, 0, 3};
  for (int k = 1; k <= 5; ++k) {
    EXPECT_EQ(done.at(order[static_cast<size_t>(k - 1)]), finish(k, 2)) << "restore " << k;
  }
}

}  // namespace
}  // namespace drsim::testing::restore_queue_test

// Cancellation, driven directly: a client requests restores and cancels one.
namespace drsim::testing::restore_queue_test {
namespace {

using sim::Duration;

class Client : public sim::Component {
 public:
  std::string_view name() const override { return "client"; }
  void start(sim::Context& ctx) override {
    ctx.subscribe(models::kRestoreDone, *this);
    for (const auto& [at, what] : script) ctx.schedule_at(at, *this, 0, what);
  }
  void on_event(sim::Context& ctx, const sim::Event& e) override {
    // subject: database << 1 | cancel
    const uint32_t database = e.subject >> 1;
    if (e.subject & 1) {
      ctx.publish({models::kRestoreCancel, database, 0, 0, 0});
    } else {
      ctx.publish({models::kRestoreRequest, database, Duration::hours(1).count_us(), 1,
                   Duration::hours(1).count_us()});
    }
  }
  void on_notification(sim::Context& ctx, const sim::Notification& n) override {
    done[n.subject] = ctx.now();
  }
  std::vector<std::pair<sim::SimTime, uint32_t>> script;
  std::map<uint32_t, sim::SimTime> done;
};

std::map<uint32_t, sim::SimTime> play(std::vector<std::pair<sim::SimTime, uint32_t>> script) {
  models::response::RestoreQueue queue(1);
  Client client;
  client.script = std::move(script);
  sim::Engine engine(1, 0, at(Duration::days(1)));
  engine.add(queue);
  engine.add(client);
  engine.run();
  return client.done;
}

TEST(RestoreQueueCancel, ARunningRestoreGivesItsSlotToTheNext) {
  // d0 runs 0-1h; d1 waits. d0 is cancelled at 20m: d1 starts then and ends at 1h20m; d0 never
  // reports done.
  const auto done = play({{at(Duration()), 0u << 1}, {at(Duration()), 1u << 1},
                          {at(Duration::minutes(20)), (0u << 1) | 1}});
  EXPECT_EQ(done.count(0), 0u);
  ASSERT_EQ(done.count(1), 1u);
  EXPECT_EQ(done.at(1), at(Duration::minutes(80)));
}

TEST(RestoreQueueCancel, AWaitingRestoreLeavesTheQueue) {
  // d1 waits behind d0 and is cancelled; d2 runs right after d0.
  const auto done = play({{at(Duration()), 0u << 1}, {at(Duration()), 1u << 1},
                          {at(Duration()), 2u << 1}, {at(Duration::minutes(5)), (1u << 1) | 1}});
  EXPECT_EQ(done.at(0), at(Duration::hours(1)));
  EXPECT_EQ(done.count(1), 0u);
  EXPECT_EQ(done.at(2), at(Duration::hours(2)));
}

}  // namespace
}  // namespace drsim::testing::restore_queue_test

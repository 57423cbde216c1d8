// AzState: outages nest, and the trial's Reachability says an AZ is dark exactly when its
// kAzDown has been published and its kAzUp has not.
#include "models/topology/az_state.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "models/notifications/topics.h"
#include "sim/engine.h"

namespace drsim::models::topology::az_state_test {
namespace {

using sim::Duration;
using sim::SimTime;

// Region r0 holds AZs 0 and 1, region r1 AZ 2.
scenario::Scenario two_regions() {
  scenario::Scenario s;
  s.regions = {{"r0", {"a0", "a1"}}, {"r1", {"b0"}}};
  return s;
}

// Publishes the fault notifications at whole hours and writes down, for every kAzDown / kAzUp
// it hears, the hour, the word and what the Reachability says of every AZ at that moment.
class Driver : public sim::Component {
 public:
  struct Fault {
    int64_t hour;
    Topic topic;
    uint32_t subject;
    int64_t a = 0;
  };
  Driver(std::vector<Fault> faults, const Reachability& reach)
      : faults_(std::move(faults)), reach_(reach) {}
  std::string_view name() const override { return "driver"; }
  void start(sim::Context& ctx) override {
    ctx.subscribe(kAzDown, *this);
    ctx.subscribe(kAzUp, *this);
    for (size_t i = 0; i < faults_.size(); ++i) {
      ctx.schedule_at(SimTime::zero() + Duration::hours(faults_[i].hour), *this, 0,
                      static_cast<uint32_t>(i));
    }
  }
  void on_event(sim::Context& ctx, const sim::Event& event) override {
    const Fault& f = faults_[event.subject];
    ctx.publish({f.topic, f.subject, f.a, 0});
  }
  void on_notification(sim::Context& ctx, const sim::Notification& n) override {
    std::string line = std::to_string((ctx.now() - SimTime::zero()).count_us() / 3600000000) +
                       (n.topic == kAzDown ? "h down " : "h up ") + std::to_string(n.subject) +
                       " |";
    for (int az = 0; az < 3; ++az) line += reach_.is_az_up(az) ? " up" : " dark";
    heard.push_back(line);
  }
  std::vector<std::string> heard;

 private:
  std::vector<Fault> faults_;
  const Reachability& reach_;
};

std::vector<std::string> run(std::vector<Driver::Fault> faults) {
  const Topology topology(two_regions());
  observations::TrialObservations out;
  observations::Recorder recorder(out);
  Reachability reach(topology.region_count(), topology.az_count());
  AzState azs(topology, recorder, reach);
  Driver driver(std::move(faults), reach);
  sim::Engine engine(1, 0, SimTime::zero() + Duration::days(1));
  engine.add(azs);
  engine.add(driver);
  engine.run();
  return driver.heard;
}

TEST(AzState, TheReachabilityTellsWhatTheNotificationsTell) {
  // a0 has an outage of its own from 1h to 4h; its region is out from 2h to 3h. a0 stays dark
  // until its own outage ends; a1 is dark only with the region; r1's AZ is untouched.
  const auto heard = run({{1, kAzFaultBegin, 0},
                          {2, kRegionFaultBegin, 0},
                          {3, kRegionFaultEnd, 0},
                          {4, kAzFaultEnd, 0}});
  EXPECT_EQ(heard, (std::vector<std::string>{"1h down 0 | dark up up", "2h down 1 | dark dark up",
                                             "3h up 1 | dark up up", "4h up 0 | up up up"}));
}

TEST(AzState, ADestroyedRegionsAzsStayDark) {
  // r1 is destroyed at 1h; a region outage of it afterwards changes nothing, and its end does
  // not bring b0 back.
  const auto heard = run({{1, kRegionDisaster, 1},
                          {2, kRegionFaultBegin, 1},
                          {3, kRegionFaultEnd, 1},
                          {4, kAzFaultBegin, 2},
                          {5, kAzFaultEnd, 2}});
  EXPECT_EQ(heard, (std::vector<std::string>{"1h down 2 | up up dark"}));
}

TEST(AzState, AFireDarkensTheAzBeforeItsDestructionIsTold) {
  // kAzFaultBegin with a = 1: the AZ goes dark and its data is destroyed; it returns when the
  // outage ends.
  const auto heard = run({{1, kAzFaultBegin, 1, 1}, {2, kAzFaultEnd, 1}});
  EXPECT_EQ(heard, (std::vector<std::string>{"1h down 1 | up dark up", "2h up 1 | up up up"}));
}

}  // namespace
}  // namespace drsim::models::topology::az_state_test

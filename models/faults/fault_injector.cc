// Scheduling of scenario faults.
#include "models/faults/fault_injector.h"

#include <algorithm>
#include <cmath>

#include "models/notifications/topics.h"
#include "sim/units.h"

namespace drsim::models::faults {

using scenario::FaultKind;

FaultInjector::FaultInjector(const std::vector<FaultPlan>& faults, observations::Recorder& recorder)
    : faults_(faults), recorder_(recorder) {}

void FaultInjector::start(sim::Context& ctx) {
  rngs_.clear();
  for (size_t f = 0; f < faults_.size(); ++f) {
    rngs_.push_back(ctx.rng("fault/" + std::to_string(f)));
  }
  for (size_t f = 0; f < faults_.size(); ++f) {
    const FaultPlan& fault = faults_[f];
    if (fault.every) {
      const sim::SimTime first = ctx.now() + (fault.at ? fault.at->sample(rngs_[f]) : *fault.every);
      for (size_t t = 0; t < fault.targets.size(); ++t) {
        ctx.schedule_at(first, *this, kFire, static_cast<uint32_t>(f), t);
      }
    } else if (fault.at) {
      // One draw per trial: every target of the fault fires at the same moment.
      const sim::SimTime at = ctx.now() + fault.at->sample(rngs_[f]);
      if (fault.scope_count) {
        ctx.schedule_at(at, *this, kFireScoped, static_cast<uint32_t>(f));
        continue;
      }
      for (size_t t = 0; t < fault.targets.size(); ++t) {
        ctx.schedule_at(at, *this, kFire, static_cast<uint32_t>(f), t);
      }
    } else if (!fault.trace_rows.empty()) {
      // Each row of the trace is one occurrence, per target, with its own start and end.
      for (size_t row = 0; row < fault.trace_rows.size(); ++row) {
        const sim::SimTime at = sim::SimTime::zero() + fault.trace_rows[row].start;
        for (size_t t = 0; t < fault.targets.size(); ++t) {
          ctx.schedule_at(at, *this, kFireTrace, static_cast<uint32_t>(f), (row << 20) | t);
        }
      }
    } else if (fault.rate_per_s) {
      for (size_t t = 0; t < fault.targets.size(); ++t) {
        schedule_next_arrival(ctx, static_cast<int>(f), static_cast<int>(t));
      }
    }
  }
}

void FaultInjector::schedule_next_arrival(sim::Context& ctx, int fault, int target) {
  const FaultPlan& plan = faults_[static_cast<size_t>(fault)];
  const double wait_s = -std::log(rngs_[static_cast<size_t>(fault)].uniform01()) / *plan.rate_per_s;
  if (wait_s > (ctx.horizon() - ctx.now()).in_seconds()) return;
  ctx.schedule_in(sim::Duration::from_seconds(wait_s), *this, kFire, static_cast<uint32_t>(fault),
                  static_cast<uint64_t>(target));
}

void FaultInjector::on_event(sim::Context& ctx, const sim::Event& event) {
  const int f = static_cast<int>(event.subject);
  if (event.kind == kFireTrace) {
    const scenario::TraceRow& row = faults_[static_cast<size_t>(f)].trace_rows[event.data >> 20];
    fire(ctx, f, static_cast<int>(event.data & 0xfffff), row.end - row.start);
    return;
  }
  const int t = static_cast<int>(event.data);
  const FaultPlan& fault = faults_[static_cast<size_t>(f)];
  const auto target = static_cast<uint32_t>(fault.targets[static_cast<size_t>(t)]);
  if (event.kind == kEnd) {
    int told = -1;
    if (ctx.tracing() && (fault.kind == FaultKind::kNetworkPartition || fault.kind == FaultKind::kControlPlane)) {
      const std::string& name = fault.target_names[static_cast<size_t>(t)];
      told = recorder_.note(ctx.now(), name, "fault_ended",
                            fault.kind == FaultKind::kNetworkPartition
                                ? "the network partition of " + name + " heals"
                                : "the control plane of " + name + " works again");
    }
    const observations::Recorder::Because because(recorder_, told);
    switch (fault.kind) {
      case FaultKind::kAzOutage: ctx.publish({kAzFaultEnd, target, 0, 0}); break;
      case FaultKind::kRegionOutage: ctx.publish({kRegionFaultEnd, target, 0, 0}); break;
      case FaultKind::kNetworkPartition: ctx.publish({kPartitionEnd, target, 0, 0}); break;
      case FaultKind::kControlPlane: ctx.publish({kControlPlaneEnd, target, 0, 0}); break;
      default: break;
    }
    return;
  }
  if (event.kind == kFireScoped) {
    // A random subset of `scope_count` targets: a partial Fisher-Yates shuffle.
    std::vector<int> order(fault.targets.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    const size_t k = std::min(order.size(), static_cast<size_t>(*fault.scope_count));
    for (size_t i = 0; i < k; ++i) {
      const size_t j = i + rngs_[static_cast<size_t>(f)].below(order.size() - i);
      std::swap(order[i], order[j]);
    }
    std::sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k));
    if (ctx.tracing()) {
      recorder_.note(ctx.now(), std::string(scenario::fault_kind_name(fault.kind)), "fault",
                     "fault: " + std::string(scenario::fault_kind_name(fault.kind)) + " hits " +
                         std::to_string(k) + " of " + std::to_string(order.size()) + " databases");
    }
    const observations::Recorder::Because because(recorder_,
                                                  ctx.tracing() ? recorder_.last_index() : -1);
    for (size_t i = 0; i < k; ++i) fire(ctx, f, order[i]);
    return;
  }
  fire(ctx, f, t);
  if (fault.rate_per_s) schedule_next_arrival(ctx, f, t);
  if (fault.every && *fault.every < ctx.horizon() - ctx.now()) {
    ctx.schedule_in(*fault.every, *this, kFire, static_cast<uint32_t>(f), static_cast<uint64_t>(t));
  }
}

void FaultInjector::fire(sim::Context& ctx, int f, int t, std::optional<sim::Duration> length) {
  const FaultPlan& fault = faults_[static_cast<size_t>(f)];
  auto draw_duration = [&]() -> std::optional<sim::Duration> {
    if (length) return length;
    if (fault.duration) return fault.duration->sample(rngs_[static_cast<size_t>(f)]);
    return std::nullopt;
  };
  const auto target = static_cast<uint32_t>(fault.targets[static_cast<size_t>(t)]);
  const std::string& target_name = fault.target_names[static_cast<size_t>(t)];
  switch (fault.kind) {
    case FaultKind::kAzOutage:
    case FaultKind::kRegionOutage: {
      const bool az = fault.kind == FaultKind::kAzOutage;
      // An AZ fire without a duration never ends within the horizon.
      const std::optional<sim::Duration> duration = draw_duration();
      // The story does not tell how long it will last: on-call does not know.
      const observations::Recorder::Because because(
          recorder_, tell(ctx, target_name, [&] {
            return std::string(std::string("fault: ") + (az ? "AZ" : "region") + " outage of " +
                               target_name +
                               (fault.destroys_data ? " (fire): its data is destroyed" : ""));
          }));
      ctx.publish({az ? kAzFaultBegin : kRegionFaultBegin, target, fault.destroys_data ? 1 : 0, 0});
      if (duration) {
        ctx.schedule_in(*duration, *this, kEnd, static_cast<uint32_t>(f), static_cast<uint64_t>(t));
      }
      break;
    }
    case FaultKind::kDataCorruption:
    case FaultKind::kDataDeletion: {
      const bool deletion = fault.kind == FaultKind::kDataDeletion;
      const sim::Duration detect_after =
          fault.detect_after ? fault.detect_after->sample(rngs_[static_cast<size_t>(f)])
                             : sim::Duration();
      const observations::Recorder::Because because(
          recorder_, fault.scope_count ? -1 : tell(ctx, target_name, [&] {
            return std::string(std::string("fault: ") +
                               (deletion ? "data deletion" : "data corruption") + " in " +
                               target_name);
          }));
      ctx.publish({kLogicalFault, target, detect_after.count_us(), deletion ? 1 : 0});
      break;
    }
    case FaultKind::kNetworkPartition:
    case FaultKind::kControlPlane: {
      const bool partition = fault.kind == FaultKind::kNetworkPartition;
      const std::optional<sim::Duration> duration = draw_duration();
      const observations::Recorder::Because because(
          recorder_, tell(ctx, target_name, [&] {
            return std::string(std::string("fault: ") +
                               (partition ? "network partition cuts the links of "
                                          : "control plane impaired in ") +
                               target_name);
          }));
      ctx.publish({partition ? kPartitionBegin : kControlPlaneBegin, target, 0, 0});
      if (duration) {
        ctx.schedule_in(*duration, *this, kEnd, static_cast<uint32_t>(f), static_cast<uint64_t>(t));
      }
      break;
    }
    case FaultKind::kBackupFailure: {
      const std::optional<sim::Duration> duration = draw_duration();
      const observations::Recorder::Because because(
          recorder_, tell(ctx, target_name, [&] {
            return std::string("fault: backups of " + target_name + " fail " +
                               (duration ? "for " + sim::format_duration(*duration)
                                         : std::string("(the next snapshot is skipped)")));
          }));
      ctx.publish(
          {kBackupFailure, target, duration ? (ctx.now() + *duration).count_us() : int64_t{-1}, 0});
      break;
    }
    case FaultKind::kSwitchover: {
      const std::optional<sim::Duration> duration = draw_duration();
      int told = -1;
      if (ctx.tracing()) {
        told = recorder_.note(ctx.now(), target_name, "planned_switchover",
                              "planned: switchover of " + target_name + " to " + fault.to_name +
                                  " (a region failover test" +
                                  (duration ? ", back after " + sim::spoken_duration(*duration)
                                            : std::string()) +
                                  ")");
      }
      const observations::Recorder::Because because(recorder_, told);
      ctx.publish({kSwitchover, target, *fault.to_region,
                   duration ? duration->count_us() : int64_t{-1}});
      break;
    }
    case FaultKind::kFailoverTest: {
      int told = -1;
      if (ctx.tracing()) {
        told = recorder_.note(ctx.now(), target_name, "planned_failover_test",
                              "planned: failover test of " + target_name +
                                  " (reboot with failover)");
      }
      const observations::Recorder::Because because(recorder_, told);
      ctx.publish({kFailoverTest, target, 0, 0});
      break;
    }
    case FaultKind::kDisaster: {
      const observations::Recorder::Because because(
          recorder_,
          tell(ctx, target_name, [&] { return std::string("fault: disaster in " + target_name); }));
      ctx.publish({kRegionDisaster, target, 0, 0});
      break;
    }
    case FaultKind::kInstanceFailure:
    case FaultKind::kStorageFailure: {
      const bool standby = fault.instance == scenario::InstanceRole::kStandby;
      const bool storage = fault.kind == FaultKind::kStorageFailure;
      const observations::Recorder::Because because(
          recorder_, tell(ctx, target_name, [&] {
            return std::string(std::string("fault: ") + (storage ? "storage" : "instance") +
                               " failure of " + target_name + "'s " +
                               (standby ? "standby" : "primary"));
          }));
      ctx.publish({kInstanceFault, target, standby ? 1 : 0, storage ? 1 : 0});
      break;
    }
    default:
      DRSIM_CHECK(false) << "fault kind " << scenario::fault_kind_name(fault.kind)
                         << " reached the injector; the plan should have excluded it";
  }
}

}  // namespace drsim::models::faults

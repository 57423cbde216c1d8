// The typed notifications models exchange through the engine (sim::Notification.topic), and
// what their fields mean. Models never reach into each other's state; they publish these.
#pragma once

#include <cstdint>

namespace drsim::models {

enum Topic : uint32_t {
  // FaultInjector -> Topology. subject: AZ index. An outage of an AZ begins / ends (outages
  // may overlap; the AZ is down while any is active).
  kAzFaultBegin,
  kAzFaultEnd,
  // Topology -> everyone. subject: AZ index. The AZ went dark / came back.
  kAzDown,
  kAzUp,
  // FaultInjector -> Database. subject: database index; a: 0 primary, 1 standby.
  kInstanceFault,
  // Database -> services. subject: database index. The database stopped accepting writes.
  kDatabaseDown,
  // Database -> services. subject: database index; a: the data-loss window of the outage in
  // µs (the RPO), or -1 when no copy survived (total loss).
  kDatabaseUp,
};

constexpr int64_t kTotalLoss = -1;

}  // namespace drsim::models

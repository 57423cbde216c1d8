// ServiceMonitor: the services of one trial. A service is down while any data store it uses,
// any place it runs in (a region or AZ, `runs_in`) or any service it depends on is down; each
// maximal down interval is an incident whose RPO is the worst data loss among the data stores
// the service uses directly (a place holds no data: its outages lose nothing).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/notifications/topics.h"
#include "models/observations/observations.h"
#include "sim/component.h"

namespace drsim::models::service {

struct ServicePlan {
  std::string name;
  int tier = 0;
  std::vector<int> uses;        // data-store indices (databases, then object stores)
  std::vector<int> depends_on;  // service indices
  std::vector<int> runs_in;     // place indices (ServiceGraphPlan::places), from 0
};

// A region or AZ some service runs in. It is down while the region is unavailable or destroyed
// (a region outage or disaster), or while the AZ is dark.
struct Place {
  bool is_region = true;
  int index = 0;  // region or global AZ index
  std::string name;
};

// The services in dependency order (every service after those it depends on), with the
// reverse index "which services use database d".
struct ServiceGraphPlan {
  std::vector<ServicePlan> services;
  std::vector<int> order;                  // a topological order, dependencies first
  std::vector<std::vector<int>> users_of;  // by database index
  // By database index: the services whose state can change with it (its users and everything
  // depending on them, directly or not), in `order`. A change recomputes only these.
  std::vector<std::vector<int>> affected_by;
  // By data-store index (databases, then object stores): names for the story. May be empty.
  std::vector<std::string> store_names;
  // The places services run in. In users_of and affected_by, place p has index
  // store_count + p, after the data stores.
  std::vector<Place> places;
  int store_count = 0;
};

// Builds the dependency order with Boost.Graph. REQUIRES: depends_on has no cycle (the
// loader rejects cycles) and every index is in range.
ServiceGraphPlan make_service_graph_plan(std::vector<ServicePlan> services, int database_count,
                                         std::vector<Place> places = {});

class ServiceMonitor : public sim::Component {
 public:
  ServiceMonitor(const ServiceGraphPlan& plan, int database_count,
                 observations::Recorder& recorder);

  std::string_view name() const override { return "services"; }
  // Subscribes, and starts a trial afresh: a monitor is built once and started for each trial.
  void start(sim::Context& ctx) override;
  void on_event(sim::Context& ctx, const sim::Event& event) override;
  void on_notification(sim::Context& ctx, const sim::Notification& n) override;
  // Closes every open incident as censored at the horizon. Called once, after the run.
  void finish(sim::SimTime horizon);

  std::string store_name(size_t d) const;
  // "tracker-db is down": why `service` is down now (for the story).
  std::string why_down(const ServicePlan& service) const;
  bool is_down(int service) const { return open_[static_cast<size_t>(service)].has_value(); }

 private:
  // Brings the services affected by data store `d` (or place d - store_count) up to date, in
  // dependency order.
  void recompute(sim::Context& ctx, size_t d);
  // Whether everything that keeps `service` down now is planned (a failover test, a switchover).
  bool down_only_for_planned(const ServicePlan& service) const;
  bool place_is_down(int p) const {
    return database_down_[static_cast<size_t>(plan_.store_count + p)];
  }
  // A recovery that lost `loss_us` happened for `service`: it becomes the path its open incident
  // ended by unless an earlier one lost more (Incident::path).
  void saw_recovery(int service, int64_t loss_us, RecoveryKind kind, RecoveryOf of, int subject,
                    int where);

  const ServiceGraphPlan& plan_;
  observations::Recorder& recorder_;
  std::vector<bool> database_down_;  // by data-store index, then the places after them
  std::vector<bool> planned_down_;   // by data-store index: down for a planned event
  // By region and by global AZ index: the place index (from 0), or -1 when no service runs there.
  std::vector<int> place_of_region_, place_of_az_;
  std::vector<std::optional<observations::Incident>> open_;  // by service
  // By service: the loss of the recovery its open incident's path is, or -1 before any.
  std::vector<int64_t> path_loss_us_;
  std::vector<std::vector<int>> dependants_;  // by service: the services that depend on it
  // By service, whatever keeps it down while down, in one array for recompute(): entries
  // [inputs_from_[s], inputs_from_[s + 1]) of inputs_ are indices into database_down_ (its data
  // stores, then its places), or kServiceInput | t for a service t it depends on.
  static constexpr uint32_t kServiceInput = 1u << 31;
  std::vector<uint32_t> inputs_from_, inputs_;
  std::vector<std::string> because_;  // by service, tracing only: why its open incident is open
};

}  // namespace drsim::models::service

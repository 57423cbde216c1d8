// The monthly cost of the strategy a scenario describes (docs/sweep.md): instances, database
// storage, backups, cross-region transfer and object storage, priced by the scenario's `costs`.
// A pure function of the Scenario; nothing in the simulation reads it.
#pragma once

#include <string>
#include <vector>

#include "models/scenario/scenario.h"

namespace drsim::models::sweep {

// A month is 730 hours (8760 / 12), as cloud price lists count it.
inline constexpr double kHoursPerMonth = 730;
inline constexpr double kDaysPerMonth = kHoursPerMonth / 24;

// What a deployment bills: its primary instance, standbys (or readers) at the standby price,
// and the copies of its storage that are billed.
struct DeploymentBill {
  int standbys = 0;
  int storage_copies = 1;
};
DeploymentBill deployment_bill(scenario::Deployment d);

// Monthly amounts in the scenario's currency.
struct CostBreakdown {
  // Every instance: primaries, standbys and readers, cross-region replicas. total() adds it
  // whole, as it always has, so that splitting it below changes no price by a rounding.
  double instances = 0;
  double standby_instances = 0;  // the part of `instances` that is standbys and readers
  double replica_instances = 0;  // the part that is cross-region replicas (Aurora secondaries)
  double storage = 0;        // database storage: each billed copy, each replica
  double backups = 0;        // snapshots and logs kept, at home and in every copy region
  double transfer = 0;       // bytes crossing regions (object replication fee included)
  double object_stores = 0;  // object storage and its replicas
  // What costs nothing for want of a `size`, one line per database or store.
  std::vector<std::string> notes;
  double total() const { return instances + storage + backups + transfer + object_stores; }
  // The part of `instances` that is primaries (writers).
  double primary_instances() const { return instances - standby_instances - replica_instances; }
};

// The share of a database an incremental snapshot holds when it follows the previous one by
// `interval_days`, with `change_per_day` of the size written per day spread uniformly over the
// blocks: 1 - exp(-change_per_day * interval_days).
double incremental_fraction(double change_per_day, double interval_days);

// REQUIRES: a scenario the loader accepted (every `class` has a price).
CostBreakdown monthly_cost(const scenario::Scenario& s);

// `amount` rounded to cents (the unit sweep results compare and print).
double round_to_cents(double amount);

}  // namespace drsim::models::sweep

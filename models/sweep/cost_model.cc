// The cost model of docs/sweep.md, term by term.
#include "models/sweep/cost_model.h"

#include <algorithm>
#include <cmath>

namespace drsim::models::sweep {

using scenario::Deployment;

namespace {

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;
constexpr double kDayS = 86400;

double days(sim::Duration d) { return d.in_seconds() / kDayS; }

double class_price(const scenario::CostSpec& c, const std::optional<std::string>& cls) {
  auto it = c.instance_hour.find(cls.value_or("default"));
  if (it == c.instance_hour.end()) it = c.instance_hour.find("default");
  return it == c.instance_hour.end() ? 0 : it->second;
}

// Snapshots, logs and their copies of one database of `size_gib`.
void add_backups(const scenario::BackupSpec& b, double size_gib, const scenario::CostSpec& c,
                 CostBreakdown& out) {
  double snapshot_gib = 0, log_gib = 0, copy_transfer_gib = 0;
  if (b.snapshot) {
    const double every_days = days(b.snapshot->every);
    const double increment = incremental_fraction(c.change_per_day, every_days);
    // The first retained snapshot is full, the others hold what changed since the one before.
    const double retained = std::max(
        1.0, std::ceil(b.snapshot->retention.in_seconds() / b.snapshot->every.in_seconds()));
    snapshot_gib = size_gib * (1 + (retained - 1) * increment);
    // Copies after the first are incremental too: each sends what its snapshot added.
    copy_transfer_gib = size_gib * increment * kDaysPerMonth / every_days;
    // Logs are kept as long as the snapshots they roll forward from.
    if (b.log_upload) log_gib = size_gib * c.change_per_day * days(b.snapshot->retention);
  }
  out.backups += (snapshot_gib + log_gib) * c.backup_gib_month;
  for (size_t i = 0; i < b.copy_to.size(); ++i) {
    out.backups += (snapshot_gib + (b.copy_logs ? log_gib : 0)) * c.backup_gib_month;
    out.transfer += copy_transfer_gib * c.transfer_gib;
    if (b.copy_logs && log_gib > 0) {
      out.transfer += size_gib * c.change_per_day * kDaysPerMonth * c.transfer_gib;
    }
  }
}

}  // namespace

DeploymentBill deployment_bill(Deployment d) {
  switch (d) {
    case Deployment::kSingleAz:
      return {0, 1};
    case Deployment::kMultiAz:
      return {1, 2};
    case Deployment::kMultiAzCluster:
      return {2, 3};
    // A writer and one reader over one cluster volume (billed once, whatever its six copies).
    case Deployment::kAurora:
    case Deployment::kAuroraGlobal:
      return {1, 1};
  }
  return {0, 1};
}

double incremental_fraction(double change_per_day, double interval_days) {
  return -std::expm1(-change_per_day * interval_days);
}

double round_to_cents(double amount) { return std::round(amount * 100) / 100; }

CostBreakdown monthly_cost(const scenario::Scenario& s) {
  const scenario::CostSpec& c = s.costs;
  CostBreakdown out;
  for (size_t i = 0; i < s.databases.size(); ++i) {
    const scenario::DatabaseSpec& d = s.databases[i];
    const DeploymentBill bill = deployment_bill(d.deployment);
    const double hourly = class_price(c, d.instance_class);
    out.instances += kHoursPerMonth * hourly * (1 + bill.standbys * c.standby_multiplier);
    const double replica_instances =
        kHoursPerMonth * hourly * c.replica_multiplier * static_cast<double>(d.replicas.size());
    out.instances += replica_instances;
    out.standby_instances += kHoursPerMonth * hourly * bill.standbys * c.standby_multiplier;
    out.replica_instances += replica_instances;
    if (!d.size_bytes) {
      out.notes.push_back("databases[" + std::to_string(i) + "] (\"" + d.name +
                          "\"): no size, so its storage, backups and transfers cost nothing");
      continue;
    }
    const double size_gib = *d.size_bytes / kGiB;
    const auto replicas = static_cast<double>(d.replicas.size());
    out.storage += size_gib * c.storage_gib_month * (bill.storage_copies + replicas);
    // Each replica receives every byte written.
    out.transfer += replicas * size_gib * c.change_per_day * kDaysPerMonth * c.transfer_gib;
    if (d.backup) add_backups(*d.backup, size_gib, c, out);
    // A replica's own backups, kept in its region (never copied: the loader refuses copy_to).
    for (const scenario::ReplicaSpec& r : d.replicas) {
      if (r.backup) add_backups(*r.backup, size_gib, c, out);
    }
  }
  for (size_t i = 0; i < s.object_stores.size(); ++i) {
    const scenario::ObjectStoreSpec& o = s.object_stores[i];
    if (!o.size_bytes) {
      out.notes.push_back("object_stores[" + std::to_string(i) + "] (\"" + o.name +
                          "\"): no size, so its storage and replication cost nothing");
      continue;
    }
    const double size_gib = *o.size_bytes / kGiB;
    out.object_stores += size_gib * c.object_storage_gib_month * (o.replicate_to ? 2 : 1);
    if (o.replicate_to) {
      out.transfer +=
          size_gib * c.change_per_day * kDaysPerMonth * (c.transfer_gib + c.object_replication_gib);
    }
  }
  return out;
}

}  // namespace drsim::models::sweep

// Resolution of scenario names into the indices trials use.
#include "models/plan/plan.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string_view>
#include <unordered_map>

#include "models/results/results.h"
#include "models/scenario/loader.h"

namespace drsim::models {
namespace {

using scenario::Deployment;
using scenario::FaultKind;

// Name -> index lookups of a scenario, built once: a fleet of thousands of databases and
// services would otherwise be searched once per reference.
struct Names {
  std::unordered_map<std::string_view, int> databases, services, stores;  // stores: data-store index

  explicit Names(const scenario::Scenario& s) {
    for (size_t i = 0; i < s.databases.size(); ++i) {
      databases.emplace(s.databases[i].name, static_cast<int>(i));
      stores.emplace(s.databases[i].name, static_cast<int>(i));
    }
    for (size_t i = 0; i < s.object_stores.size(); ++i) {
      stores.emplace(s.object_stores[i].name, static_cast<int>(s.databases.size() + i));
    }
    for (size_t i = 0; i < s.services.size(); ++i) services.emplace(s.services[i].name, static_cast<int>(i));
  }
  static int find(const std::unordered_map<std::string_view, int>& m, const std::string& name) {
    const auto it = m.find(name);
    return it == m.end() ? -1 : it->second;
  }
  int database(const std::string& name) const { return find(databases, name); }
  int service(const std::string& name) const { return find(services, name); }
  // The data-store index of a name: databases first, then object stores; -1 when neither.
  int store(const std::string& name) const { return find(stores, name); }
};

std::string path_of(const char* array, size_t i) {
  return std::string(array) + "[" + std::to_string(i) + "]";
}

// The response of DESIGN.md §3's example when a scenario has no `response` key: paged within
// 5 minutes, acknowledged after a lognormal time (median 5 min, p95 20 min), one restore at a
// time, and no region failover (outages that destroy nothing are waited out).
database::ResponsePlan response_plan(const scenario::Scenario& s) {
  database::ResponsePlan r;
  if (s.response) {
    r.detect = s.response->detect;
    r.ack = s.response->ack;
    if (s.response->region_failover) {
      r.decide_after = s.response->region_failover->decide_after;
      r.execute = s.response->region_failover->execute;
    }
    return r;
  }
  r.detect = sim::Distribution::constant(sim::Duration::minutes(5));
  r.ack = *sim::Distribution::lognormal(sim::Duration::minutes(5), sim::Duration::minutes(20), nullptr);
  return r;
}

// With no `restore` key, a restore takes 30 minutes plus nothing size-proportional: AWS does not
// publish restore times (aws-facts §1.5), so this is our own round figure.
constexpr sim::Duration kDefaultRestoreBase = sim::Duration::minutes(30);

}  // namespace

Plan make_plan(const scenario::Scenario& s) {
  Plan plan{s, topology::Topology(s), {}, {}, {}, {}, {}, 1, results::scenario_hash(s)};
  const topology::Topology& topo = plan.topology;
  std::vector<std::string> problems;
  auto unsupported = [&](const std::string& path, const std::string& what) {
    problems.push_back(s.file + ": " + path + ": " + what +
                       " is accepted by the format but not simulated by this build yet");
  };
  if (s.response) plan.restore_parallelism = s.response->restore_parallelism;
  const database::ResponsePlan response = response_plan(s);
  const Names names(s);
  const std::vector<int> tiers = scenario::data_store_tiers(s);

  plan.databases.reserve(s.databases.size());
  plan.object_stores.reserve(s.object_stores.size());
  for (size_t i = 0; i < s.databases.size(); ++i) {
    const scenario::DatabaseSpec& db = s.databases[i];
    database::DatabasePlan p;
    p.index = static_cast<int>(i);
    p.name = db.name;
    p.deployment = db.deployment;
    p.region = *topo.region_index(db.region);
    for (const std::string& az : db.azs) p.azs.push_back(*topo.az_index(az));
    if (db.deployment == Deployment::kAurora || db.deployment == Deployment::kAuroraGlobal) {
      // Six storage copies over the three AZs; a writer in the first and one reader replica in
      // the second (the failover target; without it a new writer takes `replace`).
      p.storage_azs = p.azs;
      p.azs.resize(2);
    }
    p.replace = db.replace;
    p.write_rate_per_s = db.write_rate_per_s;
    p.failover = db.failover;
    p.apply_lag = db.apply_lag;
    p.window_lo = s.failover_window_lo;
    p.window_hi = s.failover_window_hi;
    p.tier = tiers[i];
    p.start_epoch_s = s.start_epoch_s;
    p.target = s.tiers.at(p.tier);
    p.response = response;
    if (db.backup) {
      std::vector<int> copy_regions;
      for (const std::string& r : db.backup->copy_to) copy_regions.push_back(*topo.region_index(r));
      p.backup = backup::make_backup_plan(*db.backup, db.size_bytes, copy_regions, s.start_epoch_s);
      p.backup->region = p.region;
      if (!db.backup->restore) p.backup->restore_base = sim::Distribution::constant(kDefaultRestoreBase);
    }
    for (const scenario::ReplicaSpec& r : db.replicas) {
      p.replicas.push_back({*topo.region_index(r.region), r.lag, r.promote, std::nullopt});
      if (r.backup) {
        // Taken in the replica's region, from the replica; restored there.
        database::ReplicaPlan& replica = p.replicas.back();
        replica.backup = backup::make_backup_plan(*r.backup, db.size_bytes, {}, s.start_epoch_s);
        replica.backup->region = replica.region;
        if (!r.backup->restore) {
          replica.backup->restore_base = sim::Distribution::constant(kDefaultRestoreBase);
        }
      }
    }
    plan.databases.push_back(std::move(p));
  }
  for (size_t i = 0; i < s.object_stores.size(); ++i) {
    const scenario::ObjectStoreSpec& store = s.object_stores[i];
    object_store::ObjectStorePlan p;
    p.index = static_cast<int>(s.databases.size() + i);
    p.first_store = static_cast<int>(s.databases.size());
    p.name = store.name;
    p.region = *topo.region_index(store.region);
    if (store.replicate_to) p.replicate_to = *topo.region_index(*store.replicate_to);
    p.lag = store.lag;
    p.tier = tiers[static_cast<size_t>(p.index)];
    p.target = s.tiers.at(p.tier);
    p.response = response;
    plan.object_stores.push_back(std::move(p));
  }

  std::vector<service::ServicePlan> services;
  services.reserve(s.services.size());
  std::vector<service::Place> places;  // in the order services first name them
  for (const scenario::ServiceSpec& svc : s.services) {
    service::ServicePlan p{svc.name, svc.tier, {}, {}, {}};
    for (const std::string& u : svc.uses) p.uses.push_back(names.store(u));
    for (const std::string& dep : svc.depends_on) p.depends_on.push_back(names.service(dep));
    for (const std::string& where : svc.runs_in) {
      const auto it = std::find_if(places.begin(), places.end(),
                                   [&](const service::Place& q) { return q.name == where; });
      if (it == places.end()) {
        const std::optional<int> region = topo.region_index(where);
        places.push_back({region.has_value(), region ? *region : *topo.az_index(where), where});
      }
      p.runs_in.push_back(static_cast<int>(
          std::find_if(places.begin(), places.end(),
                       [&](const service::Place& q) { return q.name == where; }) -
          places.begin()));
    }
    services.push_back(std::move(p));
  }
  plan.services = service::make_service_graph_plan(std::move(services), plan.data_store_count(),
                                                   std::move(places));
  for (const auto& db : s.databases) plan.services.store_names.push_back(db.name);
  for (const auto& store : s.object_stores) plan.services.store_names.push_back(store.name);

  for (size_t f = 0; f < s.faults.size(); ++f) {
    const scenario::FaultSpec& spec = s.faults[f];
    const std::string path = path_of("faults", f);
    faults::FaultPlan p;
    p.trace_rows = spec.trace_rows;
    p.kind = spec.kind;
    p.at = spec.at;
    p.rate_per_s = spec.rate_per_s;
    p.duration = spec.duration;
    p.instance = spec.instance;
    p.destroys_data = spec.destroys_data;
    p.detect_after = spec.detect_after;
    p.every = spec.every;
    if (spec.to) {
      p.to_region = *topo.region_index(*spec.to);
      p.to_name = *spec.to;
    }
    if (spec.kind == FaultKind::kAzOutage) {
      for (int az = 0; az < topo.az_count(); ++az) {
        if (spec.target == "*" || spec.target == topo.az_name(az)) {
          p.targets.push_back(az);
          p.target_names.push_back(topo.az_name(az));
        }
      }
    } else if (spec.kind == FaultKind::kRegionOutage || spec.kind == FaultKind::kDisaster ||
               spec.kind == FaultKind::kNetworkPartition || spec.kind == FaultKind::kControlPlane) {
      for (int r = 0; r < topo.region_count(); ++r) {
        if (spec.target == "*" || spec.target == topo.region_name(r)) {
          p.targets.push_back(r);
          p.target_names.push_back(topo.region_name(r));
        }
      }
    } else {
      const std::vector<std::string>& listed = spec.scope.databases;
      for (size_t d = 0; d < s.databases.size(); ++d) {
        const std::string& name = s.databases[d].name;
        const bool in_scope =
            listed.empty() || std::find(listed.begin(), listed.end(), name) != listed.end();
        // A failover test of "*" tests the databases that have a standby to fail over to.
        const bool testable = spec.kind != FaultKind::kFailoverTest ||
                              s.databases[d].deployment != scenario::Deployment::kSingleAz;
        if ((spec.target == "*" || spec.target == name) && in_scope && testable) {
          p.targets.push_back(static_cast<int>(d));
          p.target_names.push_back(name);
        }
      }
      const auto n = static_cast<double>(p.targets.size());
      if (spec.scope.count) p.scope_count = *spec.scope.count;
      if (spec.scope.fraction) p.scope_count = static_cast<int>(std::lround(*spec.scope.fraction * n));
      if (p.scope_count && spec.rate_per_s) {
        unsupported(path + ".scope", "a scope on a random process");
        continue;
      }
      if (spec.trace && p.scope_count) {
        unsupported(path + ".scope", "a scope on a replayed trace");
        continue;
      }
      if (spec.rate_per_s && spec.kind == FaultKind::kInstanceFailure) {
        // Every instance of each target fails independently at this rate; the database draws
        // them (see FaultInjector), so the injector itself has nothing to schedule.
        for (int d : p.targets) {
          plan.databases[static_cast<size_t>(d)].instance_failure_rate_per_s += *spec.rate_per_s;
        }
        continue;
      }
      if (spec.rate_per_s && spec.kind == FaultKind::kStorageFailure) {
        // Likewise: every instance's storage (Aurora: every storage copy) is destroyed
        // independently at this rate.
        for (int d : p.targets) {
          plan.databases[static_cast<size_t>(d)].storage_failure_rate_per_s += *spec.rate_per_s;
        }
        continue;
      }
    }
    plan.faults.push_back(std::move(p));
  }
  if (!problems.empty()) throw scenario::ScenarioError(problems);
  return plan;
}

}  // namespace drsim::models

// Resolution of scenario names into the indices trials use.
#include "models/simulation/plan.h"

#include "models/scenario/loader.h"

namespace drsim::models {
namespace {

using scenario::Deployment;
using scenario::FaultKind;

int index_of_database(const scenario::Scenario& s, const std::string& name) {
  for (size_t i = 0; i < s.databases.size(); ++i) {
    if (s.databases[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

int index_of_service(const scenario::Scenario& s, const std::string& name) {
  for (size_t i = 0; i < s.services.size(); ++i) {
    if (s.services[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

std::string path_of(const char* array, size_t i) {
  return std::string(array) + "[" + std::to_string(i) + "]";
}

}  // namespace

Plan make_plan(const scenario::Scenario& s) {
  Plan plan{s, topology::Topology(s), {}, {}, {}, {}};
  const topology::Topology& topo = plan.topology;
  std::vector<std::string> problems;
  auto unsupported = [&](const std::string& path, const std::string& what) {
    problems.push_back(s.file + ": " + path + ": " + what +
                       " is accepted by the format but not simulated by this build yet");
  };

  std::vector<std::string> az_names, with_backups, with_replicas;
  for (int az = 0; az < topo.az_count(); ++az) az_names.push_back(topo.az_name(az));

  for (size_t i = 0; i < s.databases.size(); ++i) {
    const scenario::DatabaseSpec& db = s.databases[i];
    if (db.deployment != Deployment::kSingleAz && db.deployment != Deployment::kMultiAz) {
      unsupported(path_of("databases", i) + ".deployment",
                  "deployment \"" + std::string(scenario::deployment_name(db.deployment)) + "\"");
    }
    if (!db.replicas.empty()) with_replicas.push_back(db.name);
    if (db.backup) with_backups.push_back(db.name);
    database::DatabasePlan p;
    p.index = static_cast<int>(i);
    p.name = db.name;
    p.deployment = db.deployment;
    const int region = *topo.region_index(db.region);
    p.region_azs = topo.azs_of_region(region);
    for (const std::string& az : db.azs) p.azs.push_back(*topo.az_index(az));
    p.az_names = az_names;
    p.replace = db.replace;
    p.failover = db.failover;
    p.window_lo = s.failover_window_lo;
    p.window_hi = s.failover_window_hi;
    plan.databases.push_back(std::move(p));
  }
  auto names = [](const std::vector<std::string>& list) {
    std::string out;
    for (const std::string& n : list) out += (out.empty() ? "" : ", ") + n;
    return out;
  };
  if (!with_backups.empty()) {
    plan.notes.push_back("backups (" + names(with_backups) + ") are not simulated yet; no fault "
                         "of this build destroys data, so none would be restored");
  }
  if (!with_replicas.empty()) {
    plan.notes.push_back("cross-region replicas (" + names(with_replicas) + ") are not simulated "
                         "yet; no fault of this build takes a region down, so none would be "
                         "promoted");
  }
  if (!s.object_stores.empty()) {
    plan.notes.push_back("object_stores: object stores are not simulated yet; no fault of this "
                         "build reaches them, so they stay available");
  }
  if (s.response) {
    plan.notes.push_back("response: the on-call response is not simulated yet; no fault of this "
                         "build needs an operator decision");
  }

  std::vector<service::ServicePlan> services;
  for (const scenario::ServiceSpec& svc : s.services) {
    service::ServicePlan p{svc.name, svc.tier, {}, {}};
    for (const std::string& u : svc.uses) {
      const int d = index_of_database(s, u);
      if (d >= 0) p.uses.push_back(d);  // object stores never go down in this build
    }
    for (const std::string& dep : svc.depends_on) p.depends_on.push_back(index_of_service(s, dep));
    services.push_back(std::move(p));
  }
  plan.services = service::make_service_graph_plan(std::move(services),
                                                   static_cast<int>(s.databases.size()));

  for (size_t f = 0; f < s.faults.size(); ++f) {
    const scenario::FaultSpec& spec = s.faults[f];
    const std::string path = path_of("faults", f);
    if (spec.kind != FaultKind::kInstanceFailure && spec.kind != FaultKind::kAzOutage) {
      unsupported(path + ".kind",
                  "fault kind \"" + std::string(scenario::fault_kind_name(spec.kind)) + "\"");
      continue;
    }
    if (spec.trace) {
      unsupported(path + ".trace", "trace replay");
      continue;
    }
    if (spec.destroys_data) {
      unsupported(path + ".destroys_data", "an AZ outage that destroys data");
      continue;
    }
    faults::FaultPlan p;
    p.kind = spec.kind;
    p.at = spec.at;
    p.rate_per_s = spec.rate_per_s;
    p.duration = spec.duration;
    p.instance = spec.instance;
    if (spec.kind == FaultKind::kAzOutage) {
      for (int az = 0; az < topo.az_count(); ++az) {
        if (spec.target == "*" || spec.target == topo.az_name(az)) {
          p.targets.push_back(az);
          p.target_names.push_back(topo.az_name(az));
        }
      }
    } else {
      for (size_t d = 0; d < s.databases.size(); ++d) {
        if (spec.target == "*" || spec.target == s.databases[d].name) {
          p.targets.push_back(static_cast<int>(d));
          p.target_names.push_back(s.databases[d].name);
        }
      }
      if (spec.rate_per_s) {
        // Every instance of each target fails independently at this rate; the database draws
        // them (see FaultInjector), so the injector itself has nothing to schedule.
        for (int d : p.targets) {
          plan.databases[static_cast<size_t>(d)].instance_failure_rate_per_s += *spec.rate_per_s;
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

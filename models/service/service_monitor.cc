// Outage propagation along the service dependency graph, and incident bookkeeping.
#include "models/service/service_monitor.h"

#include <algorithm>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/topological_sort.hpp>

#include "models/notifications/topics.h"
#include "sim/units.h"

namespace drsim::models::service {
ServiceGraphPlan make_service_graph_plan(std::vector<ServicePlan> services, int database_count,
                                         std::vector<Place> places) {
  ServiceGraphPlan plan;
  plan.store_count = database_count;
  const int place_base = database_count;
  database_count += static_cast<int>(places.size());
  plan.places = std::move(places);
  // Edge s -> d for "s depends on d"; topological_sort lists d before s (reverse finish order).
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  Graph g(services.size());
  for (size_t s = 0; s < services.size(); ++s) {
    for (int d : services[s].depends_on) boost::add_edge(s, static_cast<size_t>(d), g);
  }
  std::vector<Graph::vertex_descriptor> finish;
  boost::topological_sort(g, std::back_inserter(finish));  // dependencies finish first
  for (auto v : finish) plan.order.push_back(static_cast<int>(v));
  plan.users_of.resize(static_cast<size_t>(database_count));
  for (size_t s = 0; s < services.size(); ++s) {
    for (int d : services[s].uses) plan.users_of[static_cast<size_t>(d)].push_back(static_cast<int>(s));
    for (int p : services[s].runs_in) {
      plan.users_of[static_cast<size_t>(place_base + p)].push_back(static_cast<int>(s));
    }
  }
  // Dependants by reverse edges; for each store, everything reachable from its users.
  std::vector<std::vector<int>> dependants(services.size());
  for (size_t s = 0; s < services.size(); ++s) {
    for (int d : services[s].depends_on) dependants[static_cast<size_t>(d)].push_back(static_cast<int>(s));
  }
  std::vector<size_t> position(services.size());
  for (size_t i = 0; i < plan.order.size(); ++i) position[static_cast<size_t>(plan.order[i])] = i;
  plan.affected_by.resize(static_cast<size_t>(database_count));
  std::vector<char> seen(services.size());
  for (size_t d = 0; d < plan.users_of.size(); ++d) {
    std::vector<int>& affected = plan.affected_by[d];
    std::fill(seen.begin(), seen.end(), 0);
    std::vector<int> stack = plan.users_of[d];
    while (!stack.empty()) {
      const int s = stack.back();
      stack.pop_back();
      if (seen[static_cast<size_t>(s)]) continue;
      seen[static_cast<size_t>(s)] = 1;
      affected.push_back(s);
      for (int t : dependants[static_cast<size_t>(s)]) stack.push_back(t);
    }
    std::sort(affected.begin(), affected.end(), [&](int a, int b) {
      return position[static_cast<size_t>(a)] < position[static_cast<size_t>(b)];
    });
  }
  plan.services = std::move(services);
  return plan;
}

ServiceMonitor::ServiceMonitor(const ServiceGraphPlan& plan, int database_count,
                               observations::Recorder& recorder)
    : plan_(plan),
      recorder_(recorder),
      database_down_(static_cast<size_t>(database_count) + plan.places.size(), false),
      planned_down_(static_cast<size_t>(database_count), false),
      open_(plan.services.size()),
      path_loss_us_(plan.services.size(), -1),
      dependants_(plan.services.size()),
      because_(plan.services.size()) {
  for (size_t s = 0; s < plan.services.size(); ++s) {
    for (int d : plan.services[s].depends_on) dependants_[static_cast<size_t>(d)].push_back(static_cast<int>(s));
  }
  inputs_from_.push_back(0);
  for (const ServicePlan& service : plan.services) {
    for (int d : service.uses) inputs_.push_back(static_cast<uint32_t>(d));
    for (int p : service.runs_in) inputs_.push_back(static_cast<uint32_t>(plan.store_count + p));
    for (int t : service.depends_on) inputs_.push_back(kServiceInput | static_cast<uint32_t>(t));
    inputs_from_.push_back(static_cast<uint32_t>(inputs_.size()));
  }
  for (size_t p = 0; p < plan.places.size(); ++p) {
    std::vector<int>& of = plan.places[p].is_region ? place_of_region_ : place_of_az_;
    const auto i = static_cast<size_t>(plan.places[p].index);
    if (of.size() <= i) of.resize(i + 1, -1);
    of[i] = static_cast<int>(p);
  }
}

void ServiceMonitor::start(sim::Context& ctx) {
  // A new trial: nothing is down and no incident is open. The vectors keep their memory, so a
  // worker that runs trial after trial allocates nothing here.
  std::fill(database_down_.begin(), database_down_.end(), false);
  std::fill(planned_down_.begin(), planned_down_.end(), false);
  for (std::optional<observations::Incident>& o : open_) o.reset();
  std::fill(path_loss_us_.begin(), path_loss_us_.end(), -1);
  for (std::string& b : because_) b.clear();
  ctx.subscribe(kDatabaseDown, *this);
  ctx.subscribe(kDatabaseUp, *this);
  ctx.subscribe(kDatabaseLost, *this);
  if (!place_of_region_.empty()) {
    ctx.subscribe(kRegionDown, *this);
    ctx.subscribe(kRegionUp, *this);
  }
  if (!place_of_az_.empty()) {
    ctx.subscribe(kAzDown, *this);
    ctx.subscribe(kAzUp, *this);
  }
}

void ServiceMonitor::on_event(sim::Context&, const sim::Event&) {}

void ServiceMonitor::on_notification(sim::Context& ctx, const sim::Notification& n) {
  if (n.topic == kRegionDown || n.topic == kRegionUp || n.topic == kAzDown || n.topic == kAzUp) {
    // A region is down from its outage (or destruction) until it is reachable again: never,
    // once destroyed. An AZ is down while dark.
    const std::vector<int>& of =
        n.topic == kRegionDown || n.topic == kRegionUp ? place_of_region_ : place_of_az_;
    if (n.subject >= of.size() || of[n.subject] < 0) return;
    const auto d = static_cast<size_t>(plan_.store_count + of[n.subject]);
    database_down_[d] = n.topic == kRegionDown || n.topic == kAzDown;
    if (!database_down_[d]) {
      const RecoveryOf what = n.topic == kRegionUp ? RecoveryOf::kRegion : RecoveryOf::kAz;
      for (int s : plan_.users_of[d]) {
        saw_recovery(s, 0, RecoveryKind::kWait, what, static_cast<int>(n.subject), -1);
      }
    }
    recompute(ctx, d);
    return;
  }
  const auto d = static_cast<size_t>(n.subject);
  if (n.topic == kDatabaseDown) {
    database_down_[d] = true;
    planned_down_[d] = n.a == 1;
  } else if (n.topic == kDatabaseUp) {
    database_down_[d] = false;
    planned_down_[d] = false;
    // The outage's data loss belongs to every open incident of a service using the database:
    // the worst window, and the sum of the writes lost (unknown once any is).
    for (int s : plan_.users_of[d]) {
      saw_recovery(s, n.a, recovery_kind(n.c), RecoveryOf::kStore, static_cast<int>(d),
                   recovery_where(n.c));
      std::optional<observations::Incident>& incident = open_[static_cast<size_t>(s)];
      if (incident && !incident->total_loss) {
        incident->rpo = std::max(*incident->rpo, sim::Duration::micros(n.a));
        if (n.b < 0) {
          incident->lost_writes.reset();
        } else if (incident->lost_writes) {
          *incident->lost_writes += static_cast<uint64_t>(n.b);
        }
      }
    }
  } else if (n.topic == kDatabaseLost) {
    for (int s : plan_.users_of[d]) {
      std::optional<observations::Incident>& incident = open_[static_cast<size_t>(s)];
      if (!incident) continue;
      incident->total_loss = true;
      incident->rpo.reset();
      incident->lost_writes.reset();
      if (ctx.tracing()) {
        const std::string& name = plan_.services[static_cast<size_t>(s)].name;
        recorder_.note(ctx.now(), name, "service_total_loss",
                       name + ": its data in " + store_name(d) + " is gone for good (total loss)");
      }
    }
    return;
  } else {
    return;
  }
  recompute(ctx, d);
}

void ServiceMonitor::saw_recovery(int service, int64_t loss_us, RecoveryKind kind, RecoveryOf of,
                                  int subject, int where) {
  std::optional<observations::Incident>& incident = open_[static_cast<size_t>(service)];
  int64_t& best = path_loss_us_[static_cast<size_t>(service)];
  if (!incident || kind == RecoveryKind::kNone || loss_us < best) return;
  best = loss_us;
  incident->path = kind;
  incident->path_of = of;
  incident->path_subject = subject;
  incident->path_where = where;
}

std::string ServiceMonitor::why_down(const ServicePlan& service) const {
  // The first data store it uses that is down, else the first dependency that is.
  for (int u : service.uses) {
    if (database_down_[static_cast<size_t>(u)]) return store_name(static_cast<size_t>(u)) + " is down";
  }
  for (int p : service.runs_in) {
    if (place_is_down(p)) {
      const Place& place = plan_.places[static_cast<size_t>(p)];
      return (place.is_region ? place.name : "AZ " + place.name) + " is unavailable";
    }
  }
  for (int dep : service.depends_on) {
    if (is_down(dep)) return plan_.services[static_cast<size_t>(dep)].name + " is down";
  }
  return "nothing it needs is up";
}

bool ServiceMonitor::down_only_for_planned(const ServicePlan& service) const {
  for (int u : service.uses) {
    const auto d = static_cast<size_t>(u);
    if (database_down_[d] && !planned_down_[d]) return false;
  }
  for (int p : service.runs_in) {
    if (place_is_down(p)) return false;
  }
  for (int dep : service.depends_on) {
    const std::optional<observations::Incident>& incident = open_[static_cast<size_t>(dep)];
    if (incident && !incident->planned) return false;
  }
  return true;
}

std::string ServiceMonitor::store_name(size_t d) const {
  return d < plan_.store_names.size() ? plan_.store_names[d] : "data store " + std::to_string(d);
}

void ServiceMonitor::recompute(sim::Context& ctx, size_t d) {
  // Services outside affected_by[d] cannot change, so this visits the same changes, in the same
  // order, as a pass over every service would.
  for (int s : plan_.affected_by[d]) {
    const ServicePlan& service = plan_.services[static_cast<size_t>(s)];
    // Any data store it uses, place it runs in or service it depends on down.
    bool down = false;
    const uint32_t last = inputs_from_[static_cast<size_t>(s) + 1];
    for (uint32_t k = inputs_from_[static_cast<size_t>(s)]; k < last && !down; ++k) {
      const uint32_t x = inputs_[k];
      down =
          (x & kServiceInput) ? is_down(static_cast<int>(x & ~kServiceInput)) : database_down_[x];
    }
    std::optional<observations::Incident>& incident = open_[static_cast<size_t>(s)];
    // An incident is planned while everything that keeps the service down is; a fault that
    // joins it makes it a fault's incident for good.
    if (down && incident && incident->planned && !down_only_for_planned(service)) {
      incident->planned = false;
    }
    if (down && !incident) {
      incident =
          observations::Incident{s, ctx.now(), ctx.now(), std::nullopt, sim::Duration(), false};
      path_loss_us_[static_cast<size_t>(s)] = -1;
      incident->planned = down_only_for_planned(service);
      if (ctx.tracing()) {
        because_[static_cast<size_t>(s)] = why_down(service);
        recorder_.note(ctx.now(), service.name, "service_down",
                       service.name + " (tier " + std::to_string(service.tier) +
                           ") stops taking writes because " + because_[static_cast<size_t>(s)]);
      }
    } else if (down && incident && ctx.tracing()) {
      // Still down, for another reason now: say so, or its return later reads as unexplained.
      std::string because = why_down(service);
      if (because != because_[static_cast<size_t>(s)]) {
        recorder_.note(ctx.now(), service.name, "service_still_down",
                       service.name + " stays down because " + because);
        because_[static_cast<size_t>(s)] = std::move(because);
      }
    } else if (!down && incident) {
      incident->serving_again_at = ctx.now();
      recorder_.downtime(s, ctx.now() - incident->started_at);
      if (ctx.tracing()) {
        std::string loss = incident->total_loss ? std::string("all data lost")
                             : *incident->rpo > sim::Duration() ? "RPO " + sim::spoken_duration(*incident->rpo)
                                                                : std::string("RPO 0");
        if (!incident->total_loss && *incident->rpo > sim::Duration()) {
          loss += incident->lost_writes
                      ? " (" + sim::grouped_count(*incident->lost_writes) + " writes lost)"
                      : " (writes lost: not known, no write rate)";
        }
        recorder_.note(ctx.now(), service.name, "service_restored",
                       service.name + " serves again: RTO " +
                           sim::spoken_duration(ctx.now() - incident->started_at) + ", " + loss);
      }
      // Its dependants that are down hear how it came back: their own losses aside, it may be
      // what ends their incidents (they come later in this pass).
      for (int t : dependants_[static_cast<size_t>(s)]) {
        saw_recovery(t, 0, incident->path, incident->path_of, incident->path_subject,
                     incident->path_where);
      }
      recorder_.incident(*incident);
      incident.reset();
    }
  }
}

void ServiceMonitor::finish(sim::SimTime horizon) {
  for (size_t s = 0; s < open_.size(); ++s) {
    std::optional<observations::Incident>& incident = open_[s];
    if (!incident) continue;
    recorder_.downtime(static_cast<int>(s), horizon - incident->started_at);
    // A data store it uses is still down: what that outage loses is not known yet.
    const std::vector<int>& uses = plan_.services[s].uses;
    if (!incident->total_loss && std::any_of(uses.begin(), uses.end(), [this](int d) {
          return database_down_[static_cast<size_t>(d)];
        })) {
      incident->rpo.reset();
      incident->lost_writes.reset();
    }
    incident->path = RecoveryKind::kNone;  // it has not ended: no path ended it
    incident->path_subject = incident->path_where = -1;
    recorder_.incident(*incident);  // serving_again_at stays empty: censored
    incident.reset();
  }
}

}  // namespace drsim::models::service

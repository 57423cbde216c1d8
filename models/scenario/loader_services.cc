// Scenario loading, the services (uses, depends_on and its cycles, runs_in) and the response.
#include "models/scenario/loader_parts.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <boost/graph/depth_first_search.hpp>

namespace drsim::models::scenario::loading {

namespace {

// The response defaults are DESIGN.md §3's example: paged within 5 minutes, acknowledged after a
// median 5 and a 95th percentile of 20 minutes.
constexpr Duration kResponseDetect = Duration::minutes(5);

sim::Distribution default_ack() {
  return *sim::Distribution::lognormal(Duration::minutes(5), Duration::minutes(20), nullptr);
}

// Records each cycle a depth-first search closes with a back edge, as the vertices on the
// search path from the edge's target to its source; at most kMaxProblems of them, since no
// more are shown (a graph can close a cycle with every one of its edges).
class CycleRecorder : public boost::default_dfs_visitor {
 public:
  using Vertex = DependencyGraph::vertex_descriptor;
  struct State {
    std::vector<Vertex> path;   // the search path from its root
    std::vector<size_t> depth;  // each vertex's index on the path, while it is on it
    std::set<std::vector<Vertex>> cycles;
  };
  explicit CycleRecorder(State& state) : state_(&state) {}
  void discover_vertex(Vertex v, const DependencyGraph&) {
    state_->depth[v] = state_->path.size();
    state_->path.push_back(v);
  }
  void finish_vertex(Vertex, const DependencyGraph&) { state_->path.pop_back(); }
  void back_edge(DependencyGraph::edge_descriptor e, const DependencyGraph& g) {
    if (state_->cycles.size() >= kMaxProblems) return;
    const auto from =
        state_->path.begin() + static_cast<std::ptrdiff_t>(state_->depth[boost::target(e, g)]);
    std::vector<Vertex> cycle(from, state_->path.end());
    // Start at the service that comes first in the file, so the message does not depend on
    // where the search entered the cycle.
    std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
    state_->cycles.insert(std::move(cycle));
  }

 private:
  State* state_;
};

}  // namespace

void Loader::read_services(ObjectReader& r) {
  std::vector<std::string> depends_paths;  // services[i].depends_on, checked once all are read
  for (ObjectReader& sr : r.object_array("services")) {
    s_.services.push_back(read_service(sr));
    depends_paths.push_back(sr.path_of("depends_on"));
  }
  for (size_t i = 0; i < s_.services.size(); ++i) check_depends_on(i, depends_paths[i]);
  report_dependency_cycles();
}

ServiceSpec Loader::read_service(ObjectReader& r) {
  ServiceSpec svc;
  svc.name = r.required_string("name");
  define_service(svc.name, r.path_of("name"));
  svc.tier = static_cast<int>(r.required_int("tier", 0, 3, "an integer tier 0-3"));
  if (r.has("tier") && !s_.tiers.count(svc.tier)) {
    r.error("tier", "tier " + std::to_string(svc.tier) + " has no RPO and RTO target");
  }
  svc.uses = r.optional_string_array("uses").value_or(std::vector<std::string>{});
  std::set<std::string> seen;
  for (size_t i = 0; i < svc.uses.size(); ++i) {
    const std::string& use = svc.uses[i];
    const std::string path = index_path(r.path_of("uses"), i);
    if (use.empty()) continue;
    if (!name_paths_.count(use)) {
      diag_.error(path, "unknown database or object store " + in_quotes(use) +
                            suggest(use, store_names_));
    } else if (!seen.insert(use).second) {
      diag_.error(path, in_quotes(use) + " is listed twice");
    }
  }
  svc.depends_on = r.optional_string_array("depends_on").value_or(std::vector<std::string>{});
  svc.runs_in = r.optional_string_array("runs_in").value_or(std::vector<std::string>{});
  std::set<std::string> places;
  for (size_t i = 0; i < svc.runs_in.size(); ++i) {
    const std::string& place = svc.runs_in[i];
    const std::string path = index_path(r.path_of("runs_in"), i);
    if (place.empty() || region_names_.empty()) continue;
    if (!region_paths_.count(place) && !az_paths_.count(place)) {
      std::vector<std::string> names = region_names_;
      names.insert(names.end(), az_names_.begin(), az_names_.end());
      diag_.error(path, "unknown region or AZ " + in_quotes(place) + suggest(place, names));
    } else if (!places.insert(place).second) {
      diag_.error(path, in_quotes(place) + " is listed twice");
    }
  }
  r.finish();
  return svc;
}

void Loader::define_service(const std::string& name, const std::string& path) {
  if (!claim_name(name, path)) return;
  service_index_.emplace(name, s_.services.size());
  service_names_.push_back(name);
}

void Loader::check_depends_on(size_t i, const std::string& path) {
  const ServiceSpec& svc = s_.services[i];
  std::set<std::string> seen;
  for (size_t j = 0; j < svc.depends_on.size(); ++j) {
    const std::string& dep = svc.depends_on[j];
    if (dep.empty()) continue;
    if (!service_index_.count(dep)) {
      diag_.error(index_path(path, j),
                  "unknown service " + in_quotes(dep) + suggest(dep, service_names_));
    } else if (dep == svc.name) {
      diag_.error(index_path(path, j), "a service cannot depend on itself");
    } else if (!seen.insert(dep).second) {
      diag_.error(index_path(path, j), in_quotes(dep) + " is listed twice");
    }
  }
}

// Service i -> each service it depends on; self-dependencies are reported elsewhere.
DependencyGraph Loader::dependency_graph() const {
  DependencyGraph g(s_.services.size());
  for (size_t i = 0; i < s_.services.size(); ++i) {
    for (const std::string& dep : s_.services[i].depends_on) {
      const auto it = service_index_.find(dep);
      if (it != service_index_.end() && it->second != i) boost::add_edge(i, it->second, g);
    }
  }
  return g;
}

void Loader::report_dependency_cycles() {
  constexpr size_t kShownServices = 20;  // a longer cycle is cut in the middle
  const DependencyGraph g = dependency_graph();
  CycleRecorder::State state;
  state.depth.resize(boost::num_vertices(g));
  boost::depth_first_search(g, boost::visitor(CycleRecorder(state)));
  for (const std::vector<CycleRecorder::Vertex>& cycle : state.cycles) {
    std::string text;
    for (size_t i = 0; i < cycle.size(); ++i) {
      if (cycle.size() > kShownServices && i == kShownServices / 2) {
        text += "... (" + std::to_string(cycle.size() - kShownServices) + " more) -> ";
        i = cycle.size() - kShownServices / 2;
      }
      text += s_.services[cycle[i]].name + " -> ";
    }
    diag_.error("services", "dependency cycle: " + text + s_.services[cycle.front()].name);
  }
}

ResponseSpec Loader::read_response(ObjectReader& r) {
  ResponseSpec resp{
      r.optional_distribution("detect").value_or(sim::Distribution::constant(kResponseDetect)),
      r.optional_distribution("ack").value_or(default_ack()), std::nullopt, 1};
  if (std::optional<ObjectReader> rf = r.object("region_failover")) {
    RegionFailoverSpec spec{rf->required_duration("decide_after"),
                            rf->required_distribution("execute")};
    rf->finish();
    resp.region_failover = std::move(spec);
  }
  resp.restore_parallelism = static_cast<int>(
      r.optional_int("restore_parallelism", 1, std::numeric_limits<int>::max(), "an integer >= 1")
          .value_or(1));
  r.finish();
  return resp;
}

}  // namespace drsim::models::scenario::loading

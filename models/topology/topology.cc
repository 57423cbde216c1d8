// Topology construction and path queries.
#include "models/topology/topology.h"

#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/property_map/function_property_map.hpp>

namespace drsim::models::topology {
namespace {

// Keeps network links, drops region -> AZ membership edges. Assignable, as Boost requires.
struct IsLink {
  const Graph* graph = nullptr;
  bool operator()(Graph::edge_descriptor e) const { return !(*graph)[e].contains; }
};

}  // namespace

Topology::Topology(const scenario::Scenario& s) {
  for (const scenario::Region& r : s.regions) {
    const int region = static_cast<int>(regions_.size());
    regions_.push_back(boost::add_vertex(Place{Place::Kind::kRegion, r.name, -1}, graph_));
    region_azs_.emplace_back();
    for (const std::string& az : r.azs) {
      region_azs_.back().push_back(static_cast<int>(azs_.size()));
      azs_.push_back(boost::add_vertex(Place{Place::Kind::kAz, az, region}, graph_));
      boost::add_edge(regions_[region], azs_.back(), Edge{sim::Duration(), 0, true}, graph_);
    }
  }
  for (const scenario::Link& link : s.links) {
    const auto a = region_index(link.a), b = region_index(link.b);
    if (a && b) {
      boost::add_edge(regions_[*a], regions_[*b],
                      Edge{link.latency, link.bandwidth_bytes_per_s, false}, graph_);
    }
  }
}

std::optional<int> Topology::region_index(const std::string& name) const {
  for (size_t i = 0; i < regions_.size(); ++i) {
    if (graph_[regions_[i]].name == name) return static_cast<int>(i);
  }
  return std::nullopt;
}

std::optional<int> Topology::az_index(const std::string& name) const {
  for (size_t i = 0; i < azs_.size(); ++i) {
    if (graph_[azs_[i]].name == name) return static_cast<int>(i);
  }
  return std::nullopt;
}

std::optional<sim::Duration> Topology::latency_between(int region_a, int region_b) const {
  if (region_a == region_b) return sim::Duration();
  // Only network links carry traffic between regions; membership edges are filtered out.
  boost::filtered_graph<Graph, IsLink> links(graph_, IsLink{&graph_});
  std::vector<int64_t> distance(boost::num_vertices(graph_));
  auto weight = boost::make_function_property_map<Graph::edge_descriptor, int64_t>(
      [this](Graph::edge_descriptor e) { return graph_[e].latency.count_us(); });
  boost::dijkstra_shortest_paths(
      links, regions_[region_a],
      boost::weight_map(weight).distance_map(boost::make_iterator_property_map(
          distance.begin(), boost::get(boost::vertex_index, graph_))));
  const int64_t d = distance[regions_[region_b]];
  if (d == std::numeric_limits<int64_t>::max()) return std::nullopt;
  return sim::Duration::micros(d);
}

}  // namespace drsim::models::topology

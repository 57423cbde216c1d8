// Topology: regions and AZs as vertices of a Boost.Graph, network links as edges (latency,
// bandwidth). Built once per scenario and shared, read-only, by every trial.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "models/scenario/scenario.h"

namespace drsim::models::topology {

struct Place {
  enum class Kind { kRegion, kAz } kind = Kind::kRegion;
  std::string name;
  int region = -1;  // for an AZ: its region's index
};

struct Edge {
  sim::Duration latency;
  double bandwidth_bytes_per_s = 0;
  bool contains = false;  // region -> AZ membership edge rather than a network link
};

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, Place, Edge>;

class Topology {
 public:
  // REQUIRES: a scenario the loader accepted (names unique, links between known regions).
  explicit Topology(const scenario::Scenario& s);

  int region_count() const { return static_cast<int>(regions_.size()); }
  int az_count() const { return static_cast<int>(azs_.size()); }
  std::optional<int> region_index(const std::string& name) const;
  std::optional<int> az_index(const std::string& name) const;
  const std::string& region_name(int region) const { return graph_[regions_[region]].name; }
  const std::string& az_name(int az) const { return graph_[azs_[az]].name; }
  int region_of_az(int az) const { return graph_[azs_[az]].region; }
  // The AZs of a region, in the scenario's order.
  const std::vector<int>& azs_of_region(int region) const { return region_azs_[region]; }
  // The network latency of the lowest-latency path between two regions; nullopt when no
  // path of links joins them.
  std::optional<sim::Duration> latency_between(int region_a, int region_b) const;
  const Graph& graph() const { return graph_; }

 private:
  Graph graph_;
  std::vector<Graph::vertex_descriptor> regions_, azs_;
  std::vector<std::vector<int>> region_azs_;
};

}  // namespace drsim::models::topology

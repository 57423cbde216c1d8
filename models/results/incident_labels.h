// The names incidents are told in (services, data stores, regions, AZs by index), and how an
// incident ended in those names: what the story, the incident CSV and the Python module print.
#pragma once

#include <string>
#include <vector>

#include "models/observations/observations.h"
#include "models/scenario/scenario.h"

namespace drsim::models::results {

// The names incidents are told in, by index: services with their tiers, data stores (databases,
// then object stores), regions, and AZs (every region's in turn: the topology's global index).
struct IncidentLabels {
  std::vector<std::string> services;
  std::vector<int> tiers;
  std::vector<std::string> stores, regions, azs;
};
IncidentLabels incident_labels(const scenario::Scenario& s);

// names[i], or "" when i is out of range (an index the labels do not know is a bug upstream, but a
// report never reads outside what it was given).
const std::string& label(const std::vector<std::string>& names, int i);

// How the incident ended: its path's id ("promote:us-west-2", "failover", "wait"; docs/python.md),
// and the data store, region or AZ that path brought back. Both empty while it is censored.
std::string incident_path(const observations::Incident& i, const IncidentLabels& labels);
std::string incident_path_of(const observations::Incident& i, const IncidentLabels& labels);

}  // namespace drsim::models::results

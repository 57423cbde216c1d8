// Writers of a Summary: the --json document of DESIGN.md §5, the terminal table, and the
// incident CSV. They format finished values and do nothing else.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/report/observations.h"
#include "models/report/summary.h"

namespace drsim::models::report {

// The --json document. Without `with_engine` the non-deterministic `engine` block is left
// out (goldens and thread-count comparisons use that form).
nlohmann::json to_json(const Summary& s, bool with_engine = true);

// A readable report: per-tier table with verdicts, services, failovers.
std::string to_terminal(const Summary& s);

// The incident CSV: a header, then one row per incident of one trial.
std::string incident_csv_header();
void append_incident_csv(const TrialObservations& obs, const std::vector<std::string>& service_names,
                         const std::vector<int>& service_tiers, std::string& out);

// One trial's timeline in words, one event per line, with the simulated clock
// ("Tue 13:37:12  use1-az1 goes dark"), and a date line whenever the day changes.
std::string format_timeline(const TrialObservations& obs, int64_t start_epoch_s);

}  // namespace drsim::models::report

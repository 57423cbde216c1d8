// Writers of the Markov-chain analysis (`drsim analyze`): the --json document of DESIGN.md §5
// and a terminal table. They format finished values and do nothing else.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/analytic/analysis.h"

namespace drsim::models::report {

// {"scenario", "databases": [{"name", "deployment", "availability", "nines", "long_run_availability",
// "horizon_availability", "downtime_s_per_year", "mttdl_s", "mean_time_to_write_loss_s",
// "not_covered", "availability_of_modelled_faults", "mttdl_of_modelled_faults_s",
// "mean_time_to_write_loss_of_modelled_faults_s", "states", "exact", "covers_all_faults",
// "notes"}]} (docs/analysis.md). A figure named in "not_covered" is null, and so are the figures
// derived from it; outside it, a null mean time means never (infinite) and a null "nines" never
// down. The *_of_modelled_faults figures are the chain's answers for the faults it represents.
nlohmann::json analysis_json(const std::string& scenario,
                             const std::vector<analytic::DatabaseAnalysis>& databases);

// One row per database (deployment, availability, nines, over the horizon, downtime per year,
// MTTDL, write loss, chain), "not covered" where a figure is, then what the words mean and the
// notes on what each chain leaves out, each once with the databases it concerns.
std::string analysis_terminal(const std::string& scenario,
                              const std::vector<analytic::DatabaseAnalysis>& databases);

}  // namespace drsim::models::report

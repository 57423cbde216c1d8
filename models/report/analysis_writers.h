// Writers of the Markov-chain analysis (`drsim analyze`): the --json document of DESIGN.md §5
// and a terminal table. They format finished values and do nothing else.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/analytic/analysis.h"

namespace drsim::models::report {

// {"databases": [{"name", "availability", "downtime_s_per_year", "mttdl_s", ...}]}: mttdl_s is
// null when nothing can destroy the data (infinite); numbers are null where there is no answer.
nlohmann::json analysis_json(const std::string& scenario,
                             const std::vector<analytic::DatabaseAnalysis>& databases);

// One row per database (deployment, availability, nines, downtime per year, MTTDL), then the
// notes on what each chain leaves out.
std::string analysis_terminal(const std::string& scenario,
                              const std::vector<analytic::DatabaseAnalysis>& databases);

}  // namespace drsim::models::report

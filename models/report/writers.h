// Writers of a Summary: the --json document of DESIGN.md §5, the terminal table, and the
// incident CSV. They format finished values and do nothing else.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/observations/observations.h"
#include "models/results/incident_labels.h"
#include "models/results/summary.h"
#include "models/scenario/scenario.h"

namespace drsim::models::report {

// The --json document. Without `with_engine` the non-deterministic `engine` block is left
// out (goldens and thread-count comparisons use that form).
nlohmann::json to_json(const results::Summary& s, bool with_engine = true);

// A readable report: per-tier table with verdicts, services, failovers.
std::string to_terminal(const results::Summary& s);

// A count as a person reads it: "1,234" below ten thousand, then "230 k", "15.2 M", "1.1 G".
std::string format_count(double n);

// One CSV cell per RFC 4180 (quoted when it holds a comma, a quote or a line break, quotes
// doubled), a leading = + - @ (or tab, CR) neutralised with an apostrophe so that a spreadsheet
// never reads a scenario's name as a formula.
std::string csv_field(std::string_view text);

// The incident CSV: a header, then one row per incident of one trial. `lost_writes` is empty
// when not known; `rpo_s` is empty for a total loss or a censored incident whose loss is not
// known yet; `path` and `path_of` are empty for a censored one.
std::string incident_csv_header();
void append_incident_csv(const observations::TrialObservations& obs,
                         const results::IncidentLabels& labels, std::string& out);

}  // namespace drsim::models::report

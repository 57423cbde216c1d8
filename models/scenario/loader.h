// Loading and validating scenario files (DESIGN.md §3): JSON text in, a checked Scenario out, or a
// ScenarioError listing every problem of the file at once.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "models/scenario/limits.h"
#include "models/scenario/scenario.h"

namespace drsim::models::scenario {

// Bad input. Each problem is one line: "FILE:LINE:COL: malformed JSON: reason" for JSON that does
// not parse, "FILE: PATH: message" for everything else ("FILE: message" for the file itself).
// what() is all the problems joined by newlines.
class ScenarioError : public std::runtime_error {
 public:
  // REQUIRES: !problems.empty().
  explicit ScenarioError(std::vector<std::string> problems);
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::vector<std::string> problems_;
};

// What the caller allows a scenario to read besides itself.
struct LoadOptions {
  // Directories under which a fault's "trace" CSV may lie even when it is outside the scenario's
  // folder (`drsim --allow-paths DIR`); relative ones count from the working directory.
  std::vector<std::string> allowed_paths;
};

// The text of the file at `path`. A file larger than kMaxScenarioFileBytes (limits.h) is refused
// before it is read. Throws ScenarioError ("PATH: cannot read file: reason").
std::string read_scenario_file_text(const std::string& path);

// Reads and validates the scenario file at `path`. Trace CSV files named in it are read relative
// to the file's directory, and only from inside it or an allowed directory (docs/
// scenario-format.md, "Trace files"). Throws ScenarioError (an unreadable file is
// "PATH: cannot read file: reason").
Scenario load_scenario_file(const std::string& path, const LoadOptions& options = {});

// Validates the scenario `text`; `file_label` starts every message and becomes Scenario::file,
// and `base_dir` is the scenario's folder, which resolves and confines trace CSV paths (empty:
// the working directory). Throws ScenarioError.
Scenario load_scenario_text(std::string_view text, const std::string& file_label,
                            const std::string& base_dir, const LoadOptions& options = {});

// Things that are valid but probably not what the author meant, one line each, naming the
// element: `databases[0] ("tracker-db"): no backup key, so the database has no backups at all`.
// REQUIRES: a scenario the loader accepted.
std::vector<std::string> scenario_warnings(const Scenario& s);

}  // namespace drsim::models::scenario

// One `--set PATH=V1,V2,...` of `drsim sweep` (docs/sweep.md): the path into the scenario's JSON
// document, the values to try, and how a value is written at the path. Bad settings raise
// ScenarioError with one line naming the --set argument.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace drsim::models::sweep {

// One step of a path: `key`, `[*]` (every element), `[N]` (an index) or `[name]` / `["name"]`
// (the element whose "name" is name).
struct PathStep {
  enum class Kind { kKey, kEvery, kIndex, kName };
  Kind kind = Kind::kKey;
  std::string text;  // the key, or the element's name
  size_t index = 0;
  friend bool operator==(const PathStep&, const PathStep&) = default;
};

struct Setting {
  std::string argument;  // the --set argument as given, for messages
  std::string path;      // its PATH part, as given: the name of the setting in every output
  std::vector<PathStep> steps;
  std::vector<nlohmann::json> values;
};

// Parses a PATH: dot-separated keys, each followed by any number of selectors
// (`databases[*].backup.snapshot.every`, `databases[tracker-db].replicas[0].lag`, `tiers.1.rpo`).
// Throws std::invalid_argument saying what is wrong.
std::vector<PathStep> parse_path(std::string_view path);

// Splits "V1,V2,..." at the commas outside brackets, braces and double quotes, trimming blanks:
// `[],["us-west-2"]` is two values. Throws std::invalid_argument on an empty value or
// unbalanced brackets or quotes.
std::vector<std::string> split_values(std::string_view list);

// A value as JSON: text that parses as JSON is that JSON (`0.01`, `true`, `[]`, `{"a": 1}`,
// `"24h"`); other text is a string (`24h`, `multi-az`). Text starting with `[`, `{` or `"` must
// be valid JSON. Throws std::invalid_argument.
nlohmann::json parse_value(std::string_view text);

// Parses one --set argument. Throws ScenarioError ("--set ARG: message").
Setting parse_setting(std::string_view argument);

// Writes `value` at every place `setting.steps` selects in `doc`. The last key is created when
// its object lacks it. A missing key earlier on the path only skips that element of a `[*]`;
// the path must select at least one place. Throws ScenarioError ("--set ARG: PATH: message")
// when it selects nothing, or a selector meets a non-array or a key a non-object.
void apply_setting(nlohmann::json& doc, const Setting& setting, const nlohmann::json& value);

}  // namespace drsim::models::sweep

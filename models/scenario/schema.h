// The JSON Schema (draft 2020-12) of scenario files, generated from the key tables of keys.h, and
// the regular expressions of the unit strings of sim/units.h that it uses.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "models/scenario/keys.h"

namespace drsim::models::scenario {

// The ECMA-262 pattern (also std::regex's ECMAScript grammar and Python's re) that a unit string
// of `kind` matches: kDuration, kRate, kSize, kThroughput, kTimeOfDay or kUtcInstant. With
// `positive` (kDuration, kThroughput), a value of zero does not match either. It matches what
// sim/units.h parses, except for values beyond a parser's range (a duration longer than about
// 290,000 years, a number too large for a double) and durations that round to zero microseconds
// ("0.1us"), which match but do not parse (or are not positive). REQUIRES: `kind` is one of those.
std::string_view unit_pattern(ValueKind kind, bool positive = false);

// The schema of a scenario file: the top level's keys as "properties", every other table as a
// "$defs" entry referenced by "$ref" ("#/$defs/backup"), distributions as "#/$defs/distribution".
// Each key carries its description, its default where the loader has one, the unit pattern of
// unit strings, the values of closed vocabularies, numeric bounds, and "required"; every object
// has "additionalProperties": false. Keys appear in table order, so the text is deterministic.
nlohmann::ordered_json scenario_schema();

// scenario_schema() as indented JSON text ending in a newline: what `drsim schema` prints.
std::string scenario_schema_text();

}  // namespace drsim::models::scenario

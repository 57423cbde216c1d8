// The scenario format in one place: one table per kind of JSON object a scenario file holds
// (DESIGN.md §3), each key with the kind of its value, whether it is required, its default and
// what it means. ObjectReader checks every key the loader asks for against its object's table,
// and `drsim schema` (schema.h) is generated from the same tables, so the three cannot drift.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace drsim::models::scenario {

// Accepted numbers: [lo, hi] with optionally open ends; `text` names the range in messages
// ("a probability between 0 and 1"). Non-finite numbers are never accepted.
struct NumberRange {
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  bool lo_open = false;
  bool hi_open = false;
  std::string_view text = "a number";
  bool contains(double x) const;
  // The same numbers (the message text aside).
  bool same_bounds(const NumberRange& other) const {
    return lo == other.lo && hi == other.hi && lo_open == other.lo_open && hi_open == other.hi_open;
  }
};
inline constexpr NumberRange kProbability{0, 1, false, false, "a probability between 0 and 1"};
inline constexpr NumberRange kPositiveFraction{0, 1, true, false, "a number in (0, 1]"};

// What a key's value is. Unit strings follow sim/units.h; the schema's patterns for them are
// in schema.h.
enum class ValueKind {
  kString,         // any string, "" included
  kName,           // a non-empty string
  kEnum,           // one of Value::enum_values
  kDuration,       // "90s", "1h30m"; never negative
  kDistribution,   // a duration string or a distribution object (distribution_keys())
  kDurationPair,   // two durations [lo, hi]
  kDurationArray,  // a non-empty array of durations
  kRate,           // "500/s", "1/5y"
  kSize,           // "800GiB"
  kThroughput,     // "150MiB/s", "5Gbps"
  kTimeOfDay,      // "03:00", UTC
  kUtcInstant,     // "2026-03-03T00:00:00Z" or "2026-03-03"
  kInt,            // an integral number in [Value::int_lo, Value::int_hi]
  kWholeNumber,    // an integral number from 0 to 2^64 - 1
  kNumber,         // a number in Value::range
  kBool,
  kNameArray,    // an array of non-empty strings
  kNamePair,     // an array of exactly two non-empty strings
  kObject,       // an object read with Value::table
  kObjectArray,  // an array of objects, each read with Value::table
  kScope,        // a count >= 1, a fraction in (0, 1) or a non-empty list of names
};

// "duration", "name array": the kind in words, for messages about the tables.
std::string_view value_kind_name(ValueKind kind);

struct KeyTable;

// The form of one value. Only the fields of its kind mean anything.
struct Value {
  ValueKind kind;
  const KeyTable* table = nullptr;                     // kObject, kObjectArray
  std::span<const std::string_view> enum_values = {};  // kEnum
  int64_t int_lo = 0;                                  // kInt
  int64_t int_hi = 0;                                  // kInt
  NumberRange range = {};                              // kNumber
  bool positive = false;                               // kDuration, kThroughput: greater than zero
  size_t min_items = 0;                                // kNameArray, kObjectArray
};

enum class Presence { kOptional, kRequired };

// One key of an object.
struct Key {
  std::string_view name;
  Value value;
  Presence presence;
  // The loader's value when the key is absent, as JSON text ("\"10m\"", "1000", "[]"); empty
  // when absent means "none" or the default depends on other keys (the description says which).
  std::string_view default_json;
  std::string_view description;  // one sentence, in the words of DESIGN.md and docs/
  bool is_required() const { return presence == Presence::kRequired; }
};

// The keys of one kind of object. An object whose keys are data (the tier table, the instance
// prices) has no `keys` but an `entries` form for every value, its keys matching
// `entry_pattern` (an ECMA-262 regular expression; empty: any non-empty key).
struct KeyTable {
  std::string_view name;  // unique: the schema's $defs name ("database", "backup")
  std::string_view description;
  std::span<const Key> keys;
  const Value* entries = nullptr;
  std::string_view entry_pattern = {};
  // Keys of which exactly one must be given (a fault's timing, a distribution's kind), except
  // that the two keys of a pair in `also_together` may be given together (a planned event's
  // "every" and its first "at").
  std::span<const std::string_view> exactly_one_of = {};
  std::span<const std::pair<std::string_view, std::string_view>> also_together = {};
  bool is_map() const { return entries != nullptr; }
};

// The top level of a scenario file. Every other table is reached from it, or from
// distribution_keys().
const KeyTable& scenario_keys();
// A distribution object: exactly one key, naming the distribution ({"uniform": [...]}).
const KeyTable& distribution_keys();
// The parameter object of distribution `kind` ("exponential", "normal", "lognormal",
// "weibull"). REQUIRES: distribution_keys() has `kind` with an object value.
const KeyTable& distribution_parameter_keys(std::string_view kind);

// The key `name` of `table`, or nullptr.
const Key* find_key(const KeyTable& table, std::string_view name);
// Every table, each once: scenario_keys() and the tables reached from it depth first in key
// order, then distribution_keys() and its parameter tables.
std::vector<const KeyTable*> all_key_tables();

}  // namespace drsim::models::scenario

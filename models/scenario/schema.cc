// The JSON Schema of scenario files, built from the key tables; see schema.h.
#include "models/scenario/schema.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "sim/check.h"

namespace drsim::models::scenario {
namespace {

using nlohmann::ordered_json;

// The unit patterns, built once from their parts.
struct UnitPatterns {
  std::string duration, positive_duration, rate, size, throughput, positive_throughput, time_of_day,
      utc_instant;
};

const UnitPatterns& unit_patterns() {
  static const UnitPatterns kPatterns = [] {
    // A number as sim/units.h reads one: digits with at most one decimal point, no sign and no
    // exponent.
    const std::string number = R"((?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))";
    const std::string duration_unit = "(?:us|ms|s|m|h|d|w|y)";
    const std::string parts = "(?:" + number + duration_unit + ")";
    const std::string size_unit = "(?:B|KB|MB|GB|TB|PB|KiB|MiB|GiB|TiB|PiB)";
    const std::string throughput_unit = "(?:" + size_unit + "/s|bps|kbps|Mbps|Gbps|Tbps)";
    const std::string clock = "(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?";
    // Some digit other than 0 ahead: the value is not zero.
    const std::string not_zero = "(?=[^1-9]*[1-9])";
    // Years divisible by 4, except centuries not divisible by 400.
    const std::string leap_year =
        "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)";
    const std::string month_day =
        "(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|"
        "02-(?:0[1-9]|1[0-9]|2[0-8]))";
    UnitPatterns p;
    p.duration = "^" + parts + "+$";
    p.positive_duration = "^" + not_zero + parts + "+$";
    // COUNT/PERIOD. parse_rate_per_s reads a PERIOD that does not start with a digit as "1" +
    // PERIOD: a unit alone ("500/s") or a fraction without its 1 ("1/.5s"); a PERIOD that starts
    // with a digit is a duration, and must not be zero.
    p.rate = "^" + number + "/(?:" + duration_unit + parts + "*|\\.[0-9]*" + duration_unit + parts +
             "*|(?=[0-9])" + not_zero + parts + "+)$";
    p.size = "^" + number + size_unit + "$";
    p.throughput = "^" + number + throughput_unit + "$";
    p.positive_throughput = "^" + not_zero + number + throughput_unit + "$";
    p.time_of_day = "^" + clock + "$";
    // A calendar date (February 29 only in leap years), optionally with a UTC clock time.
    p.utc_instant = "^(?:[0-9]{4}-" + month_day + "|" + leap_year + "-02-29)(?:T" + clock + "Z)?$";
    return p;
  }();
  return kPatterns;
}

constexpr std::string_view kDefsPrefix = "#/$defs/";
constexpr std::string_view kDistributionDef = "distribution";

ordered_json ref_to(std::string_view def) {
  return ordered_json{{"$ref", std::string(kDefsPrefix) + std::string(def)}};
}

ordered_json unit_string(ValueKind kind, bool positive) {
  return ordered_json{{"type", "string"}, {"pattern", std::string(unit_pattern(kind, positive))}};
}

ordered_json name_string() { return ordered_json{{"type", "string"}, {"minLength", 1}}; }

ordered_json value_schema(const Value& v) {
  switch (v.kind) {
    case ValueKind::kString:
      return ordered_json{{"type", "string"}};
    case ValueKind::kName:
      return name_string();
    case ValueKind::kEnum: {
      ordered_json values = ordered_json::array();
      for (std::string_view value : v.enum_values) values.push_back(std::string(value));
      return ordered_json{{"type", "string"}, {"enum", values}};
    }
    case ValueKind::kDuration:
    case ValueKind::kRate:
    case ValueKind::kSize:
    case ValueKind::kThroughput:
    case ValueKind::kTimeOfDay:
    case ValueKind::kUtcInstant:
      return unit_string(v.kind, v.positive);
    case ValueKind::kDistribution:
      return ref_to(kDistributionDef);
    case ValueKind::kDurationPair:
      return ordered_json{{"type", "array"},
                          {"items", unit_string(ValueKind::kDuration, false)},
                          {"minItems", 2},
                          {"maxItems", 2}};
    case ValueKind::kDurationArray:
      return ordered_json{{"type", "array"},
                          {"items", unit_string(ValueKind::kDuration, false)},
                          {"minItems", v.min_items}};
    case ValueKind::kInt: {
      ordered_json out{{"type", "integer"}, {"minimum", v.int_lo}};
      if (v.int_hi != std::numeric_limits<int64_t>::max()) out["maximum"] = v.int_hi;
      return out;
    }
    case ValueKind::kWholeNumber:
      return ordered_json{
          {"type", "integer"}, {"minimum", 0}, {"maximum", std::numeric_limits<uint64_t>::max()}};
    case ValueKind::kNumber: {
      ordered_json out{{"type", "number"}};
      if (v.range.lo > -std::numeric_limits<double>::infinity()) {
        out[v.range.lo_open ? "exclusiveMinimum" : "minimum"] = v.range.lo;
      }
      if (v.range.hi < std::numeric_limits<double>::infinity()) {
        out[v.range.hi_open ? "exclusiveMaximum" : "maximum"] = v.range.hi;
      }
      return out;
    }
    case ValueKind::kBool:
      return ordered_json{{"type", "boolean"}};
    case ValueKind::kNameArray: {
      ordered_json out{{"type", "array"}, {"items", name_string()}};
      if (v.min_items > 0) out["minItems"] = v.min_items;
      return out;
    }
    case ValueKind::kNamePair:
      return ordered_json{
          {"type", "array"}, {"items", name_string()}, {"minItems", 2}, {"maxItems", 2}};
    case ValueKind::kObject:
      return ref_to(v.table->name);
    case ValueKind::kObjectArray: {
      ordered_json out{{"type", "array"}, {"items", ref_to(v.table->name)}};
      if (v.min_items > 0) out["minItems"] = v.min_items;
      return out;
    }
    case ValueKind::kScope:
      return ordered_json{
          {"anyOf",
           {ordered_json{{"type", "integer"}, {"minimum", 1}},
            ordered_json{{"type", "number"}, {"exclusiveMinimum", 0}, {"exclusiveMaximum", 1}},
            ordered_json{{"type", "array"}, {"items", name_string()}, {"minItems", 1}}}}};
  }
  DRSIM_CHECK(false) << "no schema for value kind " << static_cast<int>(v.kind);
  return {};
}

ordered_json key_schema(const Key& key) {
  ordered_json out = value_schema(key.value);
  out["description"] = std::string(key.description);
  if (!key.default_json.empty()) out["default"] = ordered_json::parse(key.default_json);
  return out;
}

ordered_json table_schema(const KeyTable& table) {
  ordered_json out{{"type", "object"}, {"description", std::string(table.description)}};
  if (table.is_map()) {
    if (!table.entry_pattern.empty()) {
      out["patternProperties"] = {{std::string(table.entry_pattern), value_schema(*table.entries)}};
      out["additionalProperties"] = false;
    } else {
      out["propertyNames"] = name_string();
      out["additionalProperties"] = value_schema(*table.entries);
    }
    return out;
  }
  ordered_json properties = ordered_json::object();
  ordered_json required = ordered_json::array();
  for (const Key& key : table.keys) {
    properties[std::string(key.name)] = key_schema(key);
    if (key.is_required()) required.push_back(std::string(key.name));
  }
  out["properties"] = std::move(properties);
  if (!required.empty()) out["required"] = std::move(required);
  out["additionalProperties"] = false;
  if (!table.exactly_one_of.empty()) {
    // One alternative per key, and one per pair that may come together. With pairs, each
    // alternative also forbids the other keys, so that a pair matches its own alternative only.
    std::vector<std::vector<std::string_view>> alternatives;
    for (std::string_view key : table.exactly_one_of) alternatives.push_back({key});
    for (const auto& [a, b] : table.also_together) alternatives.push_back({a, b});
    ordered_json one_of = ordered_json::array();
    for (const std::vector<std::string_view>& keys : alternatives) {
      ordered_json alternative{{"required", ordered_json::array()}};
      for (std::string_view key : keys) alternative["required"].push_back(std::string(key));
      if (!table.also_together.empty()) {
        ordered_json others = ordered_json::array();
        for (std::string_view key : table.exactly_one_of) {
          if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
            others.push_back({{"required", {std::string(key)}}});
          }
        }
        alternative["not"] = {{"anyOf", std::move(others)}};
      }
      one_of.push_back(std::move(alternative));
    }
    out["oneOf"] = std::move(one_of);
  }
  return out;
}

}  // namespace

std::string_view unit_pattern(ValueKind kind, bool positive) {
  const UnitPatterns& p = unit_patterns();
  switch (kind) {
    case ValueKind::kDuration:
      return positive ? p.positive_duration : p.duration;
    case ValueKind::kRate:
      return p.rate;
    case ValueKind::kSize:
      return p.size;
    case ValueKind::kThroughput:
      return positive ? p.positive_throughput : p.throughput;
    case ValueKind::kTimeOfDay:
      return p.time_of_day;
    case ValueKind::kUtcInstant:
      return p.utc_instant;
    default:
      DRSIM_CHECK(false) << "value kind " << static_cast<int>(kind) << " is not a unit string";
      return {};
  }
}

ordered_json scenario_schema() {
  const KeyTable& root = scenario_keys();
  ordered_json out{{"$schema", "https://json-schema.org/draft/2020-12/schema"},
                   {"title", "drsim scenario"},
                   {"$comment",
                    "Generated by `drsim schema` from the loader's key tables "
                    "(models/scenario/keys.cc); docs/scenario-format.md explains every key."}};
  const ordered_json top = table_schema(root);
  for (const auto& [name, value] : top.items()) out[name] = value;
  ordered_json defs = ordered_json::object();
  defs[std::string(kDistributionDef)] = {
      {"description",
       "A duration string such as \"90s\" (a constant) or a distribution object such as "
       "{\"uniform\": [\"15s\", \"35s\"]}."},
      {"anyOf", {unit_string(ValueKind::kDuration, false), ref_to(distribution_keys().name)}}};
  for (const KeyTable* table : all_key_tables()) {
    if (table == &root) continue;
    DRSIM_CHECK(!defs.contains(std::string(table->name)))
        << "two key tables are named " << table->name;
    defs[std::string(table->name)] = table_schema(*table);
  }
  out["$defs"] = std::move(defs);
  return out;
}

std::string scenario_schema_text() { return scenario_schema().dump(2) + "\n"; }

}  // namespace drsim::models::scenario

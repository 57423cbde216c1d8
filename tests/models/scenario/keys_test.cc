// The key tables: every entry described, every entry read by the loader (tests/data/schema/
// every_key.json uses them all and loads), and every default in the tables the loader's own.
#include "models/scenario/keys.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "models/scenario/loader.h"

namespace drsim::models::scenario::keys_test {
namespace {

using nlohmann::json;

const std::filesystem::path kSchemaData =
    std::filesystem::path(DRSIM_SOURCE_DIR) / "tests" / "data" / "schema";

json every_key_document() {
  std::ifstream in(kSchemaData / "every_key.json");
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

// An object of the document and the table it is read with.
struct Site {
  std::string pointer;  // JSON pointer to the object
  const KeyTable* table;
};

void collect_sites(const json& v, const std::string& pointer, const Value& form,
                   std::vector<Site>& sites);

void collect_object_sites(const json& v, const std::string& pointer, const KeyTable& table,
                          std::vector<Site>& sites) {
  if (!v.is_object()) return;
  sites.push_back({pointer, &table});
  for (const auto& [key, value] : v.items()) {
    const std::string child = (json::json_pointer(pointer) / key).to_string();
    if (table.is_map()) {
      collect_sites(value, child, *table.entries, sites);
    } else if (const Key* k = find_key(table, key)) {
      collect_sites(value, child, k->value, sites);
    }
  }
}

void collect_sites(const json& v, const std::string& pointer, const Value& form,
                   std::vector<Site>& sites) {
  switch (form.kind) {
    case ValueKind::kObject:
      collect_object_sites(v, pointer, *form.table, sites);
      return;
    case ValueKind::kObjectArray:
      if (!v.is_array()) return;
      for (size_t i = 0; i < v.size(); ++i) {
        collect_object_sites(v[i], pointer + "/" + std::to_string(i), *form.table, sites);
      }
      return;
    case ValueKind::kDistribution:
      if (v.is_object()) collect_object_sites(v, pointer, distribution_keys(), sites);
      return;
    default:
      return;
  }
}

std::vector<Site> sites_of(const json& document) {
  std::vector<Site> sites;
  collect_object_sites(document, "", scenario_keys(), sites);
  return sites;
}

// The loaded scenario, or the problems.
struct Outcome {
  std::optional<Scenario> scenario;
  std::vector<std::string> problems;
};

Outcome load(const json& document) {
  try {
    return {load_scenario_text(document.dump(), "every_key.json", kSchemaData.string()), {}};
  } catch (const ScenarioError& e) {
    return {std::nullopt, e.problems()};
  }
}

TEST(ScenarioKeys, EveryEntryIsDescribedInOneSentence) {
  std::set<std::string_view> table_names;
  for (const KeyTable* table : all_key_tables()) {
    SCOPED_TRACE(table->name);
    EXPECT_TRUE(table_names.insert(table->name).second) << "two tables named " << table->name;
    EXPECT_FALSE(table->description.empty());
    EXPECT_TRUE(table->keys.empty() || !table->is_map()) << "a map has no named keys";
    std::set<std::string_view> keys;
    for (const Key& key : table->keys) {
      SCOPED_TRACE(key.name);
      EXPECT_TRUE(keys.insert(key.name).second) << "key listed twice";
      ASSERT_GE(key.description.size(), 2u);
      EXPECT_EQ(key.description.back(), '.') << key.description;
      EXPECT_EQ(key.description.find('\n'), std::string_view::npos);
      if (!key.default_json.empty()) {
        EXPECT_TRUE(json::accept(key.default_json)) << key.default_json;
        EXPECT_FALSE(key.is_required()) << "a required key has no default";
      }
      if (key.value.kind == ValueKind::kEnum) {
        EXPECT_FALSE(key.value.enum_values.empty());
      }
      if (key.value.kind == ValueKind::kObject || key.value.kind == ValueKind::kObjectArray) {
        EXPECT_NE(key.value.table, nullptr);
      }
    }
    for (std::string_view key : table->exactly_one_of) {
      EXPECT_NE(find_key(*table, key), nullptr) << key;
    }
    for (const auto& [a, b] : table->also_together) {
      const auto& one_of = table->exactly_one_of;
      EXPECT_NE(std::find(one_of.begin(), one_of.end(), a), one_of.end()) << a;
      EXPECT_NE(std::find(one_of.begin(), one_of.end(), b), one_of.end()) << b;
    }
  }
}

TEST(ScenarioKeys, TablesAreReachedOnceFromTheTopLevel) {
  const std::vector<const KeyTable*> tables = all_key_tables();
  ASSERT_FALSE(tables.empty());
  EXPECT_EQ(tables.front(), &scenario_keys());
  std::set<const KeyTable*> seen(tables.begin(), tables.end());
  EXPECT_EQ(seen.size(), tables.size());
  EXPECT_TRUE(seen.count(&distribution_keys()));
  for (std::string_view kind : {"exponential", "normal", "lognormal", "weibull"}) {
    EXPECT_TRUE(seen.count(&distribution_parameter_keys(kind))) << kind;
  }
  // The backup table is one, whoever refers to it.
  const Key* backup = find_key(*find_key(scenario_keys(), "databases")->value.table, "backup");
  ASSERT_NE(backup, nullptr);
  EXPECT_TRUE(seen.count(backup->value.table));
}

// Every key of every table appears in every_key.json, which loads without a problem: so the
// loader asks for each of them (a key nobody asks for is an unknown-key error), and ObjectReader
// has checked that each key the loader asks for is in its table.
TEST(ScenarioKeys, EveryTableEntryIsReadByTheLoader) {
  const json document = every_key_document();
  const Outcome outcome = load(document);
  EXPECT_TRUE(outcome.problems.empty()) << testing::PrintToString(outcome.problems);
  std::set<std::pair<const KeyTable*, std::string>> used;
  std::set<const KeyTable*> reached;
  for (const Site& site : sites_of(document)) {
    reached.insert(site.table);
    const json& object = document[json::json_pointer(site.pointer)];
    for (const auto& [key, value] : object.items()) used.insert({site.table, key});
  }
  for (const KeyTable* table : all_key_tables()) {
    EXPECT_TRUE(reached.count(table))
        << "no object of table \"" << table->name << "\" in tests/data/schema/every_key.json";
    for (const Key& key : table->keys) {
      EXPECT_TRUE(used.count({table, std::string(key.name)}))
          << "key \"" << key.name << "\" of table \"" << table->name
          << "\" is not used in tests/data/schema/every_key.json: add it there";
    }
  }
}

// For every key with a default: wherever the key may stand in every_key.json, giving it its
// default loads the same scenario as leaving it out (or the same problems, where leaving it out
// is a problem already). Sites where the key does not apply (an "instance" on a region outage)
// are skipped, but each default must agree with the loader somewhere.
TEST(ScenarioKeys, DefaultsAreTheLoadersDefaults) {
  json document = every_key_document();
  // A class needs a price in costs.instance_hour: without classes, instance_hour's default is
  // tried on a document that loads.
  for (json& database : document["databases"]) database.erase("class");
  ASSERT_TRUE(load(document).scenario.has_value());
  const std::vector<Site> sites = sites_of(document);
  for (const KeyTable* table : all_key_tables()) {
    for (const Key& key : table->keys) {
      if (key.default_json.empty()) continue;
      SCOPED_TRACE(std::string(table->name) + "." + std::string(key.name));
      int agreed = 0;
      for (const Site& site : sites) {
        if (site.table != table) continue;
        json left_out = document;
        left_out[json::json_pointer(site.pointer)].erase(std::string(key.name));
        json given = document;
        given[json::json_pointer(site.pointer)][std::string(key.name)] =
            json::parse(key.default_json);
        const Outcome a = load(left_out);
        const Outcome b = load(given);
        if (a.scenario.has_value() != b.scenario.has_value()) continue;
        ++agreed;
        if (a.scenario) {
          EXPECT_TRUE(*a.scenario == *b.scenario) << "at " << site.pointer;
        } else {
          EXPECT_EQ(a.problems, b.problems) << "at " << site.pointer;
        }
      }
      EXPECT_GT(agreed, 0) << "no place in every_key.json where the default could be tried";
    }
  }
}

TEST(ScenarioKeys, FindKey) {
  EXPECT_EQ(find_key(scenario_keys(), "horizon")->value.kind, ValueKind::kDuration);
  EXPECT_TRUE(find_key(scenario_keys(), "horizon")->value.positive);
  EXPECT_EQ(find_key(scenario_keys(), "horizn"), nullptr);
  EXPECT_EQ(find_key(distribution_parameter_keys("weibull"), "shape")->value.kind,
            ValueKind::kNumber);
}

}  // namespace
}  // namespace drsim::models::scenario::keys_test

// ObjectReader: type, unit and range checks of the keys of a scenario object, with messages that
// name the JSON path, what was expected and what was found (worded by diagnostics.cc). The
// single-value readers it uses for durations and distributions are in value_readers.cc.
#include "models/scenario/object_reader.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "models/scenario/limits.h"
#include "sim/check.h"
#include "sim/units.h"

namespace drsim::models::scenario {
namespace {

using nlohmann::json;
using sim::Distribution;
using sim::Duration;

std::optional<Duration> read_duration_at_least(const json& v, std::string_view path,
                                               Diagnostics& diag, DurationMin min) {
  const std::optional<Duration> d = read_duration(v, path, diag);
  if (d && min == DurationMin::kPositive && d->count_us() <= 0) {
    diag.error(path, "expected a duration greater than zero, got " + describe_json(v));
    return std::nullopt;
  }
  return d;
}

// Reads a unit string with `parse`; `expected` is the message's "expected ..." part.
template <typename T, typename Parse>
std::optional<T> read_unit_string(const json& v, std::string_view path, Diagnostics& diag,
                                  std::string_view expected, Parse parse) {
  if (v.is_string()) {
    if (std::optional<T> value = parse(v.get_ref<const std::string&>())) return value;
  }
  diag.error(path, std::string(expected) + ", got " + describe_json(v));
  return std::nullopt;
}

std::optional<int64_t> read_int(const json& v, std::string_view path, Diagnostics& diag, int64_t lo,
                                int64_t hi, std::string_view expected) {
  std::optional<int64_t> x;
  if (v.is_number_unsigned()) {
    const uint64_t u = v.get<uint64_t>();
    if (u <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      x = static_cast<int64_t>(u);
    }
  } else if (v.is_number_integer()) {
    x = v.get<int64_t>();
  } else if (v.is_number_float()) {
    const double f = v.get<double>();
    if (f == std::floor(f) && f >= -9.2e18 && f <= 9.2e18) x = static_cast<int64_t>(f);
  }
  if (x && *x >= lo && *x <= hi) return x;
  std::string what(expected);
  if (what.empty()) {
    what = hi == std::numeric_limits<int64_t>::max()
               ? "an integer >= " + std::to_string(lo)
               : "an integer from " + std::to_string(lo) + " to " + std::to_string(hi);
  }
  diag.error(path, "expected " + what + ", got " + describe_json(v));
  return std::nullopt;
}

}  // namespace

// ---- ObjectReader ----

ObjectReader::ObjectReader(const json& value, std::string path, Diagnostics& diag,
                           const KeyTable& table)
    : object_(value.is_object() ? &value : nullptr),
      table_(&table),
      path_(std::move(path)),
      diag_(&diag) {
  if (!object_) diag.error(path_, "expected an object, got " + describe_json(value));
}

ObjectReader::ObjectReader(ObjectReader&& other) noexcept
    : object_(other.object_),
      table_(other.table_),
      path_(std::move(other.path_)),
      diag_(other.diag_),
      known_(std::move(other.known_)),
      known_set_(std::move(other.known_set_)),
      missing_(std::move(other.missing_)),
      finished_(other.finished_) {
  other.finished_ = true;
}

ObjectReader::~ObjectReader() { finish(); }

const Key& ObjectReader::spec(std::string_view key) const {
  const Key* found = find_key(*table_, key);
  DRSIM_CHECK(found) << "the loader asks " << (path_.empty() ? "the top level" : path_)
                     << " for key \"" << key << "\", which table \"" << table_->name
                     << "\" of models/scenario/keys.cc does not have";
  return *found;
}

const Key& ObjectReader::checked(std::string_view key, std::initializer_list<ValueKind> kinds,
                                 std::string_view accessor) const {
  const Key& found = spec(key);
  DRSIM_CHECK(std::find(kinds.begin(), kinds.end(), found.value.kind) != kinds.end())
      << accessor << " reads key \"" << key << "\" of table \"" << table_->name
      << "\", whose kind in models/scenario/keys.cc is " << value_kind_name(found.value.kind);
  return found;
}

const json* ObjectReader::lookup(std::string_view key) {
  if (known_set_.find(key) == known_set_.end()) {
    known_set_.emplace(key);
    known_.emplace_back(key);
  }
  if (!object_) return nullptr;
  const auto it = object_->find(key);
  return it == object_->end() ? nullptr : &*it;
}

bool ObjectReader::has(std::string_view key) { return value(key) != nullptr; }

const json* ObjectReader::value(std::string_view key) {
  spec(key);
  return lookup(key);
}

void ObjectReader::require(std::string_view key) {
  if (!has(key)) missing(key);
}

void ObjectReader::missing(std::string_view key) {
  if (object_) missing_.emplace_back(key);
}

std::string ObjectReader::required_string(std::string_view key) {
  checked(key, {ValueKind::kName, ValueKind::kEnum}, "required_string");
  const json* v = value(key);
  if (!v) {
    require(key);
    return "";
  }
  std::optional<std::string> s = read_string(*v, path_of(key), *diag_);
  if (s && s->empty()) {
    error(key, "expected a non-empty string, got \"\"");
    return "";
  }
  return s.value_or("");
}

std::optional<std::string> ObjectReader::optional_string(std::string_view key) {
  checked(key, {ValueKind::kString, ValueKind::kName, ValueKind::kEnum}, "optional_string");
  const json* v = value(key);
  if (!v) return std::nullopt;
  return read_string(*v, path_of(key), *diag_);
}

Duration ObjectReader::required_duration(std::string_view key, DurationMin min) {
  require(key);
  return optional_duration(key, min).value_or(Duration());
}

std::optional<Duration> ObjectReader::optional_duration(std::string_view key, DurationMin min) {
  const Key& k = checked(key, {ValueKind::kDuration}, "optional_duration");
  DRSIM_CHECK(k.value.positive == (min == DurationMin::kPositive))
      << "key \"" << key << "\" of table \"" << table_->name
      << "\" is read with another minimum than its table's";
  const json* v = value(key);
  if (!v) return std::nullopt;
  return read_duration_at_least(*v, path_of(key), *diag_, min);
}

Distribution ObjectReader::required_distribution(std::string_view key) {
  require(key);
  return optional_distribution(key).value_or(Distribution::constant(Duration()));
}

std::optional<Distribution> ObjectReader::optional_distribution(std::string_view key) {
  checked(key, {ValueKind::kDistribution}, "optional_distribution");
  const json* v = value(key);
  if (!v) return std::nullopt;
  return read_distribution(*v, path_of(key), *diag_);
}

std::optional<Duration> ObjectReader::optional_time_of_day(std::string_view key) {
  checked(key, {ValueKind::kTimeOfDay}, "optional_time_of_day");
  const json* v = value(key);
  if (!v) return std::nullopt;
  return read_unit_string<Duration>(*v, path_of(key), *diag_,
                                    "expected a time of day such as \"03:00\" (UTC)",
                                    sim::parse_time_of_day);
}

std::optional<int64_t> ObjectReader::optional_utc_instant(std::string_view key) {
  checked(key, {ValueKind::kUtcInstant}, "optional_utc_instant");
  const json* v = value(key);
  if (!v) return std::nullopt;
  return read_unit_string<int64_t>(*v, path_of(key), *diag_,
                                   "expected a UTC instant such as \"2026-03-03T00:00:00Z\"",
                                   sim::parse_utc_instant);
}

std::optional<double> ObjectReader::optional_rate(std::string_view key) {
  checked(key, {ValueKind::kRate}, "optional_rate");
  const json* v = value(key);
  if (!v) return std::nullopt;
  const std::optional<double> per_s = read_unit_string<double>(
      *v, path_of(key), *diag_, "expected a rate such as \"500/s\" or \"1/5y\"",
      sim::parse_rate_per_s);
  if (per_s && !std::isfinite(*per_s)) {
    error(key, describe_json(*v) + " is too large a rate");
    return std::nullopt;
  }
  return per_s;
}

std::optional<double> ObjectReader::optional_size(std::string_view key) {
  checked(key, {ValueKind::kSize}, "optional_size");
  const json* v = value(key);
  if (!v) return std::nullopt;
  const std::optional<double> bytes = read_unit_string<double>(
      *v, path_of(key), *diag_, "expected a size such as \"500GiB\" or \"2TB\"",
      sim::parse_size_bytes);
  if (bytes && !(*bytes <= kMaxSizeBytes)) {
    error(key, describe_json(*v) + " is more than the limit of 1EiB");
    return std::nullopt;
  }
  return bytes;
}

std::optional<double> ObjectReader::optional_throughput(std::string_view key) {
  checked(key, {ValueKind::kThroughput}, "optional_throughput");
  const json* v = value(key);
  if (!v) return std::nullopt;
  const std::optional<double> bytes_per_s = read_unit_string<double>(
      *v, path_of(key), *diag_, "expected a throughput such as \"150MiB/s\" or \"5Gbps\"",
      sim::parse_throughput_bytes_per_s);
  if (bytes_per_s && !(*bytes_per_s <= kMaxThroughputBytesPerS)) {
    error(key, describe_json(*v) + " is more than the limit of 1PB/s");
    return std::nullopt;
  }
  return bytes_per_s;
}

std::optional<int64_t> ObjectReader::optional_int(std::string_view key, int64_t lo, int64_t hi,
                                                  std::string_view expected) {
  const Key& k = checked(key, {ValueKind::kInt}, "optional_int");
  DRSIM_CHECK(k.value.int_lo == lo && k.value.int_hi == hi)
      << "key \"" << key << "\" of table \"" << table_->name << "\" is read as [" << lo << ", "
      << hi << "], but its table says [" << k.value.int_lo << ", " << k.value.int_hi << "]";
  const json* v = value(key);
  if (!v) return std::nullopt;
  return read_int(*v, path_of(key), *diag_, lo, hi, expected);
}

int64_t ObjectReader::required_int(std::string_view key, int64_t lo, int64_t hi,
                                   std::string_view expected) {
  require(key);
  return optional_int(key, lo, hi, expected).value_or(lo);
}

std::optional<double> ObjectReader::optional_number(std::string_view key,
                                                    const NumberRange& range) {
  const Key& k = checked(key, {ValueKind::kNumber}, "optional_number");
  DRSIM_CHECK(k.value.range.same_bounds(range))
      << "key \"" << key << "\" of table \"" << table_->name
      << "\" is read with other bounds than its table's";
  const json* v = value(key);
  if (!v) return std::nullopt;
  if (v->is_number() && range.contains(v->get<double>())) return v->get<double>();
  error(key, "expected " + std::string(range.text) + ", got " + describe_json(*v));
  return std::nullopt;
}

double ObjectReader::required_number(std::string_view key, const NumberRange& range) {
  require(key);
  return optional_number(key, range).value_or(0);
}

std::optional<bool> ObjectReader::optional_bool(std::string_view key) {
  checked(key, {ValueKind::kBool}, "optional_bool");
  const json* v = value(key);
  if (!v) return std::nullopt;
  if (v->is_boolean()) return v->get<bool>();
  error(key, "expected true or false, got " + describe_json(*v));
  return std::nullopt;
}

std::optional<std::vector<std::string>> ObjectReader::optional_string_array(std::string_view key) {
  checked(key, {ValueKind::kNameArray}, "optional_string_array");
  const json* v = value(key);
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    error(key, "expected an array of strings, got " + describe_json(*v));
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (size_t i = 0; i < v->size(); ++i) {
    const json& e = (*v)[i];
    if (e.is_string() && !e.get_ref<const std::string&>().empty()) {
      out.push_back(e.get<std::string>());
    } else {
      diag_->error(index_path(path_of(key), i),
                   "expected a non-empty string, got " + describe_json(e));
      out.emplace_back();
    }
  }
  return out;
}

std::optional<ObjectReader> ObjectReader::object(std::string_view key) {
  const Key& k = checked(key, {ValueKind::kObject}, "object");
  const json* v = value(key);
  if (!v) return std::nullopt;
  if (!v->is_object()) {
    error(key, "expected an object, got " + describe_json(*v));
    return std::nullopt;
  }
  return ObjectReader(*v, path_of(key), *diag_, *k.value.table);
}

std::optional<ObjectReader> ObjectReader::required_object(std::string_view key) {
  require(key);
  return object(key);
}

std::vector<Element> ObjectReader::array(std::string_view key) {
  checked(key, {ValueKind::kObjectArray}, "array");
  const json* v = value(key);
  if (!v) return {};
  if (!v->is_array()) {
    error(key, "expected an array, got " + describe_json(*v));
    return {};
  }
  std::vector<Element> out;
  out.reserve(v->size());
  for (size_t i = 0; i < v->size(); ++i) out.push_back({&(*v)[i], index_path(path_of(key), i)});
  return out;
}

std::vector<ObjectReader> ObjectReader::object_array(std::string_view key) {
  const KeyTable& table = *checked(key, {ValueKind::kObjectArray}, "object_array").value.table;
  std::vector<ObjectReader> out;
  for (Element& e : array(key)) out.emplace_back(*e.value, std::move(e.path), *diag_, table);
  return out;
}

std::vector<std::pair<std::string, Element>> ObjectReader::entries() {
  DRSIM_CHECK(table_->is_map()) << "entries() of " << path_ << ", but table \"" << table_->name
                                << "\" has named keys";
  std::vector<std::pair<std::string, Element>> out;
  if (!object_) return out;
  for (auto it = object_->begin(); it != object_->end(); ++it) {
    lookup(it.key());
    out.push_back({it.key(), Element{&it.value(), path_of(it.key())}});
  }
  return out;
}

ObjectReader ObjectReader::entry_object(const Element& entry) const {
  DRSIM_CHECK(table_->is_map() && table_->entries->kind == ValueKind::kObject)
      << "entry_object() of " << path_ << ", but table \"" << table_->name
      << "\" is not a map of objects";
  return ObjectReader(*entry.value, entry.path, *diag_, *table_->entries->table);
}

void ObjectReader::error(std::string_view key, std::string_view message) const {
  diag_->error(path_of(key), message);
}

void ObjectReader::error_here(std::string_view message) const { diag_->error(path_, message); }

void ObjectReader::finish() {
  if (finished_) return;
  finished_ = true;
  if (!object_) return;
  std::set<std::string, std::less<>> explained;  // missing keys that an unknown key misspells
  for (auto it = object_->begin(); it != object_->end(); ++it) {
    const std::string& key = it.key();
    if (known_set_.count(key)) continue;
    const std::optional<std::string> match = closest_match(key, known_);
    if (match) explained.insert(*match);
    error_here("unknown key " + in_quotes(key) + suggestion_suffix(key, known_));
  }
  for (const std::string& key : missing_) {
    if (!explained.count(key)) error(key, "missing required key");
  }
}

}  // namespace drsim::models::scenario

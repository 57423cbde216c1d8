// ObjectReader: reads the keys of one JSON object of a scenario file, checking types and units,
// and records every problem (with its JSON path) in a shared Diagnostics instead of throwing, so
// that the loader can report all the problems of a file at once.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "models/scenario/keys.h"
#include "sim/distribution.h"
#include "sim/time.h"

namespace drsim::models::scenario {

// At most this many problems of a file are kept (and shown); the rest are only counted.
inline constexpr size_t kMaxProblems = 100;

// The problems found in one input file, each already formatted as "FILE: PATH: message" (or
// "FILE: message" for an empty path) in the order they were found. Only the first kMaxProblems
// are kept, so that junk with millions of problems costs no more memory than a few; count()
// tells how many there were in all.
class Diagnostics {
 public:
  explicit Diagnostics(std::string file_label) : file_(std::move(file_label)) {}

  // Records a problem with the value at `path` ("databases[0].azs[1]"; empty for the file).
  void error(std::string_view path, std::string_view message);
  // Records a problem that is already fully formatted (it starts with the file label).
  void add_formatted(std::string problem);

  const std::string& file() const { return file_; }
  // The first kMaxProblems problems.
  const std::vector<std::string>& problems() const { return problems_; }
  // How many problems were recorded, kept or not.
  size_t count() const { return count_; }
  bool has_problems() const { return count_ > 0; }
  // Whether a further problem would only be counted: callers may then skip costly parts of a
  // message, such as a "did you mean" search over thousands of names.
  bool is_full() const { return count_ >= kMaxProblems; }

 private:
  std::string file_;
  std::vector<std::string> problems_;
  size_t count_ = 0;
};

// Paths: "a.b" for a key that is an identifier of at most 64 bytes, `a["x y"]` for any other key
// (cut like in_quotes() does), "a[3]" for an element; an empty parent means the top level.
std::string key_path(std::string_view parent, std::string_view key);
std::string index_path(std::string_view parent, size_t index);
// key_path(path, key), in place.
void append_key_path(std::string& path, std::string_view key);

// A short, bounded rendering of a JSON value for messages: 86400, "24h", [1,2], {"a":1}. Long or
// deeply nested values are abbreviated with "...".
std::string describe_json(const nlohmann::json& value);
// `text` with control characters and bytes that are not valid UTF-8 escaped ("\\n", "\\xff"), so
// that a message never carries raw junk to a terminal. Valid UTF-8 text is kept as it is.
std::string printable(std::string_view text);
// `text` in double quotes, escaped like printable() and with quotes and backslashes escaped too;
// text longer than `max_bytes` is cut and ends in "...".
std::string in_quotes(std::string_view text, size_t max_bytes = 64);

// A long span in years for messages about limits: "1000 years", "3.2e+21 years".
std::string describe_years(double seconds);
// "Expected one of" and "did you mean" lists name at most this many.
inline constexpr size_t kListedNames = 12;
// `items` separated by `sep`: joined({"a", "b"}, ", ") is "a, b".
std::string joined(const std::vector<std::string>& items, std::string_view sep);

// Restricted Damerau-Levenshtein (optimal string alignment) distance.
size_t edit_distance(std::string_view a, std::string_view b);
// min(edit_distance(a, b), limit + 1), in time O((|a| + |b|) * limit): only the band of the
// table within `limit` of its diagonal is computed.
size_t edit_distance_at_most(std::string_view a, std::string_view b, size_t limit);
// The candidate closest to `word` when it is within edit distance 2 (and at most half of the
// shorter of the two changes) or one of the two is a prefix of the other (at least 2 characters);
// the first such candidate on ties; nullopt when none is close. Linear in the total length of the
// candidates.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);
// " (did you mean "x"?)" when a candidate is close, else " (expected one of: a, b, c)"; an empty
// list gives "".
std::string suggestion_suffix(std::string_view word, const std::vector<std::string>& candidates);

// Readers of single JSON values at `path`. Each returns nullopt after recording a problem when
// the value does not have the expected form.
std::optional<std::string> read_string(const nlohmann::json& v, std::string_view path,
                                       Diagnostics& diag);
// Accepts only a unit string such as "90s" or "1h30m"; a bare number is an error.
std::optional<sim::Duration> read_duration(const nlohmann::json& v, std::string_view path,
                                           Diagnostics& diag);
// A duration string (a constant) or a distribution object such as {"uniform": ["15s", "35s"]}.
std::optional<sim::Distribution> read_distribution(const nlohmann::json& v, std::string_view path,
                                                   Diagnostics& diag);

// Whether a duration key accepts zero.
enum class DurationMin { kZero, kPositive };

// One element of a JSON array and its path ("regions[2]").
struct Element {
  const nlohmann::json* value;
  std::string path;
};

// Reads one JSON object. Every key the loader asks about (present or not) becomes a known key;
// finish() then reports each key of the object that nobody asked about, with a "did you mean"
// when a known key is close. A missing required key is reported by finish() too, unless an
// unknown key looks like a misspelling of it (then the unknown key's message says it all).
//
// Every reader reads one kind of object, described by its KeyTable (keys.h). Asking for a key
// that is not in the table, or with an accessor that does not fit the key's kind (or other
// bounds than the table's), is a bug in the loader: a failed DRSIM_CHECK, whatever the input.
// object() and object_array() give their readers the key's own table.
//
// A reader of a value that is not an object reports that once and then reads nothing: every
// accessor returns its placeholder (nullopt, "", zero) without further messages.
// REQUIRES: the JSON value, the Diagnostics and the table outlive the reader.
class ObjectReader {
 public:
  ObjectReader(const nlohmann::json& value, std::string path, Diagnostics& diag,
               const KeyTable& table);
  ObjectReader(ObjectReader&& other) noexcept;
  ObjectReader(const ObjectReader&) = delete;
  ObjectReader& operator=(const ObjectReader&) = delete;
  ObjectReader& operator=(ObjectReader&&) = delete;
  ~ObjectReader();  // calls finish() if nobody did

  const std::string& path() const { return path_; }
  std::string path_of(std::string_view key) const { return key_path(path_, key); }
  Diagnostics& diagnostics() const { return *diag_; }
  bool is_object() const { return object_ != nullptr; }
  const KeyTable& table() const { return *table_; }
  // The table's entry of `key`. REQUIRES: the table has `key`.
  const Key& spec(std::string_view key) const;

  // Whether `key` is present; also makes it a known key.
  bool has(std::string_view key);
  // The raw value of `key`, or nullptr when absent (or this is not an object).
  const nlohmann::json* value(std::string_view key);
  // Marks `key` as known and ignores its value.
  void ignore(std::string_view key) { value(key); }
  // Makes `key` required: finish() reports it when absent. For keys read with value(),
  // array() or an optional_* accessor.
  void require(std::string_view key);

  // Required keys return a placeholder ("" or zero) when missing or invalid, after a problem
  // was recorded. Strings must be non-empty.
  std::string required_string(std::string_view key);
  std::optional<std::string> optional_string(std::string_view key);
  sim::Duration required_duration(std::string_view key, DurationMin min = DurationMin::kZero);
  std::optional<sim::Duration> optional_duration(std::string_view key,
                                                 DurationMin min = DurationMin::kZero);
  sim::Distribution required_distribution(std::string_view key);
  std::optional<sim::Distribution> optional_distribution(std::string_view key);
  // "03:00" or "03:00:00" (UTC): the offset from midnight.
  std::optional<sim::Duration> optional_time_of_day(std::string_view key);
  // "2026-03-03T00:00:00Z" or "2026-03-03": seconds since the Unix epoch.
  std::optional<int64_t> optional_utc_instant(std::string_view key);
  // "500/s", "1/5y": events per second.
  std::optional<double> optional_rate(std::string_view key);
  // "800GiB": bytes.
  std::optional<double> optional_size(std::string_view key);
  // "150MiB/s", "5Gbps": bytes per second.
  std::optional<double> optional_throughput(std::string_view key);
  // An integral number in [lo, hi]; `expected` names the range in messages (default
  // "an integer from LO to HI", or "an integer >= LO" when hi is the int64 maximum).
  std::optional<int64_t> optional_int(std::string_view key, int64_t lo, int64_t hi,
                                      std::string_view expected = {});
  int64_t required_int(std::string_view key, int64_t lo, int64_t hi,
                       std::string_view expected = {});
  std::optional<double> optional_number(std::string_view key, const NumberRange& range = {});
  double required_number(std::string_view key, const NumberRange& range = {});
  std::optional<bool> optional_bool(std::string_view key);
  // An array of non-empty strings. A bad element is reported and kept as "" so that element
  // indices still match the file; a missing key gives nullopt.
  std::optional<std::vector<std::string>> optional_string_array(std::string_view key);

  // The object at `key`: nullopt when absent, or (after a problem) when it is not an object.
  std::optional<ObjectReader> object(std::string_view key);
  // Like object(), but a missing key is a problem.
  std::optional<ObjectReader> required_object(std::string_view key);
  // The elements of the array at `key`; empty when absent or (after a problem) not an array.
  std::vector<Element> array(std::string_view key);
  // A reader per element of the array at `key`; a non-object element gets an inert reader.
  std::vector<ObjectReader> object_array(std::string_view key);
  // Every key of this object with its value, in key order; all become known. For objects
  // whose keys are data (the tier table). REQUIRES: the table is a map (KeyTable::entries).
  std::vector<std::pair<std::string, Element>> entries();
  // A reader of one of entries() that is an object. REQUIRES: the table is a map of objects.
  ObjectReader entry_object(const Element& entry) const;

  // Records a problem at `key` ("databases[0].size: ...") or at this object.
  void error(std::string_view key, std::string_view message) const;
  void error_here(std::string_view message) const;

  // Reports the missing required keys and every key nobody asked about. Idempotent.
  void finish();

 private:
  void missing(std::string_view key);
  // The table's entry of `key`, checked to have one of `kinds`; `accessor` names the caller in
  // the message of a failed check.
  const Key& checked(std::string_view key, std::initializer_list<ValueKind> kinds,
                     std::string_view accessor) const;
  // Makes `key` known and returns its value (nullptr when absent), without any check.
  const nlohmann::json* lookup(std::string_view key);

  const nlohmann::json* object_;  // nullptr: not an object (inert)
  const KeyTable* table_;
  std::string path_;
  Diagnostics* diag_;
  std::vector<std::string> known_;  // keys asked about, in the order asked
  std::set<std::string, std::less<>> known_set_;
  std::vector<std::string> missing_;  // required keys that were absent
  bool finished_ = false;
};

}  // namespace drsim::models::scenario

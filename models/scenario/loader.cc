// Scenario loading: parses the JSON (line and column for malformed text, paths for duplicate
// keys), reads every key of DESIGN.md §3 with ObjectReader, checks names and cross-references, and
// reports all problems of the file at once.
#include "models/scenario/loader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <span>
#include <sstream>
#include <utility>
#include <variant>

#include "models/scenario/keys.h"
#include "models/scenario/object_reader.h"
#include "models/scenario/writer.h"
#include "sim/check.h"
#include "sim/units.h"

namespace drsim::models::scenario {
namespace {

using nlohmann::json;
using sim::Duration;

constexpr size_t kPathBytes = 1024;      // file paths in messages are cut only beyond this
constexpr size_t kMaxTraceProblems = 5;  // per trace file
constexpr std::string_view kDefaultStart = "2026-01-05T00:00:00Z";  // a Monday, midnight UTC
constexpr std::string_view kTraceHeader = "start_time,end_time,status,service";
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

std::string fmt(Duration d) { return format_duration_exact(d); }

// "a", "a and b", "a, b and c".
std::string join_and(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

// "an az_outage", "a disaster".
std::string with_article(std::string_view word) {
  const bool vowel =
      !word.empty() && std::string_view("aeiou").find(word[0]) != std::string_view::npos;
  return (vowel ? "an " : "a ") + std::string(word);
}

std::string join_comma(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i > 0 ? ", " : "") + items[i];
  return out;
}

// ---- Reading files ----

// "64 MiB (67108864 bytes)".
std::string mib(uint64_t bytes) {
  return std::to_string(bytes >> 20) + " MiB (" + std::to_string(bytes) + " bytes)";
}

std::string too_large(uint64_t size, uint64_t max_bytes) {
  return "it is " + std::to_string(size) + " bytes, more than the limit of " + mib(max_bytes);
}

// What kind of file `mode` is, for "it is a FIFO, not a regular file".
std::string_view file_kind(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  return "not a regular file";
}

// The text of a file, or why it cannot be read ("it is a directory", "No such file or
// directory", "it is 150000001 bytes, more than the limit of ...").
struct FileText {
  std::string text;
  std::optional<std::string> problem;
};

// Reads at most `max_bytes` of the file at `path`; a larger file is refused, a regular one
// before anything is read. With `regular_only`, anything but a regular file (after following
// symbolic links) is refused without being opened, and the file is opened non-blocking and
// checked again, so that a FIFO swapped in meanwhile cannot hang the loader. Without it, pipes
// and devices are read (up to the limit) but directories are refused.
FileText read_capped(const std::string& path, uint64_t max_bytes, bool regular_only) {
  const auto failed = [](std::string why) { return FileText{"", std::move(why)}; };
  const auto refused = [&](const struct stat& st) -> std::optional<std::string> {
    if (S_ISDIR(st.st_mode)) return "it is a directory";
    if (regular_only && !S_ISREG(st.st_mode)) {
      return "it is " + std::string(file_kind(st.st_mode)) + ", not a regular file";
    }
    if (S_ISREG(st.st_mode) && static_cast<uint64_t>(st.st_size) > max_bytes) {
      return too_large(static_cast<uint64_t>(st.st_size), max_bytes);
    }
    return std::nullopt;
  };
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return failed(std::strerror(errno));
  if (std::optional<std::string> why = refused(st)) return failed(*why);
  const int flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | (regular_only ? O_NONBLOCK : 0);
  const int fd = ::open(path.c_str(), flags);
  if (fd < 0) return failed(std::strerror(errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  if (::fstat(fd, &st) != 0) return failed(std::strerror(errno));
  if (std::optional<std::string> why = refused(st)) return failed(*why);
  FileText out;
  if (S_ISREG(st.st_mode)) out.text.reserve(static_cast<size_t>(st.st_size));
  char buffer[1 << 16];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return failed(std::strerror(errno));
    if (n == 0) break;
    if (out.text.size() + static_cast<size_t>(n) > max_bytes) {
      return failed("it holds more than the limit of " + mib(max_bytes));
    }
    out.text.append(buffer, static_cast<size_t>(n));
  }
  return out;
}

// ---- Parsing ----

// A pointer into the text that also records how far the parser has read, so that problems found
// in SAX callbacks (which get no position) can give a line and column.
class CountingIterator {
 public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  CountingIterator(const char* at, const char** read_to) : at_(at), read_to_(read_to) {}
  reference operator*() const { return *at_; }
  CountingIterator& operator++() {
    *read_to_ = ++at_;
    return *this;
  }
  CountingIterator operator++(int) {
    CountingIterator before = *this;
    ++*this;
    return before;
  }
  friend bool operator==(const CountingIterator& a, const CountingIterator& b) {
    return a.at_ == b.at_;
  }

 private:
  const char* at_;
  const char** read_to_;
};

// The element limit of an array, and what its elements are called in messages.
struct ArrayLimit {
  size_t max;
  std::string_view what;
};

// Builds the document from SAX events, which (unlike json::parse) give the position of every
// error, number overflow included. Also reports keys that appear twice in one object, which
// json::parse would silently resolve to the last one, and stops at the first limit of limits.h
// that the text exceeds, before the document grows any further.
class DocumentBuilder : public nlohmann::json_sax<json> {
 public:
  DocumentBuilder(Diagnostics& diag, const char* const* read_to) : diag_(diag), read_to_(read_to) {}

  bool null() override { return add(nullptr); }
  bool boolean(bool v) override { return add(v); }
  bool number_integer(number_integer_t v) override { return add(v); }
  bool number_unsigned(number_unsigned_t v) override { return add(v); }
  bool number_float(number_float_t v, const string_t&) override { return add(v); }
  bool string(string_t& v) override { return add(std::move(v)); }
  bool binary(binary_t& v) override { return add(json::binary(std::move(v))); }
  bool start_object(std::size_t) override { return open(json::object()); }
  bool start_array(std::size_t) override { return open(json::array()); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }

  bool key(string_t& k) override {
    Frame& top = frames_.back();
    if (top.container->contains(k)) {
      // Past the problems that are shown, a duplicate is only counted: no path to build.
      diag_.error(diag_.is_full() ? "" : path(), "duplicate key " + in_quotes(k));
    }
    top.key = std::move(k);
    return true;
  }

  bool parse_error(std::size_t position, const std::string& last_token,
                   const nlohmann::detail::exception& ex) override {
    error_ = Error{position, last_token, ex.what(), ex.id};
    return false;
  }

  struct Error {
    size_t position;  // characters read when the error was found
    std::string last_token;
    std::string what;
    int id;
  };
  const std::optional<Error>& error() const { return error_; }
  // A limit the text exceeds: where the parser stopped (the offset just after the last byte it
  // read), the JSON path ("" for none) and the message.
  struct LimitProblem {
    const char* read_to;
    std::string path;
    std::string message;
  };
  const std::optional<LimitProblem>& limit_problem() const { return limit_problem_; }
  json& root() { return root_; }

 private:
  struct Frame {
    json* container;
    std::string key;  // the current key of an object
    ArrayLimit limit;
  };

  // Adds `v` to the open container (or as the root); returns where it now lives, or nullptr
  // after a limit problem.
  json* place(json v) {
    if (++values_ > kMaxJsonValues) {
      return exceeded("", "more than " + std::to_string(kMaxJsonValues) +
                              " JSON values (the limit is " + std::to_string(kMaxJsonValues) + ")");
    }
    if (frames_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    Frame& top = frames_.back();
    if (top.container->is_array()) {
      if (top.container->size() >= top.limit.max) {
        return exceeded(path(), "more than " + std::to_string(top.limit.max) + " " +
                                    std::string(top.limit.what) + " (the limit is " +
                                    std::to_string(top.limit.max) + ")");
      }
      top.container->push_back(std::move(v));
      return &top.container->back();
    }
    json& slot = (*top.container)[top.key];
    slot = std::move(v);
    return &slot;
  }
  bool add(json v) { return place(std::move(v)) != nullptr; }
  bool open(json container) {
    if (frames_.size() >= kMaxNestingDepth) {
      exceeded("", "arrays and objects nested more than " + std::to_string(kMaxNestingDepth) +
                       " deep (the limit is " + std::to_string(kMaxNestingDepth) + ")");
      return false;
    }
    const ArrayLimit limit = container.is_array() ? array_limit() : ArrayLimit{0, ""};
    json* placed = place(std::move(container));
    if (!placed) return false;
    frames_.push_back({placed, {}, limit});
    return true;
  }
  bool close() {
    frames_.pop_back();
    return true;
  }
  json* exceeded(std::string path, std::string message) {
    limit_problem_ = LimitProblem{*read_to_, std::move(path), std::move(message)};
    return nullptr;
  }

  // The limit of an array about to open in the innermost open container.
  ArrayLimit array_limit() const {
    static constexpr std::array<std::pair<std::string_view, ArrayLimit>, 6> kTopLevel = {{
        {"regions", {kMaxRegions, "regions"}},
        {"links", {kMaxLinks, "links"}},
        {"databases", {kMaxDatabases, "databases"}},
        {"object_stores", {kMaxObjectStores, "object stores"}},
        {"services", {kMaxServices, "services"}},
        {"faults", {kMaxFaults, "faults"}},
    }};
    const ArrayLimit generic{kMaxArrayElements, "elements in one array"};
    if (frames_.size() == 1 && frames_[0].container->is_object()) {
      for (const auto& [key, limit] : kTopLevel) {
        if (frames_[0].key == key) return limit;
      }
    }
    if (frames_.size() == 3 && frames_[0].container->is_object() && frames_[0].key == "regions" &&
        frames_[2].container->is_object() && frames_[2].key == "azs") {
      return {kMaxAzsPerRegion, "AZs in one region"};
    }
    return generic;
  }

  // The path of the innermost open container, built in one pass.
  std::string path() const {
    std::string out;
    for (size_t i = 1; i < frames_.size(); ++i) {
      const Frame& parent = frames_[i - 1];
      if (parent.container->is_array()) {
        out += '[' + std::to_string(parent.container->size() - 1) + ']';
      } else {
        append_key_path(out, parent.key);
      }
    }
    return out;
  }

  Diagnostics& diag_;
  const char* const* read_to_;
  json root_;
  std::vector<Frame> frames_;
  size_t values_ = 0;
  std::optional<Error> error_;
  std::optional<LimitProblem> limit_problem_;
};

// nlohmann's message without "[json.exception.parse_error.101] parse error at line 3, column 19: ",
// and with a long "last read" token cut short.
std::string short_reason(const DocumentBuilder::Error& e) {
  std::string reason = e.what;
  if (const size_t bracket = reason.find("] ");
      reason.rfind("[json.exception.", 0) == 0 && bracket != std::string::npos) {
    reason.erase(0, bracket + 2);
  }
  if (reason.rfind("parse error", 0) == 0) {
    if (const size_t colon = reason.find(": "); colon != std::string::npos) {
      reason.erase(0, colon + 2);
    }
  }
  const std::string last_read = "last read: '";
  if (const size_t at = reason.find(last_read); at != std::string::npos) {
    const size_t start = at + last_read.size();
    size_t end = reason.find("'; ", start);
    if (end == std::string::npos) end = reason.rfind('\'');
    if (end != std::string::npos && end >= start && end - start > 24) {
      reason.replace(start, end - start, reason.substr(start, 20) + "...");
    }
  }
  // "unexpected '}'; expected string literal": a comma reads as well, and a semicolon is a list
  // separator to the CMake scripts that compare these lines.
  for (size_t at = reason.find("; "); at != std::string::npos; at = reason.find("; ", at)) {
    reason[at] = ',';
  }
  return printable(reason);
}

// 1-based line and column (in characters, not bytes) of byte `offset` of `text`.
std::pair<size_t, size_t> line_and_column(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  size_t line = 1, column = 1;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;  // UTF-8 continuation bytes do not start a character
    }
  }
  return {line, column};
}

std::string malformed_json_problem(std::string_view text, const std::string& label,
                                   const DocumentBuilder::Error& e) {
  // The position counts the bytes read, the offending one included. A string or number is
  // judged after its last byte, so point at its first instead (its token is exactly what was
  // read for it; other tokens may carry bytes read before them).
  constexpr int kNumberOverflow = 406;
  std::string reason = short_reason(e);
  const bool whole_token = e.id == kNumberOverflow ||
                           reason.find("unexpected string literal") != std::string::npos ||
                           reason.find("unexpected number literal") != std::string::npos;
  size_t offset = e.position > 0 ? e.position - 1 : 0;
  if (whole_token && e.position >= e.last_token.size()) offset = e.position - e.last_token.size();
  const auto [line, column] = line_and_column(text, offset);
  size_t before = std::min(offset, text.size());
  while (before > 0 && std::isspace(static_cast<unsigned char>(text[before - 1]))) --before;
  if (before > 0 && text[before - 1] == ',' &&
      (reason.find("unexpected '}'") != std::string::npos ||
       reason.find("unexpected ']'") != std::string::npos)) {
    reason += " (remove the trailing comma)";
  }
  return label + ":" + std::to_string(line) + ":" + std::to_string(column) +
         ": malformed JSON: " + reason;
}

// ---- Enumerations ----

const std::vector<std::pair<std::string, Deployment>>& deployments() {
  static const std::vector<std::pair<std::string, Deployment>> kAll = {
      {"single-az", Deployment::kSingleAz},
      {"multi-az", Deployment::kMultiAz},
      {"multi-az-cluster", Deployment::kMultiAzCluster},
      {"aurora", Deployment::kAurora},
      {"aurora-global", Deployment::kAuroraGlobal}};
  return kAll;
}

const std::vector<std::pair<std::string, FaultKind>>& fault_kinds() {
  static const std::vector<std::pair<std::string, FaultKind>> kAll = {
      {"instance_failure", FaultKind::kInstanceFailure},
      {"storage_failure", FaultKind::kStorageFailure},
      {"az_outage", FaultKind::kAzOutage},
      {"region_outage", FaultKind::kRegionOutage},
      {"disaster", FaultKind::kDisaster},
      {"network_partition", FaultKind::kNetworkPartition},
      {"data_corruption", FaultKind::kDataCorruption},
      {"data_deletion", FaultKind::kDataDeletion},
      {"backup_failure", FaultKind::kBackupFailure},
      {"control_plane", FaultKind::kControlPlane},
      {"switchover", FaultKind::kSwitchover},
      {"failover_test", FaultKind::kFailoverTest}};
  return kAll;
}

template <typename E>
std::vector<std::string> names_of(const std::vector<std::pair<std::string, E>>& table) {
  std::vector<std::string> out;
  for (const auto& entry : table) out.push_back(entry.first);
  return out;
}

// Reads the required enumeration `key`; `what` names it in messages ("deployment").
template <typename E>
std::optional<E> read_enum(ObjectReader& r, std::string_view key, std::string_view what,
                           const std::vector<std::pair<std::string, E>>& table) {
  const std::span<const std::string_view> listed = r.spec(key).value.enum_values;
  DRSIM_CHECK(std::equal(listed.begin(), listed.end(), table.begin(), table.end(),
                         [](std::string_view a, const auto& b) { return a == b.first; }))
      << "the values of key \"" << key << "\" in models/scenario/keys.cc are not the loader's";
  const std::string text = r.required_string(key);
  if (text.empty()) return std::nullopt;
  for (const auto& [name, value] : table) {
    if (name == text) return value;
  }
  r.error(key, "unknown " + std::string(what) + " " + in_quotes(text) +
                   suggestion_suffix(text, names_of(table)));
  return std::nullopt;
}

// How many AZs each deployment spans, and why, for the message when the count is wrong.
std::pair<size_t, std::string_view> azs_needed(Deployment d) {
  switch (d) {
    case Deployment::kSingleAz:
      return {1, "exactly 1 AZ"};
    case Deployment::kMultiAz:
      return {2, "exactly 2 AZs (a primary and its standby)"};
    case Deployment::kMultiAzCluster:
      return {3, "exactly 3 AZs (a writer and two readable standbys)"};
    case Deployment::kAurora:
      return {3, "exactly 3 AZs (six storage copies, two in each AZ)"};
    case Deployment::kAuroraGlobal:
      return {3, "exactly 3 AZs in its primary region"};
  }
  return {1, "exactly 1 AZ"};
}

enum class TargetSort { kDatabase, kAz, kRegion };

TargetSort target_sort(FaultKind k) {
  switch (k) {
    case FaultKind::kAzOutage:
      return TargetSort::kAz;
    case FaultKind::kRegionOutage:
    case FaultKind::kDisaster:
    case FaultKind::kNetworkPartition:
    case FaultKind::kControlPlane:
      return TargetSort::kRegion;
    default:
      return TargetSort::kDatabase;
  }
}

bool is_logical(FaultKind k) {
  return k == FaultKind::kDataCorruption || k == FaultKind::kDataDeletion;
}

bool hits_one_instance(FaultKind k) {
  return k == FaultKind::kInstanceFailure || k == FaultKind::kStorageFailure;
}

// Why a fault of kind `k` takes no "duration", or nullopt when it may have one.
std::optional<std::string_view> why_no_duration(FaultKind k) {
  switch (k) {
    case FaultKind::kInstanceFailure:
    case FaultKind::kStorageFailure:
      return "the database's \"replace\" time repairs a failed instance";
    case FaultKind::kDisaster:
      return "a disaster destroys the region and nothing comes back by itself (use region_outage "
             "for an outage that ends)";
    case FaultKind::kDataCorruption:
    case FaultKind::kDataDeletion:
      return "a logical fault lasts until a restore repairs it (\"detect_after\" says when it is "
             "noticed)";
    case FaultKind::kFailoverTest:
      return "a failover test lasts as long as the failover it starts";
    default:
      return std::nullopt;
  }
}

// What a fault of kind `k` that ends by itself must say with "duration".
std::string_view what_duration_says(FaultKind k) {
  switch (k) {
    case FaultKind::kAzOutage:
      return "how long the AZ is down (or set \"destroys_data\": true)";
    case FaultKind::kRegionOutage:
      return "how long the region is down";
    case FaultKind::kNetworkPartition:
      return "how long the region's links stay cut";
    case FaultKind::kControlPlane:
      return "how long the control plane is down";
    case FaultKind::kBackupFailure:
      return "how long backups keep failing";
    default:
      return "how long it lasts";
  }
}

// ---- Defaults (DESIGN.md §1 and §3) ----

std::map<int, TierTarget> default_tiers() {
  return {{0, {Duration::hours(1), Duration::hours(4)}},
          {1, {Duration::hours(1), Duration::hours(6)}},
          {2, {Duration::hours(8), Duration::hours(24)}},
          {3, {Duration::hours(24), Duration::hours(72)}}};
}

sim::Distribution uniform(Duration lo, Duration hi) {
  return *sim::Distribution::uniform(lo, hi, nullptr);
}

// Failover defaults by deployment.
// - multi-az: ../shared/reference/aws-facts.md §1.1 gives "typically 60–120 seconds" and its
//   "Suggested defaults" row rds_multiaz_instance.failover_s = 90: the three uniform parts
//   below sum to 60–120 s with a mean of 90 s.
// - multi-az-cluster: §1.2 "typically under 35 seconds" (row rds_multiaz_cluster.failover_s =
//   30): 17–35 s, mean 26 s; promotion includes the readers applying outstanding transactions.
// - aurora, aurora-global: §1.3 "often less than 30 seconds", cluster-endpoint DNS "less than 30
//   seconds" (row aurora.failover_with_replica_s = 30): 20–40 s, mean 30 s.
FailoverSpec default_failover(Deployment deployment) {
  switch (deployment) {
    case Deployment::kMultiAzCluster:
      return {uniform(Duration::seconds(5), Duration::seconds(10)),
              uniform(Duration::seconds(10), Duration::seconds(20)),
              uniform(Duration::seconds(2), Duration::seconds(5))};
    case Deployment::kAurora:
    case Deployment::kAuroraGlobal:
      return {uniform(Duration::seconds(5), Duration::seconds(10)),
              uniform(Duration::seconds(10), Duration::seconds(20)),
              uniform(Duration::seconds(5), Duration::seconds(10))};
    default:
      return {uniform(Duration::seconds(15), Duration::seconds(30)),
              uniform(Duration::seconds(35), Duration::seconds(60)),
              uniform(Duration::seconds(10), Duration::seconds(30))};
  }
}

// aws-facts.md §1.5, "Suggested defaults" row read_replica.promote_s = 300.
constexpr Duration kReplicaPromote = Duration::minutes(5);
// aws-facts.md §1.3, "Suggested defaults" row aurora.recreate_primary_s = 600.
constexpr Duration kReplace = Duration::minutes(10);
// The response defaults are DESIGN.md §3's example: paged within 5 minutes, acknowledged after a
// median 5 and a 95th percentile of 20 minutes.
constexpr Duration kResponseDetect = Duration::minutes(5);

sim::Distribution default_ack() {
  return *sim::Distribution::lognormal(Duration::minutes(5), Duration::minutes(20), nullptr);
}

// ---- Trace CSV files ----

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  return std::string(s);
}

// One field of a trace row: its text, trimmed, and the 1-based column where it starts.
struct CsvField {
  std::string text;
  size_t column;
};

std::vector<CsvField> split_csv_line(std::string_view line) {
  std::vector<CsvField> fields;
  size_t start = 0;
  while (true) {
    const size_t comma = line.find(',', start);
    const std::string_view raw =
        line.substr(start, comma == std::string_view::npos ? comma : comma - start);
    size_t lead = 0;
    while (lead < raw.size() && std::isspace(static_cast<unsigned char>(raw[lead]))) ++lead;
    fields.push_back({trim(raw), start + lead + 1});
    if (comma == std::string_view::npos) return fields;
    start = comma + 1;
  }
}

std::optional<double> parse_decimal(const std::string& text) {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

// A problem of one trace row: the column it is at (0: the whole row) and what is wrong. It
// never quotes the file: a trace path may name a file the scenario's author cannot read
// otherwise, and the message must not become a way to read it.
struct TraceProblem {
  size_t column;
  std::string message;
};

// One data row of a trace; a problem when it is not usable.
std::variant<TraceRow, TraceProblem> parse_trace_row(const std::vector<CsvField>& fields,
                                                     Duration previous_start) {
  if (fields.size() != 4) {
    return TraceProblem{0, "expected 4 comma-separated fields (" + std::string(kTraceHeader) +
                               "), got " + std::to_string(fields.size())};
  }
  constexpr std::string_view kSeconds = ": expected seconds from the trace's start such as 24962.0";
  const std::optional<double> start = parse_decimal(fields[0].text);
  const std::optional<double> end = parse_decimal(fields[1].text);
  const std::optional<double> status = parse_decimal(fields[2].text);
  if (!start || *start < 0 || *start > 9e12) {
    return TraceProblem{fields[0].column, "start_time" + std::string(kSeconds)};
  }
  if (!end || *end < 0 || *end > 9e12) {
    return TraceProblem{fields[1].column, "end_time" + std::string(kSeconds)};
  }
  if (*end < *start) return TraceProblem{fields[1].column, "end_time is before start_time"};
  if (!status || *status < 0 || *status > 1) {
    return TraceProblem{fields[2].column, "status: expected a severity between 0 and 1"};
  }
  TraceRow row{Duration::from_seconds(*start), Duration::from_seconds(*end), *status};
  if (row.start < previous_start) {
    return TraceProblem{fields[0].column, "rows must be in order of start_time"};
  }
  return row;
}

// Whether the canonical path `p` is `dir` or lies under it (both absolute and canonical).
bool is_within(const std::filesystem::path& p, const std::filesystem::path& dir) {
  auto d = dir.begin();
  for (auto it = p.begin(); d != dir.end(); ++it, ++d) {
    if (it == p.end() || *it != *d) {
      // A trailing separator ends `dir` in an empty last element.
      return d->empty() && std::next(d) == dir.end();
    }
  }
  return true;
}

// ---- The loader ----

// Reads a whole scenario. Names are checked as soon as what they refer to has been read, which
// the order of read() guarantees: regions, links, databases, object stores, services, response,
// faults.
class Loader {
 public:
  Loader(Diagnostics& diag, std::string base_dir, const LoadOptions& options)
      : diag_(diag), base_dir_(std::move(base_dir)), options_(options) {}

  Scenario read(const json& root) {
    ObjectReader r(root, "", diag_, scenario_keys());
    read_settings(r);
    read_regions(r);
    read_links(r);
    for (ObjectReader& d : r.object_array("databases")) s_.databases.push_back(read_database(d));
    for (ObjectReader& o : r.object_array("object_stores")) {
      s_.object_stores.push_back(read_object_store(o));
    }
    read_services(r);
    if (std::optional<ObjectReader> resp = r.object("response")) s_.response = read_response(*resp);
    for (ObjectReader& f : r.object_array("faults")) s_.faults.push_back(read_fault(f));
    r.finish();
    return std::move(s_);
  }

 private:
  // ---- Top-level settings ----

  void read_settings(ObjectReader& r) {
    s_.name = r.required_string("name");
    s_.description = r.optional_string("description").value_or("");
    r.optional_string("$schema");  // editors' schema hint; means nothing to drsim
    s_.horizon = r.required_duration("horizon", DurationMin::kPositive);
    if (s_.horizon > kMaxHorizon) {
      r.error("horizon", describe_json(*r.value("horizon")) + " is longer than the limit of " +
                             describe_years(kMaxHorizon.in_seconds()));
      s_.horizon = Duration();  // nothing below compares against it
    }
    s_.start_epoch_s =
        r.optional_utc_instant("start").value_or(*sim::parse_utc_instant(kDefaultStart));
    s_.seed = read_seed(r).value_or(1);
    s_.trials = static_cast<uint64_t>(
        r.optional_int("trials", 1, std::numeric_limits<int64_t>::max()).value_or(1000));
    if (s_.trials > kMaxTrials) {
      r.error("trials", describe_json(*r.value("trials")) + " is more than the limit of " +
                            std::to_string(kMaxTrials) + " (as for --trials)");
      s_.trials = kMaxTrials;
    }
    read_tiers(r);
    read_failover_window(r);
    s_.failover_slo = r.optional_number("failover_slo", kPositiveFraction).value_or(0.99);
    s_.tier_slo = r.optional_number("tier_slo", kPositiveFraction).value_or(0.95);
    // At most 20 cross-region snapshot copies in flight per destination (aws-facts §1.5).
    s_.snapshot_copy_limit = static_cast<int>(
        r.optional_int("snapshot_copy_limit", 1, 1'000'000, "an integer >= 1").value_or(20));
    if (std::optional<ObjectReader> costs = r.object("costs")) read_costs(*costs);
  }

  // Any whole number in [0, 2^64 - 1]: the seed is a uint64 however it is written (1e19 too), but
  // a negative, fractional or larger number is an error rather than a wrapped or rounded seed.
  std::optional<uint64_t> read_seed(ObjectReader& r) {
    const json* v = r.value("seed");
    if (!v) return std::nullopt;
    if (v->is_number_unsigned()) return v->get<uint64_t>();
    if (v->is_number_integer() && v->get<int64_t>() >= 0) {
      return static_cast<uint64_t>(v->get<int64_t>());
    }
    constexpr double kTwoTo64 = 18446744073709551616.0;
    if (v->is_number_float()) {
      const double f = v->get<double>();
      if (f >= 0 && f < kTwoTo64 && f == std::floor(f)) return static_cast<uint64_t>(f);
    }
    r.error("seed", "expected a whole number from 0 to " +
                        std::to_string(std::numeric_limits<uint64_t>::max()) + ", got " +
                        describe_json(*v));
    return std::nullopt;
  }

  // Prices are plain numbers (money per the unit in the key's name); the defaults are CostSpec's.
  void read_costs(ObjectReader& r) {
    constexpr NumberRange kPrice{0, std::numeric_limits<double>::infinity(), false, false,
                                 "a price >= 0"};
    constexpr NumberRange kMultiplier{0, std::numeric_limits<double>::infinity(), false, false,
                                      "a multiplier >= 0"};
    constexpr NumberRange kChange{0, std::numeric_limits<double>::infinity(), false, false,
                                  "a fraction of the size >= 0 (0.05: 5 % written per day)"};
    CostSpec& c = s_.costs;
    if (std::optional<std::string> currency = optional_name(r, "currency")) c.currency = *currency;
    if (std::optional<ObjectReader> prices = r.object("instance_hour")) {
      for (const auto& [cls, element] : prices->entries()) {
        if (cls.empty()) {
          diag_.error(element.path, "an instance class needs a name");
        } else if (element.value->is_number() && kPrice.contains(element.value->get<double>())) {
          c.instance_hour[cls] = element.value->get<double>();
        } else {
          diag_.error(element.path, "expected a price >= 0 per instance-hour, got " +
                                        describe_json(*element.value));
        }
      }
    }
    c.standby_multiplier =
        r.optional_number("standby_multiplier", kMultiplier).value_or(c.standby_multiplier);
    c.replica_multiplier =
        r.optional_number("replica_multiplier", kMultiplier).value_or(c.replica_multiplier);
    c.storage_gib_month =
        r.optional_number("storage_gib_month", kPrice).value_or(c.storage_gib_month);
    c.backup_gib_month = r.optional_number("backup_gib_month", kPrice).value_or(c.backup_gib_month);
    c.transfer_gib = r.optional_number("transfer_gib", kPrice).value_or(c.transfer_gib);
    c.object_storage_gib_month =
        r.optional_number("object_storage_gib_month", kPrice).value_or(c.object_storage_gib_month);
    c.object_replication_gib =
        r.optional_number("object_replication_gib", kPrice).value_or(c.object_replication_gib);
    c.change_per_day = r.optional_number("change_per_day", kChange).value_or(c.change_per_day);
    r.finish();
  }

  void read_tiers(ObjectReader& r) {
    s_.tiers = default_tiers();
    std::optional<ObjectReader> tiers = r.object("tiers");
    if (!tiers) return;
    for (const auto& [key, element] : tiers->entries()) {
      if (key.size() != 1 || key[0] < '0' || key[0] > '3') {
        tiers->error_here("unknown tier " + in_quotes(key) +
                          " (tiers are \"0\", \"1\", \"2\" and \"3\")");
        continue;
      }
      ObjectReader t = tiers->entry_object(element);
      TierTarget target;
      target.rpo = t.required_duration("rpo");
      target.rto = t.required_duration("rto", DurationMin::kPositive);
      t.finish();
      s_.tiers[key[0] - '0'] = target;
    }
  }

  void read_failover_window(ObjectReader& r) {
    s_.failover_window_lo = Duration::seconds(60);
    s_.failover_window_hi = Duration::seconds(120);
    const json* v = r.value("failover_window");
    if (!v) return;
    const std::string path = r.path_of("failover_window");
    if (!v->is_array() || v->size() != 2) {
      diag_.error(path, "expected two durations [lo, hi] such as [\"60s\", \"120s\"], got " +
                            describe_json(*v));
      return;
    }
    const std::optional<Duration> lo = read_duration((*v)[0], index_path(path, 0), diag_);
    const std::optional<Duration> hi = read_duration((*v)[1], index_path(path, 1), diag_);
    if (!lo || !hi) return;
    if (*lo > *hi) {
      diag_.error(path, "the lower bound " + fmt(*lo) + " is above the upper bound " + fmt(*hi));
    }
    s_.failover_window_lo = *lo;
    s_.failover_window_hi = *hi;
  }

  // ---- Regions and links ----

  void read_regions(ObjectReader& r) {
    r.require("regions");
    std::vector<ObjectReader> regions = r.object_array("regions");
    if (r.has("regions") && r.value("regions")->is_array() && regions.empty()) {
      r.error("regions", "needs at least one region");
    }
    for (ObjectReader& region : regions) s_.regions.push_back(read_region(region));
  }

  Region read_region(ObjectReader& r) {
    Region region;
    region.name = r.required_string("name");
    if (!region.name.empty()) {
      if (const auto it = region_paths_.find(region.name); it != region_paths_.end()) {
        r.error("name", "duplicate region " + in_quotes(region.name) + " (first defined at " +
                            it->second + ")");
      } else {
        region_paths_.emplace(region.name, r.path_of("name"));
        region_names_.push_back(region.name);
      }
    }
    r.require("azs");
    region.azs = r.optional_string_array("azs").value_or(std::vector<std::string>{});
    if (r.has("azs") && r.value("azs")->is_array() && region.azs.empty()) {
      r.error("azs", "needs at least one AZ");
    }
    for (size_t i = 0; i < region.azs.size(); ++i) {
      define_az(region.azs[i], region.name, index_path(r.path_of("azs"), i));
    }
    r.finish();
    return region;
  }

  void define_az(const std::string& az, const std::string& region, const std::string& path) {
    if (az.empty()) return;
    if (const auto it = az_paths_.find(az); it != az_paths_.end()) {
      diag_.error(path, "duplicate AZ " + in_quotes(az) + " (first defined at " + it->second + ")");
      return;
    }
    az_paths_.emplace(az, path);
    az_names_.push_back(az);
    az_region_.emplace(az, region);
    if (!region.empty()) region_azs_[region].push_back(az);
  }

  // suggestion_suffix(), unless the problem will only be counted: a search over thousands of
  // names for each of millions of problems would cost time for nothing.
  std::string suggest(std::string_view word, const std::vector<std::string>& names) const {
    return diag_.is_full() ? "" : suggestion_suffix(word, names);
  }

  bool is_database(const std::string& name) const { return database_index_.count(name) > 0; }
  const DatabaseSpec* database_named(const std::string& name) const {
    const auto it = database_index_.find(name);
    return it == database_index_.end() || it->second >= s_.databases.size()
               ? nullptr
               : &s_.databases[it->second];
  }

  // Whether `name` is a defined region; reports it at `path` when not. An empty name was already
  // reported by whoever read it.
  bool check_region(const std::string& name, const std::string& path) {
    // With no region defined, "regions" itself has been reported; naming every reference to a
    // region as unknown would bury that one message.
    if (name.empty() || region_names_.empty()) return false;
    if (region_paths_.count(name)) return true;
    diag_.error(path, "unknown region " + in_quotes(name) + suggest(name, region_names_));
    return false;
  }

  void read_links(ObjectReader& r) {
    std::map<std::pair<std::string, std::string>, std::string> seen;  // sorted pair -> path
    for (ObjectReader& l : r.object_array("links")) {
      Link link = read_link(l);
      if (link.a.empty() || link.b.empty() || link.a == link.b) {
        s_.links.push_back(std::move(link));
        continue;
      }
      const auto key = std::minmax(link.a, link.b);
      if (const auto it = seen.find(key); it != seen.end()) {
        l.error_here("duplicate link between " + link.a + " and " + link.b + " (first defined at " +
                     it->second + ")");
      } else {
        seen.emplace(key, l.path());
      }
      s_.links.push_back(std::move(link));
    }
  }

  Link read_link(ObjectReader& r) {
    Link link;
    r.require("between");
    if (const json* between = r.value("between")) {
      const std::string path = r.path_of("between");
      if (!between->is_array() || between->size() != 2 || !(*between)[0].is_string() ||
          !(*between)[1].is_string()) {
        diag_.error(path, "expected two region names such as [\"us-east-1\", \"us-west-2\"], got " +
                              describe_json(*between));
      } else {
        link.a = (*between)[0].get<std::string>();
        link.b = (*between)[1].get<std::string>();
        const bool a_ok = check_region(link.a, index_path(path, 0));
        const bool b_ok = check_region(link.b, index_path(path, 1));
        if (a_ok && b_ok && link.a == link.b) {
          diag_.error(path,
                      "a link joins two different regions, got " + in_quotes(link.a) + " twice");
        }
      }
    }
    link.latency = r.required_duration("latency");
    r.require("bandwidth");
    link.bandwidth_bytes_per_s = positive_throughput(r, "bandwidth").value_or(0);
    r.finish();
    return link;
  }

  std::optional<double> positive_throughput(ObjectReader& r, std::string_view key) {
    const std::optional<double> value = r.optional_throughput(key);
    if (value && *value <= 0) {
      r.error(key, "expected a throughput greater than zero, got " + describe_json(*r.value(key)));
      return std::nullopt;
    }
    return value;
  }

  // ---- Databases ----

  DatabaseSpec read_database(ObjectReader& r) {
    DatabaseSpec d;
    d.name = r.required_string("name");
    define_store(d.name, r.path_of("name"), /*is_database=*/true);
    const std::optional<Deployment> deployment =
        read_enum(r, "deployment", "deployment", deployments());
    if (deployment) d.deployment = *deployment;
    d.instance_class = read_instance_class(r);
    d.region = r.required_string("region");
    const bool region_ok = check_region(d.region, r.path_of("region"));
    d.azs = read_database_azs(r, region_ok ? d.region : "", deployment);
    d.size_bytes = r.optional_size("size");
    d.write_rate_per_s = r.optional_rate("write_rate");
    if (d.write_rate_per_s && *d.write_rate_per_s > kMaxWriteRatePerS) {
      r.error("write_rate",
              describe_json(*r.value("write_rate")) + " is more than the limit of 1000000000/s");
      d.write_rate_per_s.reset();
    }
    d.replace = r.optional_distribution("replace").value_or(sim::Distribution::constant(kReplace));
    d.failover = read_failover(r, d.deployment);
    d.replicas = read_replicas(r, d.region);
    if (std::optional<ObjectReader> b = r.object("backup")) d.backup = read_backup(*b, d.region);
    check_restore_transfer(r, d, d.backup, r.path_of("backup"));
    for (size_t k = 0; k < d.replicas.size(); ++k) {
      check_restore_transfer(r, d, d.replicas[k].backup,
                             index_path(r.path_of("replicas"), k) + ".backup");
    }
    d.apply_lag = r.optional_distribution("apply_lag");
    if (d.apply_lag && deployment && *deployment != Deployment::kMultiAzCluster) {
      r.error("apply_lag",
              "applies only to multi-az-cluster (its readers apply the writer's "
              "changes asynchronously), not to " +
                  std::string(deployment_name(*deployment)));
    }
    r.finish();
    return d;
  }

  // A `class` must have a price in costs.instance_hour (read before the databases), so that a
  // misspelt class never falls back to the default price.
  std::optional<std::string> read_instance_class(ObjectReader& r) {
    std::optional<std::string> cls = optional_name(r, "class");
    if (!cls || s_.costs.instance_hour.count(*cls)) return cls;
    std::vector<std::string> known;
    for (const auto& entry : s_.costs.instance_hour) known.push_back(entry.first);
    r.error("class", "no price for instance class " + in_quotes(*cls) + " in costs.instance_hour" +
                         suggest(*cls, known));
    return cls;
  }

  // Records `name` as defined at `path`; false (with an error) when it is empty or taken.
  bool claim_name(const std::string& name, const std::string& path) {
    if (name.empty()) return false;
    if (const auto it = name_paths_.find(name); it != name_paths_.end()) {
      diag_.error(path,
                  "duplicate name " + in_quotes(name) + " (first defined at " + it->second + ")");
      return false;
    }
    name_paths_.emplace(name, path);
    return true;
  }

  // Databases and object stores share one namespace: services "use" either by name.
  void define_store(const std::string& name, const std::string& path, bool is_database) {
    if (!claim_name(name, path)) return;
    store_names_.push_back(name);
    if (is_database) {
      database_index_.emplace(name, s_.databases.size());  // read_database's, pushed next
      database_names_.push_back(name);
    } else {
      object_store_set_.insert(name);
      object_store_names_.push_back(name);
    }
  }

  // The AZs of a database in `region` ("" when the region is unknown: only the count and
  // duplicates are checked then).
  std::vector<std::string> read_database_azs(ObjectReader& r, const std::string& region,
                                             std::optional<Deployment> deployment) {
    r.require("azs");
    const std::optional<std::vector<std::string>> azs = r.optional_string_array("azs");
    if (!azs) return {};
    const std::string path = r.path_of("azs");
    std::set<std::string> seen;
    for (size_t i = 0; i < azs->size(); ++i) {
      const std::string& az = (*azs)[i];
      if (az.empty()) continue;
      if (!seen.insert(az).second) {
        diag_.error(
            index_path(path, i),
            "AZ " + in_quotes(az) + " is listed twice, but each instance needs an AZ of its own");
      } else if (!region.empty()) {
        check_az_in_region(az, region, index_path(path, i));
      }
    }
    if (deployment) {
      const auto [count, needs] = azs_needed(*deployment);
      if (azs->size() != count) {
        diag_.error(path, with_article(deployment_name(*deployment)) + " deployment needs " +
                              std::string(needs) + ", got " + std::to_string(azs->size()));
      }
    }
    return *azs;
  }

  void check_az_in_region(const std::string& az, const std::string& region,
                          const std::string& path) {
    const auto it = az_region_.find(az);
    if (it != az_region_.end() && it->second == region) return;
    const std::string has = "region " + region + " has " + join_comma(region_azs_[region]);
    if (it != az_region_.end()) {
      diag_.error(path, "AZ " + in_quotes(az) + " is in region " + it->second +
                            ", not in the database's region (" + has + ")");
    } else {
      diag_.error(path, "unknown AZ " + in_quotes(az) + " (" + has + ")");
    }
  }

  FailoverSpec read_failover(ObjectReader& r, Deployment deployment) {
    FailoverSpec f = default_failover(deployment);
    std::optional<ObjectReader> fr = r.object("failover");
    if (!fr) return f;
    if (auto d = fr->optional_distribution("detect")) f.detect = *d;
    if (auto d = fr->optional_distribution("promote")) f.promote = *d;
    if (auto d = fr->optional_distribution("dns")) f.dns = *d;
    fr->finish();
    return f;
  }

  std::vector<ReplicaSpec> read_replicas(ObjectReader& r, const std::string& db_region) {
    std::vector<ReplicaSpec> replicas;
    for (ObjectReader& rr : r.object_array("replicas")) {
      ReplicaSpec rep{rr.required_string("region"), sim::Distribution::constant(Duration()),
                      sim::Distribution::constant(kReplicaPromote), std::nullopt};
      if (check_region(rep.region, rr.path_of("region")) && rep.region == db_region) {
        rr.error("region",
                 "a cross-region replica must be in another region than its "
                 "database (" +
                     db_region + ")");
      }
      rep.lag = rr.required_distribution("lag");
      if (auto promote = rr.optional_distribution("promote")) rep.promote = *promote;
      if (std::optional<ObjectReader> b = rr.object("backup")) {
        rep.backup = read_backup(*b, rep.region);
        // Its own backups stay in its region: copies of the database's backups are the
        // database's `copy_to`.
        for (const char* key : {"copy_to", "copy_delay", "copy_logs"}) {
          if (b->value(key)) {
            diag_.error(key_path(b->path(), key),
                        "a replica's own backups stay in its region (" + rep.region +
                            "); copy the database's backups with its backup.copy_to instead");
          }
        }
      }
      rr.finish();
      replicas.push_back(std::move(rep));
    }
    return replicas;
  }

  BackupSpec read_backup(ObjectReader& r, const std::string& db_region) {
    BackupSpec b;
    if (std::optional<ObjectReader> snapshot = r.object("snapshot")) {
      b.snapshot = read_snapshot(*snapshot);
    }
    b.log_upload = r.optional_duration("log_upload", DurationMin::kPositive);
    b.copy_to = read_copy_to(r, db_region);
    b.copy_delay = r.optional_distribution("copy_delay");
    b.copy_logs = r.optional_bool("copy_logs").value_or(false);
    if (std::optional<ObjectReader> restore = r.object("restore")) {
      b.restore = read_restore(*restore);
    }
    b.verify_every = r.optional_duration("verify_every", DurationMin::kPositive);
    b.silent_corruption = r.optional_number("silent_corruption", kProbability).value_or(0);
    r.finish();
    return b;
  }

  SnapshotSpec read_snapshot(ObjectReader& r) {
    SnapshotSpec s;
    s.every = r.required_duration("every", DurationMin::kPositive);
    s.at = r.optional_time_of_day("at");
    s.retention = r.required_duration("retention", DurationMin::kPositive);
    s.duration = r.optional_distribution("duration");
    r.finish();
    return s;
  }

  std::vector<std::string> read_copy_to(ObjectReader& r, const std::string& db_region) {
    const std::vector<std::string> regions =
        r.optional_string_array("copy_to").value_or(std::vector<std::string>{});
    std::set<std::string> seen;
    for (size_t i = 0; i < regions.size(); ++i) {
      const std::string path = index_path(r.path_of("copy_to"), i);
      if (!check_region(regions[i], path)) continue;
      if (regions[i] == db_region) {
        diag_.error(path, "copy_to lists the database's own region " + db_region +
                              ", but snapshots are copied to other regions");
      } else if (!seen.insert(regions[i]).second) {
        diag_.error(path, "region " + in_quotes(regions[i]) + " is listed twice");
      }
    }
    return regions;
  }

  // A restore takes base + size / rate: refuse a size / rate beyond kMaxRestoreTransfer (a 1 PiB
  // database at 1 B/s would take 36 million years), at the path of `rate`.
  void check_restore_transfer(ObjectReader& r, const DatabaseSpec& d,
                              const std::optional<BackupSpec>& backup,
                              const std::string& backup_path) {
    if (!d.size_bytes || !backup || !backup->restore) return;
    const double rate = backup->restore->rate_bytes_per_s;
    if (rate <= 0) return;
    const double transfer_s = *d.size_bytes / rate;
    if (transfer_s <= kMaxRestoreTransfer.in_seconds()) return;
    diag_.error(key_path(backup_path, "restore") + ".rate",
                "restoring " + describe_json(*r.value("size")) + " at this rate takes " +
                    describe_years(transfer_s) + " (size / rate), more than the limit of " +
                    describe_years(kMaxRestoreTransfer.in_seconds()));
  }

  RestoreSpec read_restore(ObjectReader& r) {
    // `rate` is optional: without it a restore takes `base` whatever the size.
    RestoreSpec restore{r.required_distribution("base"), 0};
    restore.rate_bytes_per_s = positive_throughput(r, "rate").value_or(0);
    restore.replay_speed =
        r.optional_number("replay_speed", {kMinReplaySpeed, kMaxReplaySpeed, false, false,
                                           "a number from 0.01 to 1000000 (times real time)"})
            .value_or(restore.replay_speed);
    r.finish();
    return restore;
  }

  // ---- Object stores ----

  ObjectStoreSpec read_object_store(ObjectReader& r) {
    ObjectStoreSpec o;
    o.name = r.required_string("name");
    define_store(o.name, r.path_of("name"), /*is_database=*/false);
    o.region = r.required_string("region");
    check_region(o.region, r.path_of("region"));
    o.size_bytes = r.optional_size("size");
    o.replicate_to = optional_name(r, "replicate_to");
    if (o.replicate_to && check_region(*o.replicate_to, r.path_of("replicate_to")) &&
        *o.replicate_to == o.region) {
      r.error("replicate_to", "must be another region than the store's own (" + o.region + ")");
    }
    o.lag = r.optional_distribution("lag");
    if (r.has("replicate_to") && !r.has("lag")) {
      r.error("lag", "missing required key: a store that replicates needs a replication lag");
    } else if (!r.has("replicate_to") && r.has("lag")) {
      r.error("lag", "has no effect without \"replicate_to\" (the region the store replicates to)");
    }
    r.finish();
    return o;
  }

  // An optional non-empty string.
  std::optional<std::string> optional_name(ObjectReader& r, std::string_view key) {
    std::optional<std::string> name = r.optional_string(key);
    if (name && name->empty()) {
      r.error(key, "expected a non-empty string, got \"\"");
      return std::nullopt;
    }
    return name;
  }

  // ---- Services ----

  void read_services(ObjectReader& r) {
    std::vector<std::string> depends_paths;  // services[i].depends_on, checked once all are read
    for (ObjectReader& sr : r.object_array("services")) {
      s_.services.push_back(read_service(sr));
      depends_paths.push_back(sr.path_of("depends_on"));
    }
    for (size_t i = 0; i < s_.services.size(); ++i) check_depends_on(i, depends_paths[i]);
    report_dependency_cycles();
  }

  ServiceSpec read_service(ObjectReader& r) {
    ServiceSpec svc;
    svc.name = r.required_string("name");
    define_service(svc.name, r.path_of("name"));
    svc.tier = static_cast<int>(r.required_int("tier", 0, 3, "an integer tier 0-3"));
    if (r.has("tier") && !s_.tiers.count(svc.tier)) {
      r.error("tier", "tier " + std::to_string(svc.tier) + " has no RPO and RTO target");
    }
    svc.uses = r.optional_string_array("uses").value_or(std::vector<std::string>{});
    std::set<std::string> seen;
    for (size_t i = 0; i < svc.uses.size(); ++i) {
      const std::string& use = svc.uses[i];
      const std::string path = index_path(r.path_of("uses"), i);
      if (use.empty()) continue;
      if (!name_paths_.count(use)) {
        diag_.error(path, "unknown database or object store " + in_quotes(use) +
                              suggest(use, store_names_));
      } else if (!seen.insert(use).second) {
        diag_.error(path, in_quotes(use) + " is listed twice");
      }
    }
    svc.depends_on = r.optional_string_array("depends_on").value_or(std::vector<std::string>{});
    svc.runs_in = r.optional_string_array("runs_in").value_or(std::vector<std::string>{});
    std::set<std::string> places;
    for (size_t i = 0; i < svc.runs_in.size(); ++i) {
      const std::string& place = svc.runs_in[i];
      const std::string path = index_path(r.path_of("runs_in"), i);
      if (place.empty() || region_names_.empty()) continue;
      if (!region_paths_.count(place) && !az_paths_.count(place)) {
        std::vector<std::string> names = region_names_;
        names.insert(names.end(), az_names_.begin(), az_names_.end());
        diag_.error(path, "unknown region or AZ " + in_quotes(place) + suggest(place, names));
      } else if (!places.insert(place).second) {
        diag_.error(path, in_quotes(place) + " is listed twice");
      }
    }
    r.finish();
    return svc;
  }

  void define_service(const std::string& name, const std::string& path) {
    if (!claim_name(name, path)) return;
    service_index_.emplace(name, s_.services.size());
    service_names_.push_back(name);
  }

  void check_depends_on(size_t i, const std::string& path) {
    const ServiceSpec& svc = s_.services[i];
    std::set<std::string> seen;
    for (size_t j = 0; j < svc.depends_on.size(); ++j) {
      const std::string& dep = svc.depends_on[j];
      if (dep.empty()) continue;
      if (!service_index_.count(dep)) {
        diag_.error(index_path(path, j),
                    "unknown service " + in_quotes(dep) + suggest(dep, service_names_));
      } else if (dep == svc.name) {
        diag_.error(index_path(path, j), "a service cannot depend on itself");
      } else if (!seen.insert(dep).second) {
        diag_.error(index_path(path, j), in_quotes(dep) + " is listed twice");
      }
    }
  }

  using DependencyGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

  // Records each cycle a depth-first search closes with a back edge, as the vertices on the
  // search path from the edge's target to its source; at most kMaxProblems of them, since no
  // more are shown (a graph can close a cycle with every one of its edges).
  class CycleRecorder : public boost::default_dfs_visitor {
   public:
    using Vertex = DependencyGraph::vertex_descriptor;
    struct State {
      std::vector<Vertex> path;   // the search path from its root
      std::vector<size_t> depth;  // each vertex's index on the path, while it is on it
      std::set<std::vector<Vertex>> cycles;
    };
    explicit CycleRecorder(State& state) : state_(&state) {}
    void discover_vertex(Vertex v, const DependencyGraph&) {
      state_->depth[v] = state_->path.size();
      state_->path.push_back(v);
    }
    void finish_vertex(Vertex, const DependencyGraph&) { state_->path.pop_back(); }
    void back_edge(DependencyGraph::edge_descriptor e, const DependencyGraph& g) {
      if (state_->cycles.size() >= kMaxProblems) return;
      const auto from =
          state_->path.begin() + static_cast<std::ptrdiff_t>(state_->depth[boost::target(e, g)]);
      std::vector<Vertex> cycle(from, state_->path.end());
      // Start at the service that comes first in the file, so the message does not depend on
      // where the search entered the cycle.
      std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
      state_->cycles.insert(std::move(cycle));
    }

   private:
    State* state_;
  };

  // Service i -> each service it depends on; self-dependencies are reported elsewhere.
  DependencyGraph dependency_graph() const {
    DependencyGraph g(s_.services.size());
    for (size_t i = 0; i < s_.services.size(); ++i) {
      for (const std::string& dep : s_.services[i].depends_on) {
        const auto it = service_index_.find(dep);
        if (it != service_index_.end() && it->second != i) boost::add_edge(i, it->second, g);
      }
    }
    return g;
  }

  void report_dependency_cycles() {
    constexpr size_t kShownServices = 20;  // a longer cycle is cut in the middle
    const DependencyGraph g = dependency_graph();
    CycleRecorder::State state;
    state.depth.resize(boost::num_vertices(g));
    boost::depth_first_search(g, boost::visitor(CycleRecorder(state)));
    for (const std::vector<CycleRecorder::Vertex>& cycle : state.cycles) {
      std::string text;
      for (size_t i = 0; i < cycle.size(); ++i) {
        if (cycle.size() > kShownServices && i == kShownServices / 2) {
          text += "... (" + std::to_string(cycle.size() - kShownServices) + " more) -> ";
          i = cycle.size() - kShownServices / 2;
        }
        text += s_.services[cycle[i]].name + " -> ";
      }
      diag_.error("services", "dependency cycle: " + text + s_.services[cycle.front()].name);
    }
  }

  // ---- Response ----

  ResponseSpec read_response(ObjectReader& r) {
    ResponseSpec resp{
        r.optional_distribution("detect").value_or(sim::Distribution::constant(kResponseDetect)),
        r.optional_distribution("ack").value_or(default_ack()), std::nullopt, 1};
    if (std::optional<ObjectReader> rf = r.object("region_failover")) {
      RegionFailoverSpec spec{rf->required_duration("decide_after"),
                              rf->required_distribution("execute")};
      rf->finish();
      resp.region_failover = std::move(spec);
    }
    resp.restore_parallelism = static_cast<int>(
        r.optional_int("restore_parallelism", 1, std::numeric_limits<int>::max(), "an integer >= 1")
            .value_or(1));
    r.finish();
    return resp;
  }

  // ---- Faults ----

  FaultSpec read_fault(ObjectReader& r) {
    FaultSpec f;
    const std::optional<FaultKind> kind = read_enum(r, "kind", "fault kind", fault_kinds());
    if (kind) f.kind = *kind;
    f.target = r.required_string("target");
    if (kind) check_fault_target(r, *kind, f.target);
    const std::optional<bool> destroys = r.optional_bool("destroys_data");
    if (destroys && kind && *kind != FaultKind::kAzOutage) {
      not_for_kind(r, "destroys_data", "az_outage (a disaster always destroys its region)", *kind);
    }
    f.destroys_data = destroys.value_or(false);
    read_fault_timing(r, f, kind);
    read_fault_duration(r, f, kind);
    read_fault_instance(r, f, kind);
    read_fault_logical(r, f, kind);
    read_fault_switchover(r, f, kind);
    r.finish();
    return f;
  }

  // A planned switchover: the target must be one database with a cross-region replica, and `to`
  // one of its replicas' regions (default: the first). A failover test: databases with a
  // standby.
  void read_fault_switchover(ObjectReader& r, FaultSpec& f, std::optional<FaultKind> kind) {
    f.to = r.optional_string("to");
    if (!kind) return;
    if (*kind == FaultKind::kFailoverTest) {
      if (f.to) not_for_kind(r, "to", "switchover", *kind);
      f.to.reset();
      const DatabaseSpec* db = f.target == "*" ? nullptr : database_named(f.target);
      if (db && db->deployment == Deployment::kSingleAz) {
        r.error("target", "a failover test reboots a database with failover to its standby, but " +
                              in_quotes(f.target) + " is single-az and has none");
      }
      return;
    }
    if (*kind != FaultKind::kSwitchover) {
      if (f.to) not_for_kind(r, "to", "switchover", *kind);
      f.to.reset();
      return;
    }
    if (f.target == "*") {
      r.error("target", "a switchover names one database with a cross-region replica, not \"*\"");
      return;
    }
    const DatabaseSpec* db = database_named(f.target);
    if (!db) return;  // check_fault_target reported it
    std::vector<std::string> secondaries;
    for (const ReplicaSpec& rep : db->replicas) secondaries.push_back(rep.region);
    if (secondaries.empty()) {
      r.error("target", in_quotes(f.target) +
                            " has no cross-region replica (or aurora-global secondary) to switch "
                            "over to");
    } else if (!f.to) {
      f.to = secondaries.front();
    } else if (std::find(secondaries.begin(), secondaries.end(), *f.to) == secondaries.end()) {
      r.error("to", in_quotes(*f.to) + " is not a secondary region of " + in_quotes(f.target) +
                        " (it has " + join_comma(secondaries) + ")");
    }
  }

  void not_for_kind(ObjectReader& r, std::string_view key, std::string_view kinds, FaultKind k) {
    r.error(key, "applies only to " + std::string(kinds) + ", not to " +
                     std::string(fault_kind_name(k)));
  }

  void check_fault_target(ObjectReader& r, FaultKind kind, const std::string& target) {
    if (target.empty() || target == "*") return;
    const std::string path = r.path_of("target");
    switch (target_sort(kind)) {
      case TargetSort::kRegion:
        check_region(target, path);
        return;
      case TargetSort::kAz:
        if (!az_paths_.count(target)) {
          diag_.error(path, "unknown AZ " + in_quotes(target) + suggest(target, az_names_));
        }
        return;
      case TargetSort::kDatabase:
        if (is_database(target)) return;
        if (object_store_set_.count(target)) {
          diag_.error(path, in_quotes(target) + " is an object store, but " +
                                with_article(fault_kind_name(kind)) + " targets a database");
          return;
        }
        diag_.error(path,
                    "unknown database " + in_quotes(target) + suggest(target, database_names_));
        return;
    }
  }

  void read_fault_timing(ObjectReader& r, FaultSpec& f, std::optional<FaultKind> kind) {
    f.every = r.optional_duration("every", DurationMin::kPositive);
    if (f.every && kind && !is_planned(*kind)) {
      not_for_kind(r, "every", "the planned events switchover and failover_test (a fault that "
                               "recurs at random has a \"rate\" or \"mtbf\")", *kind);
    }
    if (f.every && kind && is_planned(*kind)) {
      // `at` (optional) is the first occurrence; nothing random.
      for (const char* key : {"rate", "mtbf", "trace"}) {
        if (r.has(key)) r.error(key, "not allowed with \"every\": a planned event recurs on schedule");
      }
      if (s_.horizon.count_us() > 0 && *f.every > s_.horizon && !r.has("at")) {
        r.error("every", fmt(*f.every) + " is longer than the horizon (" + fmt(s_.horizon) +
                             "), so the event never happens");
      }
      f.at = r.optional_distribution("at");
      f.rate_per_s = r.optional_rate("rate");
      r.ignore("mtbf");
      r.ignore("trace");
      return;
    }
    std::vector<std::string> given;
    for (const char* key : {"at", "rate", "mtbf", "trace"}) {
      if (r.has(key)) given.push_back(in_quotes(key));
    }
    if (given.empty() && kind && is_planned(*kind)) {
      r.error_here("needs \"at\" or \"every\" (a planned " +
                   std::string(fault_kind_name(*kind)) + " happens on schedule)");
    } else if (given.empty()) {
      r.error_here("needs one of \"at\", \"rate\", \"mtbf\" or \"trace\"");
    } else if (given.size() > 1) {
      r.error_here(
          join_and(given) + (given.size() == 2 ? " are both" : " are all") +
          " given, but a fault has exactly one of \"at\", \"rate\", \"mtbf\" or \"trace\"");
    }
    f.at = r.optional_distribution("at");
    if (f.at && f.at->is_constant() && s_.horizon.count_us() > 0 &&
        f.at->spec().spans.front() >= s_.horizon) {
      r.error("at", fmt(f.at->spec().spans.front()) + " is not before the horizon (" +
                        fmt(s_.horizon) + "), so the fault never happens");
    }
    f.rate_per_s = r.optional_rate("rate");
    if (f.rate_per_s) check_fault_rate(r, "rate", *f.rate_per_s);
    if (const std::optional<Duration> mtbf = r.optional_duration("mtbf", DurationMin::kPositive)) {
      f.rate_per_s = 1.0 / mtbf->in_seconds();
      check_fault_rate(r, "mtbf", *f.rate_per_s);
    }
    f.trace = optional_name(r, "trace");
    if (f.trace) f.trace_rows = read_trace(*f.trace, r.path_of("trace"));
  }

  // A random process the simulator can play out: per target, at most kMaxFaultRatePerS, and at
  // most kMaxExpectedOccurrences over the horizon.
  void check_fault_rate(ObjectReader& r, std::string_view key, double per_s) {
    const std::string given = describe_json(*r.value(key));
    if (per_s > kMaxFaultRatePerS) {
      r.error(key, given + " is more than the limit of one occurrence per second per target");
      return;
    }
    const double expected = per_s * s_.horizon.in_seconds();
    if (expected > kMaxExpectedOccurrences) {
      char count[32];
      std::snprintf(count, sizeof count, "%.0f", expected);
      r.error(key, given + " over the horizon (" + fmt(s_.horizon) + ") expects " + count +
                       " occurrences per target, more than the limit of 10000000");
    }
  }

  void read_fault_duration(ObjectReader& r, FaultSpec& f, std::optional<FaultKind> kind) {
    f.duration = r.optional_distribution("duration");
    if (!kind) return;
    const bool given = r.has("duration");
    if (const std::optional<std::string_view> why = why_no_duration(*kind)) {
      if (given) {
        r.error("duration", "not allowed for " + std::string(fault_kind_name(*kind)) + ": " +
                                std::string(*why));
      }
      return;
    }
    if (r.has("trace")) {
      if (given) {
        r.error("duration",
                "not allowed with \"trace\": each row of the trace ends its outage at end_time");
      }
      return;
    }
    const bool process = r.has("rate") || r.has("mtbf");
    // A switchover's duration is optional: how long until the writer switches back (none: it
    // stays).
    const bool needed = *kind == FaultKind::kBackupFailure ? process
                        : *kind == FaultKind::kSwitchover
                            ? false
                            : !(*kind == FaultKind::kAzOutage && f.destroys_data);
    if (needed && !given) {
      r.error("duration", "missing required key: " + with_article(fault_kind_name(*kind)) +
                              " ends by itself, so say " + std::string(what_duration_says(*kind)));
    }
  }

  void read_fault_instance(ObjectReader& r, FaultSpec& f, std::optional<FaultKind> kind) {
    const std::optional<std::string> instance = r.optional_string("instance");
    if (!instance) return;
    if (*instance == "standby") {
      f.instance = InstanceRole::kStandby;
    } else if (*instance != "primary") {
      r.error("instance", "unknown instance " + in_quotes(*instance) +
                              suggestion_suffix(*instance, {"primary", "standby"}));
      return;
    }
    if (kind && !hits_one_instance(*kind)) {
      not_for_kind(r, "instance", "instance_failure and storage_failure", *kind);
      return;
    }
    if (f.instance == InstanceRole::kStandby) check_has_standby(r, f.target);
  }

  void check_has_standby(ObjectReader& r, const std::string& target) {
    const DatabaseSpec* d = database_named(target);
    if (d && d->deployment == Deployment::kSingleAz) {
      r.error("instance", "database " + in_quotes(target) + " is single-az and has no standby");
    }
  }

  void read_fault_logical(ObjectReader& r, FaultSpec& f, std::optional<FaultKind> kind) {
    f.detect_after = r.optional_distribution("detect_after");
    const json* scope = r.value("scope");
    if (!kind) return;
    if (!is_logical(*kind)) {
      if (f.detect_after) {
        not_for_kind(r, "detect_after", "data_corruption and data_deletion", *kind);
      }
      if (scope) not_for_kind(r, "scope", "data_corruption and data_deletion", *kind);
      f.detect_after.reset();
      return;
    }
    if (!f.detect_after) f.detect_after = sim::Distribution::constant(Duration());
    if (scope) f.scope = read_scope(*scope, r.path_of("scope"));
  }

  FaultScope read_scope(const json& v, const std::string& path) {
    FaultScope scope;
    const std::string expected =
        "expected a count (an integer >= 1), a fraction in (0, 1) or a list of database names, "
        "got " +
        describe_json(v);
    if (v.is_array()) {
      if (v.empty()) diag_.error(path, expected);
      for (size_t i = 0; i < v.size(); ++i) {
        const std::optional<std::string> name = read_string(v[i], index_path(path, i), diag_);
        if (!name) continue;
        if (!is_database(*name)) {
          diag_.error(index_path(path, i),
                      "unknown database " + in_quotes(*name) + suggest(*name, database_names_));
        }
        scope.databases.push_back(*name);
      }
      return scope;
    }
    const double x = v.is_number() ? v.get<double>() : -1;
    if (x > 0 && x < 1) {
      scope.fraction = x;
    } else if (x >= 1 && x == std::floor(x) && x <= std::numeric_limits<int>::max()) {
      scope.count = static_cast<int>(x);
      if (static_cast<size_t>(x) > s_.databases.size()) {
        diag_.error(path, "asks for " + std::to_string(*scope.count) +
                              " databases, but the scenario has " +
                              std::to_string(s_.databases.size()));
      }
    } else {
      diag_.error(path, expected);
    }
    return scope;
  }

  // The rows of the trace CSV `file`, written relative to the scenario's folder: it must stay
  // inside that folder (also after symbolic links are followed) unless it lies under a directory
  // the caller allowed, and it must be a regular file of at most kMaxTraceFileBytes.
  std::vector<TraceRow> read_trace(const std::string& file, const std::string& path) {
    namespace fs = std::filesystem;
    const fs::path written(file);
    const fs::path base = base_dir_.empty() ? fs::path(".") : fs::path(base_dir_);
    const fs::path joined = (written.is_absolute() ? written : base / written).lexically_normal();
    const std::string label = joined.string();
    std::error_code ec;
    const fs::path real = fs::weakly_canonical(joined, ec);
    if (ec) {
      diag_.error(path,
                  "cannot read trace file " + in_quotes(label, kPathBytes) + ": " + ec.message());
      return {};
    }
    if (!is_allowed(real)) {
      constexpr std::string_view kHow =
          ", which a scenario may not read (write a path inside the scenario's folder, or allow "
          "the directory with --allow-paths DIR)";
      const fs::path normal = written.lexically_normal();
      if (written.is_absolute() || written.has_root_name()) {
        diag_.error(path, in_quotes(file, kPathBytes) + " is an absolute path" + std::string(kHow));
      } else if (!normal.empty() && *normal.begin() == "..") {
        diag_.error(path, in_quotes(file, kPathBytes) + " leads outside the scenario's folder" +
                              std::string(kHow));
      } else {
        diag_.error(path, in_quotes(file, kPathBytes) +
                              " leads outside the scenario's folder through a symbolic link" +
                              std::string(kHow));
      }
      return {};
    }
    FileText text = read_capped(real.string(), kMaxTraceFileBytes, /*regular_only=*/true);
    if (text.problem) {
      diag_.error(path,
                  "cannot read trace file " + in_quotes(label, kPathBytes) + ": " + *text.problem);
      return {};
    }
    return read_trace_rows(text.text, printable(label), path);
  }

  // Whether the canonical path `real` lies inside the scenario's folder or an allowed directory.
  bool is_allowed(const std::filesystem::path& real) {
    namespace fs = std::filesystem;
    if (!allowed_dirs_) {
      allowed_dirs_.emplace();
      std::error_code ec;
      const fs::path base =
          fs::weakly_canonical(base_dir_.empty() ? fs::path(".") : fs::path(base_dir_), ec);
      if (!ec) allowed_dirs_->push_back(base);
      for (const std::string& dir : options_.allowed_paths) {
        const fs::path allowed = fs::weakly_canonical(fs::path(dir), ec);
        if (!ec && !dir.empty()) allowed_dirs_->push_back(allowed);
      }
    }
    return std::any_of(allowed_dirs_->begin(), allowed_dirs_->end(),
                       [&](const std::filesystem::path& dir) { return is_within(real, dir); });
  }

  std::vector<TraceRow> read_trace_rows(std::string_view text, const std::string& label,
                                        const std::string& path) {
    std::vector<TraceRow> rows;
    size_t line_number = 0, problems = 0;
    auto problem = [&](size_t column, const std::string& message) {
      const std::string at =
          std::to_string(line_number) + (column > 0 ? ":" + std::to_string(column) : std::string());
      diag_.error(path, label + ":" + at + ": " + message);
      ++problems;
    };
    size_t next = 0;
    // The next line without its end of line; false at the end of the text.
    auto next_line = [&](std::string_view& line) {
      if (next >= text.size()) return false;
      const size_t newline = text.find('\n', next);
      const size_t end = newline == std::string_view::npos ? text.size() : newline;
      line = text.substr(next, end - next);
      next = end + 1;
      ++line_number;
      return true;
    };
    std::string_view line;
    if (!next_line(line)) line = {};
    line_number = 1;
    if (line.substr(0, kUtf8Bom.size()) == kUtf8Bom) line.remove_prefix(kUtf8Bom.size());
    if (trim(line) != kTraceHeader) {
      problem(0, "expected the header " + in_quotes(kTraceHeader));
      return rows;
    }
    while (problems < kMaxTraceProblems && next_line(line)) {
      if (trim(line).empty()) continue;
      if (rows.size() >= kMaxTraceRows) {
        problem(0, "more than " + std::to_string(kMaxTraceRows) + " rows (the limit is " +
                       std::to_string(kMaxTraceRows) + ")");
        break;
      }
      const Duration previous = rows.empty() ? Duration() : rows.back().start;
      auto row = parse_trace_row(split_csv_line(line), previous);
      if (auto* p = std::get_if<TraceProblem>(&row)) {
        problem(p->column, p->message);
      } else {
        rows.push_back(std::get<TraceRow>(row));
      }
    }
    if (rows.empty() && problems == 0) {
      problem(0, "has no rows after the header, so the fault never happens");
    }
    return rows;
  }

  Diagnostics& diag_;
  const std::string base_dir_;
  const LoadOptions& options_;
  // The scenario's folder and the allowed directories, canonical; computed at the first trace.
  std::optional<std::vector<std::filesystem::path>> allowed_dirs_;
  Scenario s_;
  // What the scenario defines so far: names in file order (for suggestions) and the path where
  // each is defined (for duplicates).
  std::map<std::string, std::string> region_paths_, az_paths_, name_paths_;
  std::map<std::string, std::string> az_region_;
  std::map<std::string, std::vector<std::string>> region_azs_;
  std::map<std::string, size_t> service_index_, database_index_;
  std::set<std::string, std::less<>> object_store_set_;
  std::vector<std::string> region_names_, az_names_, store_names_, database_names_,
      object_store_names_, service_names_;
};

// The problems of `diag` as a ScenarioError: the first kMaxProblems, then a count of the rest.
ScenarioError error_of(const Diagnostics& diag) {
  std::vector<std::string> problems = diag.problems();
  if (diag.count() > problems.size()) {
    const size_t more = diag.count() - problems.size();
    problems.push_back(diag.file() + ": ... and " + std::to_string(more) + " more problems");
  }
  return ScenarioError(std::move(problems));
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) out += (i > 0 ? "\n" : "") + lines[i];
  return out;
}

// ---- Warnings ----

std::string element(std::string_view list, size_t i, const std::string& name) {
  return index_path(list, i) + " (" + in_quotes(name) + ")";
}

void warn_backup(const DatabaseSpec& d, const std::string& who, std::vector<std::string>& out) {
  if (!d.backup) {
    out.push_back(who + ": no backup key, so the database has no backups at all");
    return;
  }
  const BackupSpec& b = *d.backup;
  if (!b.snapshot) {
    out.push_back(who + ": backup has no snapshot, so there is no backup to restore from");
  } else if (b.snapshot->retention < b.snapshot->every) {
    out.push_back(who + ": backup.snapshot.retention (" + fmt(b.snapshot->retention) +
                  ") is shorter than every (" + fmt(b.snapshot->every) +
                  "), so at times no snapshot is kept");
  }
  if (b.copy_to.empty() && (b.copy_delay || b.copy_logs)) {
    out.push_back(who + ": backup.copy_delay and copy_logs have no effect without copy_to");
  }
  for (size_t k = 0; k < d.replicas.size(); ++k) {
    const std::optional<BackupSpec>& rb = d.replicas[k].backup;
    if (rb && !rb->snapshot) {
      out.push_back(who + ": replicas[" + std::to_string(k) +
                    "].backup has no snapshot, so there is no backup to restore from");
    } else if (rb && rb->snapshot->retention < rb->snapshot->every) {
      out.push_back(who + ": replicas[" + std::to_string(k) + "].backup.snapshot.retention (" +
                    fmt(rb->snapshot->retention) + ") is shorter than every (" +
                    fmt(rb->snapshot->every) + "), so at times no snapshot is kept");
    }
  }
}

std::set<std::string> used_stores(const Scenario& s) {
  std::set<std::string> used;
  for (const ServiceSpec& svc : s.services) used.insert(svc.uses.begin(), svc.uses.end());
  return used;
}

}  // namespace

ScenarioError::ScenarioError(std::vector<std::string> problems)
    : std::runtime_error(joined(problems)), problems_(std::move(problems)) {}

Scenario load_scenario_text(std::string_view text, const std::string& file_label,
                            const std::string& base_dir, const LoadOptions& options) {
  // Messages name the file as a terminal can show it (a file name need not be UTF-8).
  const std::string label = printable(file_label);
  if (text.size() > kMaxScenarioFileBytes) {
    throw ScenarioError({label + ": " + too_large(text.size(), kMaxScenarioFileBytes)});
  }
  if (const size_t nul = text.find('\0'); nul != std::string_view::npos) {
    const auto [line, column] = line_and_column(text, nul);
    throw ScenarioError({label + ":" + std::to_string(line) + ":" + std::to_string(column) +
                         ": malformed JSON: a NUL byte, which JSON text never holds (nothing "
                         "after it is read)"});
  }
  Diagnostics diag(label);
  const char* read_to = text.data();
  DocumentBuilder builder(diag, &read_to);
  json::sax_parse(CountingIterator(text.data(), &read_to),
                  CountingIterator(text.data() + text.size(), &read_to), &builder,
                  json::input_format_t::json, /*strict=*/true, /*ignore_comments=*/true);
  if (builder.error()) {
    throw ScenarioError({malformed_json_problem(text, label, *builder.error())});
  }
  if (const std::optional<DocumentBuilder::LimitProblem>& limit = builder.limit_problem()) {
    // The parser stopped just after the byte that opened the container or ended the value.
    const size_t read = static_cast<size_t>(limit->read_to - text.data());
    const auto [line, column] = line_and_column(text, read > 0 ? read - 1 : 0);
    throw ScenarioError({label + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
                         (limit->path.empty() ? "" : limit->path + ": ") + limit->message});
  }
  const json& root = builder.root();
  if (!root.is_object()) {
    diag.error("", "expected a JSON object holding the scenario, got " + describe_json(root));
    throw error_of(diag);
  }
  Scenario s = Loader(diag, base_dir, options).read(root);
  if (diag.has_problems()) throw error_of(diag);
  s.file = file_label;
  return s;
}

std::string read_scenario_file_text(const std::string& path) {
  FileText file = read_capped(path, kMaxScenarioFileBytes, /*regular_only=*/false);
  if (file.problem) {
    throw ScenarioError({printable(path) + ": cannot read file: " + *file.problem});
  }
  return std::move(file.text);
}

Scenario load_scenario_file(const std::string& path, const LoadOptions& options) {
  return load_scenario_text(read_scenario_file_text(path), path,
                            std::filesystem::path(path).parent_path().string(), options);
}

std::vector<std::string> scenario_warnings(const Scenario& s) {
  std::vector<std::string> out;
  if (s.start_epoch_s % 86400 != 0) {
    out.push_back("start: " + format_utc_instant(s.start_epoch_s) +
                  " is not midnight UTC, so offsets such as a fault's \"at\" do not line up "
                  "with times of day such as a snapshot's \"at\"");
  }
  const std::set<std::string> used = used_stores(s);
  for (size_t i = 0; i < s.databases.size(); ++i) {
    const DatabaseSpec& d = s.databases[i];
    const std::string who = element("databases", i, d.name);
    warn_backup(d, who, out);
    if (d.deployment == Deployment::kAuroraGlobal && d.replicas.empty()) {
      out.push_back(who +
                    ": aurora-global with no replicas has no secondary region, so it protects "
                    "like aurora (add a replica in another region)");
    }
    if (!used.count(d.name)) {
      out.push_back(who + ": no service uses it, so its outages count against no tier");
    }
  }
  for (size_t i = 0; i < s.object_stores.size(); ++i) {
    if (!used.count(s.object_stores[i].name)) {
      out.push_back(element("object_stores", i, s.object_stores[i].name) +
                    ": no service uses it, so its outages count against no tier");
    }
  }
  for (size_t i = 0; i < s.faults.size(); ++i) {
    const FaultSpec& f = s.faults[i];
    // Samples are never negative: a distribution whose quantile that close to 1 is 0 (the
    // largest value of an empirical list, the upper bound of a uniform) is always 0.
    if (f.duration && f.duration->quantile_s(1 - 1e-12) == 0) {
      out.push_back(index_path("faults", i) + " (" + std::string(fault_kind_name(f.kind)) + " of " +
                    in_quotes(f.target) +
                    "): duration is always 0s, so each occurrence ends the moment it starts");
    }
  }
  if (s.services.empty()) out.push_back("services: none, so no tier has incidents to report");
  if (s.faults.empty()) out.push_back("faults: none, so nothing fails in any trial");
  return out;
}

}  // namespace drsim::models::scenario

// Scenario loading, the text: files read with a cap on their size, and the JSON parsed with the
// line and column of every error, duplicate keys and the limits of limits.h.
#include "models/scenario/loader_parts.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace drsim::models::scenario::loading {

namespace {

// "64 MiB (67108864 bytes)".
std::string mib(uint64_t bytes) {
  return std::to_string(bytes >> 20) + " MiB (" + std::to_string(bytes) + " bytes)";
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

}  // namespace

std::string too_large(uint64_t size, uint64_t max_bytes) {
  return "it is " + std::to_string(size) + " bytes, more than the limit of " + mib(max_bytes);
}

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

json parse_document(std::string_view text, const std::string& label, Diagnostics& diag) {
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
  return std::move(builder.root());
}

}  // namespace drsim::models::scenario::loading

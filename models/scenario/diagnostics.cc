// The messages of scenario errors: JSON paths, values described and quoted, "did you mean"
// suggestions, and the Diagnostics that collects them.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "models/scenario/object_reader.h"

namespace drsim::models::scenario {
namespace {

using nlohmann::json;

constexpr size_t kPreviewChars = 48;     // budget of describe_json
constexpr size_t kIdentifierBytes = 64;  // a longer key is quoted (and cut) in a path

std::string_view cut_utf8(std::string_view text, size_t n) {
  if (text.size() <= n) return text;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return text.substr(0, n);
}

// The length of the well-formed multi-byte UTF-8 sequence at the start of `text`, or 1 for an
// ASCII byte or a byte that starts no well-formed sequence.
size_t utf8_sequence_length(std::string_view text) {
  const auto lead = static_cast<unsigned char>(text[0]);
  const size_t length = lead >= 0xF0 && lead <= 0xF4   ? 4
                        : lead >= 0xE0 && lead <= 0xEF ? 3
                        : lead >= 0xC2 && lead <= 0xDF ? 2
                                                       : 1;
  if (length == 1 || text.size() < length) return 1;
  for (size_t i = 1; i < length; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) return 1;
  }
  return length;
}

// printable() and, when `quotes`, also backslashes and double quotes escaped.
std::string escaped(std::string_view text, bool quotes) {
  std::string out;
  char buf[8];
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const size_t length = utf8_sequence_length(text.substr(i));
    if (length > 1) {
      out.append(text.substr(i, length));
      i += length;
      continue;
    }
    if (quotes && (c == '"' || c == '\\')) {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F || c >= 0x80) {
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
    ++i;
  }
  return out;
}

bool is_identifier(std::string_view key) {
  if (key.empty()) return false;
  auto head = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!head(key[0]) && key[0] != '$') return false;
  return std::all_of(key.begin(), key.end(), [&](char c) {
    return head(c) || c == '$' || c == '-' || (c >= '0' && c <= '9');
  });
}

void append_preview(const json& v, int depth, std::string& out) {
  if (v.is_string()) {
    out += in_quotes(v.get_ref<const std::string&>(), kPreviewChars / 2);
    return;
  }
  if (!v.is_structured()) {
    out += v.dump(-1, ' ', false, json::error_handler_t::replace);
    return;
  }
  const bool is_array = v.is_array();
  if (v.empty()) {
    out += is_array ? "[]" : "{}";
    return;
  }
  if (depth >= 2) {
    out += is_array ? "[...]" : "{...}";
    return;
  }
  out += is_array ? '[' : '{';
  bool first = true;
  for (auto it = v.begin(); it != v.end(); ++it) {
    if (!first) out += ',';
    if (out.size() > kPreviewChars) {
      out += "...";
      break;
    }
    first = false;
    if (!is_array) out += in_quotes(it.key(), kPreviewChars / 2) + ':';
    append_preview(*it, depth + 1, out);
  }
  out += is_array ? ']' : '}';
}

// The bare number `v` read as seconds, as a duration string, when that is exact: the hint of
// "expected a duration such as "24h", got 86400".
}  // namespace

std::string joined(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += sep;
    out += items[i];
  }
  return out;
}

// Cuts `text` to at most `n` bytes without splitting a UTF-8 sequence.// ---- Diagnostics and message helpers ----

void Diagnostics::error(std::string_view path, std::string_view message) {
  if (is_full()) {
    ++count_;
    return;
  }
  std::string problem = file_ + ": ";
  if (!path.empty()) problem.append(path).append(": ");
  problem.append(message);
  add_formatted(std::move(problem));
}

void Diagnostics::add_formatted(std::string problem) {
  if (!is_full()) problems_.push_back(std::move(problem));
  ++count_;
}

void append_key_path(std::string& path, std::string_view key) {
  if (key.size() <= kIdentifierBytes && is_identifier(key)) {
    if (!path.empty()) path += '.';
    path.append(key);
  } else {
    path += '[' + in_quotes(key) + ']';
  }
}

std::string key_path(std::string_view parent, std::string_view key) {
  std::string out(parent);
  append_key_path(out, key);
  return out;
}

std::string index_path(std::string_view parent, size_t index) {
  return std::string(parent) + '[' + std::to_string(index) + ']';
}

std::string describe_json(const json& value) {
  std::string out;
  append_preview(value, 0, out);
  return out;
}

std::string printable(std::string_view text) { return escaped(text, /*quotes=*/false); }

std::string describe_years(double seconds) {
  const double years = seconds / (365 * 86400.0);
  if (!std::isfinite(years)) return "more than 1e300 years";
  char buf[48];
  std::snprintf(buf, sizeof buf, years < 1e9 ? "%.0f years" : "%.3g years", years);
  return buf;
}

std::string in_quotes(std::string_view text, size_t max_bytes) {
  const std::string_view shown = cut_utf8(text, max_bytes);
  return "\"" + escaped(shown, /*quotes=*/true) + (shown.size() < text.size() ? "...\"" : "\"");
}

size_t edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment: Levenshtein plus transpositions of adjacent characters. Three rows
  // (i - 2, i - 1, i) of the usual table suffice.
  std::vector<size_t> before_prev(b.size() + 1), prev(b.size() + 1), row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        row[j] = std::min(row[j], before_prev[j - 2] + 1);
      }
    }
    std::swap(before_prev, prev);
    std::swap(prev, row);
  }
  return prev[b.size()];
}

size_t edit_distance_at_most(std::string_view a, std::string_view b, size_t limit) {
  const size_t over = limit + 1;
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) return over;
  // The rows of edit_distance(), computed only for |i - j| <= limit; the cells just outside the
  // band hold `over`, which is all a cell inside it needs to know about them.
  std::vector<size_t> before_prev(b.size() + 1, over), prev(b.size() + 1, over),
      row(b.size() + 1, over);
  for (size_t j = 0; j <= std::min(b.size(), limit); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    const size_t lo = i > limit ? i - limit : 0;
    const size_t hi = std::min(b.size(), i + limit);
    if (lo > 0) row[lo - 1] = over;
    if (hi < b.size()) row[hi + 1] = over;
    size_t best = over;
    for (size_t j = lo; j <= hi; ++j) {
      if (j == 0) {
        row[0] = i;
      } else {
        const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
        row[j] = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost});
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
          row[j] = std::min(row[j], before_prev[j - 2] + 1);
        }
      }
      row[j] = std::min(row[j], over);
      best = std::min(best, row[j]);
    }
    if (best >= over) return over;  // every path through this row already costs too much
    std::swap(before_prev, prev);
    std::swap(prev, row);
  }
  return std::min(prev[b.size()], over);
}

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  size_t best_distance = std::numeric_limits<size_t>::max();
  for (const std::string& c : candidates) {
    const std::string_view shorter = word.size() <= c.size() ? word : std::string_view(c);
    const std::string_view longer = word.size() <= c.size() ? std::string_view(c) : word;
    const bool prefix = shorter.size() >= 2 && longer.substr(0, shorter.size()) == shorter;
    const size_t gap = longer.size() - shorter.size();
    // The distance is at least the length gap, and exactly that for a prefix; only whether it is
    // at most 2 matters otherwise, which the band of the table shows in linear time.
    const size_t distance = gap <= 2 && !prefix ? edit_distance_at_most(word, c, 2) : gap;
    // Short words are one or two edits from almost anything: at most half of it may change.
    const bool close = distance <= 2 && 2 * distance <= shorter.size();
    if ((close || prefix) && distance < best_distance) {
      best = c;
      best_distance = distance;
    }
  }
  return best;
}

std::string suggestion_suffix(std::string_view word, const std::vector<std::string>& candidates) {
  if (candidates.empty()) return "";
  if (const std::optional<std::string> match = closest_match(word, candidates)) {
    return " (did you mean " + in_quotes(*match) + "?)";
  }
  std::vector<std::string> shown(candidates.begin(),
                                 candidates.begin() + std::min(candidates.size(), kListedNames));
  std::string list = joined(shown, ", ");
  if (candidates.size() > shown.size()) {
    list += " and " + std::to_string(candidates.size() - shown.size()) + " more";
  }
  return " (expected one of: " + list + ")";
}

}  // namespace drsim::models::scenario

// Scenario loading, the trace CSV files of faults: where they may lie, and their rows.
#include "models/scenario/loader_parts.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace drsim::models::scenario::loading {

namespace {

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

}  // namespace

// The rows of the trace CSV `file`, written relative to the scenario's folder: it must stay
// inside that folder (also after symbolic links are followed) unless it lies under a directory
// the caller allowed, and it must be a regular file of at most kMaxTraceFileBytes.
std::vector<TraceRow> Loader::read_trace(const std::string& file, const std::string& path) {
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
bool Loader::is_allowed(const std::filesystem::path& real) {
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

std::vector<TraceRow> Loader::read_trace_rows(std::string_view text, const std::string& label,
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

}  // namespace drsim::models::scenario::loading

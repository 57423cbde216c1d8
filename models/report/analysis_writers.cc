// JSON and terminal output of `drsim analyze`.
#include "models/report/analysis_writers.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <sstream>
#include <utility>

#include "models/report/text.h"
#include "sim/units.h"

namespace drsim::models::report {
namespace {

using nlohmann::json;

constexpr double kSecondsPerYear = 365 * 86400.0;

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// `text` followed by spaces up to `width` columns.
std::string pad(std::string_view text, size_t width) { return pad_right(text, width); }

std::optional<double> nines(double availability) {
  if (availability >= 1) return std::nullopt;
  return -std::log10(1 - availability);
}

// Spans up to a year as the scenario format writes them, longer ones in years.
std::string span(double seconds) {
  if (seconds < kSecondsPerYear) return sim::format_duration(sim::Duration::from_seconds(seconds));
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3g years", seconds / kSecondsPerYear);
  return buf;
}

std::string kind(const analytic::DatabaseAnalysis& a) {
  if (a.exact) return "exact";
  return a.not_covered().empty() ? "approximate" : "partial";
}

constexpr const char* kNotCovered = "not covered";

// A mean time as the table shows it: a span, "never", or "not covered".
std::string mean_time_cell(const std::optional<std::optional<double>>& figure) {
  if (!figure) return kNotCovered;
  return *figure ? span(**figure) : "never";
}

json mean_time_json(const std::optional<double>& seconds) {
  return seconds ? json(*seconds) : json(nullptr);
}

}  // namespace

json analysis_json(const std::string& scenario,
                   const std::vector<analytic::DatabaseAnalysis>& databases) {
  json out;
  out["scenario"] = scenario;
  out["databases"] = json::array();
  for (const analytic::DatabaseAnalysis& a : databases) {
    json entry{{"name", a.name},
               {"deployment", scenario::deployment_name(a.deployment)},
               {"availability", nullptr},
               {"nines", nullptr},
               {"long_run_availability", nullptr},
               {"horizon_availability", nullptr},
               {"downtime_s_per_year", nullptr},
               {"mttdl_s", nullptr},
               {"mean_time_to_write_loss_s", nullptr},
               {"not_covered", a.not_covered()},
               {"availability_of_modelled_faults", nullptr},
               {"mttdl_of_modelled_faults_s", nullptr},
               {"mean_time_to_write_loss_of_modelled_faults_s", nullptr},
               {"states", nullptr},
               {"exact", a.exact},
               {"covers_all_faults", a.not_covered().empty()},
               {"notes", a.notes}};
    if (const std::optional<double> availability = a.availability()) {
      entry["availability"] = *availability;
      if (const auto n = nines(*availability)) entry["nines"] = *n;
      entry["long_run_availability"] = a.chain->availability;
      if (const auto h = a.horizon_availability()) entry["horizon_availability"] = *h;
      entry["downtime_s_per_year"] = *a.downtime_s_per_year();
    }
    if (const auto m = a.mttdl_s()) entry["mttdl_s"] = mean_time_json(*m);
    if (const auto w = a.mean_time_to_write_loss_s()) {
      entry["mean_time_to_write_loss_s"] = mean_time_json(*w);
    }
    if (a.chain) {
      entry["availability_of_modelled_faults"] = *a.modelled_availability();
      entry["mttdl_of_modelled_faults_s"] = mean_time_json(a.chain->mttdl_s);
      entry["mean_time_to_write_loss_of_modelled_faults_s"] =
          mean_time_json(a.chain->mean_time_to_write_loss_s);
      entry["states"] = a.chain->states;
    }
    out["databases"].push_back(std::move(entry));
  }
  return out;
}

std::string analysis_terminal(const std::string& scenario,
                              const std::vector<analytic::DatabaseAnalysis>& databases) {
  // The cells first, so that each column is as wide as its widest cell.
  std::vector<std::vector<std::string>> rows{{"Database", "Deployment", "Availability", "Nines",
                                              "Over horizon", "Downtime/year", "MTTDL",
                                              "Write loss", "Chain"}};
  for (const analytic::DatabaseAnalysis& a : databases) {
    std::vector<std::string> row{terminal_safe(a.name),
                                 std::string(scenario::deployment_name(a.deployment))};
    if (!a.chain) {
      row.push_back("no answer (see the notes)");
      rows.push_back(std::move(row));
      continue;
    }
    if (const std::optional<double> availability = a.availability()) {
      const std::optional<double> n = nines(*availability);
      const std::optional<double> h = a.horizon_availability();
      row.push_back(fixed(100 * *availability, 5) + "%");
      row.push_back(n ? fixed(*n, 1) : "-");
      row.push_back(h ? fixed(100 * *h, 5) + "%" : "-");
      row.push_back(span(*a.downtime_s_per_year()));
    } else {
      row.insert(row.end(), {kNotCovered, "", "", ""});
    }
    row.push_back(mean_time_cell(a.mttdl_s()));
    row.push_back(mean_time_cell(a.mean_time_to_write_loss_s()));
    row.push_back(kind(a));
    rows.push_back(std::move(row));
  }
  std::vector<size_t> widths(rows.front().size(), 0);
  for (const auto& row : rows) {
    if (row.size() < widths.size()) continue;  // "no answer" spans the figures
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], display_width(row[c]));
  }

  std::ostringstream out;
  out << terminal_safe(scenario) << ": Markov chains of each database's protection group\n\n";
  for (const auto& row : rows) {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c) {
      line += c + 1 < row.size() ? pad(row[c], widths[c]) + "  " : row[c];
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  }
  out << "\navailability: the long-run share of time accepting writes (unless a note says "
         "otherwise);\nover horizon: the expected share over the scenario's horizon from "
         "everything up, which `run` estimates.\nMTTDL: mean time to total loss, until no copy "
         "survives anywhere (synchronous copies, backups,\nreplicas, snapshot copies); write loss: "
         "mean time until no synchronous copy survives (the writes\nnot yet in a backup or "
         "replica are lost); never: nothing in the scenario can cause it.\nnot covered: the chain "
         "leaves out something that affects the figure (the notes say what).\nexact: the chain "
         "is the model; approximate: durations that are not exponential enter through\ntheir "
         "means; partial: some figure is not covered.\n";
  // Each note once, with the databases it concerns.
  std::vector<std::pair<std::string, std::vector<std::string>>> notes;
  for (const analytic::DatabaseAnalysis& a : databases) {
    for (const std::string& note : a.notes) {
      auto it = std::find_if(notes.begin(), notes.end(),
                             [&](const auto& entry) { return entry.first == note; });
      if (it == notes.end()) it = notes.insert(notes.end(), {note, {}});
      it->second.push_back(a.name);
    }
  }
  for (const auto& [note, names] : notes) {
    out << "  - " << terminal_safe(note) << " (";
    if (names.size() == databases.size() && names.size() > 1) {
      out << "all databases";
    } else if (names.size() <= 4) {
      for (size_t i = 0; i < names.size(); ++i) out << (i ? ", " : "") << terminal_safe(names[i]);
    } else {
      out << names.size() << " databases";
    }
    out << ")\n";
  }
  return out.str();
}

}  // namespace drsim::models::report

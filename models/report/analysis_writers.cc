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

std::string pad(std::string text, size_t width) { return pad_right(text, width) + " "; }

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
  return a.covers_all_faults ? "approximate" : "partial";
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
               {"states", nullptr},
               {"exact", a.exact},
               {"covers_all_faults", a.covers_all_faults},
               {"notes", a.notes}};
    if (a.chain) {
      entry["availability"] = *a.availability();
      if (const auto n = nines(*a.availability())) entry["nines"] = *n;
      entry["long_run_availability"] = a.chain->availability;
      if (a.horizon_availability) entry["horizon_availability"] = *a.horizon_availability;
      entry["downtime_s_per_year"] = *a.downtime_s_per_year();
      if (a.chain->mttdl_s) entry["mttdl_s"] = *a.chain->mttdl_s;
      entry["states"] = a.chain->states;
    }
    out["databases"].push_back(std::move(entry));
  }
  return out;
}

std::string analysis_terminal(const std::string& scenario,
                              const std::vector<analytic::DatabaseAnalysis>& databases) {
  std::ostringstream out;
  out << terminal_safe(scenario)
      << ": Markov chains of each database's protection group (long-run answers unless a note\n"
      << "says otherwise; over horizon: the expected availability over the scenario's horizon from\n"
      << "everything up, which `run` estimates)\n\n";
  out << "Database              Deployment        Availability  Nines  Over horizon  "
         "Downtime/year    MTTDL          Chain\n";
  for (const analytic::DatabaseAnalysis& a : databases) {
    out << pad(terminal_safe(a.name), 21)
        << pad(std::string(scenario::deployment_name(a.deployment)), 17);
    if (!a.chain) {
      out << "no answer (see the notes)\n";
      continue;
    }
    const std::optional<double> n = nines(*a.availability());
    out << pad(fixed(100 * *a.availability(), 5) + "%", 13) << pad(n ? fixed(*n, 1) : "-", 6)
        << pad(a.horizon_availability ? fixed(100 * *a.horizon_availability, 5) + "%" : "-", 13)
        << pad(span(*a.downtime_s_per_year()), 16)
        << pad(a.chain->mttdl_s ? span(*a.chain->mttdl_s) : "never", 15) << kind(a) << "\n";
  }
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
  if (!notes.empty()) {
    out << "\nexact: the chain is the model; approximate: durations that are not exponential enter "
           "through their means;\npartial: the chain leaves out faults the Monte Carlo model has "
           "(`run` shows no chain figure then).\n";
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

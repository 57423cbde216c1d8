// The incidents of a run as columns, for drsim.Result.incidents(): the data of `drsim run --csv`'s
// rows (models/report/writers.h append_incident_csv), kept as numbers instead of text.
#pragma once

#include <pybind11/pybind11.h>

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "models/observations/observations.h"
#include "models/report/writers.h"

namespace drsim::python {

// One entry per incident, in trial order, then the order the trial recorded them (the CSV's).
// Times are microseconds from the start of the trial. A value that does not exist (the CSV's
// empty cell) has its `has_` entry 0: no end for a censored incident, no RPO for a total loss
// or a loss not known yet, no lost writes where they are not known. `path` and `path_of` are codes
// into path_names and path_of_names (the CSV's text), -1 for a censored incident.
struct IncidentColumns {
  explicit IncidentColumns(models::results::IncidentLabels labels) : labels_(std::move(labels)) {}

  std::vector<uint64_t> trial;
  std::vector<int32_t> service;  // index into the scenario's services
  std::vector<int64_t> started_us, stopped_committing_us, serving_again_us, rpo_us;
  std::vector<uint64_t> lost_writes;
  std::vector<uint8_t> has_serving_again, has_rpo, has_lost_writes, total_loss, planned;
  std::vector<int32_t> path, path_of;
  std::vector<std::string> path_names, path_of_names;

  // Appends the incidents of one trial.
  void append(const models::observations::TrialObservations& obs);
  // {column name: numpy array}; "censored" is the complement of has_serving_again.
  pybind11::dict to_numpy() const;

 private:
  // The code of a text in `names`, interned under `key` (so each distinct path is spelled once).
  int32_t code(std::map<std::pair<int, int>, int32_t>& codes, std::pair<int, int> key,
               std::vector<std::string>& names, const std::string& text);

  models::results::IncidentLabels labels_;
  std::map<std::pair<int, int>, int32_t> path_codes_, path_of_codes_;
};

}  // namespace drsim::python

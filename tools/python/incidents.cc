// IncidentColumns: a trial's incidents appended as numbers, handed to Python as numpy arrays.
#include "tools/python/incidents.h"

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <algorithm>

namespace drsim::python {
namespace py = pybind11;

void IncidentColumns::append(const models::observations::TrialObservations& obs) {
  for (const models::observations::Incident& i : obs.incidents) {
    trial.push_back(obs.trial);
    service.push_back(i.service);
    started_us.push_back(i.started_at.count_us());
    stopped_committing_us.push_back(i.stopped_committing_at.count_us());
    serving_again_us.push_back(i.serving_again_at ? i.serving_again_at->count_us() : 0);
    has_serving_again.push_back(i.serving_again_at.has_value());
    rpo_us.push_back(i.rpo ? i.rpo->count_us() : 0);
    has_rpo.push_back(i.rpo.has_value());
    lost_writes.push_back(i.lost_writes.value_or(0));
    has_lost_writes.push_back(i.lost_writes.has_value());
    total_loss.push_back(i.total_loss);
    planned.push_back(i.planned);
    if (i.path == models::RecoveryKind::kNone) {
      path.push_back(-1);
      path_of.push_back(-1);
      continue;
    }
    const std::pair<int, int> how{static_cast<int>(i.path), i.path_where};
    const auto it = path_codes_.find(how);
    path.push_back(it != path_codes_.end() ? it->second
                                           : code(path_codes_, how, path_names,
                                                  models::results::incident_path(i, labels_)));
    const std::pair<int, int> what{static_cast<int>(i.path_of), i.path_subject};
    const auto jt = path_of_codes_.find(what);
    path_of.push_back(jt != path_of_codes_.end()
                          ? jt->second
                          : code(path_of_codes_, what, path_of_names,
                                 models::results::incident_path_of(i, labels_)));
  }
}

int32_t IncidentColumns::code(std::map<std::pair<int, int>, int32_t>& codes, std::pair<int, int> key,
                              std::vector<std::string>& names, const std::string& text) {
  // Two keys may spell one text (a path without a place): one category each way.
  const auto same = std::find(names.begin(), names.end(), text);
  const auto c = static_cast<int32_t>(same - names.begin());
  if (same == names.end()) names.push_back(text);
  codes.emplace(key, c);
  return c;
}

namespace {

template <class T>
py::array_t<T> numpy(const std::vector<T>& v) {
  return py::array_t<T>(static_cast<py::ssize_t>(v.size()), v.data());
}

py::array_t<bool> booleans(const std::vector<uint8_t>& v, bool negate = false) {
  py::array_t<bool> out(static_cast<py::ssize_t>(v.size()));
  bool* data = out.mutable_data();
  for (size_t k = 0; k < v.size(); ++k) data[k] = (v[k] != 0) != negate;
  return out;
}

}  // namespace

py::dict IncidentColumns::to_numpy() const {
  py::dict d;
  d["trial"] = numpy(trial);
  d["service"] = numpy(service);
  d["started_us"] = numpy(started_us);
  d["stopped_committing_us"] = numpy(stopped_committing_us);
  d["serving_again_us"] = numpy(serving_again_us);
  d["has_serving_again"] = booleans(has_serving_again);
  d["censored"] = booleans(has_serving_again, /*negate=*/true);
  d["rpo_us"] = numpy(rpo_us);
  d["has_rpo"] = booleans(has_rpo);
  d["lost_writes"] = numpy(lost_writes);
  d["has_lost_writes"] = booleans(has_lost_writes);
  d["total_loss"] = booleans(total_loss);
  d["planned"] = booleans(planned);
  d["path"] = numpy(path);
  d["path_of"] = numpy(path_of);
  d["path_names"] = py::cast(path_names);
  d["path_of_names"] = py::cast(path_of_names);
  return d;
}

}  // namespace drsim::python

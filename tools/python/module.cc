// drsim._core, the extension under `import drsim` (DESIGN.md §8, docs/python.md). It loads
// scenarios with the command line's loader and runs them with the very library calls of
// tools/drsim.cc's commands, so a result is bit-identical to the CLI's; it hands back their JSON
// documents as text (drsim/__init__.py builds the DataFrames) and a run's incidents as numpy
// arrays. Long work runs off the GIL and stops on Ctrl-C (interruptible.h).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/analytic/analysis.h"
#include "models/plan/plan.h"
#include "models/report/analysis_writers.h"
#include "models/report/chain_figures.h"
#include "models/report/story_writers.h"
#include "models/report/writers.h"
#include "models/results/summary.h"
#include "models/scenario/loader.h"
#include "models/simulation/simulation.h"
#include "models/simulation/work_estimate.h"
#include "models/simulation/worst_trial.h"
#include "models/sweep/sweep.h"
#include "models/sweep/sweep_writers.h"
#include "tools/arguments.h"
#include "tools/python/incidents.h"
#include "tools/python/interruptible.h"
#include "tools/run_setup.h"
#include "tools/version.h"

namespace drsim::python {
namespace {

namespace py = pybind11;
namespace observations = models::observations;
namespace report = models::report;
namespace results = models::results;
namespace sweep = models::sweep;
using models::Plan;
using models::scenario::ScenarioError;

// How the keyword that lifts the work estimate's limits is named in its message (the CLI's is
// --allow-huge).
constexpr const char* kAllowHuge = "allow_huge=True";

// A scenario as drsim.load returns it: checked, with the text it was read from, so that a sweep
// starts from the very document (and a file changed since is not read again).
struct LoadedScenario {
  std::string text;
  std::string file;      // labels every message: the path as given, or "<dict>"
  std::string base_dir;  // resolves and confines trace files
  models::scenario::LoadOptions load;
  models::scenario::Scenario scenario;
};

LoadedScenario load_text(std::string text, std::string label, std::string base_dir,
                         std::vector<std::string> allow_paths) {
  LoadedScenario s;
  s.text = std::move(text);
  s.file = std::move(label);
  s.base_dir = std::move(base_dir);
  s.load.allowed_paths = std::move(allow_paths);
  s.scenario = models::scenario::load_scenario_text(s.text, s.file, s.base_dir, s.load);
  return s;
}

// What load_scenario_file does, keeping the text.
LoadedScenario load_file(const std::string& path, std::vector<std::string> allow_paths) {
  return load_text(models::scenario::read_scenario_file_text(path), path,
                   std::filesystem::path(path).parent_path().string(), std::move(allow_paths));
}

// `drsim run --json`'s document (with its engine block) and, when `keep_incidents`, the rows of
// `--csv` as columns (IncidentColumns::to_numpy), else None.
py::tuple run(const LoadedScenario& s, std::optional<uint64_t> trials,
              std::optional<uint64_t> seed, int threads, bool allow_huge, bool keep_incidents) {
  const Plan plan = models::make_plan(s.scenario);
  if (!allow_huge) models::check_work(plan, threads, kAllowHuge);
  const tools::RunSetup setup = tools::run_setup(s.scenario, trials, seed);
  IncidentColumns incidents(setup.labels);
  results::Results results;
  run_interruptible([&](const std::atomic<bool>& interrupt) {
    models::MonteCarloOptions options;
    options.threads = threads;
    options.interrupt = &interrupt;
    if (keep_incidents) {
      options.each = [&](const observations::TrialObservations& obs) { incidents.append(obs); };
    }
    results = models::run_monte_carlo(plan, setup.seed, setup.trials, options);
    report::add_chain_figures(plan, results);
  });
  results::Summary summary = results::summarize(results);
  tools::stamp_build(summary.engine);
  const std::string json = report::to_json(summary).dump();
  return py::make_tuple(json, keep_incidents ? py::object(incidents.to_numpy()) : py::none());
}

// `drsim timeline --trial TRIAL --json`'s document.
std::string timeline(const LoadedScenario& s, uint64_t trial, std::optional<uint64_t> seed,
                     bool allow_huge) {
  const Plan plan = models::make_plan(s.scenario);
  if (!allow_huge) models::check_work(plan, 1, kAllowHuge);
  results::Story story;
  run_interruptible([&](const std::atomic<bool>& interrupt) {
    story = models::tell_trial(plan, seed.value_or(s.scenario.seed), trial, "", &interrupt);
  });
  return report::story_json(story).dump();
}

// `drsim sweep --set ARG...`'s --json document; `set_arguments` are --set arguments.
std::string run_sweep(const LoadedScenario& s, const std::vector<std::string>& set_arguments,
                      std::optional<uint64_t> trials, std::optional<uint64_t> seed, int threads,
                      bool allow_huge) {
  std::vector<sweep::Setting> settings;
  for (const std::string& arg : set_arguments) settings.push_back(sweep::parse_setting(arg));
  const sweep::SweepBase base = sweep::sweep_base_from_text(s.text, s.file, s.base_dir, s.load);
  sweep::SweepResult r;
  run_interruptible([&](const std::atomic<bool>& interrupt) {
    const sweep::SweepOptions options{trials, seed, threads, &interrupt, allow_huge};
    r = sweep::run_sweep(base, std::move(settings), options);
  });
  return sweep::sweep_to_json(r).dump();
}

// `drsim analyze --json`'s document. The Markov chains cannot be interrupted; they run off the
// GIL all the same.
std::string analyze(const LoadedScenario& s) {
  py::gil_scoped_release release;
  const Plan plan = models::make_plan(s.scenario);
  return report::analysis_json(s.scenario.name, models::analytic::analyze(plan)).dump();
}

// drsim.ScenarioError: a ValueError whose message is the CLI's problem lines and whose
// `problems` attribute lists them. The module holds the class.
py::handle define_scenario_error(py::module_& m) {
  PyObject* type = PyErr_NewExceptionWithDoc(
      "drsim.ScenarioError",
      "Bad input: every problem of a scenario (or of an argument), one per line, as drsim prints "
      "them after 'error: '. `problems` lists the lines.",
      PyExc_ValueError, nullptr);
  if (type == nullptr) throw py::error_already_set();
  m.attr("ScenarioError") = py::reinterpret_steal<py::object>(type);
  return type;
}

void raise_scenario_error(py::handle type, const std::vector<std::string>& problems) {
  std::string message;
  for (const std::string& p : problems) message += (message.empty() ? "" : "\n") + p;
  py::object error = type(message);
  error.attr("problems") = py::cast(problems);
  PyErr_SetObject(type.ptr(), error.ptr());
}

void bind_scenario(py::module_& m) {
  py::class_<LoadedScenario>(m, "Scenario",
                             "A scenario drsim.load checked; drsim.run, timeline, sweep and "
                             "analyze take it.")
      .def_property_readonly("name", [](const LoadedScenario& s) { return s.scenario.name; })
      .def_property_readonly("description",
                             [](const LoadedScenario& s) { return s.scenario.description; })
      .def_property_readonly("file", [](const LoadedScenario& s) { return s.file; },
                             "The label of its messages: the path as given, or '<dict>'.")
      .def_property_readonly("base_dir", [](const LoadedScenario& s) { return s.base_dir; },
                             "Where its trace files are read from ('' is the working directory).")
      .def_property_readonly("seed", [](const LoadedScenario& s) { return s.scenario.seed; })
      .def_property_readonly("trials", [](const LoadedScenario& s) { return s.scenario.trials; })
      .def_property_readonly(
          "horizon_s", [](const LoadedScenario& s) { return s.scenario.horizon.in_seconds(); })
      .def_property_readonly(
          "services",
          [](const LoadedScenario& s) {
            py::list out;
            for (const auto& svc : s.scenario.services) out.append(py::make_tuple(svc.name, svc.tier));
            return out;
          },
          "(name, tier) of every service, in the scenario's order.")
      .def_property_readonly(
          "warnings",
          [](const LoadedScenario& s) { return models::scenario::scenario_warnings(s.scenario); },
          "What drsim validate warns about: valid, but probably not what was meant.")
      .def_property_readonly(
          "notes", [](const LoadedScenario& s) { return models::make_plan(s.scenario).notes; },
          "What drsim run notes about how the scenario is simulated.")
      .def_property_readonly("text", [](const LoadedScenario& s) { return s.text; },
                             "The JSON text it was loaded from.")
      .def("__repr__", [](const LoadedScenario& s) {
        return "<drsim.Scenario " + py::repr(py::str(s.scenario.name)).cast<std::string>() +
               " from " + s.file + ">";
      });
}

}  // namespace
}  // namespace drsim::python

PYBIND11_MODULE(_core, m) {
  using namespace drsim::python;  // NOLINT: the module's own definitions, in one file
  namespace py = pybind11;
  m.doc() = "drsim's simulation, called as the drsim program calls it (use the drsim package).";
  // The module owns the class; it lives as long as the interpreter may raise it.
  static const py::handle scenario_error = define_scenario_error(m);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const drsim::models::scenario::ScenarioError& e) {
      raise_scenario_error(scenario_error, e.problems());
    } catch (const nlohmann::json::exception& e) {
      // Text from the input that JSON cannot carry: bad input, as the CLI says (exit 2).
      raise_scenario_error(scenario_error, {e.what()});
    }
  });
  bind_scenario(m);
  m.def("load_file", &load_file, py::arg("path"), py::arg("allow_paths"));
  m.def("load_text", &load_text, py::arg("text"), py::arg("label"), py::arg("base_dir"),
        py::arg("allow_paths"));
  m.def("run", &run, py::arg("scenario"), py::arg("trials"), py::arg("seed"), py::arg("threads"),
        py::arg("allow_huge"), py::arg("keep_incidents"));
  m.def("timeline", &timeline, py::arg("scenario"), py::arg("trial"), py::arg("seed"),
        py::arg("allow_huge"));
  m.def("sweep", &run_sweep, py::arg("scenario"), py::arg("set_arguments"), py::arg("trials"),
        py::arg("seed"), py::arg("threads"), py::arg("allow_huge"));
  m.def("analyze", &analyze, py::arg("scenario"));
  m.def("whole_number", &drsim::tools::parse_whole_number, py::arg("option"), py::arg("text"),
        py::arg("min"), py::arg("max"),
        "The CLI's reader of whole-number options: ScenarioError naming the option and range.");
}

// libFuzzer target: bytes as a scenario file, run as `drsim run`, `timeline` and `analyze` would
// run it: load, plan, the Markov-chain analysis, the work estimate (inputs it refuses are
// skipped, as are trials too long to fuzz quickly), one traced trial, and every report of it.
// Bad input may raise ScenarioError before the trial starts; after that nothing may throw
// (STYLE.md §5), and any crash, abort, sanitizer report or hang is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/analytic/analysis.h"
#include "models/plan/plan.h"
#include "models/report/analysis_writers.h"
#include "models/report/chain_figures.h"
#include "models/report/html.h"
#include "models/report/state.h"
#include "models/report/story_writers.h"
#include "models/report/writers.h"
#include "models/results/results.h"
#include "models/results/summary.h"
#include "models/scenario/loader.h"
#include "models/simulation/simulation.h"
#include "models/simulation/work_estimate.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

namespace models = drsim::models;
namespace observations = drsim::models::observations;
namespace report = drsim::models::report;
namespace results = drsim::models::results;
using drsim::models::scenario::ScenarioError;

// Trials whose work estimate is above this many events are skipped: the fuzzer wants thousands of
// inputs a second, not one long trial. DRSIM_FUZZ_MAX_EVENTS overrides it.
double max_events() {
  static const double limit = [] {
    const char* env = std::getenv("DRSIM_FUZZ_MAX_EVENTS");
    return env != nullptr ? std::strtod(env, nullptr) : 2e4;
  }();
  return limit;
}

// Load, plan and check the work as the command line does. False when the input is refused.
bool prepare(std::string_view text, std::optional<models::Plan>& plan) {
  try {
    plan.emplace(models::make_plan(
        models::scenario::load_scenario_text(text, "fuzz.json", drsim::fuzz::base_dir())));
  } catch (const ScenarioError& e) {
    return false;
  } catch (const std::exception& e) {
    drsim::fuzz::unexpected_exception("load_scenario_text/make_plan", e);
  }
  try {
    // `drsim analyze` runs on any plan the loader accepts, before any work estimate.
    const auto analyses = models::analytic::analyze(*plan);
    (void)report::analysis_terminal(plan->scenario.name, analyses);
    (void)report::analysis_json(plan->scenario.name, analyses).dump(2);
  } catch (const std::exception& e) {
    drsim::fuzz::unexpected_exception("analyze", e);
  }
  try {
    models::check_work(*plan, 1, "--allow-huge");
  } catch (const ScenarioError& e) {
    return false;
  } catch (const std::exception& e) {
    drsim::fuzz::unexpected_exception("check_work", e);
  }
  return models::estimate_work(*plan).events <= max_events();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::optional<models::Plan> plan;
  if (!prepare(std::string_view(reinterpret_cast<const char*>(data), size), plan)) return 0;
  const models::scenario::Scenario& s = plan->scenario;
  try {
    // What run_monte_carlo and drsim do around its trials, for one traced trial.
    results::Results results = results::make_results(s, plan->scenario_hash, s.seed, 1);
    report::add_chain_figures(*plan, results);
    const observations::TrialObservations obs =
        models::run_trial(*plan, s.seed, 0, /*tracing=*/true);
    results.add(obs);
    results.range = {0, 1};
    const results::Summary summary = results::summarize(results);
    (void)report::to_json(summary).dump(2);
    (void)report::to_terminal(summary);
    std::string rows = report::incident_csv_header();
    report::append_incident_csv(obs, results::incident_labels(s), rows);
    // `drsim timeline` and `--html`: the story in words, as JSON, and the report.
    const results::Story story = results::make_story(s, obs);
    (void)report::format_story(story);
    (void)report::story_json(story).dump(2);
    report::HtmlReport html;
    html.title = s.name;
    html.results = &results;
    html.summary = &summary;
    html.story = &story;
    (void)report::render_html(html);
    // `drsim run --state` and `drsim merge`: the state document reads back.
    (void)report::results_from_state(report::results_to_state(results), "fuzz.state");
  } catch (const std::exception& e) {
    drsim::fuzz::unexpected_exception("the trial or its reports", e);
  }
  return 0;
}

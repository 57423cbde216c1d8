// `drsim sweep` (DESIGN.md §5, docs/sweep.md): the Cartesian product of --set values, each point
// the scenario with those values written into its JSON document, validated by the loader and
// simulated with the same seed (common random numbers), priced by the cost model and judged
// against every tier's targets.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "models/plan/plan.h"
#include "models/results/results.h"
#include "models/results/summary.h"
#include "models/scenario/loader.h"
#include "models/scenario/scenario.h"
#include "models/sweep/cost_model.h"
#include "models/sweep/frontier.h"
#include "models/sweep/setting.h"

namespace drsim::models::sweep {

// At most this many points: a product larger than this is almost certainly a typo.
inline constexpr size_t kMaxPoints = 10000;

// The scenario a sweep starts from, which must itself be valid.
struct SweepBase {
  std::string file;                    // labels every message, as load_scenario_file does
  std::string base_dir;                // resolves trace files
  scenario::LoadOptions load_options;  // every point is loaded with them
  scenario::Scenario scenario;
  nlohmann::json document;
};

// Reads and validates the scenario file at `path`. Throws ScenarioError.
SweepBase load_sweep_base(const std::string& path, const scenario::LoadOptions& options = {});
// The same from text (tests). Throws ScenarioError.
SweepBase sweep_base_from_text(std::string_view text, const std::string& file_label,
                               const std::string& base_dir,
                               const scenario::LoadOptions& options = {});

struct SweepOptions {
  std::optional<uint64_t> trials, seed;  // override every point's scenario
  int threads = 0;                       // as `run --threads`
  // When it becomes true (a signal handler may set it), no more points start and the point
  // under way stops between trials: the sweep is then partial (SweepResult::partial).
  const std::atomic<bool>* interrupt = nullptr;
  bool allow_huge = false;  // simulate points the work estimate refuses (they are errors else)
};

struct SweepPoint {
  size_t index = 0;  // in SweepResult::points; points.size() for a separate base
  // What the point changes against the base scenario (point_name.h), or "base" for a point
  // whose scenario is the base's.
  std::string name;
  // The base scenario as given, simulated as the reference because no point is it
  // (SweepResult::base).
  bool is_base = false;
  std::vector<nlohmann::json> values;    // one per setting, in --set order
  std::vector<std::string> adjustments;  // what fit_azs changed
  // The loader's warnings about this point that the base scenario does not have: what the
  // settings made questionable (an aurora-global database without replicas, say).
  std::vector<std::string> warnings;
  // Empty for a valid point; else the loader's (or planner's) problems: the point is reported
  // with them and never simulated.
  std::vector<std::string> errors;
  std::unique_ptr<Plan> plan;  // between preparation and simulation only
  uint64_t seed = 0, trials = 0;
  double tier_slo = 0.95;
  std::string currency;
  CostBreakdown cost;
  double cost_per_month = 0;  // cost.total() rounded to cents
  // False for a valid point an interrupt left unsimulated: it has no summary and no outcome, is
  // reported as "not simulated" and takes no part in the choice. A point cut short by the
  // interrupt is simulated, with summary.partial set.
  bool simulated = false;
  results::Summary summary;
  Outcome outcome;
  bool valid() const { return errors.empty(); }
};

// A tier the base misses, and the cheapest point that meets it.
struct TierChoice {
  int tier = 0;
  std::vector<Miss> misses;     // the base's, in this tier
  std::optional<size_t> point;  // the cheapest point whose verdict for the tier is met, or none
};

struct SweepResult {
  std::string scenario;  // the base scenario's name
  std::string currency;  // the base scenario's
  double horizon_s = 0;
  uint64_t seed = 0, trials = 0;  // the base scenario's, or the overrides
  std::vector<Setting> settings;
  std::vector<SweepPoint> points;
  // The reference every point is compared with: the base scenario as given. When a valid point
  // is the base (its scenario equals the base's), base_point is its index and `base` is empty;
  // otherwise `base` is the base, simulated with the points' seed and trials (common random
  // numbers), and takes no part in the frontier or the choices.
  std::optional<size_t> base_point;
  std::optional<SweepPoint> base;
  std::vector<size_t> pareto;
  std::vector<std::string> pareto_objectives;  // objective_names of every tier simulated
  // Per tier the simulated base misses (verdict not met), ascending: what meets it cheapest.
  std::vector<TierChoice> cheapest_per_tier;
  std::optional<size_t> cheapest_compliant;
  // Only when no point is compliant: the nearest miss and the targets it misses.
  std::optional<size_t> nearest_miss;
  std::vector<Miss> nearest_misses;
  // Interrupted: some valid point is not simulated, or simulated only in part.
  bool partial = false;
};

// The value index of each setting for every point, in order: the first setting varies slowest.
// Throws ScenarioError when there are more than kMaxPoints points.
std::vector<std::vector<size_t>> cartesian_product(const std::vector<Setting>& settings);

// The base document with the point's values written in --set order. Throws ScenarioError (a
// setting that selects nothing is a usage error, whatever the point).
nlohmann::json point_document(const nlohmann::json& base, const std::vector<Setting>& settings,
                              const std::vector<nlohmann::json>& values);

// Fits the `azs` of each database whose deployment the settings changed (and whose azs they
// left alone) to the new deployment's count: the first AZs listed, then the region's other AZs
// in the region's order. Returns one line per database changed:
// `databases[0].azs: ["use1-az1","use1-az2","use1-az3"] for multi-az-cluster`. A region with
// too few AZs is left for the loader to report.
std::vector<std::string> fit_azs(const nlohmann::json& base, nlohmann::json& doc);

// Every point with its scenario loaded and planned, or its error. Throws ScenarioError for bad
// settings or too many points.
std::vector<SweepPoint> prepare_points(const SweepBase& base, const std::vector<Setting>& settings,
                                       const SweepOptions& options);

// Sets the Pareto frontier, the cheapest compliant point, the nearest miss and the cheapest
// point per tier the base misses, from the simulated points.
void choose(SweepResult& r);

// The base: points[*base_point] or *base; nullptr for a sweep not prepared by prepare_sweep.
const SweepPoint* reference_point(const SweepResult& r);

// How a valid point's trials run: by default run_monte_carlo(*p.plan, p.seed, p.trials,
// threads) with the chains' figures beside (report::add_chain_figures), which a Simulate adds
// too where the Results are reported or written to a state file. `drsim` runs a shard's part of them (--shard), each MPI rank's part joined on rank 0,
// or none at all when `drsim merge` joins the shards' state files.
using Simulate = std::function<results::Results(const SweepPoint& p)>;

// Prepares every point, names it, and finds the base among them or prepares it apart: the sweep
// before simulation. Throws ScenarioError as prepare_points, and when no point is valid, with
// every point's problems.
SweepResult prepare_sweep(const SweepBase& base, std::vector<Setting> settings,
                          const SweepOptions& options);

// Simulates the separate base (when there is one) and then every valid point of a prepared
// sweep in order (with `simulate` when set), then chooses. `progress`, when set, is called after each point with (points done, points in all).
// Once *options.interrupt is true, the points not started are left unsimulated and the result is
// partial; `options.interrupt` also stops the default simulation between trials (a `simulate`
// of the caller's handles its own).
void simulate_sweep(SweepResult& r, const SweepOptions& options,
                    const std::function<void(size_t, size_t)>& progress = nullptr,
                    const Simulate& simulate = nullptr);

// prepare_sweep, then simulate_sweep.
SweepResult run_sweep(const SweepBase& base, std::vector<Setting> settings,
                      const SweepOptions& options,
                      const std::function<void(size_t, size_t)>& progress = nullptr);

// The first problem of an invalid point, with the count of the others: one line.
std::string first_error(const SweepPoint& p);
// "databases[*].deployment=multi-az, databases[*].backup.snapshot.every=1h".
std::string describe_point(const SweepResult& r, const SweepPoint& p);
// A value as settings show it: strings bare, everything else as compact JSON.
std::string value_text(const nlohmann::json& v);

}  // namespace drsim::models::sweep

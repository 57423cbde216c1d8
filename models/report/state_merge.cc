// The checked merges of Results: the shards of a run read from state files (`drsim merge`), and
// the parts of one shard that processes (MPI ranks) ran side by side.
#include <algorithm>
#include <string>
#include <vector>

#include "models/report/state.h"
#include "models/scenario/loader.h"
#include "sim/check.h"

namespace drsim::models::report {

results::Results merge_shards(const std::vector<results::Results>& parts,
                              const std::vector<std::string>& sources) {
  DRSIM_CHECK(parts.size() == sources.size()) << parts.size() << " parts, " << sources.size();
  if (parts.empty()) throw scenario::ScenarioError({"merge: no parts given"});
  std::vector<std::string> problems;
  const results::Results& first = parts[0];
  const auto differs = [&](size_t i, const std::string& what, const std::string& mine,
                           const std::string& theirs) {
    problems.push_back(sources[i] + ": " + what + " " + theirs + ", but " + sources[0] + " has " +
                       mine);
  };
  const uint64_t n = first.shard.count;
  std::vector<std::vector<size_t>> by_shard(n);
  for (size_t i = 0; i < parts.size(); ++i) {
    const results::Results& p = parts[i];
    if (p.scenario_hash != first.scenario_hash) {
      differs(i, "is a different scenario:",
              "\"" + first.scenario + "\" (" + hex64(first.scenario_hash) + ")",
              "\"" + p.scenario + "\" (" + hex64(p.scenario_hash) + ")");
    } else if (p.services.size() != first.services.size() ||
               p.object_stores.size() != first.object_stores.size() ||
               p.databases.size() != first.databases.size() ||
               p.failovers.size() != first.failovers.size()) {
      problems.push_back(sources[i] + ": services or databases differ from " + sources[0]);
    } else {
      for (size_t d = 0; d < p.databases.size(); ++d) {
        if (p.databases[d].analytic_availability != first.databases[d].analytic_availability ||
            p.databases[d].analytic_exact != first.databases[d].analytic_exact) {
          problems.push_back(sources[i] + ": the Markov chain figure of database " +
                             p.databases[d].name + " differs from " + sources[0] +
                             " (written by another drsim version?)");
          break;
        }
      }
    }
    if (p.seed != first.seed) {
      differs(i, "has seed", std::to_string(first.seed), std::to_string(p.seed));
    }
    if (p.trials_requested != first.trials_requested) {
      differs(i, "is a run of", std::to_string(first.trials_requested) + " trials",
              std::to_string(p.trials_requested) + " trials");
    }
    if (p.shard.count != n) {
      differs(i, "is a shard of", std::to_string(n) + " shards",
              std::to_string(p.shard.count) + " shards");
      continue;
    }
    if (p.precision) {
      problems.push_back(sources[i] + ": was run with --precision; shards must run every trial");
    }
    if (p.range != shard_range(p.trials_requested, p.shard)) {
      problems.push_back(sources[i] + ": holds trials " + std::to_string(p.range.first) + ".." +
                         std::to_string(p.range.end) + ", not all of shard " +
                         std::to_string(p.shard.index) + "/" + std::to_string(n));
    } else if (p.partial || p.trials != p.range.size()) {
      problems.push_back(sources[i] + ": shard " + std::to_string(p.shard.index) + "/" +
                         std::to_string(n) + " is partial (" + std::to_string(p.trials) + " of " +
                         std::to_string(p.range.size()) + " trials); run it again");
    }
    by_shard[p.shard.index].push_back(i);
  }
  std::vector<std::string> missing;
  for (uint64_t k = 0; k < n; ++k) {
    if (by_shard[k].size() > 1) {
      std::string names;
      for (size_t i : by_shard[k]) names += (names.empty() ? "" : ", ") + sources[i];
      problems.push_back("shard " + std::to_string(k) + "/" + std::to_string(n) +
                         " is given more than once: " + names);
    } else if (by_shard[k].empty()) {
      missing.push_back(std::to_string(k));
    }
  }
  if (!missing.empty()) {
    std::string list;
    for (const std::string& k : missing) list += (list.empty() ? "" : ", ") + k;
    problems.push_back("missing shard" + std::string(missing.size() > 1 ? "s " : " ") + list +
                       " of " + std::to_string(n));
  }
  if (!problems.empty()) throw scenario::ScenarioError(problems);

  results::Results merged = first;
  for (size_t i = 1; i < parts.size(); ++i) merged.merge(parts[i]);
  merged.shard = {0, 1};
  merged.range = {0, first.trials_requested};
  merged.partial = false;
  return merged;
}

results::Results join_parts(const std::vector<results::Results>& parts) {
  if (parts.empty()) throw scenario::ScenarioError({"join: no parts given"});
  std::vector<const results::Results*> order;
  for (const results::Results& p : parts) order.push_back(&p);
  std::sort(order.begin(), order.end(), [](const results::Results* a, const results::Results* b) {
    return a->range.first < b->range.first;
  });
  const results::Results& first = *order.front();
  const results::TrialRange whole = shard_range(first.trials_requested, first.shard);
  std::vector<std::string> problems;
  uint64_t next = whole.first;
  for (const results::Results* p : order) {
    if (p->scenario_hash != first.scenario_hash || p->seed != first.seed ||
        p->trials_requested != first.trials_requested || !(p->shard == first.shard) ||
        p->services.size() != first.services.size() ||
        p->object_stores.size() != first.object_stores.size() ||
        p->databases.size() != first.databases.size() ||
        p->failovers.size() != first.failovers.size()) {
      problems.push_back("a part of trials " + std::to_string(p->range.first) + ".." +
                         std::to_string(p->range.end) + " is of another run or shard");
    }
    if (p->range.first != next) {
      problems.push_back("the parts do not cover trials " + std::to_string(whole.first) + ".." +
                         std::to_string(whole.end) + " exactly once: a part starts at " +
                         std::to_string(p->range.first) + ", expected " + std::to_string(next));
    }
    next = p->range.end;
  }
  if (next != whole.end) {
    problems.push_back("the parts end at trial " + std::to_string(next) + ", expected " +
                       std::to_string(whole.end));
  }
  if (!problems.empty()) throw scenario::ScenarioError(problems);

  results::Results joined = first;
  double wall_s = first.engine.wall_s;
  for (size_t i = 1; i < order.size(); ++i) {
    joined.merge(*order[i]);
    joined.partial = joined.partial || order[i]->partial;
    wall_s = std::max(wall_s, order[i]->engine.wall_s);
  }
  joined.range = whole;
  joined.engine.wall_s = wall_s;  // the parts ran side by side
  return joined;
}

}  // namespace drsim::models::report

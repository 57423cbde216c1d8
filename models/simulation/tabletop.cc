// Playing a tabletop: the policies that answer decisions, previews by replay, and the branches.
#include "models/simulation/tabletop.h"

#include <algorithm>
#include <atomic>
#include <optional>

#include "models/response/decision.h"
#include "models/results/summary.h"
#include "models/simulation/simulation.h"
#include "sim/units.h"

namespace drsim::models {
namespace {

using response::Choice;
using response::DecisionPoint;
using response::Option;

const Option* find_option(const DecisionPoint& point, const std::string& id) {
  for (const Option& o : point.options) {
    if (o.id == id) return &o;
  }
  return nullptr;
}

// Replays a branch: decision n (from 1) takes ids[n - 1] while there is one, the automatic rule
// after. With a salt, the last scripted decision redraws its path's durations (a preview) and
// the trial stops once that path has finished.
class ScriptPolicy : public response::DecisionPolicy {
 public:
  ScriptPolicy(const std::vector<std::string>& ids, std::optional<uint64_t> salt,
               std::atomic<bool>* stop)
      : ids_(ids), salt_(salt), stop_(stop) {}

  Choice decide(const DecisionPoint& point) override {
    const size_t n = ++count_;
    if (n > ids_.size()) return point.automatic;
    const Option* option = find_option(point, ids_[n - 1]);
    if (!option) return point.automatic;  // the branch parted earlier; cannot happen in replays
    Choice c = response::choice_for(point, *option);
    if (salt_ && n == ids_.size()) {
      c.redraw_salt = salt_;
      previewed_ = point.database_index;
      decided_at_ = point.situation->now;
    }
    return c;
  }
  void path_finished(int database, sim::SimTime at) override {
    if (database != previewed_ || took_) return;
    took_ = at - decided_at_;
    if (stop_) stop_->store(true);
  }
  std::optional<sim::Duration> took() const { return took_; }

 private:
  const std::vector<std::string>& ids_;
  std::optional<uint64_t> salt_;
  std::atomic<bool>* stop_;
  size_t count_ = 0;
  int previewed_ = -1;
  sim::SimTime decided_at_;
  std::optional<sim::Duration> took_;
};

// The played trial: answers from the script, the facilitator or the automatic rule, with every
// option previewed.
class PlayPolicy : public response::DecisionPolicy {
 public:
  PlayPolicy(const scenario::Scenario& s, const Plan& plan, const TabletopOptions& o)
      : s_(s), plan_(plan), o_(o) {}

  void watch(const observations::TrialObservations& obs) override { obs_ = &obs; }

  Choice decide(const DecisionPoint& point) override {
    const int n = static_cast<int>(records_.size()) + 1;
    const response::Situation& situation = *point.situation;
    results::DecisionRecord record;
    record.n = n;
    record.at = situation.now;
    record.database = std::string(point.database);
    record.tier = point.tier;
    record.outage_since = situation.stopped_at;
    record.automatic = point.automatic_id.empty() ? "wait" : point.automatic_id;
    record.why = why(point.automatic);
    for (const Option& option : point.options) record.options.push_back(preview(point, option));

    std::string id;
    if (auto it = o_.choices.find(n); it != o_.choices.end()) {
      id = it->second;
    } else if (o_.facilitator) {
      id = o_.facilitator->choose(pause(record));
    }
    if (id.empty()) id = record.automatic;
    const Option* option = find_option(point, id);
    if (!option) {
      std::string ids;
      for (const Option& o : point.options) ids += (ids.empty() ? "" : ", ") + o.id;
      problems_.push_back("--choose " + std::to_string(n) + "=" + id + ": decision " +
                          std::to_string(n) + " (" + record.database + ") has no option \"" + id +
                          "\"; its options are " + ids);
      option = find_option(point, record.automatic);
    }
    record.chosen = option->id;
    ids_.push_back(option->id);
    records_.push_back(record);
    return response::choice_for(point, *option);
  }

  const std::vector<results::DecisionRecord>& records() const { return records_; }
  const std::vector<std::string>& ids() const { return ids_; }
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  static std::string why(const Choice& c) {
    using Reason = Choice::Reason;
    switch (c.reason) {
      case Reason::kMeetsRpo: return "the soonest path whose loss meets the RPO target";
      case Reason::kLeastLoss: return "nothing will come back and no path meets the RPO target: the path that loses least";
      case Reason::kRtoDeadline: return "no path meets the RPO target and waiting longer would miss the RTO target";
      case Reason::kWaitForOriginal: return "no path meets the RPO target: wait for the original while a path started later still meets the RTO target";
      default: return "";
    }
  }

  // An option with what it loses and how long it takes: `preview_samples` replays of the trial
  // with this option taken, each drawing the path's own durations afresh after the decision.
  results::DecisionOption preview(const DecisionPoint& point, const Option& option) {
    const response::Situation& situation = *point.situation;
    results::DecisionOption out;
    out.id = option.id;
    out.description = option.description;
    if (option.path < 0) {
      // Waiting: nothing is lost if the original returns, and nobody knows when it will.
      out.undoable = true;
      if (!situation.known_loss) {
        out.rpo_s = 0.0;
        out.meets_rpo = true;
      }
      return out;
    }
    const response::RecoveryPath& path = situation.paths[static_cast<size_t>(option.path)];
    out.rpo_s = path.loss.in_seconds();
    out.meets_rpo = path.loss <= situation.target.rpo;
    out.undoable = false;  // once it finishes the writer has moved; the lost writes stay lost
    std::vector<std::string> ids = ids_;
    ids.push_back(option.id);
    std::vector<double> took_s;
    for (int k = 0; k < o_.preview_samples; ++k) {
      std::atomic<bool> stop{false};
      ScriptPolicy replay(ids, static_cast<uint64_t>(k) + 1, &stop);
      run_trial(plan_, o_.seed, o_.trial, false, &stop, &replay);
      if (replay.took()) took_s.push_back(replay.took()->in_seconds());
    }
    if (!took_s.empty()) {
      std::sort(took_s.begin(), took_s.end());
      out.duration_p50_s = results::quantile_sorted(took_s, 0.5);
      out.duration_p95_s = results::quantile_sorted(took_s, 0.95);
      const double so_far = (situation.now - situation.stopped_at).in_seconds();
      out.meets_rto = so_far + *out.duration_p95_s <= situation.target.rto.in_seconds();
    }
    return out;
  }

  Pause pause(const results::DecisionRecord& record) const {
    Pause p;
    p.decision = record;
    p.start_epoch_s = s_.start_epoch_s;
    if (obs_) {
      observations::TrialObservations so_far = *obs_;
      so_far.incidents.clear();
      const results::Story partial = results::make_story(s_, so_far);
      p.story = partial.events;
      for (const results::StoryInterval& bar : partial.intervals) {
        if (!bar.to) p.down.push_back(bar);
      }
      p.services = partial.summary;
    }
    return p;
  }

  const scenario::Scenario& s_;
  const Plan& plan_;
  const TabletopOptions& o_;
  const observations::TrialObservations* obs_ = nullptr;
  std::vector<results::DecisionRecord> records_;  // the decisions so far, with their previews
  std::vector<std::string> ids_;                 // the option taken at each
  std::vector<std::string> problems_;            // answers that matched no option
};

results::Story traced(const scenario::Scenario& s, const Plan& plan, const TabletopOptions& o,
                      response::DecisionPolicy* policy) {
  results::Story story =
      results::make_story(s, run_trial(plan, o.seed, o.trial, true, nullptr, policy));
  story.seed = o.seed;
  return story;
}

}  // namespace

Tabletop play_tabletop(const scenario::Scenario& s, const Plan& plan, const TabletopOptions& o) {
  Tabletop out;
  PlayPolicy play(s, plan, o);
  out.story = traced(s, plan, o, &play);
  out.story.decisions = play.records();
  out.problems = play.problems();
  for (const auto& [n, id] : o.choices) {
    if (n < 1 || n > static_cast<int>(play.records().size())) {
      out.problems.push_back("--choose " + std::to_string(n) + "=" + id + ": the trial has " +
                             std::to_string(play.records().size()) + " decision" +
                             (play.records().size() == 1 ? "" : "s") +
                             (play.records().empty() ? "" : ", numbered from 1"));
    }
  }
  out.automatic = traced(s, plan, o, nullptr);

  // The branches: as played, the automatic rule throughout, and, when several decisions differed
  // from the automatic rule, each of them alone (the played choices up to it, automatic after).
  std::vector<int> differed;
  std::string played;
  for (const results::DecisionRecord& d : play.records()) {
    if (d.chosen != d.automatic) {
      differed.push_back(d.n);
      played += (played.empty() ? "" : "; ") + std::to_string(d.n) + ": " + d.database + " " + d.chosen +
                " (automatic: " + d.automatic + ")";
    }
  }
  out.branches.push_back({"chosen", played.empty() ? "every decision as the automatic rule" : played,
                          out.story.summary});
  out.branches.push_back({"automatic", "the automatic rule decides everything", out.automatic.summary});
  if (differed.size() > 1) {
    for (int n : differed) {
      std::vector<std::string> ids(play.ids().begin(), play.ids().begin() + n);
      ScriptPolicy replay(ids, std::nullopt, nullptr);
      const results::Story branch = traced(s, plan, o, &replay);
      out.branches.push_back({"up to " + std::to_string(n),
                              "as played up to decision " + std::to_string(n) + ", automatic after",
                              branch.summary});
    }
  }
  return out;
}

}  // namespace drsim::models

// One trial told as a story: its assembly from the trial's observations.
#include "models/results/story.h"

#include <algorithm>

#include "models/results/incident_labels.h"

namespace drsim::models::results {

Story make_story(const scenario::Scenario& s, const observations::TrialObservations& obs) {
  Story story;
  story.scenario = s.name;
  story.description = s.description;
  story.seed = s.seed;
  story.trial = obs.trial;
  story.start_epoch_s = s.start_epoch_s;
  story.horizon = s.horizon;
  story.events = obs.timeline;
  for (const auto& db : s.databases) story.databases.push_back(db.name);
  for (const auto& store : s.object_stores) story.object_stores.push_back(store.name);

  const SimTime horizon = SimTime::zero() + s.horizon;
  const IncidentLabels labels = incident_labels(s);
  for (size_t k = 0; k < s.services.size(); ++k) {
    ServiceOutcome out;
    out.service = s.services[k].name;
    out.tier = s.services[k].tier;
    if (auto t = s.tiers.find(out.tier); t != s.tiers.end()) out.target = t->second;
    if (k < obs.service_downtime.size()) out.downtime_s = obs.service_downtime[k].in_seconds();
    const observations::Incident* worst = nullptr;
    double worst_rto = -1, worst_rpo = -1;
    for (const observations::Incident& i : obs.incidents) {
      if (i.service != static_cast<int>(k)) continue;
      ++out.incidents;
      if (!i.lost_writes || !out.lost_writes) {
        out.lost_writes.reset();
      } else {
        *out.lost_writes += *i.lost_writes;
      }
      const double rto = ((i.serving_again_at ? *i.serving_again_at : horizon) - i.started_at).in_seconds();
      const double rpo = i.total_loss || !i.rpo ? 1e300 : i.rpo->in_seconds();
      if (!worst || rto > worst_rto || (rto == worst_rto && rpo > worst_rpo)) {
        worst = &i;
        worst_rto = rto;
        worst_rpo = rpo;
      }
    }
    if (worst) {
      out.rto_s = worst_rto;
      out.censored = !worst->serving_again_at;
      out.total_loss = worst->total_loss;
      out.rpo_s = worst->total_loss || !worst->rpo ? std::nullopt : std::optional<double>(worst_rpo);
      if (worst->path != RecoveryKind::kNone) {
        out.path = incident_path(*worst, labels);
        out.path_of = incident_path_of(*worst, labels);
      }
      // Every incident of the trial must meet a target for the service to meet it; one still open
      // has not met its RTO target (whether it will is not known).
      for (const observations::Incident& i : obs.incidents) {
        if (i.service != static_cast<int>(k)) continue;
        if (!i.serving_again_at || *i.serving_again_at - i.started_at > out.target.rto) out.met_rto = false;
        if (i.total_loss || !i.rpo || *i.rpo > out.target.rpo) out.met_rpo = false;
      }
    }
    story.summary.push_back(out);
  }

  // The Gantt chart's bars: from each "stops" step to the matching "resumes" step of a subject.
  auto lane_of = [&](const std::string& subject) -> std::string {
    if (std::find(story.databases.begin(), story.databases.end(), subject) != story.databases.end()) {
      return "database";
    }
    if (std::find(story.object_stores.begin(), story.object_stores.end(), subject) !=
        story.object_stores.end()) {
      return "object_store";
    }
    return "service";
  };
  std::vector<size_t> open;  // indices into intervals of bars not closed yet
  for (const observations::StoryEvent& e : story.events) {
    const bool down = e.kind == "writes_stopped" || e.kind == "service_down";
    const bool up = e.kind == "writes_resumed" || e.kind == "service_restored" ||
                    e.kind == "failover_completed" || e.kind == "switchover_completed";
    const bool gone = e.kind == "total_loss" || e.kind == "service_total_loss";
    if (down) {
      open.push_back(story.intervals.size());
      story.intervals.push_back({e.subject, lane_of(e.subject), e.at, std::nullopt, false});
    } else if (up || gone) {
      for (size_t k = open.size(); k-- > 0;) {
        StoryInterval& bar = story.intervals[open[k]];
        if (bar.subject != e.subject) continue;
        if (gone) {
          bar.total_loss = true;
        } else {
          bar.to = e.at;
          open.erase(open.begin() + static_cast<std::ptrdiff_t>(k));
        }
        break;
      }
    }
  }
  return story;
}

}  // namespace drsim::models::results

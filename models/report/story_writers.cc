// One trial told as a story: in words and as JSON.
#include "models/report/story_writers.h"

#include <algorithm>
#include <functional>
#include <sstream>

#include "models/report/text.h"
#include "models/report/writers.h"
#include "sim/units.h"

namespace drsim::models::report {
using sim::Duration;
namespace {

using nlohmann::json;

std::string spoken_s(double s) { return sim::spoken_duration(Duration::from_seconds(s)); }

// DESIGN §7's closing summary: each service against its targets.
json summary_json(const std::vector<results::ServiceOutcome>& summary) {
  json out = json::array();
  for (const results::ServiceOutcome& o : summary) {
    out.push_back({{"service", o.service},
                   {"tier", o.tier},
                   {"target", {{"rpo_s", o.target.rpo.in_seconds()}, {"rto_s", o.target.rto.in_seconds()}}},
                   {"incidents", o.incidents},
                   {"rto_s", o.rto_s},
                   {"rpo_s", o.rpo_s ? json(*o.rpo_s) : json(nullptr)},
                   {"lost_writes", o.lost_writes ? json(*o.lost_writes) : json(nullptr)},
                   {"met_rto", o.met_rto},
                   {"met_rpo", o.met_rpo},
                   {"total_loss", o.total_loss},
                   {"censored", o.censored},
                   {"downtime_s", o.downtime_s},
                   {"path", o.path ? json(*o.path) : json(nullptr)},
                   {"path_of", o.path_of ? json(*o.path_of) : json(nullptr)}});
  }
  return out;
}

// Which events are told under another: a consequence at the same instant as its cause.
std::vector<std::vector<int>> consequences(const std::vector<observations::StoryEvent>& events,
                                           std::vector<char>& is_consequence) {
  std::vector<std::vector<int>> children(events.size());
  is_consequence.assign(events.size(), 0);
  for (size_t i = 0; i < events.size(); ++i) {
    const int c = events[i].cause;
    if (c >= 0 && static_cast<size_t>(c) < events.size() && c != static_cast<int>(i) &&
        events[static_cast<size_t>(c)].at == events[i].at) {
      children[static_cast<size_t>(c)].push_back(static_cast<int>(i));
      is_consequence[i] = 1;
    }
  }
  return children;
}

// The events in telling order with their depth: each cause followed by its consequences.
std::vector<std::pair<int, int>> telling_order(
    const std::vector<observations::StoryEvent>& events) {
  std::vector<char> is_consequence;
  const std::vector<std::vector<int>> children = consequences(events, is_consequence);
  std::vector<std::pair<int, int>> out;
  std::vector<char> told(events.size(), 0);
  std::function<void(int, int)> tell = [&](int i, int depth) {
    if (told[static_cast<size_t>(i)]) return;
    told[static_cast<size_t>(i)] = 1;
    out.emplace_back(i, depth);
    for (int k : children[static_cast<size_t>(i)]) tell(k, std::min(depth + 1, 6));
  };
  for (size_t i = 0; i < events.size(); ++i) {
    if (!is_consequence[i]) tell(static_cast<int>(i), 0);
  }
  // A cycle of causes (never built by the models) is still told, flat.
  for (size_t i = 0; i < events.size(); ++i) tell(static_cast<int>(i), 0);
  return out;
}

}  // namespace

std::string format_story(const results::Story& story) {
  std::ostringstream out;
  out << terminal_safe(story.scenario) << " — trial " << story.trial << ", seed " << story.seed
      << "\n";
  if (!story.why_this_trial.empty()) out << terminal_safe(story.why_this_trial) << "\n";
  if (!story.description.empty()) out << terminal_safe(story.description) << "\n";
  out << "Times are UTC; durations are rounded.\n";
  std::string last_date;
  for (const auto& [i, depth] : telling_order(story.events)) {
    const observations::StoryEvent& e = story.events[static_cast<size_t>(i)];
    const int64_t epoch = story.start_epoch_s + e.at.count_us() / 1'000'000;
    const std::string date = sim::format_utc_date(epoch);
    if (date != last_date) {
      out << "\n-- " << date << " --\n";
      last_date = date;
    }
    out << sim::format_clock(epoch) << " UTC  " << std::string(static_cast<size_t>(depth) * 2, ' ')
        << (depth > 0 ? "↳ " : "") << terminal_safe(e.text);
    if (!e.rds_event.empty()) out << "  [" << e.rds_event << "]";
    out << "\n";
  }
  if (story.events.empty()) out << "\n(nothing happens in this trial)\n";

  out << "\nHow each service fared against its tier's targets:\n";
  for (const results::ServiceOutcome& o : story.summary) {
    out << "  " << terminal_safe(o.service) << " (tier " << o.tier << ", RPO < "
        << sim::spoken_duration(o.target.rpo) << ", RTO < " << sim::spoken_duration(o.target.rto)
        << "): ";
    if (o.incidents == 0) {
      out << "met: no incident\n";
      continue;
    }
    std::vector<std::string> missed;
    if (o.total_loss) {
      out << "TOTAL LOSS";
    } else if (o.met_rpo && o.met_rto) {
      out << "met";
    } else {
      if (!o.met_rpo && o.rpo_s) {
        missed.push_back("the RPO target by " +
                         spoken_s(*o.rpo_s - o.target.rpo.in_seconds()));
      } else if (!o.met_rpo) {
        missed.push_back("the RPO target (the loss is not known yet)");
      }
      if (!o.met_rto && !o.censored) {
        missed.push_back("the RTO target by " + spoken_s(o.rto_s - o.target.rto.in_seconds()));
      } else if (!o.met_rto) {
        missed.push_back(o.rto_s > o.target.rto.in_seconds()
                             ? "the RTO target by at least " +
                                   spoken_s(o.rto_s - o.target.rto.in_seconds())
                             : std::string("the RTO target (still down at the horizon)"));
      }
      out << "MISSED ";
      for (size_t k = 0; k < missed.size(); ++k) out << (k > 0 ? " and " : "") << missed[k];
    }
    out << " — ";
    out << (o.censored ? "still down at the horizon, RTO ≥ " : "RTO ") << spoken_s(o.rto_s);
    if (o.total_loss) {
      out << ", all its data lost";
    } else if (o.rpo_s) {
      out << ", RPO " << (*o.rpo_s > 0 ? spoken_s(*o.rpo_s) : std::string("0"));
    } else {
      out << ", RPO not known yet";
    }
    if (o.lost_writes && *o.lost_writes > 0) out << ", " << sim::grouped_count(*o.lost_writes) << " writes lost";
    if (o.incidents > 1) out << " (worst of " << o.incidents << " incidents)";
    out << "\n";
  }
  return out.str();
}

json story_json(const results::Story& story) {
  json events = json::array();
  for (const observations::StoryEvent& e : story.events) {
    const int64_t epoch = story.start_epoch_s + e.at.count_us() / 1'000'000;
    events.push_back({{"t_s", e.at.in_seconds()},
                      {"at", sim::format_utc_date(epoch) + "T" +
                                 sim::format_clock(epoch).substr(4) + "Z"},
                      {"subject", e.subject},
                      {"kind", e.kind},
                      {"rds_event", e.rds_event.empty() ? json(nullptr) : json(e.rds_event)},
                      {"text", e.text},
                      {"cause", e.cause >= 0 ? json(e.cause) : json(nullptr)}});
  }
  json out{{"scenario", story.scenario}, {"trial", story.trial}, {"seed", story.seed},
           {"horizon_s", story.horizon.in_seconds()}, {"events", std::move(events)},
           {"summary", summary_json(story.summary)}};
  if (!story.why_this_trial.empty()) out["why_this_trial"] = story.why_this_trial;
  return out;
}

namespace {


template <class T>
json maybe(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

// "met", "MISSED RPO", "TOTAL LOSS", "still down"
std::string verdict_word(const results::ServiceOutcome& o) {
  if (o.incidents == 0) return "no incident";
  if (o.total_loss) return "TOTAL LOSS";
  if (o.met_rpo && o.met_rto) return "met";
  std::string out = "MISSED";
  if (!o.met_rpo) out += " RPO";
  if (!o.met_rto) out += o.met_rpo ? " RTO" : "+RTO";
  return out;
}

}  // namespace

json tabletop_json(const results::Story& story,
                   const std::vector<results::BranchOutcome>& branches) {
  json decisions = json::array();
  for (const results::DecisionRecord& d : story.decisions) {
    json options = json::array();
    for (const results::DecisionOption& o : d.options) {
      options.push_back({{"id", o.id},
                         {"description", o.description},
                         {"rpo_s", maybe(o.rpo_s)},
                         {"duration_p50_s", maybe(o.duration_p50_s)},
                         {"duration_p95_s", maybe(o.duration_p95_s)},
                         {"meets_rpo", maybe(o.meets_rpo)},
                         {"meets_rto", maybe(o.meets_rto)},
                         {"undoable", o.undoable}});
    }
    decisions.push_back({{"n", d.n},
                         {"t_s", d.at.in_seconds()},
                         {"database", d.database},
                         {"tier", d.tier},
                         {"outage_since_s", d.outage_since.in_seconds()},
                         {"automatic", d.automatic},
                         {"chosen", d.chosen},
                         {"why_automatic", d.why},
                         {"options", std::move(options)}});
  }
  json out_branches = json::array();
  for (const results::BranchOutcome& b : branches) {
    out_branches.push_back(
        {{"name", b.name}, {"description", b.description}, {"summary", summary_json(b.summary)}});
  }
  json out = story_json(story);
  out["decisions"] = std::move(decisions);
  out["branches"] = std::move(out_branches);
  return out;
}

std::string format_branches(const std::vector<results::BranchOutcome>& branches) {
  if (branches.empty() || branches[0].summary.empty()) return {};
  // Columns: service, then per branch "RTO / RPO verdict".
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> head{"service"};
  for (const results::BranchOutcome& b : branches) head.push_back(b.name);
  rows.push_back(head);
  for (size_t k = 0; k < branches[0].summary.size(); ++k) {
    std::vector<std::string> row{branches[0].summary[k].service + " (tier " +
                                 std::to_string(branches[0].summary[k].tier) + ")"};
    for (const results::BranchOutcome& b : branches) {
      const results::ServiceOutcome& o = b.summary[k];
      if (o.incidents == 0) {
        row.push_back("no incident");
        continue;
      }
      std::string cell = std::string(o.censored ? "RTO ≥ " : "RTO ") + spoken_s(o.rto_s) + ", RPO " +
                         (o.total_loss ? std::string("all")
                          : o.rpo_s    ? (*o.rpo_s > 0 ? spoken_s(*o.rpo_s) : std::string("0"))
                                       : std::string("?")) +
                         "  " + verdict_word(o);
      row.push_back(cell);
    }
    rows.push_back(row);
  }
  // Width in code points, not bytes ("≥" is three bytes).
  auto width = [](const std::string& t) {
    size_t n = 0;
    for (unsigned char c : t) n += (c & 0xC0) != 0x80 ? 1 : 0;
    return n;
  };
  std::vector<size_t> widths(head.size(), 0);
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], width(row[c]));
  }
  std::ostringstream out;
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < rows[r].size(); ++c) {
      out << (c > 0 ? "  " : "  ") << terminal_safe(rows[r][c])
          << std::string(widths[c] - width(rows[r][c]), ' ');
    }
    out << "\n";
    if (r == 0) {
      size_t total = 0;
      for (size_t w : widths) total += w + 2;
      out << "  " << std::string(total - 2, '-') << "\n";
    }
  }
  for (const results::BranchOutcome& b : branches) {
    if (!b.description.empty()) out << "  " << terminal_safe(b.name) << ": " << terminal_safe(b.description) << "\n";
  }
  return out.str();
}

}  // namespace drsim::models::report

// Folding trials into Results, and merging Results.
#include "models/results/results.h"

#include <cstdint>
#include <optional>
#include <vector>

#include "models/scenario/writer.h"
#include "sim/check.h"
#include "sim/rng.h"

namespace drsim::models::results {

namespace {

// The indices of `items` in increasing key(item) (a counting sort: keys in [0, keys)), items of
// equal keys in their order.
template <class T, class Key>
std::vector<uint32_t> order_by(const std::vector<T>& items, size_t keys, Key key) {
  std::vector<uint32_t> start(keys + 1, 0);
  for (const T& item : items) {
    const auto k = static_cast<size_t>(key(item));
    DRSIM_CHECK(k < keys) << "key " << k << " of " << keys;
    ++start[k + 1];
  }
  for (size_t k = 0; k < keys; ++k) start[k + 1] += start[k];
  std::vector<uint32_t> order(items.size());
  for (uint32_t i = 0; i < items.size(); ++i)
    order[start[static_cast<size_t>(key(items[i]))]++] = i;
  return order;
}

}  // namespace

void IncidentStats::add(const observations::Incident& i, SimTime horizon,
                        const scenario::TierTarget& target) {
  ++incidents;
  if (i.total_loss) {
    ++total_loss;
  } else if (!i.rpo) {
    ++rpo_unknown;
  } else {
    rpo.add(*i.rpo);
    if (*i.rpo <= target.rpo) ++rpo_met;
  }
  if (!i.total_loss) {
    if (i.lost_writes) {
      lost_writes.add(*i.lost_writes);
    } else {
      ++lost_writes_unknown;
    }
  }
  if (i.serving_again_at) {
    const Duration rto_d = *i.serving_again_at - i.started_at;
    rto.add(rto_d);
    if (rto_d <= target.rto) ++rto_met;
  } else {
    const Duration open = horizon - i.started_at;
    rto_open.add(open);
    ++censored;
    if (open > target.rto) ++rto_missed_open;
  }
}

void IncidentStats::prefetch(const observations::Incident& i, SimTime horizon) const {
  if (i.rpo && !i.total_loss) rpo.histogram.prefetch(static_cast<uint64_t>(i.rpo->count_us()));
  if (i.lost_writes && !i.total_loss) lost_writes.histogram.prefetch(*i.lost_writes);
  const SimTime end = i.serving_again_at ? *i.serving_again_at : horizon;
  (i.serving_again_at ? rto : rto_open)
      .histogram.prefetch(static_cast<uint64_t>((end - i.started_at).count_us()));
}

void IncidentStats::merge(const IncidentStats& o) {
  incidents += o.incidents;
  total_loss += o.total_loss;
  censored += o.censored;
  rpo_unknown += o.rpo_unknown;
  rpo.merge(o.rpo);
  rto.merge(o.rto);
  rto_open.merge(o.rto_open);
  rpo_met += o.rpo_met;
  rto_met += o.rto_met;
  rto_missed_open += o.rto_missed_open;
  lost_writes.merge(o.lost_writes);
  lost_writes_unknown += o.lost_writes_unknown;
}

TrialRange shard_range(uint64_t trials, Shard shard) { return split_range({0, trials}, shard); }

TrialRange split_range(TrialRange whole, Shard part) {
  DRSIM_CHECK(part.index < part.count) << "part " << part.index << "/" << part.count;
  const auto at = [&](uint64_t k) {
    return whole.first + static_cast<uint64_t>(static_cast<u128>(k) * whole.size() / part.count);
  };
  return {at(part.index), at(part.index + 1)};
}

uint64_t scenario_hash(const scenario::Scenario& s) {
  return sim::fnv1a(scenario::scenario_to_json(s).dump());
}

uint64_t mix_trial_hash(uint64_t trial, uint64_t trace_hash) {
  return sim::splitmix64(trace_hash ^ sim::splitmix64(trial));
}

Results make_results(const scenario::Scenario& s, uint64_t seed, uint64_t trials) {
  return make_results(s, scenario_hash(s), seed, trials);
}

Results make_results(const scenario::Scenario& s, uint64_t scenario_hash, uint64_t seed,
                     uint64_t trials) {
  Results r;
  r.scenario = s.name;
  r.scenario_hash = scenario_hash;
  r.seed = seed;
  r.trials_requested = trials;
  r.range = {0, trials};
  r.horizon = s.horizon;
  r.tiers = s.tiers;
  r.tier_slo = s.tier_slo;
  r.failover_slo = s.failover_slo;
  r.window_lo = s.failover_window_lo;
  r.window_hi = s.failover_window_hi;
  r.services.reserve(s.services.size());
  r.object_stores.reserve(s.object_stores.size());
  r.databases.reserve(s.databases.size());
  for (const scenario::ServiceSpec& svc : s.services) {
    ServiceResults out;
    out.name = svc.name;
    out.tier = svc.tier;
    r.services.push_back(std::move(out));
    r.tier_incidents.try_emplace(svc.tier);
  }
  const std::vector<int> store_tiers = scenario::data_store_tiers(s);
  for (size_t i = 0; i < s.object_stores.size(); ++i) {
    ServiceResults out;
    out.name = s.object_stores[i].name;
    out.region = s.object_stores[i].region;
    out.tier = store_tiers[s.databases.size() + i];
    r.object_stores.push_back(std::move(out));
  }
  for (const scenario::DatabaseSpec& db : s.databases) {
    DatabaseResults out;
    out.name = db.name;
    r.databases.push_back(std::move(out));
    if (db.deployment == scenario::Deployment::kSingleAz) {
      r.failover_index.push_back(-1);
    } else {
      r.failover_index.push_back(static_cast<int>(r.failovers.size()));
      FailoverResults out;
      out.database = db.name;
      r.failovers.push_back(std::move(out));
    }
  }
  return r;
}

const IncidentStats& Results::incidents_of_tier(int tier) const {
  static const IncidentStats kNone;
  const auto it = tier_incidents.find(tier);
  return it == tier_incidents.end() ? kNone : it->second;
}

void Results::add(const observations::TrialObservations& obs) {
  ++trials;
  const SimTime end = SimTime::zero() + horizon;
  // In service order, not the trial's time order: the adds are the same (the statistics do not
  // depend on the order of adds), and walking the services' statistics in memory order instead
  // of jumping between thousands of them is what makes a fleet trial's adds cheap.
  // The buckets they add to are scattered over thousands of tables: each add's memory is asked
  // for a few adds ahead.
  constexpr size_t kAhead = 4;
  const std::vector<uint32_t> incident_order = order_by(
      obs.incidents, services.size(), [](const observations::Incident& i) { return i.service; });
  // The tier's target and statistics, looked up again only when the tier changes.
  std::optional<int> tier;
  const scenario::TierTarget* target = nullptr;
  IncidentStats* tier_stats = nullptr;
  for (size_t n = 0; n < incident_order.size(); ++n) {
    if (n + kAhead < incident_order.size()) {
      const observations::Incident& next = obs.incidents[incident_order[n + kAhead]];
      services[static_cast<size_t>(next.service)].incidents.prefetch(next, end);
    }
    const observations::Incident& i = obs.incidents[incident_order[n]];
    ServiceResults& svc = services[static_cast<size_t>(i.service)];
    if (i.planned) {
      ++svc.planned_incidents;
      continue;
    }
    if (tier != svc.tier) {
      tier = svc.tier;
      target = &tiers.at(svc.tier);
      tier_stats = &tier_incidents[svc.tier];
    }
    svc.incidents.add(i, end, *target);
    tier_stats->add(i, end, *target);
  }
  for (size_t s = 0; s < services.size(); ++s) {
    const Duration down = s < obs.service_downtime.size() ? obs.service_downtime[s] : Duration();
    DRSIM_CHECK(down.count_us() >= 0) << "service " << services[s].name << " trial " << obs.trial;
    services[s].downtime_us.add(static_cast<uint64_t>(down.count_us()));
  }
  for (const observations::Incident& i : obs.store_incidents) {
    ServiceResults& store = object_stores[static_cast<size_t>(i.service)];
    store.incidents.add(i, end, tiers.at(store.tier));
  }
  for (size_t s = 0; s < object_stores.size(); ++s) {
    const Duration down = s < obs.store_downtime.size() ? obs.store_downtime[s] : Duration();
    DRSIM_CHECK(down.count_us() >= 0) << "object store " << object_stores[s].name << " trial " << obs.trial;
    object_stores[s].downtime_us.add(static_cast<uint64_t>(down.count_us()));
  }
  for (size_t d = 0; d < databases.size(); ++d) {
    const Duration down = d < obs.database_downtime.size() ? obs.database_downtime[d] : Duration();
    DRSIM_CHECK(down.count_us() >= 0) << "database " << databases[d].name << " trial " << obs.trial;
    databases[d].downtime_us.add(static_cast<uint64_t>(down.count_us()));
  }
  const std::vector<uint32_t> failover_order =
      order_by(obs.failovers, databases.size(),
               [](const observations::FailoverRecord& f) { return f.database; });
  for (size_t n = 0; n < failover_order.size(); ++n) {
    if (n + kAhead < failover_order.size()) {
      const observations::FailoverRecord& next = obs.failovers[failover_order[n + kAhead]];
      const int k = failover_index[static_cast<size_t>(next.database)];
      if (k >= 0) {
        failovers[static_cast<size_t>(k)].total.histogram.prefetch(
            static_cast<uint64_t>(next.total().count_us()));
      }
    }
    const observations::FailoverRecord& f = obs.failovers[failover_order[n]];
    const int k = failover_index[static_cast<size_t>(f.database)];
    if (k < 0) continue;
    FailoverResults& out = failovers[static_cast<size_t>(k)];
    DRSIM_CHECK(f.detect.count_us() >= 0 && f.promote.count_us() >= 0 && f.dns.count_us() >= 0)
        << "failover of " << out.database << " in trial " << obs.trial;
    out.detect_us.add(static_cast<uint64_t>(f.detect.count_us()));
    out.promote_us.add(static_cast<uint64_t>(f.promote.count_us()));
    out.dns_us.add(static_cast<uint64_t>(f.dns.count_us()));
    if (f.planned) ++out.planned;
    const Duration total = f.total();
    out.total.add(total);
    if (total > window_hi) {
      ++out.over_window;
    } else if (total >= window_lo) {
      ++out.within_window;
    }
  }
  engine.events += obs.events;
  engine.trace_hash += mix_trial_hash(obs.trial, obs.trace_hash);
}

void Results::merge(const Results& o) {
  DRSIM_CHECK(services.size() == o.services.size() && databases.size() == o.databases.size() &&
              object_stores.size() == o.object_stores.size() &&
              failovers.size() == o.failovers.size())
      << "merging results of different scenarios: " << scenario << " and " << o.scenario;
  trials += o.trials;
  for (size_t s = 0; s < services.size(); ++s) {
    services[s].incidents.merge(o.services[s].incidents);
    services[s].planned_incidents += o.services[s].planned_incidents;
    services[s].downtime_us.merge(o.services[s].downtime_us);
  }
  for (const auto& [tier, stats] : o.tier_incidents) tier_incidents[tier].merge(stats);
  for (size_t d = 0; d < databases.size(); ++d) {
    databases[d].downtime_us.merge(o.databases[d].downtime_us);
  }
  for (size_t s = 0; s < object_stores.size(); ++s) {
    object_stores[s].incidents.merge(o.object_stores[s].incidents);
    object_stores[s].downtime_us.merge(o.object_stores[s].downtime_us);
  }
  for (size_t k = 0; k < failovers.size(); ++k) {
    FailoverResults& f = failovers[k];
    const FailoverResults& g = o.failovers[k];
    f.detect_us.merge(g.detect_us);
    f.promote_us.merge(g.promote_us);
    f.dns_us.merge(g.dns_us);
    f.total.merge(g.total);
    f.within_window += g.within_window;
    f.over_window += g.over_window;
    f.planned += g.planned;
  }
  engine.events += o.engine.events;
  engine.trace_hash += o.engine.trace_hash;
  engine.wall_s += o.engine.wall_s;
  engine.threads = std::max(engine.threads, o.engine.threads);
  engine.ranks += o.engine.ranks;
}

}  // namespace drsim::models::results

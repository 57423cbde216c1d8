// Merging trials into Results.
#include "models/report/results.h"

#include "sim/rng.h"

namespace drsim::models::report {

Results make_results(const scenario::Scenario& s, uint64_t seed) {
  Results r;
  r.scenario = s.name;
  r.seed = seed;
  r.horizon_s = s.horizon.in_seconds();
  r.tiers = s.tiers;
  r.tier_slo = s.tier_slo;
  r.failover_slo = s.failover_slo;
  r.window_lo_s = s.failover_window_lo.in_seconds();
  r.window_hi_s = s.failover_window_hi.in_seconds();
  for (const scenario::ServiceSpec& svc : s.services) r.services.push_back({svc.name, svc.tier, {}, 0});
  for (const scenario::DatabaseSpec& db : s.databases) {
    r.databases.push_back({db.name, 0, 0, std::nullopt, false});
    if (db.deployment == scenario::Deployment::kSingleAz) {
      r.failover_index.push_back(-1);
    } else {
      r.failover_index.push_back(static_cast<int>(r.failovers.size()));
      r.failovers.push_back({db.name, {}, {}, {}, {}});
    }
  }
  return r;
}

void Results::add(const TrialObservations& obs) {
  ++trials;
  const double horizon = horizon_s;
  for (const Incident& i : obs.incidents) {
    IncidentSample sample;
    sample.total_loss = i.total_loss || !i.rpo;
    sample.rpo_s = i.rpo ? i.rpo->in_seconds() : 0;
    sample.censored = !i.serving_again_at;
    sample.rto_s = i.serving_again_at ? (*i.serving_again_at - i.started_at).in_seconds()
                                      : horizon - i.started_at.in_seconds();
    services[static_cast<size_t>(i.service)].incidents.push_back(sample);
  }
  for (size_t s = 0; s < obs.service_downtime.size(); ++s) {
    services[s].downtime_s += obs.service_downtime[s].in_seconds();
  }
  for (size_t d = 0; d < obs.database_downtime.size(); ++d) {
    databases[d].downtime_us += obs.database_downtime[d].count_us();
    const double s = obs.database_downtime[d].in_seconds();
    databases[d].downtime_sq_s2 += s * s;
  }
  for (const FailoverRecord& f : obs.failovers) {
    const int k = failover_index[static_cast<size_t>(f.database)];
    if (k < 0) continue;
    FailoverResults& out = failovers[static_cast<size_t>(k)];
    out.detect_s.push_back(f.detect.in_seconds());
    out.promote_s.push_back(f.promote.in_seconds());
    out.dns_s.push_back(f.dns.in_seconds());
    out.total_s.push_back(f.total().in_seconds());
  }
  engine.events += obs.events;
  engine.trace_hash = sim::splitmix64(engine.trace_hash ^ obs.trace_hash);
}

}  // namespace drsim::models::report

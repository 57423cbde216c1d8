// Resolving a database's protection group from a plan (what the chain represents, and what it
// leaves out), and the rules of rates the chain shares (group_parts.h). The chain itself is
// group_chain.cc; its mean times and availability group_analysis.cc.
#include "models/analytic/protection_group.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <compare>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "sim/check.h"
#include "models/analytic/group_parts.h"

namespace drsim::models::analytic {
namespace group {

using scenario::Deployment;
using scenario::FaultKind;
using sim::Distribution;

// 1 / mean; infinite for a zero mean (the step is immediate).
double rate_of_mean(double mean_s) {
  return mean_s > 0 ? 1 / mean_s : std::numeric_limits<double>::infinity();
}

bool is_exponential(const Distribution& d) { return d.kind() == Distribution::Kind::kExponential; }
bool is_zero(const Distribution& d) { return d.is_constant() && d.mean_s() == 0; }

// A failover detect + promote + dns is exponential when one part is and the others are zero.
bool failover_is_exponential(const scenario::FailoverSpec& f) {
  int exponential = 0, zero = 0;
  for (const Distribution* d : {&f.detect, &f.promote, &f.dns}) {
    exponential += is_exponential(*d) ? 1 : 0;
    zero += is_zero(*d) ? 1 : 0;
  }
  return exponential == 1 && zero == 2;
}

int truncation_for(double rate_per_s, double end_rate_per_s, bool* capped) {
  *capped = false;
  if (end_rate_per_s <= 0) return 1;  // never ends: once under way, another changes nothing
  const double rho = rate_per_s / end_rate_per_s;
  double term = rho / 2;  // ρ^K / (K+1)! for K = 1
  for (int k = 1; k <= kMaxActive; ++k) {
    if (term <= kTruncationTolerance) return k;
    term *= rho / (k + 2);
  }
  *capped = true;
  return kMaxActive;
}

// The rate from the lumped top level K ("K or more") down to K − 1 that keeps the Poisson(ρ)
// probabilities of an M/M/∞ queue: flow balance across the cut, λ·P(K−1) = r·P(N ≥ K), so
// r = λ / S with S = P(N ≥ K) / P(K−1) = Σ_{m≥1} ρ^m (K−1)! / (K−1+m)!. For small ρ, r ≈ K/mean.
double top_end_rate(double rate_per_s, double end_rate_per_s, int k) {
  if (end_rate_per_s <= 0) return 0;
  const double rho = rate_per_s / end_rate_per_s;
  double sum = 0, term = rho / k;
  for (int m = 1; m < 10'000 && term > 1e-17 * sum; ++m) {
    sum += term;
    term *= rho / (k + m);
  }
  return rate_per_s / sum;
}

// "a", "a and b", "a, b and c".
std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}
}  // namespace group

using namespace group;

ProtectionGroup resolve_protection_group(const Plan& plan, int database) {
  const database::DatabasePlan& db = plan.databases[static_cast<size_t>(database)];
  const topology::Topology& topo = plan.topology;
  const std::vector<int>& region_azs = topo.azs_of_region(db.region);
  auto local = [&](int az) {
    const auto it = std::find(region_azs.begin(), region_azs.end(), az);
    DRSIM_CHECK(it != region_azs.end()) << db.name << ": AZ " << az << " not in its region";
    return static_cast<int>(it - region_azs.begin());
  };

  ProtectionGroup g;
  g.database = db.name;
  g.deployment = db.deployment;
  for (int az : region_azs) g.az_names.push_back(topo.az_name(az));
  for (int az : db.azs) g.instance_azs.push_back(local(az));
  for (int az : db.storage_azs) g.storage_azs.push_back(local(az));
  g.failure_rate_per_s = db.instance_failure_rate_per_s;
  g.storage_failure_rate_per_s = db.storage_failure_rate_per_s;
  g.replace_rate_per_s = rate_of_mean(db.replace.mean_s());
  g.failover_rate_per_s = rate_of_mean(db.failover.detect.mean_s() + db.failover.promote.mean_s() +
                                       db.failover.dns.mean_s());
  // Restores need a snapshot: a backup without snapshots leaves nothing to restore.
  g.has_backups = db.backup && db.backup->every.has_value();
  g.loss_is_permanent = !g.has_backups && db.replicas.empty();

  // The places outside the home region, one per region, in the scenario's order.
  std::vector<std::vector<std::string>> held(static_cast<size_t>(topo.region_count()));
  for (const database::ReplicaPlan& r : db.replicas) {
    if (r.region != db.region) held[static_cast<size_t>(r.region)].push_back("the replica");
  }
  if (g.has_backups) {
    for (int r : db.backup->copy_regions) {
      auto& what = held[static_cast<size_t>(r)];
      if (r != db.region && std::find(what.begin(), what.end(), "the snapshot copies") == what.end()) {
        what.push_back("the snapshot copies");
      }
    }
  }
  std::vector<int> place_of_region(held.size(), -1);
  const size_t places = static_cast<size_t>(
      std::count_if(held.begin(), held.end(), [](const auto& h) { return !h.empty(); }));
  if (places > kMaxRemotePlaces) {
    g.exact = false;
    g.notes.push_back("copies in " + std::to_string(places) + " other regions: MTTDL counts the " +
                      std::to_string(kMaxRemotePlaces) +
                      " longest-lived only, a lower bound");
  }
  for (size_t r = 0; r < held.size(); ++r) {
    if (held[r].empty()) continue;
    place_of_region[r] = static_cast<int>(g.remote_places.size());
    const std::string& name = topo.region_name(static_cast<int>(r));
    g.remote_places.push_back({name, 0, join(held[r])});
  }

  // A note on what the chains leave out, and the figures that are not covered because of it.
  auto not_covered = [&](const std::string& why, bool availability, bool write_loss,
                         bool total_loss) {
    std::vector<std::string> figures;
    if (availability) figures.push_back("availability");
    if (total_loss) figures.push_back("MTTDL");
    if (write_loss) figures.push_back("write loss");
    g.covers_availability = g.covers_availability && !availability;
    g.covers_write_loss = g.covers_write_loss && !write_loss;
    g.covers_total_loss = g.covers_total_loss && !total_loss;
    g.notes.push_back(why + " — " + join(figures) + " not covered");
  };
  // Without backups the synchronous copies are the home region's only copy, so what the chains
  // leave out of the write loss they leave out of the total loss too.
  const bool total_needs_sync = !g.has_backups;
  const std::string after_loss =
      ": in the data-loss chains only (the availability chain does not model the recovery from "
      "backups or replicas that follows a loss of every copy, and leaves it out)";
  auto targets = [](const faults::FaultPlan& f, int index) {
    return std::find(f.targets.begin(), f.targets.end(), index) != f.targets.end();
  };
  bool control_plane = false;  // impaired in the home region at times: replacements wait
  std::vector<OutageStream> streams;
  for (const faults::FaultPlan& f : plan.faults) {
    const std::string kind(scenario::fault_kind_name(f.kind));
    const char* timing = f.rate_per_s           ? ""
                         : f.trace_rows.empty() ? " at a fixed time"
                                                : " from a trace";
    switch (f.kind) {
      case FaultKind::kAzOutage:
      case FaultKind::kRegionOutage: {
        const bool az = f.kind == FaultKind::kAzOutage;
        std::vector<std::string> hit;  // targets in the home region
        for (size_t t = 0; t < f.targets.size(); ++t) {
          const int target = f.targets[t];
          if ((az ? topo.region_of_az(target) : target) != db.region) continue;
          hit.push_back(f.target_names[t]);
          if (!f.rate_per_s || (f.duration && f.duration->mean_s() == 0)) continue;
          OutageStream s;
          s.what = kind + " of " + f.target_names[t];
          s.rate_per_s = *f.rate_per_s;
          s.region = !az;
          if (az) {
            s.azs = {local(target)};
          } else {
            for (int a : region_azs) s.azs.push_back(local(a));
          }
          s.destroys_data = f.destroys_data;
          if (f.duration) s.end_rate_per_s = rate_of_mean(f.duration->mean_s());
          streams.push_back(std::move(s));
        }
        if (hit.empty()) break;
        const std::string what = kind + " of " + join(hit) + (f.destroys_data ? " (a fire)" : "");
        const bool destroys = f.destroys_data;
        if (!f.rate_per_s) {
          not_covered(what + timing + ": the chains have rates only and leave it out", true,
                      destroys, destroys && total_needs_sync);
        } else if (f.duration && f.duration->mean_s() == 0) {
          not_covered(what + ": outages of zero duration are left out of the chains", true,
                      destroys, destroys && total_needs_sync);
        } else {
          if (f.duration && !is_exponential(*f.duration)) {
            g.exact = false;
            g.notes.push_back(kind + " duration " + f.duration->describe() +
                              " enters the chain through its mean");
          }
          if (destroys && !g.loss_is_permanent) not_covered(what + after_loss, true, false, false);
        }
        break;
      }
      case FaultKind::kDisaster:
        for (size_t t = 0; t < f.targets.size(); ++t) {
          const int region = f.targets[t];
          const std::string what = "disaster of " + f.target_names[t];
          if (region == db.region) {
            if (!f.rate_per_s) {
              not_covered(what + timing + ": the chains have rates only and leave it out", true,
                          true, true);
            } else {
              g.disaster_rate_per_s += *f.rate_per_s;
              if (!g.loss_is_permanent) {
                not_covered("disaster of the home region" + after_loss, true, false, false);
              }
            }
          } else if (const int p = place_of_region[static_cast<size_t>(region)]; p >= 0) {
            RemotePlace& place = g.remote_places[static_cast<size_t>(p)];
            if (!f.rate_per_s) {
              not_covered(what + timing + ", which holds " + place.what +
                              ": the chain has rates only and leaves it out",
                          false, false, true);
            } else {
              place.disaster_rate_per_s += *f.rate_per_s;
            }
          }
        }
        break;
      case FaultKind::kControlPlane:
        if (targets(f, db.region)) {
          control_plane = true;
          not_covered(
              "control_plane: the chain does not model a control plane that cannot start "
              "instances",
              true, false, false);
        }
        break;
      case FaultKind::kInstanceFailure:
      case FaultKind::kStorageFailure:
      case FaultKind::kDataCorruption:
      case FaultKind::kDataDeletion: {
        if (!targets(f, database)) break;
        const bool logical =
            f.kind == FaultKind::kDataCorruption || f.kind == FaultKind::kDataDeletion;
        // A logical fault reaches every copy but the backups taken before it.
        const bool destroys = logical || f.kind == FaultKind::kStorageFailure;
        not_covered(logical ? kind + ": logical faults and their restores are not in the chains"
                            : kind + timing + ": the chains have rates only and leave it out",
                    true, destroys, destroys && total_needs_sync);
        break;
      }
      case FaultKind::kSwitchover:
        if (targets(f, database)) {
          not_covered("switchover: the writes paused by a planned switchover are not in the chain",
                      true, false, false);
        }
        break;
      case FaultKind::kFailoverTest:
        if (targets(f, database)) {
          not_covered("failover_test: the writes paused by planned failover tests are not in the "
                      "chain",
                      true, false, false);
        }
        break;
      case FaultKind::kNetworkPartition:  // replica lag only: the RPO, not availability
      case FaultKind::kBackupFailure:     // backups only: a later snapshot is still taken
        break;
    }
  }
  if (g.storage_failure_rate_per_s > 0 && !g.loss_is_permanent) {
    not_covered("storage_failure" + after_loss, true, false, false);
  }
  // Same AZs, same duration, same effect: one stream with the rates added.
  for (OutageStream& s : streams) {
    const auto same = std::find_if(g.outages.begin(), g.outages.end(), [&](const OutageStream& o) {
      return o.azs == s.azs && o.end_rate_per_s == s.end_rate_per_s &&
             o.destroys_data == s.destroys_data && o.region == s.region;
    });
    if (same != g.outages.end()) {
      same->rate_per_s += s.rate_per_s;
      same->what += " and " + s.what;
    } else {
      g.outages.push_back(std::move(s));
    }
  }
  std::stable_sort(g.outages.begin(), g.outages.end(),
                   [](const OutageStream& a, const OutageStream& b) {
                     return !a.destroys_data && b.destroys_data;
                   });
  for (OutageStream& s : g.outages) {
    bool capped = false;
    s.max_active = truncation_for(s.rate_per_s, s.end_rate_per_s, &capped);
    s.top_end_rate_per_s = top_end_rate(s.rate_per_s, s.end_rate_per_s, s.max_active);
    if (capped) {
      g.exact = false;
      g.notes.push_back(s.what + ": more than " + std::to_string(kMaxActive) +
                        " overlapping occurrences are lumped together (the length of long dark "
                        "spells is approximate)");
    }
  }

  const bool fires = std::any_of(g.outages.begin(), g.outages.end(),
                                 [](const OutageStream& s) { return s.destroys_data; });
  if (control_plane && (fires || g.storage_failure_rate_per_s > 0)) {
    not_covered(
        "control_plane: replacements that rebuild lost copies wait for it, which the data-loss "
        "chain does not model",
        false, true, total_needs_sync);
  }
  const bool anything_fails =
      g.failure_rate_per_s > 0 || g.storage_failure_rate_per_s > 0 || !g.outages.empty();
  if (anything_fails && db.response.decide_after && (db.backup || !db.replicas.empty())) {
    not_covered(
        "response.region_failover: the response may restore or promote elsewhere after "
        "decide_after; the chain waits for the original to return",
        true, false, false);
  }
  if (anything_fails && !is_exponential(db.replace) && !is_zero(db.replace)) {
    g.exact = false;
    g.notes.push_back("replace " + db.replace.describe() + " enters the chain through its mean");
  }
  const bool fails_over = db.deployment != Deployment::kSingleAz && anything_fails;
  if (fails_over && !failover_is_exponential(db.failover)) {
    g.exact = false;
    g.notes.push_back("failover detect + promote + dns (mean " +
                      std::to_string(static_cast<int>(std::lround(1 / g.failover_rate_per_s))) +
                      " s) enters the chain through its mean");
  }
  if (!g.covers_availability || !g.covers_write_loss || !g.covers_total_loss) g.exact = false;
  return g;
}

}  // namespace drsim::models::analytic

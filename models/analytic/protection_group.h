// ProtectionGroup: one database's instances, storage copies and the home region's AZs, with the
// exponential rates of everything that fails, destroys and repairs them, and the other places that
// hold its data (backups, replicas, snapshot copies), read from a plan; and the Markov chains built
// from it (docs/analysis.md). The availability chain answers "what fraction of the time does the
// database accept writes"; the data-loss chain adds the events that destroy data and makes "no
// synchronous copy left" absorbing, for the mean time to write loss; the places elsewhere turn
// that into the mean time to total loss (MTTDL).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/analytic/ctmc.h"
#include "models/plan/plan.h"

namespace drsim::models::analytic {

// One Poisson stream of outages over a set of the home region's AZs: an az_outage process of one
// AZ (with `destroys_data`: a fire), or a region_outage process of the home region (all of its
// AZs). Occurrences overlap and each ends on its own, so the chain counts the occurrences under
// way, an M/M/∞ queue; an AZ is dark while any stream covering it has one under way. The count
// stops at `max_active`: that level stands for "max_active or more", and it is left at the rate
// that keeps the stationary probabilities of the queue (so the share of time an AZ is dark, and
// the mean length of its dark spells, are exact for any truncation).
struct OutageStream {
  std::vector<int> azs;           // local AZ indices (positions in the home region's AZ list)
  double rate_per_s = 0;          // arrivals
  double end_rate_per_s = 0;      // 1 / E[duration]; 0: never ends (a fire without duration)
  bool destroys_data = false;     // az_outage with destroys_data
  bool region = false;            // a region_outage: its AZs go dark as one event
  int max_active = 1;             // the highest count the chain keeps
  double top_end_rate_per_s = 0;  // the rate from max_active down to max_active − 1
  std::string what;               // for notes: "az_outage of use1-az1"
};

// A place outside the home region that holds a copy of the data: a cross-region replica (an Aurora
// Global secondary), snapshot copies (`backup.copy_to`), or both, in one region. Only a disaster of
// that region destroys it (an AZ fire there does not), and a destroyed region stays destroyed.
struct RemotePlace {
  std::string region;
  double disaster_rate_per_s = 0;  // the summed rates of the disaster processes targeting it
  std::string what;                // for notes: "the replica and the snapshot copies"
};

// A database's protection group with every rate resolved. Durations enter through their means
// (rate = 1 / mean); the chain is exact when they are exponential (see `exact`).
struct ProtectionGroup {
  std::string database;
  scenario::Deployment deployment = scenario::Deployment::kSingleAz;
  std::vector<std::string> az_names;  // the home region's AZs, in the scenario's order
  std::vector<int> instance_azs;      // local AZ of each instance: the primary first
  std::vector<int> storage_azs;       // Aurora: the AZs of the six copies (two each); else empty
  double failure_rate_per_s = 0;      // each instance that is up
  // A storage_failure process: each instance's storage while the instance is up, or each of
  // Aurora's six copies while it is intact, is destroyed at this rate.
  double storage_failure_rate_per_s = 0;
  double replace_rate_per_s = 0;      // 1 / E[replace]; a replacement or a re-created copy
  double failover_rate_per_s = 0;     // 1 / E[detect + promote + dns]
  std::vector<OutageStream> outages;  // non-destroying streams first, then fires
  double disaster_rate_per_s = 0;     // the home region destroyed
  // The home region's backup storage holds restorable snapshots (a `backup` with snapshots): only
  // a disaster of the home region destroys it.
  bool has_backups = false;
  std::vector<RemotePlace> remote_places;  // by region, in the scenario's order of regions
  // Nothing to recover from after a loss of every synchronous copy (no backups, no replicas): the
  // simulator then keeps the database down for good, and the availability chain does too (an
  // absorbing state). Otherwise a loss is followed by a recovery the chain does not model.
  bool loss_is_permanent = false;
  // True when every fault that can touch the database's availability is a random process the
  // chain represents and the response never recovers it elsewhere: its availability is then the
  // Monte Carlo's quantity (and `run` shows it beside the Monte Carlo figure).
  bool covers_availability = true;
  // True when the data-loss chain represents everything that can destroy a synchronous copy
  // (the mean time to write loss).
  bool covers_write_loss = true;
  // True when everything that can destroy any place holding the data is represented (MTTDL).
  bool covers_total_loss = true;
  // True when all three figures are covered and every duration the chain uses is exponential, so
  // the chain is the model itself rather than an approximation (up to the truncation of
  // overlapping outages).
  bool exact = true;
  // What the chain leaves out or approximates, in words.
  std::vector<std::string> notes;
};

// Reads database `database` of `plan` into a protection group. REQUIRES: a valid index.
ProtectionGroup resolve_protection_group(const Plan& plan, int database);

// A chain of a protection group and what its states mean.
struct GroupChain {
  Ctmc chain{1};
  std::vector<bool> writable;      // per state: accepts writes (false throughout the loss chain)
  std::vector<bool> lost;          // per state: no copy of the data survives (the data-loss chain)
  std::vector<std::string> names;  // per state, for tests and debugging: "up(a1)* ..."
  int start = 0;                   // everything up, the primary in the first instance's AZ
};

// Chains larger than this are not built (nullopt). Realistic scenarios give hundreds to a few
// thousand states; only many long, overlapping outages come near it.
constexpr int kMaxChainStates = 30'000;

// The chain of `group` over every state reachable from the start. With `with_data_loss` (the
// data-loss chain), the events that destroy data (AZ fires, the home region's disaster, storage
// failures) are included, every state in which no synchronous copy survives is merged into one
// absorbing state, and what cannot change whether a copy survives (primary, failover,
// writability; instances over shared storage) is dropped from the states. Without it (the
// availability chain), the events that destroy data are included only when
// `group.loss_is_permanent`, with the loss an absorbing state that does not accept writes;
// otherwise they are left out (the chain does not model the recovery that follows a loss).
// nullopt when the chain would exceed kMaxChainStates, or the region has more than 100 AZs.
std::optional<GroupChain> build_chain(const ProtectionGroup& group, bool with_data_loss);

// The chain's answers for one database, for the faults the chain represents (whether they are all
// of them is ProtectionGroup::covers_*).
struct GroupAnalysis {
  double availability = 1;         // steady-state fraction of time accepting writes
  double downtime_s_per_year = 0;  // (1 − availability) × 365 days
  // Mean time to total loss from everything up: until no place holding the data survives (the
  // synchronous copies, the home region's backups, every remote place). nullopt: infinite.
  std::optional<double> mttdl_s;
  // Mean time from everything up until no synchronous copy survives (the writes not yet in a
  // backup or replica are lost then, even if older data survives). nullopt: infinite.
  std::optional<double> mean_time_to_write_loss_s;
  int states = 0;                  // of the availability chain
  int loss_states = 0;             // of the data-loss chain (0 when none is needed)
  // The availability chain reaches the permanent loss (ProtectionGroup::loss_is_permanent and
  // something destroys data): in the long run the database is down for good.
  bool lost_for_good = false;
  // The start (everything up, the primary in its first AZ) is not in the chain's closed class:
  // the database leaves its starting placement for good, for example when a replacement goes to
  // an AZ the scenario's outages never hit. The long run then describes where it drifts to, not
  // where it starts; DatabaseAnalysis::availability() takes the horizon's figure instead.
  bool leaves_start = false;
};

// Builds both chains and solves them. nullopt when a chain is too large or cannot be solved.
// MTTDL is the mean of the last of the places' losses, E[max(T_home, T_1, …, T_n)]: T_home is the
// time to write loss, or, with backups, the home region's disaster (which destroys the synchronous
// copies with the backups); T_i, independent exponentials, the remote places' disasters
// (docs/analysis.md says why recoveries do not delay the total loss).
std::optional<GroupAnalysis> analyze_group(const ProtectionGroup& group);

// The availability chain's expected availability over [0, horizon] starting with everything up:
// what a Monte Carlo estimate over that horizon converges to (steady state plus the start-up
// transient, Ctmc::mean_occupancy). nullopt when the chain cannot be built or solved.
std::optional<double> expected_availability(const ProtectionGroup& group, sim::Duration horizon);

}  // namespace drsim::models::analytic

// Internal to the protection group's chain (models/analytic/protection_group.cc, group_chain.cc,
// group_analysis.cc): the constants and small rules the chain and its resolution share. Nothing
// else includes it.
#pragma once

#include <string>
#include <vector>

#include "models/analytic/protection_group.h"

namespace drsim::models::analytic::group {

inline constexpr double kSecondsPerYear = 365 * 86400.0;  // the scenario format's "1y"
// Overlapping outages of one stream are counted up to K, the least K for which ρ^K / (K+1)!
// (ρ = rate × mean duration), about the share of outage time spent with more than K under way,
// is below this; at most kMaxActive. Above K only the shape of long dark spells is approximate.
inline constexpr double kTruncationTolerance = 1e-3;
inline constexpr int kMaxActive = 6;
// Aurora: writes need 4 of the 6 copies available; the data survives while 3 are not destroyed.
inline constexpr int kWriteQuorum = 4;
inline constexpr int kReadQuorum = 3;
// MTTDL is exact over up to this many remote places (2^n − 1 solves); beyond, it counts the
// longest-lived ones only, which gives a lower bound.
inline constexpr size_t kMaxRemotePlaces = 10;

// 1 / mean; infinite for a zero mean (the step is immediate).
double rate_of_mean(double mean_s);
bool is_exponential(const sim::Distribution& d);
bool is_zero(const sim::Distribution& d);
// A failover detect + promote + dns is exponential when one part is and the others are zero.
bool failover_is_exponential(const scenario::FailoverSpec& f);
// How many overlapping outages of a stream the chain counts (kTruncationTolerance); *capped is
// set when kMaxActive limits it.
int truncation_for(double rate_per_s, double end_rate_per_s, bool* capped);
// The rate from the lumped top level K down to K - 1 (see protection_group.cc).
double top_end_rate(double rate_per_s, double end_rate_per_s, int k);
// "a", "a and b", "a, b and c".
std::string join(const std::vector<std::string>& names);

}  // namespace drsim::models::analytic::group

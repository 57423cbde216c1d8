// The Markov chains' figures beside the Monte Carlo ones: what puts analytic/ (the chains) and
// simulation/ (the trials) side by side, above both, so that neither needs the other.
#pragma once

#include "models/plan/plan.h"
#include "models/results/results.h"

namespace drsim::models::report {

// Sets each database's analytic_availability and analytic_exact in `results`: the Markov chain's
// expected availability over the plan's horizon, from the same start, wherever the chain
// represents everything that affects the database (left empty elsewhere). A function of the plan
// alone: every shard computes the same figures, and state files carry them to `drsim merge`.
// REQUIRES: `results` holds `plan`'s databases in plan order (run_monte_carlo's Results).
void add_chain_figures(const Plan& plan, results::Results& results);

}  // namespace drsim::models::report

// A fixture: the chains reaching sideways into the simulation (forbidden).
#include "models/analytic/analysis.h"

#include <vector>

#include "models/simulation/simulation.h"

// A fixture: the topology reaching up into the simulation (forbidden).
#pragma once

#include "models/scenario/scenario.h"
#include "models/simulation/simulation.h"

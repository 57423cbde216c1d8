// A fixture: the simulation, which may include the models below it.
#pragma once

#include "models/topology/topology.h"

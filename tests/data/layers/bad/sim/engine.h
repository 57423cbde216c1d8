// A fixture: the engine including a model (forbidden).
#pragma once

#include "models/topology/topology.h"

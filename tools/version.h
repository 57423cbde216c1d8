// Which drsim this is: the version and build type that `--version`, report footers and the
// `engine` block of `run --json` name, so benchmark runs can be compared over time.
#pragma once

#include <string>

#include "models/results/results.h"

namespace drsim::tools {

// "0.2": the project's version (CMakeLists.txt).
std::string version_number();
// "Release", "Debug", "Asan", ...: CMAKE_BUILD_TYPE of this build.
std::string build_type();
// "drsim 0.2 (Release)".
std::string drsim_version();
// Names this build in a run's engine counters (engine.drsim_version, engine.build_type).
void stamp_build(models::results::EngineCounters& engine);

}  // namespace drsim::tools

// The version and build type, from the compile definitions tools/CMakeLists.txt sets.
#include "tools/version.h"

#ifndef DRSIM_VERSION
#error "DRSIM_VERSION is set by tools/CMakeLists.txt"
#endif
#ifndef DRSIM_BUILD_TYPE
#error "DRSIM_BUILD_TYPE is set by tools/CMakeLists.txt"
#endif

namespace drsim::tools {

std::string version_number() { return DRSIM_VERSION; }

std::string build_type() {
  const std::string type = DRSIM_BUILD_TYPE;
  return type.empty() ? "unknown build" : type;
}

std::string drsim_version() { return "drsim " + version_number() + " (" + build_type() + ")"; }

void stamp_build(models::results::EngineCounters& engine) {
  engine.drsim_version = version_number();
  engine.build_type = build_type();
}

}  // namespace drsim::tools

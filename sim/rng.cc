// Rng seeding and stream derivation.
#include "sim/rng.h"

namespace drsim::sim {

Rng Rng::for_stream(uint64_t seed, uint64_t trial, std::string_view name) {
  return for_stream(seed, trial, StreamName(name));
}

Rng Rng::for_stream(uint64_t seed, uint64_t trial, std::string_view name, uint64_t index) {
  return for_keyed(stream_key(seed, trial, name), index);
}

uint64_t Rng::stream_key(uint64_t seed, uint64_t trial, std::string_view name) {
  return stream_key(seed, trial, StreamName(name));
}

}  // namespace drsim::sim

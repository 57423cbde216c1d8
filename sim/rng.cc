// Rng seeding and stream derivation.
#include "sim/rng.h"

namespace drsim::sim {

Rng::Rng(uint64_t seed) {
  uint64_t x = seed;
  for (uint64_t& word : s_) {
    x += 0x9e3779b97f4a7c15u;
    word = splitmix64(x);
  }
}

Rng Rng::for_stream(uint64_t seed, uint64_t trial, std::string_view name) {
  return Rng(splitmix64(splitmix64(splitmix64(seed) + trial) ^ fnv1a(name)));
}

Rng Rng::for_stream(uint64_t seed, uint64_t trial, std::string_view name, uint64_t index) {
  return for_keyed(stream_key(seed, trial, name), index);
}

uint64_t Rng::stream_key(uint64_t seed, uint64_t trial, std::string_view name) {
  return splitmix64(splitmix64(splitmix64(seed) + trial) ^ fnv1a(name));
}

Rng Rng::for_keyed(uint64_t key, uint64_t index) { return Rng(splitmix64(key + index)); }

}  // namespace drsim::sim

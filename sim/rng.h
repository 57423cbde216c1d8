// Rng: xoshiro256** seeded through splitmix64. Portable and fast; a stream depends only on
// (seed, trial, stream name), never on threads or on which other components exist.
#pragma once

#include <cstdint>
#include <string_view>

namespace drsim::sim {

constexpr uint64_t splitmix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15u;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
  return x ^ (x >> 31);
}

// FNV-1a, because std::hash differs between standard libraries. It hashes byte by byte, so
// fnv1a(b, fnv1a(a)) == fnv1a(a + b).
constexpr uint64_t fnv1a(std::string_view text, uint64_t h = 0xcbf29ce484222325u) {
  for (unsigned char c : text) h = (h ^ c) * 0x100000001b3u;
  return h;
}

// A stream name, hashed as it is put together: StreamName("db/").then(name).then("/failure")
// names the same stream as the string "db/" + name + "/failure", without building it.
class StreamName {
 public:
  explicit constexpr StreamName(std::string_view text) : hash_(fnv1a(text)) {}
  constexpr StreamName then(std::string_view more) const { return StreamName(fnv1a(more, hash_)); }
  constexpr uint64_t hash() const { return hash_; }

 private:
  explicit constexpr StreamName(uint64_t hash) : hash_(hash) {}
  uint64_t hash_;
};

class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (uint64_t& word : s_) {
      seed += 0x9e3779b97f4a7c15u;
      word = splitmix64(seed);
    }
  }
  // The stream named `name` of trial `trial` under `seed`.
  static Rng for_stream(uint64_t seed, uint64_t trial, std::string_view name);
  // A sub-stream keyed by an index (e.g. the k-th snapshot): same inputs, same numbers.
  static Rng for_stream(uint64_t seed, uint64_t trial, std::string_view name, uint64_t index);
  // The same sub-streams without hashing the name each time: for_keyed(stream_key(seed, trial,
  // name), index) == for_stream(seed, trial, name, index).
  static uint64_t stream_key(uint64_t seed, uint64_t trial, std::string_view name);
  // The same, by a name hashed beforehand.
  static Rng for_stream(uint64_t seed, uint64_t trial, StreamName name) {
    return Rng(stream_key(seed, trial, name));
  }
  static uint64_t stream_key(uint64_t seed, uint64_t trial, StreamName name) {
    return splitmix64(splitmix64(splitmix64(seed) + trial) ^ name.hash());
  }
  static Rng for_keyed(uint64_t key, uint64_t index) { return Rng(splitmix64(key + index)); }
  // for_keyed(key, index).next(), without seeding the words of the state the first output
  // does not use: for sub-streams that give one number each.
  static uint64_t first_of_keyed(uint64_t key, uint64_t index) {
    const uint64_t s1 = splitmix64(splitmix64(key + index) + 2 * 0x9e3779b97f4a7c15u);
    return rotl(s1 * 5, 7) * 9;
  }

  uint64_t next() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  // Uniform on the open interval (0, 1): never 0, so log(u) is always finite.
  double uniform01() { return uniform01(next()); }
  // Uniform integer in [0, n). REQUIRES: n > 0. Lemire's multiply-shift (bias < n / 2^64).
  uint64_t below(uint64_t n) { return below(next(), n); }
  // The same, from an output already drawn.
  static double uniform01(uint64_t output) {
    return (static_cast<double>(output >> 11) + 0.5) * 0x1.0p-53;
  }
  static uint64_t below(uint64_t output, uint64_t n) {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(output) * n) >> 64);
  }

 private:
  static constexpr uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

}  // namespace drsim::sim

// Private to workflow/: the pseudo-random generator behind the synthetic data. Output must be
// identical on every machine and standard library, so nothing here uses <random>'s
// distributions (their algorithms are unspecified), std::shuffle or unordered iteration:
// xoshiro256** seeded through splitmix64, with our own bounded draws.
#pragma once

#include <utility>

#include <cassert>
#include <cstdint>
#include <string_view>
#include <vector>

namespace sluis::workflow::synth {

inline uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// FNV-1a: names a sub-stream ("clients", "tarieven") so that each part of the population has
// its own sequence, and adding clients does not change the aanbieders.
constexpr uint64_t StreamId(std::string_view name) {
  uint64_t h = 0xCBF29CE484222325ULL;
  for (char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001B3ULL;
  }
  return h;
}

// xoshiro256** (Blackman and Vigna). Not thread-safe; cheap to copy.
class Rng {
 public:
  // The same (seed, stream, index) always gives the same sequence.
  explicit Rng(uint64_t seed, uint64_t stream = 0, uint64_t index = 0) {
    uint64_t sm = seed ^ (stream * 0xD1B54A32D192ED03ULL) ^ (index * 0x8CB92BA72F3D8DD7ULL);
    for (uint64_t& w : s_) w = SplitMix64(sm);
  }

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n), n > 0, without modulo bias (rejection).
  uint64_t Below(uint64_t n) {
    assert(n > 0);
    const uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x;
    do {
      x = Next();
    } while (x >= limit);
    return x % n;
  }

  // Uniform in [lo, hi].
  int64_t Between(int64_t lo, int64_t hi) {
    assert(lo <= hi);
    return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo) + 1));
  }

  // Uniform in [0, 1) with 53 bits: exact in IEEE 754 doubles, so identical everywhere.
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

  bool Chance(double p) { return Unit() < p; }

  template <class T>
  const T& Pick(const std::vector<T>& v) {
    assert(!v.empty());
    return v[Below(v.size())];
  }

  // Index drawn with probability proportional to weights[i] (all >= 0, sum > 0).
  size_t Weighted(const std::vector<int>& weights) {
    int64_t total = 0;
    for (int w : weights) total += w;
    assert(total > 0);
    int64_t x = static_cast<int64_t>(Below(static_cast<uint64_t>(total)));
    for (size_t i = 0; i < weights.size(); ++i) {
      if (x < weights[i]) return i;
      x -= weights[i];
    }
    return weights.size() - 1;
  }

  // Fisher-Yates on the first `k` positions: afterwards v[0..k) is a uniform sample.
  template <class T>
  void PartialShuffle(std::vector<T>& v, size_t k) {
    if (k > v.size()) k = v.size();
    for (size_t i = 0; i < k; ++i) {
      const size_t j = i + static_cast<size_t>(Below(v.size() - i));
      if (i != j) std::swap(v[i], v[j]);
    }
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

}  // namespace sluis::workflow::synth

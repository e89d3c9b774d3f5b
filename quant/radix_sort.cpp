#include "radix_sort.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>

namespace bitlens {
namespace {

// Order-preserving map of float bits to unsigned: flip all bits of negatives, the sign of
// positives. -0.0 sorts just before 0.0, which compare equal anyway.
inline uint32_t key(float f)
{
    const uint32_t u = std::bit_cast<uint32_t>(f);
    return (u & 0x80000000u) ? ~u : (u | 0x80000000u);
}

inline float unkey(uint32_t k)
{
    return std::bit_cast<float>((k & 0x80000000u) ? (k & 0x7fffffffu) : ~k);
}

} // namespace

void sortFloats(std::vector<float>& values)
{
    const size_t n = values.size();
    if (n < 4096) {
        std::sort(values.begin(), values.end());
        return;
    }
    // Four passes of 8 bits: 256 buckets keep the scatter targets in L1; a pass whose digit is
    // the same for every key is skipped.
    std::vector<uint32_t> a(n), b(n);
    std::array<std::array<size_t, 256>, 4> counts{};
    for (size_t i = 0; i < n; ++i) {
        const uint32_t k = key(values[i]);
        a[i] = k;
        ++counts[0][k & 255];
        ++counts[1][(k >> 8) & 255];
        ++counts[2][(k >> 16) & 255];
        ++counts[3][k >> 24];
    }
    for (int pass = 0; pass < 4; ++pass) {
        auto& c = counts[static_cast<size_t>(pass)];
        const int shift = 8 * pass;
        if (c[(a[0] >> shift) & 255] == n)
            continue;
        size_t sum = 0;
        for (size_t& x : c) {
            const size_t t = x;
            x = sum;
            sum += t;
        }
        for (size_t i = 0; i < n; ++i) {
            const uint32_t k = a[i];
            b[c[(k >> shift) & 255]++] = k;
        }
        a.swap(b);
    }
    for (size_t i = 0; i < n; ++i)
        values[i] = unkey(a[i]);
}

} // namespace bitlens

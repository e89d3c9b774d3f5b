#pragma once
// The scalar reference quantizers of DESIGN.md "Quantizers": one group in, x^ and unsigned n-bit
// codes out. Arithmetic in double, x^ stored as float, round = std::round (half away from zero).
#include "group.h"

#include <cstdint>
#include <span>

namespace bitlens {

struct GroupQuantInfo
{
    int64_t overheadBits = 0; // parameters stored for this group
    int pow2Span = 0;         // pow2: e_max - (lowest exponent used) + 1; 0 if the group is all equal
};

using QuantizeGroupFn = GroupQuantInfo (*)(const Group& g, int bits, std::span<float> xhat,
                                           std::span<uint16_t> codes);

GroupQuantInfo quantizeAsymmetric(const Group& g, int bits, std::span<float> xhat, std::span<uint16_t> codes);
GroupQuantInfo quantizeSymmetric(const Group& g, int bits, std::span<float> xhat, std::span<uint16_t> codes);
GroupQuantInfo quantizePow2(const Group& g, int bits, std::span<float> xhat, std::span<uint16_t> codes);
GroupQuantInfo quantizeDfxp(const Group& g, int bits, std::span<float> xhat, std::span<uint16_t> codes);
GroupQuantInfo quantizeKMeans(const Group& g, int bits, std::span<float> xhat, std::span<uint16_t> codes);
GroupQuantInfo quantizeGaussian(const Group& g, int bits, std::span<float> xhat, std::span<uint16_t> codes);

// A group whose values are all equal (or not finite) is returned unchanged with every code 0.
void copyUnchanged(const Group& g, std::span<float> xhat, std::span<uint16_t> codes);

} // namespace bitlens

#pragma once
// The quantizers of DESIGN.md "Quantizers". Each scheme turns one group (the tensor or one output
// channel) into unsigned n-bit codes; every code of a group stands for one x^ value. The shared
// driver (group_encoder.h) runs each scheme's per-element coder in one pass that also gathers
// what the metrics need, so x^ is only written out when a caller asks for it.
// Arithmetic in double, x^ stored as float, round = half away from zero (std::round).
#include "group.h"

#include <cstdint>
#include <span>
#include <vector>

namespace bitlens {

// What one pass over a group leaves behind, besides the codes.
struct GroupResult
{
    int64_t overheadBits = 0; // parameters stored for this group
    int pow2Span = 0;         // pow2: e_max - (lowest exponent used) + 1; 0 if all equal
    double errorEnergy = 0;   // sum (x - x^)^2
    double crossEnergy = 0;   // sum x*x^
    double reconEnergy = 0;   // sum x^2 of the reconstruction
    double maxAbsError = 0;
    // Uniform schemes: x^ = (code - zeroPoint) * scale, in double (0 scale: the group passed
    // through unchanged); what a DequantizeLinear export stores.
    double scale = 0, zeroPoint = 0;
};

// Where a group's pass writes. counts (2^n entries) is zero on entry; values receives the x^ of
// each code that occurs (first occurrence).
struct GroupOutput
{
    std::span<uint16_t> codes; // empty: codes are not written (statistics only)
    std::span<float> xhat; // empty: x^ is not materialised
    std::span<int64_t> counts;
    std::span<float> values;
};

using QuantizeGroupFn = GroupResult (*)(const Group& g, int bits, GroupOutput& out);

GroupResult quantizeAsymmetric(const Group& g, int bits, GroupOutput& out);
GroupResult quantizeSymmetric(const Group& g, int bits, GroupOutput& out);
GroupResult quantizePow2(const Group& g, int bits, GroupOutput& out);
GroupResult quantizeDfxp(const Group& g, int bits, GroupOutput& out);
GroupResult quantizeKMeans(const Group& g, int bits, GroupOutput& out);
GroupResult quantizeGaussian(const Group& g, int bits, GroupOutput& out);

} // namespace bitlens

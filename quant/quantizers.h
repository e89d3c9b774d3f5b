#pragma once
// The quantizers of DESIGN.md "Quantizers" and "Block granularity and today's deployment formats".
// Each scheme turns one group (the tensor, one output channel or one block) into unsigned n-bit codes; every code of a group stands for one x^ value. The shared
// driver (group_encoder.h) runs each scheme's per-element coder in one pass that also gathers
// what the metrics need, so x^ is only written out when a caller asks for it.
// Arithmetic in double, x^ stored as float, round = half away from zero (std::round).
#include "group.h"
#include "scheme.h"

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

// What a group is quantized with besides its values.
struct GroupParams
{
    Scheme scheme = Scheme::Asymmetric; // a family's shared function looks up its row by it
    int bits = 8;
    ScaleEncoding scale = ScaleEncoding::Fp32;
    double tensorScale = 0; // ue4m3: t, the tensor's fp32 scale (largest ideal group scale / 448)
    bool perBlock = false;  // an asymmetric zero point costs n bits per block (32 otherwise at fp32)
};

using QuantizeGroupFn = GroupResult (*)(const Group& g, const GroupParams& p, GroupOutput& out);
// The scale a scaled scheme would use before it is rounded to its encoding (0: none).
using IdealScaleFn = double (*)(const Group& g, const GroupParams& p);

GroupResult quantizeAsymmetric(const Group& g, const GroupParams& p, GroupOutput& out);
GroupResult quantizeSymmetric(const Group& g, const GroupParams& p, GroupOutput& out);
GroupResult quantizePow2(const Group& g, const GroupParams& p, GroupOutput& out);
GroupResult quantizeDfxp(const Group& g, const GroupParams& p, GroupOutput& out);
GroupResult quantizeKMeans(const Group& g, const GroupParams& p, GroupOutput& out);
GroupResult quantizeGaussian(const Group& g, const GroupParams& p, GroupOutput& out);
// fp8-e4m3, fp8-e5m2, fp6-e3m2, fp6-e2m3, fp4-e2m1 (the grid from the registry row) and nf4.
GroupResult quantizeFloatElements(const Group& g, const GroupParams& p, GroupOutput& out);
GroupResult quantizeNf4(const Group& g, const GroupParams& p, GroupOutput& out);
GroupResult quantizeMxInt8(const Group& g, const GroupParams& p, GroupOutput& out);
GroupResult quantizeQ4_0(const Group& g, const GroupParams& p, GroupOutput& out);
GroupResult quantizeQ8_0(const Group& g, const GroupParams& p, GroupOutput& out);

double idealScaleAsymmetric(const Group& g, const GroupParams& p);
double idealScaleSymmetric(const Group& g, const GroupParams& p);
double idealScaleFloatElements(const Group& g, const GroupParams& p); // amax / the format's max (nf4: 1)

} // namespace bitlens

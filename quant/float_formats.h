#pragma once
// Small floating-point formats (OCP 8-bit floating point and OCP Microscaling v1.0, IEEE half,
// bfloat16) and the scale encodings of DESIGN.md "Block granularity and today's deployment
// formats": rounding to nearest with ties to even, saturating at the format's maximum (no
// infinity or NaN is produced).
#include "quantizers.h"
#include "scheme.h"

#include <cstdint>

namespace bitlens {

struct FloatFormat
{
    int expBits;
    int manBits;
    int bias;
    double max; // largest finite value
    int emax;   // exponent of the largest normal (OCP MX's emax_elem)
    int bits() const { return 1 + expBits + manBits; }
};

inline constexpr FloatFormat kFp8E4M3{4, 3, 7, 448.0, 8};
inline constexpr FloatFormat kFp8E5M2{5, 2, 15, 57344.0, 15};
inline constexpr FloatFormat kFp6E3M2{3, 2, 3, 28.0, 4};
inline constexpr FloatFormat kFp6E2M3{2, 3, 1, 7.5, 2};
inline constexpr FloatFormat kFp4E2M1{2, 1, 1, 6.0, 2};
inline constexpr FloatFormat kFp16{5, 10, 15, 65504.0, 15};
inline constexpr FloatFormat kBf16{8, 7, 127, 3.3895313892515355e38, 127};

// v rounded to the nearest value of f, ties to even, |v| >= max saturating at max; sign kept.
double roundToFormat(double v, const FloatFormat& f);
// The bit pattern (sign on top) of v, a value of f (as roundToFormat returns).
uint16_t formatCode(double v, const FloatFormat& f);
// The value of a bit pattern; NaN and infinity patterns (e4m3 S.1111.111, e5m2 exponent 31) as such.
double formatValue(uint16_t code, const FloatFormat& f);

// A scale s rounded to its encoding (DESIGN.md "Scale encodings"): fp32 kept as computed in double
// (as the per-tensor and per-channel quantizers always did), fp16/bf16 rounded to nearest even,
// ue4m3 as t * e4m3(s / t) with the tensor scale t, e8m0 the power of two at or above s (so
// integer grids never clip; element formats use ocpScale instead).
double encodeScale(double s, const GroupParams& p);
// OCP MX's e8m0 scale for an element format: 2^(floor(log2 amax) - emax), exponent in -127..127.
double ocpScale(double amax, int emax);
// Bits a group's parameters take: the scale, plus a zero point (n bits; 32 for an fp32 scale
// per tensor or channel, as the asymmetric rows of DESIGN.md "Codes" count it).
int64_t scaleOverheadBits(const GroupParams& p, bool zeroPoint);

} // namespace bitlens

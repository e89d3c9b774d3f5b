#include "float_formats.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace bitlens {

double roundToFormat(double v, const FloatFormat& f)
{
    double a = std::fabs(v);
    if (!(a < f.max)) {
        a = f.max;
    } else if (a > 0) {
        // The quantum of a's binade (subnormals share the lowest one); a/q is exact, being a
        // power-of-two scaling, and nearbyint rounds it half to even in the default mode.
        const int e = std::max(std::ilogb(a), 1 - f.bias);
        const double q = std::ldexp(1.0, e - f.manBits);
        a = std::min(std::nearbyint(a / q) * q, f.max);
    }
    return std::copysign(a, v);
}

uint16_t formatCode(double v, const FloatFormat& f)
{
    const auto sign = static_cast<uint16_t>(std::signbit(v) ? 1u << (f.expBits + f.manBits) : 0u);
    const double a = std::fabs(v);
    const int minNormal = 1 - f.bias;
    if (a < std::ldexp(1.0, minNormal)) // subnormal or zero: exponent field 0
        return static_cast<uint16_t>(sign | static_cast<uint16_t>(std::ldexp(a, f.manBits - minNormal)));
    const int e = std::ilogb(a);
    const auto mantissa = static_cast<uint16_t>(std::ldexp(std::ldexp(a, -e) - 1.0, f.manBits));
    return static_cast<uint16_t>(sign | ((e + f.bias) << f.manBits) | mantissa);
}

double formatValue(uint16_t code, const FloatFormat& f)
{
    const int m = code & ((1 << f.manBits) - 1);
    const int e = (code >> f.manBits) & ((1 << f.expBits) - 1);
    const bool negative = (code >> (f.expBits + f.manBits)) & 1;
    double a;
    if (e == 0) {
        a = std::ldexp(static_cast<double>(m), 1 - f.bias - f.manBits);
    } else {
        a = std::ldexp(1.0 + std::ldexp(static_cast<double>(m), -f.manBits), e - f.bias);
        const bool topExponent = e == (1 << f.expBits) - 1;
        // OCP: e4m3 has one NaN pattern (all ones) and no infinity; e5m2 is IEEE-like.
        if (f.expBits == 4 && f.manBits == 3 && topExponent && m == 7)
            a = std::numeric_limits<double>::quiet_NaN();
        else if (f.expBits == 5 && f.manBits == 2 && topExponent)
            a = m == 0 ? std::numeric_limits<double>::infinity() : std::numeric_limits<double>::quiet_NaN();
    }
    return negative ? -a : a;
}

double encodeScale(double s, const GroupParams& p)
{
    switch (p.scale) {
    case ScaleEncoding::Fp32: return s;
    case ScaleEncoding::Fp16: return roundToFormat(s, kFp16);
    case ScaleEncoding::Bf16: return roundToFormat(s, kBf16);
    case ScaleEncoding::E8M0: {
        if (!(s > 0))
            return 0;
        int e = std::ilogb(s);
        if (std::ldexp(1.0, e) < s)
            ++e;
        return std::ldexp(1.0, std::clamp(e, -127, 127));
    }
    case ScaleEncoding::UE4M3:
        return p.tensorScale > 0 ? p.tensorScale * roundToFormat(s / p.tensorScale, kFp8E4M3) : 0;
    }
    return s;
}

double ocpScale(double amax, int emax)
{
    if (!(amax > 0))
        return 0;
    return std::ldexp(1.0, std::clamp(std::ilogb(amax) - emax, -127, 127));
}

int64_t scaleOverheadBits(const GroupParams& p, bool zeroPoint)
{
    int64_t bits = scaleEncodingBits(p.scale);
    if (zeroPoint)
        bits += !p.perBlock && p.scale == ScaleEncoding::Fp32 ? 32 : p.bits;
    return bits;
}

} // namespace bitlens

// Asymmetric (affine), symmetric (restricted range) and dynamic fixed point: DESIGN.md
// "Quantizers", whitepaper eq. 10 and QUENN eq. 2-3.
#include "fast_math.h"
#include "group_encoder.h"

#include <algorithm>
#include <cmath>

namespace bitlens {
namespace {

// q = clamp(round(x/D)+z, 0, 2^n-1); x^ = (q-z)*D.
struct AsymmetricCoder
{
    double d, z, qmax;
    uint16_t code(float x) const { return static_cast<uint16_t>(clampFast(roundHalfAway(x / d) + z, 0.0, qmax)); }
    float value(uint16_t q) const { return toFloatSaturated((q - z) * d); }
};

// q = clamp(round(x/D), -(2^(n-1)-1), 2^(n-1)-1); x^ = q*D; code = q + 2^(n-1).
struct SymmetricCoder
{
    double d, qmax, offset;
    uint16_t code(float x) const
    {
        return static_cast<uint16_t>(clampFast(roundHalfAway(x / d), -qmax, qmax) + offset);
    }
    float value(uint16_t c) const { return toFloatSaturated((c - offset) * d); }
};

// q = clamp(round(x*2^FL), -2^(n-1), 2^(n-1)-1); x^ = q*2^-FL; code = q + 2^(n-1).
// Scaling by a power of two is exact here (|FL| <= 149 + 16 keeps every factor normal), so the
// products equal ldexp.
struct DfxpCoder
{
    double scale, step, qmin, qmax;
    uint16_t code(float x) const
    {
        return static_cast<uint16_t>(clampFast(roundHalfAway(static_cast<double>(x) * scale), qmin, qmax) - qmin);
    }
    float value(uint16_t c) const { return toFloatSaturated((c + qmin) * step); }
};

} // namespace

// [lo, hi] = [min(x,0), max(x,0)]; D = (hi-lo)/(2^n-1); z = clamp(round(-lo/D), 0, 2^n-1).
GroupResult quantizeAsymmetric(const Group& g, int n, GroupOutput& out)
{
    GroupResult r;
    if (passThrough(g, out, r, 64))
        return r;
    const double lo = std::min(static_cast<double>(g.min), 0.0);
    const double hi = std::max(static_cast<double>(g.max), 0.0);
    const double qmax = std::ldexp(1.0, n) - 1;
    const double d = (hi - lo) / qmax;
    const double z = std::clamp(std::round(-lo / d), 0.0, qmax);
    r = encodeGroup(AsymmetricCoder{d, z, qmax}, g, out, 64);
    r.scale = d;
    r.zeroPoint = z;
    return r;
}

// D = max|x|/(2^(n-1)-1).
GroupResult quantizeSymmetric(const Group& g, int n, GroupOutput& out)
{
    GroupResult r;
    if (passThrough(g, out, r, 32))
        return r;
    const double qmax = std::ldexp(1.0, n - 1) - 1;
    r = encodeGroup(SymmetricCoder{g.maxAbs / qmax, qmax, std::ldexp(1.0, n - 1)}, g, out, 32);
    r.scale = g.maxAbs / qmax;
    r.zeroPoint = std::ldexp(1.0, n - 1); // codes are offset binary
    return r;
}

// IL = ceil(log2 max|x|) + 1 (sign included), FL = n - IL.
GroupResult quantizeDfxp(const Group& g, int n, GroupOutput& out)
{
    GroupResult r;
    if (passThrough(g, out, r, 8))
        return r;
    const int il = static_cast<int>(std::ceil(std::log2(g.maxAbs))) + 1;
    const int fl = n - il;
    const DfxpCoder coder{std::ldexp(1.0, fl), std::ldexp(1.0, -fl), -std::ldexp(1.0, n - 1),
                          std::ldexp(1.0, n - 1) - 1};
    r = encodeGroup(coder, g, out, 8);
    r.scale = coder.step;
    r.zeroPoint = -coder.qmin; // codes are offset binary
    return r;
}

} // namespace bitlens

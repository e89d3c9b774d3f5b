// Asymmetric (affine), symmetric (restricted range) and dynamic fixed point: DESIGN.md
// "Quantizers", whitepaper eq. 10 and QUENN eq. 2-3. The scale of the first two is rounded to its
// encoding first and the codes are computed with the stored scale ("Scale encodings").
#include "fast_math.h"
#include "float_formats.h"
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

// [lo, hi] = [min(x,0), max(x,0)]; D = (hi-lo)/(2^n-1).
double idealScaleAsymmetric(const Group& g, const GroupParams& p)
{
    const double lo = std::min(static_cast<double>(g.min), 0.0);
    const double hi = std::max(static_cast<double>(g.max), 0.0);
    return (hi - lo) / (std::ldexp(1.0, p.bits) - 1);
}

// z = clamp(round(-lo/D), 0, 2^n-1) with D the stored scale.
GroupResult quantizeAsymmetric(const Group& g, const GroupParams& p, GroupOutput& out)
{
    GroupResult r;
    const int64_t overhead = scaleOverheadBits(p, true);
    if (passThrough(g, out, r, overhead))
        return r;
    const double lo = std::min(static_cast<double>(g.min), 0.0);
    const double qmax = std::ldexp(1.0, p.bits) - 1;
    const double d = encodeScale(idealScaleAsymmetric(g, p), p);
    if (!(d > 0))
        return zeroGroup(g, out, 0, overhead);
    const double z = std::clamp(std::round(-lo / d), 0.0, qmax);
    r = encodeGroup(AsymmetricCoder{d, z, qmax}, g, out, overhead);
    r.scale = d;
    r.zeroPoint = z;
    return r;
}

// D = max|x|/(2^(n-1)-1).
double idealScaleSymmetric(const Group& g, const GroupParams& p) { return g.maxAbs / (std::ldexp(1.0, p.bits - 1) - 1); }

GroupResult quantizeSymmetric(const Group& g, const GroupParams& p, GroupOutput& out)
{
    GroupResult r;
    const int64_t overhead = scaleOverheadBits(p, false);
    if (passThrough(g, out, r, overhead))
        return r;
    const double qmax = std::ldexp(1.0, p.bits - 1) - 1;
    const double half = std::ldexp(1.0, p.bits - 1);
    const double d = encodeScale(idealScaleSymmetric(g, p), p);
    if (!(d > 0))
        return zeroGroup(g, out, static_cast<uint16_t>(half), overhead);
    r = encodeGroup(SymmetricCoder{d, qmax, half}, g, out, overhead);
    r.scale = d;
    r.zeroPoint = half; // codes are offset binary
    return r;
}

// IL = ceil(log2 max|x|) + 1 (sign included), FL = n - IL.
GroupResult quantizeDfxp(const Group& g, const GroupParams& p, GroupOutput& out)
{
    const int n = p.bits;
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

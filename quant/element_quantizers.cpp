// The deployment formats of DESIGN.md "Block granularity and today's deployment formats": the
// floating-point element formats (x^ = s * E(x/s)), NF4, MXINT8 and ggml's Q4_0/Q8_0. Each group
// (tensor, channel or block) takes its own scale; all-zero and non-finite groups pass through unchanged.
#include "fast_math.h"
#include "float_formats.h"
#include "group_encoder.h"
#include "scheme_registry.h"

#include <array>
#include <cmath>

namespace bitlens {
namespace {

// x^ = s * E(x/s), E rounding to the nearest value of the format, ties to even, saturating;
// code: the element's bit pattern, sign on top.
struct FloatElementCoder
{
    const FloatFormat* f;
    double s;
    uint16_t code(float x) const { return formatCode(roundToFormat(x / s, *f), *f); }
    float value(uint16_t c) const { return toFloatSaturated(s * formatValue(c, *f)); }
};

// QLoRA's 16 NormalFloat levels.
constexpr std::array<double, 16> kNf4Levels{
    -1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453, -0.28444138169288635,
    -0.18477343022823334, -0.09105003625154495, 0.0, 0.07958029955625534, 0.16093020141124725,
    0.24611230194568634, 0.33791524171829224, 0.44070982933044434, 0.5626170039176941, 0.7229568362236023, 1.0};

const CutLookup& nf4Lookup()
{
    static const CutLookup lookup = [] {
        std::vector<double> mids;
        for (size_t i = 0; i + 1 < kNf4Levels.size(); ++i)
            mids.push_back((kNf4Levels[i] + kNf4Levels[i + 1]) / 2);
        return CutLookup(mids);
    }();
    return lookup;
}

// The level nearest to x/s; on a midpoint the lower one (the midpoint is not < t).
struct Nf4Coder
{
    double s;
    uint16_t code(float x) const { return static_cast<uint16_t>(nf4Lookup().index(x / s)); }
    float value(uint16_t c) const { return toFloatSaturated(s * kNf4Levels[c]); }
};

// x^ = X * 2^-6 * clamp(round_half_even(x/X * 2^6), -127, 127); code q + 128.
struct MxInt8Coder
{
    double step; // X * 2^-6
    uint16_t code(float x) const { return static_cast<uint16_t>(clampFast(std::nearbyint(x / step), -127, 127) + 128); }
    float value(uint16_t c) const { return toFloatSaturated((c - 128.0) * step); }
};

// ggml Q4_0: q = min(15, trunc(x/d + 8.5)), x^ = (q-8)*fp16(d); code q.
struct Q4_0Coder
{
    double d, stored;
    uint16_t code(float x) const { return static_cast<uint16_t>(std::min(15.0, std::trunc(x / d + 8.5))); }
    float value(uint16_t c) const { return toFloatSaturated((c - 8.0) * stored); }
};

// ggml Q8_0: q = round(x/d) (half away from zero, as roundf), x^ = q*fp16(d); code q + 128.
struct Q8_0Coder
{
    double d, stored;
    uint16_t code(float x) const { return static_cast<uint16_t>(clampFast(roundHalfAway(x / d), -127, 127) + 128); }
    float value(uint16_t c) const { return toFloatSaturated((c - 128.0) * stored); }
};

const FloatFormat* elementFormat(Scheme s) { return schemeDescriptor(s).element; }

} // namespace

double idealScaleFloatElements(const Group& g, const GroupParams& p)
{
    const FloatFormat* f = elementFormat(p.scheme);
    return f ? g.maxAbs / f->max : g.maxAbs; // nf4's largest level is 1
}

// s = amax/max_E in its encoding; with e8m0 the OCP MX rule s = 2^(floor(log2 amax) - emax_E).
GroupResult quantizeFloatElements(const Group& g, const GroupParams& p, GroupOutput& out)
{
    GroupResult r;
    const int64_t overhead = scaleOverheadBits(p, false);
    if (passThroughIfUndefined(g, out, r, overhead))
        return r;
    const FloatFormat* f = elementFormat(p.scheme);
    const double s = p.scale == ScaleEncoding::E8M0 ? ocpScale(g.maxAbs, f->emax)
                                                    : encodeScale(idealScaleFloatElements(g, p), p);
    if (!(s > 0))
        return zeroGroup(g, out, 0, overhead);
    r = encodeGroup(FloatElementCoder{f, s}, g, out, overhead);
    r.scale = s;
    return r;
}

// s = amax (e8m0: 2^floor(log2 amax), the OCP rule with emax 0); x^ = s * nearest level of x/s.
GroupResult quantizeNf4(const Group& g, const GroupParams& p, GroupOutput& out)
{
    GroupResult r;
    const int64_t overhead = scaleOverheadBits(p, false);
    if (passThroughIfUndefined(g, out, r, overhead))
        return r;
    const double s = p.scale == ScaleEncoding::E8M0 ? ocpScale(g.maxAbs, 0) : encodeScale(g.maxAbs, p);
    if (!(s > 0))
        return zeroGroup(g, out, 7, overhead); // level 7 is 0
    r = encodeGroup(Nf4Coder{s}, g, out, overhead);
    r.scale = s;
    return r;
}

// X = 2^floor(log2 amax), an e8m0 block scale.
GroupResult quantizeMxInt8(const Group& g, const GroupParams&, GroupOutput& out)
{
    GroupResult r;
    const int64_t overhead = scaleEncodingBits(ScaleEncoding::E8M0);
    if (passThroughIfUndefined(g, out, r, overhead))
        return r;
    const double step = std::ldexp(ocpScale(g.maxAbs, 0), -6);
    r = encodeGroup(MxInt8Coder{step}, g, out, overhead);
    r.scale = step;
    r.zeroPoint = 128;
    return r;
}

// m = the value of largest magnitude with its sign (the first, as ggml scans), d = m/-8.
GroupResult quantizeQ4_0(const Group& g, const GroupParams&, GroupOutput& out)
{
    GroupResult r;
    const int64_t overhead = scaleEncodingBits(ScaleEncoding::Fp16);
    if (passThroughIfUndefined(g, out, r, overhead))
        return r;
    double m = 0;
    for (float v : g.x)
        if (std::fabs(v) == g.maxAbs) {
            m = v;
            break;
        }
    const double d = m / -8;
    const double stored = roundToFormat(d, kFp16);
    r = encodeGroup(Q4_0Coder{d, stored}, g, out, overhead);
    r.scale = stored;
    r.zeroPoint = 8;
    return r;
}

// d = amax/127.
GroupResult quantizeQ8_0(const Group& g, const GroupParams&, GroupOutput& out)
{
    GroupResult r;
    const int64_t overhead = scaleEncodingBits(ScaleEncoding::Fp16);
    if (passThroughIfUndefined(g, out, r, overhead))
        return r;
    const double d = g.maxAbs / 127;
    const double stored = roundToFormat(d, kFp16);
    r = encodeGroup(Q8_0Coder{d, stored}, g, out, overhead);
    r.scale = stored;
    r.zeroPoint = 128;
    return r;
}

} // namespace bitlens

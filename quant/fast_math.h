#pragma once
// Exact, inlinable replacements for libm calls on the quantizers' hot paths.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace bitlens {

// std::round (half away from zero, sign of zero kept) without a libm call for |v| < 2e9 (the
// truncation through int32 is exact, and so is v - t); larger values take std::round.
inline double roundHalfAway(double v)
{
    if (!(std::fabs(v) < 2.0e9)) [[unlikely]]
        return std::round(v);
    const double t = static_cast<double>(static_cast<int32_t>(v));
    const double d = v - t;
    // Branch-free: random data would mispredict half of the rounding decisions.
    const double up = d >= 0.5 ? 1.0 : 0.0;
    const double down = d <= -0.5 ? 1.0 : 0.0;
    return std::copysign(t + up - down, v);
}

// x^ computed in double, stored as float: a value beyond the float range (a range near FLT_MAX,
// pow2's 2^128) saturates at +-FLT_MAX instead of becoming infinite.
inline float toFloatSaturated(double v)
{
    constexpr double kMax = std::numeric_limits<float>::max();
    return static_cast<float>(v > kMax ? kMax : (v < -kMax ? -kMax : v));
}

// clamp without branches (maxsd/minsd); lo <= hi and v not NaN.
inline double clampFast(double v, double lo, double hi)
{
    const double a = v < lo ? lo : v;
    return a > hi ? hi : a;
}

// Number of cut points < t, for ascending `cuts` (= std::lower_bound index), in O(1): a bucket
// table over [cuts.front(), cuts.back()] gives a starting index that is never past the answer,
// then a fixed number of branch-free exact comparisons (the most cuts any two adjacent buckets
// hold) finishes. The comparisons are the exact `cut < t` of the formula, so ties behave alike.
class CutLookup
{
public:
    explicit CutLookup(const std::vector<double>& cuts)
    {
        m_cuts = cuts;
        m_cuts.push_back(std::numeric_limits<double>::infinity()); // sentinel: never < t
        m_steps = static_cast<int>(cuts.size());
        if (cuts.size() < 2 || !(cuts.back() > cuts.front()))
            return;
        const size_t buckets = std::min<size_t>(8 * cuts.size() + 16, size_t{1} << 21);
        m_lo = cuts.front();
        m_scale = static_cast<double>(buckets) / (cuts.back() - cuts.front());
        m_start.resize(buckets + 2);
        size_t i = 0;
        for (size_t b = 0; b < m_start.size(); ++b) {
            const double edge = m_lo + static_cast<double>(b) / m_scale;
            while (i < cuts.size() && cuts[i] < edge)
                ++i;
            m_start[b] = static_cast<uint32_t>(i);
        }
        // From bucket b-1's start, t in bucket b (or b+1 after rounding) is at most this far.
        size_t walk = 0;
        for (size_t b = 0; b + 3 < m_start.size(); ++b)
            walk = std::max<size_t>(walk, m_start[b + 3] - m_start[b]);
        walk = std::max(walk, static_cast<size_t>(cuts.size() - m_start[m_start.size() - 3]));
        m_steps = static_cast<int>(std::min(walk + 1, cuts.size()));
    }

    size_t index(double t) const
    {
        size_t i = 0;
        if (!m_start.empty()) {
            const double f = std::min((t - m_lo) * m_scale, static_cast<double>(m_start.size() - 1));
            if (f >= 1) // start one bucket early: rounding in f cannot then overshoot
                i = m_start[static_cast<size_t>(f) - 1];
        }
        for (int k = 0; k < m_steps; ++k)
            i += m_cuts[i] < t ? 1 : 0;
        return i;
    }

private:
    std::vector<double> m_cuts;
    double m_lo = 0, m_scale = 0;
    int m_steps = 0;
    std::vector<uint32_t> m_start;
};

} // namespace bitlens

#include "quartiles.h"

#include <algorithm>
#include <cmath>

namespace bitlens {

double quantileType7(std::span<const float> sorted, double p)
{
    if (sorted.empty())
        return 0;
    const double h = static_cast<double>(sorted.size() - 1) * p;
    const auto lo = static_cast<size_t>(std::floor(h));
    const size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (h - static_cast<double>(lo)) * (static_cast<double>(sorted[hi]) - sorted[lo]);
}

FiveNumberSummary summarize(std::span<const float> values)
{
    std::vector<float> v;
    v.reserve(values.size());
    for (float x : values)
        if (!std::isnan(x))
            v.push_back(x);
    std::sort(v.begin(), v.end());
    return summarizeSorted(v);
}

FiveNumberSummary summarizeSorted(std::span<const float> v)
{
    FiveNumberSummary s;
    s.n = static_cast<int64_t>(v.size());
    if (v.empty())
        return s;
    double sum = 0;
    for (float x : v)
        sum += x;
    s.mean = sum / static_cast<double>(v.size());
    s.min = v.front();
    s.max = v.back();
    s.q1 = quantileType7(v, 0.25);
    s.median = quantileType7(v, 0.5);
    s.q3 = quantileType7(v, 0.75);
    const double iqr = s.q3 - s.q1;
    const double fenceLo = s.q1 - 1.5 * iqr, fenceHi = s.q3 + 1.5 * iqr;
    const auto first = std::lower_bound(v.begin(), v.end(), fenceLo, [](float a, double f) { return a < f; });
    const auto last = std::upper_bound(v.begin(), v.end(), fenceHi, [](double f, float a) { return f < a; });
    s.outliersLo = first - v.begin();
    s.outliersHi = v.end() - last;
    // The box always lies within the fences, so [first, last) is never empty.
    s.whiskerLo = *first;
    s.whiskerHi = *(last - 1);
    for (auto it = v.begin(); it != first && s.outliers.size() < kMaxOutliersKept; ++it)
        s.outliers.push_back(*it);
    for (auto it = last; it != v.end() && s.outliers.size() < kMaxOutliersKept; ++it)
        s.outliers.push_back(*it);
    return s;
}

ChannelQuartiles channelQuartiles(std::span<const float> values, const ChannelLayout& layout)
{
    ChannelQuartiles out;
    out.channels.reserve(static_cast<size_t>(layout.channels));
    std::vector<float> buf(static_cast<size_t>(layout.perChannel()));
    for (int64_t c = 0; c < layout.channels; ++c) {
        layout.gather(values.data(), c, buf.data());
        out.channels.push_back(summarize(buf));
    }
    return out;
}

} // namespace bitlens

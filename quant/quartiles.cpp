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

namespace bitlens {

FiveNumberSummary summarizeCounts(std::span<const ValueCount> v)
{
    FiveNumberSummary s;
    double sum = 0;
    for (const ValueCount& c : v) {
        s.n += c.count;
        sum += c.value * static_cast<double>(c.count);
    }
    if (s.n == 0)
        return s;
    // The k-th order statistic (0-based), walking forward from the last one asked for (or from the
    // start when k lies before it: with few values, Q1's upper neighbour can lie past the median).
    size_t at = 0;
    int64_t before = 0; // elements in v[0..at)
    auto order = [&](int64_t k) {
        if (k < before) {
            at = 0;
            before = 0;
        }
        while (before + v[at].count <= k) {
            before += v[at].count;
            ++at;
        }
        return v[at].value;
    };
    auto quantile = [&](double p) {
        const double h = static_cast<double>(s.n - 1) * p;
        const auto lo = static_cast<int64_t>(std::floor(h));
        const double a = order(lo);
        const double b = order(std::min(lo + 1, s.n - 1));
        return a + (h - static_cast<double>(lo)) * (b - a); // as quantileType7

    };
    s.min = v.front().value;
    s.max = v.back().value;
    s.q1 = quantile(0.25);
    s.median = quantile(0.5);
    s.q3 = quantile(0.75);
    s.mean = sum / static_cast<double>(s.n);
    const double iqr = s.q3 - s.q1;
    const double fenceLo = s.q1 - 1.5 * iqr, fenceHi = s.q3 + 1.5 * iqr;
    size_t first = 0, last = v.size(); // values within the fences: [first, last)
    while (first < v.size() && v[first].value < fenceLo)
        s.outliersLo += v[first++].count;
    while (last > first && v[last - 1].value > fenceHi)
        s.outliersHi += v[--last].count;
    s.whiskerLo = v[first].value;
    s.whiskerHi = v[last - 1].value;
    for (size_t i = 0; i < first && s.outliers.size() < kMaxOutliersKept; ++i)
        for (int64_t k = 0; k < v[i].count && s.outliers.size() < kMaxOutliersKept; ++k)
            s.outliers.push_back(static_cast<float>(v[i].value));
    for (size_t i = last; i < v.size() && s.outliers.size() < kMaxOutliersKept; ++i)
        for (int64_t k = 0; k < v[i].count && s.outliers.size() < kMaxOutliersKept; ++k)
            s.outliers.push_back(static_cast<float>(v[i].value));
    return s;
}

} // namespace bitlens

#include "bit_efficiency.h"

#include "histogram.h"

#include <algorithm>
#include <cmath>

namespace bitlens {

double rangeCoverage(std::span<const float> x, std::span<const float> xhat)
{
    if (x.empty())
        return 1;
    const auto [xl, xh] = std::minmax_element(x.begin(), x.end());
    const auto [ql, qh] = std::minmax_element(xhat.begin(), xhat.end());
    const double range = static_cast<double>(*xh) - *xl;
    if (range == 0) // all equal: returned unchanged
        return 1;
    return (static_cast<double>(*qh) - *ql) / range;
}

double densityFidelity(std::span<const float> x, std::span<const float> xhat, int bits)
{
    const auto h = sharedHistograms({x, xhat}, defaultBinCount(bits));
    return 1.0 - jensenShannonDivergence(h[0].counts, h[1].counts);
}

namespace {

std::pair<double, double> levelRange(const std::vector<LevelCount>& levels)
{
    double lo = levels.empty() ? 0 : levels[0].value, hi = lo;
    for (const LevelCount& l : levels) {
        lo = std::min(lo, static_cast<double>(l.value));
        hi = std::max(hi, static_cast<double>(l.value));
    }
    return {lo, hi};
}

} // namespace

double rangeCoverage(const PreparedTensor& x, const std::vector<LevelCount>& levels)
{
    const double range = static_cast<double>(x.max()) - x.min();
    if (range == 0)
        return 1;
    const auto [lo, hi] = levelRange(levels);
    return (hi - lo) / range;
}

double densityFidelity(const PreparedTensor& x, const std::vector<LevelCount>& levels, int bits)
{
    const auto [qlo, qhi] = levelRange(levels);
    const double lo = std::min(static_cast<double>(x.min()), qlo);
    const double hi = std::max(static_cast<double>(x.max()), qhi);
    const int bins = defaultBinCount(bits);
    const std::vector<int64_t> p = x.histogram(lo, hi, bins);
    std::vector<int64_t> q(static_cast<size_t>(bins), 0);
    const double w = (hi - lo) / bins;
    for (const LevelCount& l : levels)
        q[static_cast<size_t>(binIndex(l.value, lo, w, bins))] += l.count;
    return 1.0 - jensenShannonDivergence(p, q);
}

double entropyBits(const std::vector<int64_t>& counts)
{
    double n = 0;
    for (int64_t k : counts)
        n += static_cast<double>(k);
    double h = 0;
    for (int64_t k : counts)
        if (k > 0) {
            const double p = static_cast<double>(k) / n;
            h -= p * std::log2(p);
        }
    return h;
}

std::optional<double> sqnrEfficiency(std::optional<double> sqnrDb, int bits)
{
    if (!sqnrDb)
        return std::nullopt;
    return *sqnrDb / (6.02 * bits);
}

} // namespace bitlens

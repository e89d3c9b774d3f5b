#include "bit_efficiency.h"

#include "histogram.h"

#include <algorithm>

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

std::optional<double> sqnrEfficiency(std::optional<double> sqnrDb, int bits)
{
    if (!sqnrDb)
        return std::nullopt;
    return *sqnrDb / (6.02 * bits);
}

} // namespace bitlens

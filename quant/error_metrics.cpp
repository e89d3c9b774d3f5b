#include "error_metrics.h"

#include <cmath>
#include <limits>

namespace bitlens {
namespace {

std::optional<double> sqnr(double signal, double error)
{
    if (error == 0)
        return std::nullopt;
    if (signal == 0)
        return -std::numeric_limits<double>::infinity();
    return 10.0 * std::log10(signal / error);
}

} // namespace

ErrorMetrics errorMetrics(std::span<const float> x, std::span<const float> xhat)
{
    double sxx = 0, syy = 0, sxy = 0, see = 0, maxErr = 0;
    for (size_t i = 0; i < x.size(); ++i) {
        const double a = x[i], b = xhat[i], e = a - b;
        sxx += a * a;
        syy += b * b;
        sxy += a * b;
        see += e * e;
        const double ae = std::fabs(e);
        maxErr = ae > maxErr ? ae : maxErr;
    }
    return errorMetricsFromSums(sxx, see, sxy, syy, maxErr, static_cast<int64_t>(x.size()));
}

ErrorMetrics errorMetricsFromSums(double sxx, double see, double sxy, double syy, double maxAbsError, int64_t n)
{
    ErrorMetrics m;
    m.signalEnergy = sxx;
    m.errorEnergy = see;
    m.sqnrDb = sqnr(sxx, see);
    m.mse = n == 0 ? 0 : see / static_cast<double>(n);
    m.maxAbsError = maxAbsError;
    if (sxx == 0 && syy == 0)
        m.cosine = 1;
    else if (sxx == 0 || syy == 0)
        m.cosine = 0;
    else
        m.cosine = sxy / (std::sqrt(sxx) * std::sqrt(syy));
    return m;
}

std::vector<std::optional<double>> perChannelSqnr(std::span<const float> x, std::span<const float> xhat,
                                                  const ChannelLayout& layout)
{
    std::vector<double> signal(static_cast<size_t>(layout.channels)), error(signal.size());
    for (int64_t o = 0; o < layout.outer; ++o)
        for (int64_t c = 0; c < layout.channels; ++c)
            for (int64_t i = 0; i < layout.inner; ++i) {
                const auto k = static_cast<size_t>((o * layout.channels + c) * layout.inner + i);
                const double a = x[k], e = a - xhat[k];
                signal[static_cast<size_t>(c)] += a * a;
                error[static_cast<size_t>(c)] += e * e;
            }
    std::vector<std::optional<double>> out(signal.size());
    for (size_t c = 0; c < out.size(); ++c)
        out[c] = sqnr(signal[c], error[c]);
    return out;
}

} // namespace bitlens

#pragma once
// DESIGN.md "Metrics": SQNR_dB = 10*log10(sum x^2 / sum (x - x^)^2) over the whole tensor
// (exact reconstruction -> no value, shown as "exact"), MSE, max |error|, cosine similarity
// (1 if both vectors are zero, 0 if only one is), and per-output-channel SQNR.
#include "channel_layout.h"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace bitlens {

struct ErrorMetrics
{
    std::optional<double> sqnrDb; // nullopt: exact
    double mse = 0;
    double maxAbsError = 0;
    double cosine = 1;
    double signalEnergy = 0; // sum x^2
    double errorEnergy = 0;  // sum (x - x^)^2
};

ErrorMetrics errorMetrics(std::span<const float> x, std::span<const float> xhat);

// The same from sums gathered elsewhere: sum x^2, sum (x-x^)^2, sum x*x^, sum x^^2, max |x-x^|, N.
ErrorMetrics errorMetricsFromSums(double sxx, double see, double sxy, double syy, double maxAbsError, int64_t n);

// One entry per output channel; nullopt where the channel is reconstructed exactly
// (-inf where the channel is all zero but its reconstruction is not).
std::vector<std::optional<double>> perChannelSqnr(std::span<const float> x, std::span<const float> xhat,
                                                  const ChannelLayout& layout);

} // namespace bitlens

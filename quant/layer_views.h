#pragma once
// What the workbench's layer views show for one weight layer, computed here so the widgets only
// draw (STYLE.md: no arithmetic in widgets):
//  - per-channel five-number summaries of FP32 beside each scheme's x^ (the paper's Figure 1);
//  - histograms on shared bins: FP32 and every scheme at the chosen bits, and FP32 and one
//    scheme across bit-widths 2..8 (Figure 2);
//  - the bit-efficiency metrics and SQNR against bits 1..8 per scheme, with the Gaussian limits;
//  - the per-output-channel SQNR distribution at the chosen setting (whitepaper Figures 18-19).
#include "histogram.h"
#include "layer_stats.h"
#include "quartiles.h"
#include "scheme.h"

#include <model/weights.h>

#include <optional>
#include <string>
#include <vector>

namespace bitlens {

struct QuartileView
{
    std::string layer;
    std::string setting;                         // what the quantized series share: "4-bit per-channel"
    std::vector<std::string> names;              // short legend names: "FP32", "asymmetric", ...
    std::vector<std::string> series;             // "FP32", then one label per scheme
    std::vector<std::optional<QuantSpec>> specs; // same order; nullopt for FP32 (a series' colour)
    std::vector<ChannelQuartiles> perSeries;     // same order; one summary per output channel each
    int64_t channels() const { return perSeries.empty() ? 0 : static_cast<int64_t>(perSeries[0].channels.size()); }
};

struct HistogramView
{
    std::string layer;
    std::string setting;               // what the quantized series share, if anything
    std::vector<std::string> names;    // short legend names
    std::vector<std::string> series;  // "FP32" first
    std::vector<std::optional<QuantSpec>> specs; // same order; nullopt for FP32 (a series' colour)
    std::vector<Histogram> histograms; // all on the same bins
};

struct EfficiencyLine
{
    Scheme scheme;
    std::vector<StatsRow> rows; // one per bit-width the scheme allows within 1..8, ascending
};

struct BitEfficiencyView
{
    std::string layer;
    Granularity granularity = Granularity::PerChannel;
    std::vector<EfficiencyLine> lines;
    std::vector<int> limitBits;                    // 1..8
    std::vector<double> lloydMax, bestUniform, rateDistortion; // dB, per limitBits entry
};

struct ChannelSqnrView
{
    std::string layer;
    QuantSpec spec;
    std::vector<std::optional<double>> perChannel; // nullopt: exact; -inf: all-zero channel, nonzero x^
    Histogram histogram;                           // of the finite values
    int64_t exact = 0, minusInfinity = 0;
};

struct ViewRequest
{
    QuantSpec focus;              // the toolbar's setting: per-channel SQNR, the bits of the comparisons
    std::vector<Scheme> schemes;  // compared in the quartile plot and the scheme histograms
    int histogramBins = 0;        // 0: DESIGN.md's default, min(2^n, 256) for the shown bits
    int threads = 0;              // 0: all cores
};

enum ViewPart { PartQuartiles = 1, PartHistograms = 2, PartChannelSqnr = 4, PartEfficiency = 8, PartAll = 15 };

struct LayerViews
{
    std::string layer;
    int parts = 0; // which of the views below were computed
    QuartileView quartiles;
    HistogramView schemeHistograms;
    HistogramView bitHistograms; // FP32 and request.focus.scheme at 2..8 bits (those it allows)
    BitEfficiencyView efficiency;
    ChannelSqnrView channelSqnr;
    std::vector<std::string> warnings; // NaN/Inf: nothing but FP32 is shown
};

// A label such as "asymmetric 4-bit per-channel" or "FP32".
std::string seriesLabel(const std::optional<QuantSpec>& spec);
// "4-bit per-channel".
std::string settingLabel(int bits, Granularity granularity);

// `parts` is a ViewPart mask; progress counts the steps; returning false cancels (the result is
// then incomplete and `parts` says so).
LayerViews computeLayerViews(const WeightLayer& layer, const ViewRequest& request, int parts = PartAll,
                             const ProgressFn& progress = {});

// Bin count for a distribution of `count` values: ceil(sqrt(count)) within [5, 50].
int sqrtBinCount(int64_t count);

} // namespace bitlens

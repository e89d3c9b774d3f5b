#include "layer_views.h"

#include "channel_layout.h"
#include "error_metrics.h"
#include "gaussian_limits.h"
#include "parallel.h"
#include "quantize_tensor.h"
#include "scheme_registry.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace bitlens {
namespace {

// Per output channel, the flat indices of its values in ascending order of value. Every scheme
// maps values to x^ by a non-decreasing function of x (per tensor or per channel), so x^ taken in
// this order is sorted too and the quantized summaries need no sort of their own.
std::vector<std::vector<int64_t>> channelOrder(std::span<const float> x, const ChannelLayout& layout, int threads)
{
    std::vector<std::vector<int64_t>> order(static_cast<size_t>(layout.channels));
    parallelFor(layout.channels, threads, [&](int64_t c) {
        auto& idx = order[static_cast<size_t>(c)];
        idx.resize(static_cast<size_t>(layout.perChannel()));
        size_t k = 0;
        for (int64_t o = 0; o < layout.outer; ++o)
            for (int64_t i = 0; i < layout.inner; ++i)
                idx[k++] = (o * layout.channels + c) * layout.inner + i;
        std::sort(idx.begin(), idx.end(), [&](int64_t a, int64_t b) {
            return x[static_cast<size_t>(a)] < x[static_cast<size_t>(b)] || (x[static_cast<size_t>(a)] == x[static_cast<size_t>(b)] && a < b);
        });
        return true;
    });
    return order;
}

ChannelQuartiles sortedQuartiles(std::span<const float> values, const std::vector<std::vector<int64_t>>& order,
                                 int threads)
{
    ChannelQuartiles q;
    q.channels.resize(order.size());
    parallelFor(static_cast<int64_t>(order.size()), threads, [&](int64_t c) {
        const auto& idx = order[static_cast<size_t>(c)];
        std::vector<float> v(idx.size());
        for (size_t i = 0; i < idx.size(); ++i)
            v[i] = values[static_cast<size_t>(idx[i])];
        if (!std::is_sorted(v.begin(), v.end())) // guards the monotonicity argument above
            std::sort(v.begin(), v.end());
        q.channels[static_cast<size_t>(c)] = summarizeSorted(v);
        return true;
    });
    return q;
}

} // namespace

std::string seriesLabel(const std::optional<QuantSpec>& spec)
{
    if (!spec || spec->bits == kFp32Bits)
        return "FP32";
    return std::string(schemeName(spec->scheme)) + " " + std::to_string(spec->bits) + "-bit " +
           std::string(granularityName(spec->granularity));
}

int sqrtBinCount(int64_t count)
{
    return static_cast<int>(std::clamp<double>(std::ceil(std::sqrt(static_cast<double>(count))), 5, 50));
}

LayerViews computeLayerViews(const WeightLayer& layer, const ViewRequest& request, int parts, const ProgressFn& progress)
{
    LayerViews v;
    v.layer = layer.name;
    const int threads = request.threads > 0 ? request.threads : defaultThreadCount();
    const std::span<const float> x = layer.tensor->floats;
    if (std::string w = nonFiniteWarning(layer.name, x); !w.empty()) {
        v.warnings.push_back(std::move(w));
        return v;
    }
    const QuantSpec focus = request.focus;
    const std::vector<int64_t>& dims = layer.tensor->dims;
    const ChannelLayout layout = ChannelLayout::of(dims, layer.axis);

    std::vector<Scheme> schemes;
    for (Scheme s : request.schemes)
        if (bitsAllowed(s, focus.bits) && std::find(schemes.begin(), schemes.end(), s) == schemes.end())
            schemes.push_back(s);
    std::vector<int> histogramBits;
    for (int b = 2; b <= 8; ++b)
        if (bitsAllowed(focus.scheme, b))
            histogramBits.push_back(b);

    const int64_t steps = 1 + static_cast<int64_t>(schemes.size()) + static_cast<int64_t>(histogramBits.size()) + 1;
    int64_t done = 0;
    auto step = [&] { return !progress || progress(++done, steps); };

    // x^ of every compared scheme at the focus bits and granularity, from one preparation.
    const bool needXhat = parts & (PartQuartiles | PartHistograms | PartChannelSqnr);
    std::unique_ptr<PreparedTensor> prepared;
    std::vector<QuantizedTensor> xhats;
    if (needXhat) {
        prepared = std::make_unique<PreparedTensor>(x, dims, layer.axis, focus.granularity, true, threads);
        if (!step())
            return v;
        std::vector<Scheme> wanted = schemes;
        if (std::find(wanted.begin(), wanted.end(), focus.scheme) == wanted.end() && bitsAllowed(focus.scheme, focus.bits))
            wanted.push_back(focus.scheme);
        xhats.resize(wanted.size());
        for (size_t i = 0; i < wanted.size(); ++i) {
            xhats[i] = quantizeTensor(*prepared, wanted[i], focus.bits, OutputXhat);
            if (!step())
                return v;
        }
    }
    auto xhatOf = [&](Scheme s) -> const QuantizedTensor* {
        for (const QuantizedTensor& q : xhats)
            if (q.spec.scheme == s)
                return &q;
        return nullptr;
    };

    if (parts & PartQuartiles) {
        const auto order = channelOrder(x, layout, threads);
        v.quartiles.layer = layer.name;
        v.quartiles.series.push_back(seriesLabel(std::nullopt));
        v.quartiles.perSeries.push_back(sortedQuartiles(x, order, threads));
        for (Scheme s : schemes) {
            v.quartiles.series.push_back(seriesLabel(QuantSpec{s, focus.granularity, focus.bits}));
            v.quartiles.perSeries.push_back(sortedQuartiles(xhatOf(s)->xhat, order, threads));
        }
        v.parts |= PartQuartiles;
    }

    if (parts & PartHistograms) {
        std::vector<std::span<const float>> series{x};
        v.schemeHistograms.layer = layer.name;
        v.schemeHistograms.series.push_back(seriesLabel(std::nullopt));
        for (Scheme s : schemes) {
            series.emplace_back(xhatOf(s)->xhat);
            v.schemeHistograms.series.push_back(seriesLabel(QuantSpec{s, focus.granularity, focus.bits}));
        }
        const int bins = request.histogramBins > 0 ? request.histogramBins : defaultBinCount(focus.bits);
        v.schemeHistograms.histograms = sharedHistograms(series, bins);

        // One scheme across bit-widths: the finest resolution shown (8 bits) sets the default bins.
        std::vector<QuantizedTensor> across(histogramBits.size());
        std::vector<std::span<const float>> acrossSeries{x};
        v.bitHistograms.layer = layer.name;
        v.bitHistograms.series.push_back(seriesLabel(std::nullopt));
        for (size_t i = 0; i < histogramBits.size(); ++i) {
            across[i] = quantizeTensor(*prepared, focus.scheme, histogramBits[i], OutputXhat);
            acrossSeries.emplace_back(across[i].xhat);
            v.bitHistograms.series.push_back(seriesLabel(QuantSpec{focus.scheme, focus.granularity, histogramBits[i]}));
            if (!step())
                return v;
        }
        v.bitHistograms.histograms =
            sharedHistograms(acrossSeries, request.histogramBins > 0 ? request.histogramBins : defaultBinCount(8));
        v.parts |= PartHistograms;
    }

    if (parts & PartChannelSqnr) {
        ChannelSqnrView& c = v.channelSqnr;
        c.layer = layer.name;
        c.spec = focus;
        if (const QuantizedTensor* q = xhatOf(focus.scheme)) {
            c.perChannel = perChannelSqnr(x, q->xhat, layout);
            std::vector<float> finite;
            for (const auto& s : c.perChannel) {
                if (!s)
                    ++c.exact;
                else if (std::isinf(*s))
                    ++c.minusInfinity;
                else
                    finite.push_back(static_cast<float>(*s));
            }
            const int bins = sqrtBinCount(static_cast<int64_t>(finite.size()));
            c.histogram = sharedHistograms({finite}, bins)[0];
        }
        v.parts |= PartChannelSqnr;
    }

    if (parts & PartEfficiency) {
        BitEfficiencyView& e = v.efficiency;
        e.layer = layer.name;
        e.granularity = focus.granularity;
        StatsOptions options;
        options.threads = threads;
        options.withCompression = false;
        std::vector<Scheme> all = request.schemes;
        options.specs = expandSpecs(all, {focus.granularity}, {1, 2, 3, 4, 5, 6, 7, 8});
        const auto stats = computeModelStats({layer}, options, [&](int64_t, int64_t) { return !progress || progress(done, steps); });
        if (stats.empty() || stats[0].rows.size() != options.specs.size())
            return v;
        for (Scheme s : all) {
            EfficiencyLine line{s, {}};
            for (const StatsRow& r : stats[0].rows)
                if (r.spec.scheme == s)
                    line.rows.push_back(r);
            if (!line.rows.empty())
                e.lines.push_back(std::move(line));
        }
        for (int b = 1; b <= 8; ++b) {
            e.limitBits.push_back(b);
            e.lloydMax.push_back(lloydMaxSqnrDb(b));
            e.bestUniform.push_back(bestUniformSqnrDb(b));
            e.rateDistortion.push_back(rateDistortionSqnrDb(b));
        }
        if (!step())
            return v;
        v.parts |= PartEfficiency;
    }
    return v;
}

} // namespace bitlens

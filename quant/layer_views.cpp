#include "layer_views.h"

#include "channel_layout.h"
#include "error_metrics.h"
#include "gaussian_limits.h"
#include "parallel.h"
#include "quantize_tensor.h"
#include "scheme_registry.h"

#include <algorithm>
#include <cmath>
#include <atomic>
#include <mutex>

namespace bitlens {
namespace {

// Values and counts sorted by value, equal values merged (-0.0 and 0.0 are one value).
void sortAndMerge(std::vector<ValueCount>& v)
{
    std::sort(v.begin(), v.end(), [](const ValueCount& a, const ValueCount& b) { return a.value < b.value; });
    size_t k = 0;
    for (size_t i = 0; i < v.size(); ++i) {
        if (k > 0 && v[k - 1].value == v[i].value)
            v[k - 1].count += v[i].count;
        else
            v[k++] = v[i];
    }
    v.resize(k);
}

// Per-channel summaries of a per-tensor x^: each element's code names one level of the single
// group, so counting codes per channel gives the channel's x^ as (value, count) pairs in
// O(N + 2^n) per channel, from the codes alone (2 bytes per weight).
ChannelQuartiles codeQuartiles(const QuantizedTensor& q, const ChannelLayout& layout, int threads)
{
    ChannelQuartiles out;
    out.channels.resize(static_cast<size_t>(layout.channels));
    const size_t levels = size_t{1} << q.spec.bits;
    std::vector<float> value(levels, 0.0f);
    for (const LevelCount& l : q.levels)
        value[l.code] = l.value;
    parallelFor(layout.channels, threads, [&](int64_t c) {
        std::vector<int64_t> counts(levels, 0);
        for (int64_t o = 0; o < layout.outer; ++o)
            for (int64_t i = 0; i < layout.inner; ++i)
                ++counts[q.codes[static_cast<size_t>((o * layout.channels + c) * layout.inner + i)]];
        std::vector<ValueCount> v;
        for (size_t k = 0; k < levels; ++k)
            if (counts[k] > 0)
                v.push_back({value[k], counts[k]});
        sortAndMerge(v);
        out.channels[static_cast<size_t>(c)] = summarizeCounts(v);
        return true;
    });
    return out;
}

// Per-channel summaries of a materialised x^ (per block, where codes differ by block).
ChannelQuartiles xhatQuartiles(const std::vector<float>& xhat, const ChannelLayout& layout)
{
    ChannelQuartiles out;
    out.channels.resize(static_cast<size_t>(layout.channels));
    std::vector<float> channel(static_cast<size_t>(layout.perChannel()));
    for (int64_t c = 0; c < layout.channels; ++c) {
        layout.gather(xhat.data(), c, channel.data());
        out.channels[static_cast<size_t>(c)] = summarize(channel);
    }
    return out;
}

// Histograms on shared bins (DESIGN.md) of FP32 and of each quantized series, the latter from its
// level counts: x^ takes at most 2^n values per group, so binning the levels with their counts
// gives the same counts as binning every element of x^, in O(levels) instead of O(N).
std::vector<Histogram> levelHistograms(std::span<const float> x, float xmin, float xmax,
                                       const std::vector<const QuantizedTensor*>& series, int bins)
{
    double lo = xmin, hi = xmax;
    for (const QuantizedTensor* q : series)
        for (const LevelCount& l : q->levels) {
            lo = std::min(lo, static_cast<double>(l.value));
            hi = std::max(hi, static_cast<double>(l.value));
        }
    const double w = (hi - lo) / bins;
    std::vector<Histogram> out(series.size() + 1);
    for (Histogram& h : out) {
        h.lo = lo;
        h.hi = hi;
        h.bins = bins;
        h.counts.assign(static_cast<size_t>(bins), 0);
    }
    for (float v : x)
        ++out[0].counts[static_cast<size_t>(binIndex(v, lo, w, bins))];
    for (size_t s = 0; s < series.size(); ++s)
        for (const LevelCount& l : series[s]->levels)
            out[s + 1].counts[static_cast<size_t>(binIndex(l.value, lo, w, bins))] += l.count;
    return out;
}

// Per-channel summaries of x^ from the levels of each group, when the groups are the channels.
ChannelQuartiles levelQuartiles(const QuantizedTensor& q)
{
    ChannelQuartiles out;
    const size_t groups = q.levelStart.empty() ? 0 : q.levelStart.size() - 1;
    out.channels.resize(groups);
    std::vector<ValueCount> v;
    for (size_t g = 0; g < groups; ++g) {
        v.clear();
        for (size_t i = q.levelStart[g]; i < q.levelStart[g + 1]; ++i)
            v.push_back({q.levels[i].value, q.levels[i].count});
        // Codes are in increasing x^ order except pow2's sign-magnitude codes.
        sortAndMerge(v);
        out.channels[g] = summarizeCounts(v);
    }
    return out;
}

} // namespace

std::string seriesLabel(const std::optional<QuantSpec>& spec)
{
    if (!spec || spec->bits == kFp32Bits)
        return "FP32";
    return std::string(schemeName(spec->scheme)) + " " + settingLabel(spec->bits, spec->granularity);
}

std::string settingLabel(int bits, Granularity granularity)
{
    return std::to_string(bits) + "-bit " + std::string(granularityName(granularity));
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

    // Each compared scheme at the focus setting, an element format at its implied bits, with the
    // focus scale where the scheme can use it.
    auto specOf = [&](Scheme s) {
        const SchemeDescriptor& d = schemeDescriptor(s);
        return QuantSpec{s, focus.granularity, hasBitRange(d) ? focus.bits : d.minBits, focus.block,
                         scaleAllowed(s, focus.scale) ? focus.scale : d.defaultScale};
    };
    std::vector<Scheme> schemes;
    for (Scheme s : request.schemes)
        if ((bitsAllowed(s, focus.bits) || !hasBitRange(schemeDescriptor(s))) &&
            std::find(schemes.begin(), schemes.end(), s) == schemes.end())
            schemes.push_back(s);
    std::vector<int> histogramBits;
    for (int b = 2; b <= 8; ++b)
        if (bitsAllowed(focus.scheme, b))
            histogramBits.push_back(b);

    const bool focusCompared = std::find(schemes.begin(), schemes.end(), focus.scheme) != schemes.end();
    const bool needQuant = parts & (PartQuartiles | PartHistograms | PartChannelSqnr);
    const int64_t efficiencySteps = (parts & PartEfficiency) ? static_cast<int64_t>(request.schemes.size()) * 8 : 0;
    const int64_t steps = (needQuant ? 1 + static_cast<int64_t>(schemes.size()) + (focusCompared ? 0 : 1) : 0) +
                          ((parts & PartHistograms) ? static_cast<int64_t>(histogramBits.size()) : 0) + efficiencySteps;
    // Steps finish on several threads; progress is reported one at a time.
    std::atomic<int64_t> done{0};
    std::mutex progressMutex;
    auto step = [&] {
        if (!progress)
            return true;
        const std::lock_guard lock(progressMutex);
        return progress(++done, steps);
    };

    // Every compared scheme at the focus bits and granularity, from one preparation. Per channel,
    // the groups are the channels, so the quartiles and histograms of x^ come from each group's
    // levels; per tensor, each scheme's codes are counted per channel as soon as they exist and
    // then dropped. Only the focus scheme's x^ is kept (for the per-channel SQNR).
    const bool perChannel = focus.granularity == Granularity::PerChannel;
    const bool perBlock = focus.granularity == Granularity::PerBlock;
    std::unique_ptr<PreparedTensor> prepared;
    std::vector<QuantizedTensor> quantized;
    std::vector<ChannelQuartiles> codeSummaries; // per tensor: the quartiles of each scheme
    if (needQuant) {
        // Per channel, the whole-tensor sort would serve nothing here (the per-tensor quartiles
        // below reuse it, the per-channel ones use the channels' own sorts).
        prepared = std::make_unique<PreparedTensor>(x, dims, layer.axis, layerGrouping(layer, focus), true, threads,
                                                    nullptr, !perChannel);
        if (!step())
            return v;
        std::vector<Scheme> wanted = schemes;
        if (std::find(wanted.begin(), wanted.end(), focus.scheme) == wanted.end() && bitsAllowed(focus.scheme, focus.bits))
            wanted.push_back(focus.scheme);
        quantized.resize(wanted.size());
        codeSummaries.resize(wanted.size());
        std::atomic<bool> stop{false};
        parallelFor(static_cast<int64_t>(wanted.size()), threads, [&](int64_t i) {
            const Scheme s = wanted[static_cast<size_t>(i)];
            // Per block a code means a different x^ in each block: the channels' quartiles then
            // come from x^ itself.
            const bool codes = !perChannel && !perBlock && (parts & PartQuartiles);
            const bool blockQuartiles = perBlock && (parts & PartQuartiles);
            const bool xhat = blockQuartiles || (s == focus.scheme && (parts & PartChannelSqnr));
            QuantizedTensor& q = quantized[static_cast<size_t>(i)];
            const QuantSpec spec = s == focus.scheme ? focus : specOf(s);
            q = quantizeTensor(*prepared, spec, (codes ? OutputCodes : 0) | (xhat ? OutputXhat : 0));
            if (codes) {
                codeSummaries[static_cast<size_t>(i)] = codeQuartiles(q, layout, 1);
                std::vector<uint16_t>().swap(q.codes);
            }
            if (blockQuartiles) {
                codeSummaries[static_cast<size_t>(i)] = xhatQuartiles(q.xhat, layout);
                if (s != focus.scheme)
                    std::vector<float>().swap(q.xhat);
            }
            if (!step())
                stop = true;
            return !stop.load();
        });
        if (stop)
            return v;
    }
    auto quantizedOf = [&](Scheme s) -> const QuantizedTensor* {
        for (const QuantizedTensor& q : quantized)
            if (q.spec.scheme == s)
                return &q;
        return nullptr;
    };

    if (parts & PartQuartiles) {
        v.quartiles.layer = layer.name;
        v.quartiles.setting = settingLabel(focus.bits, focus.granularity);
        v.quartiles.names.push_back("FP32");
        for (Scheme s : schemes)
            v.quartiles.names.emplace_back(schemeName(s));
        v.quartiles.series.push_back(seriesLabel(std::nullopt));
        v.quartiles.specs.push_back(std::nullopt);
        if (perChannel) {
            // The prepared channels come with their values sorted.
            ChannelQuartiles fp32;
            fp32.channels.resize(prepared->groups().size());
            parallelFor(static_cast<int64_t>(fp32.channels.size()), threads, [&](int64_t c) {
                const Group& g = prepared->groups()[static_cast<size_t>(c)];
                fp32.channels[static_cast<size_t>(c)] = g.sorted ? summarizeSorted(g.sorted->values) : summarize(g.x);
                return true;
            });
            v.quartiles.perSeries.push_back(std::move(fp32));
            for (Scheme s : schemes) {
                v.quartiles.series.push_back(seriesLabel(specOf(s)));
                v.quartiles.specs.push_back(specOf(s));
                v.quartiles.perSeries.push_back(levelQuartiles(*quantizedOf(s)));
            }
        } else {
            // One quantizer for the whole tensor: a channel's x^ takes at most 2^n values, so its
            // summary comes from counting its codes (no sort); the FP32 channels are sorted once by
            // a per-channel preparation that reuses the whole tensor's sort.
            const PreparedTensor channels(x, dims, layer.axis, Granularity::PerChannel, true, threads,
                                          prepared->wholeSorted());
            ChannelQuartiles fp32;
            fp32.channels.resize(channels.groups().size());
            parallelFor(static_cast<int64_t>(fp32.channels.size()), threads, [&](int64_t c) {
                const Group& g = channels.groups()[static_cast<size_t>(c)];
                fp32.channels[static_cast<size_t>(c)] = g.sorted ? summarizeSorted(g.sorted->values) : summarize(g.x);
                return true;
            });
            v.quartiles.perSeries.push_back(std::move(fp32));
            for (Scheme s : schemes) {
                v.quartiles.series.push_back(seriesLabel(specOf(s)));
                v.quartiles.specs.push_back(specOf(s));
                v.quartiles.perSeries.push_back(
                    std::move(codeSummaries[static_cast<size_t>(quantizedOf(s) - quantized.data())]));
            }
        }
        v.parts |= PartQuartiles;
    }

    if (parts & PartHistograms) {
        std::vector<const QuantizedTensor*> series;
        v.schemeHistograms.layer = layer.name;
        v.schemeHistograms.setting = settingLabel(focus.bits, focus.granularity);
        v.schemeHistograms.names.push_back("FP32");
        for (Scheme s : schemes)
            v.schemeHistograms.names.emplace_back(schemeName(s));
        v.schemeHistograms.series.push_back(seriesLabel(std::nullopt));
        v.schemeHistograms.specs.push_back(std::nullopt);
        for (Scheme s : schemes) {
            series.push_back(quantizedOf(s));
            v.schemeHistograms.series.push_back(seriesLabel(specOf(s)));
            v.schemeHistograms.specs.push_back(specOf(s));
        }
        const int bins = request.histogramBins > 0 ? request.histogramBins : defaultBinCount(focus.bits);
        v.schemeHistograms.histograms = levelHistograms(x, prepared->min(), prepared->max(), series, bins);

        // One scheme across bit-widths: the finest resolution shown (8 bits) sets the default bins.
        std::vector<QuantizedTensor> across(histogramBits.size());
        std::atomic<bool> stop{false};
        parallelFor(static_cast<int64_t>(histogramBits.size()), threads, [&](int64_t i) {
            QuantSpec spec = focus;
            spec.bits = histogramBits[static_cast<size_t>(i)];
            across[static_cast<size_t>(i)] = quantizeTensor(*prepared, spec, OutputStatsOnly);
            if (!step())
                stop = true;
            return !stop.load();
        });
        if (stop)
            return v;
        std::vector<const QuantizedTensor*> acrossSeries;
        v.bitHistograms.layer = layer.name;
        v.bitHistograms.setting = std::string(schemeName(focus.scheme)) + " " + std::string(granularityName(focus.granularity));
        v.bitHistograms.names.push_back("FP32");
        for (int b : histogramBits)
            v.bitHistograms.names.push_back(std::to_string(b) + "-bit");
        v.bitHistograms.series.push_back(seriesLabel(std::nullopt));
        v.bitHistograms.specs.push_back(std::nullopt);
        for (size_t i = 0; i < histogramBits.size(); ++i) {
            acrossSeries.push_back(&across[i]);
            v.bitHistograms.series.push_back(seriesLabel(QuantSpec{focus.scheme, focus.granularity, histogramBits[i]}));
            v.bitHistograms.specs.push_back(QuantSpec{focus.scheme, focus.granularity, histogramBits[i]});
        }
        v.bitHistograms.histograms = levelHistograms(x, prepared->min(), prepared->max(), acrossSeries,
                                                     request.histogramBins > 0 ? request.histogramBins : defaultBinCount(8));
        v.parts |= PartHistograms;
    }

    if (parts & PartChannelSqnr) {
        ChannelSqnrView& c = v.channelSqnr;
        c.layer = layer.name;
        c.spec = focus;
        if (const QuantizedTensor* q = quantizedOf(focus.scheme)) {
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
            if (!finite.empty()) {
                c.histogram = sharedHistograms({finite}, sqrtBinCount(static_cast<int64_t>(finite.size())))[0];
                if (!(c.histogram.hi > c.histogram.lo)) { // one value: one bin of 1 dB around it
                    c.histogram.lo -= 0.5;
                    c.histogram.hi += 0.5;
                    c.histogram.bins = 1;
                    c.histogram.counts = {static_cast<int64_t>(finite.size())};
                }
            }
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
        options.specs = expandSpecs(all, {focus.granularity}, {1, 2, 3, 4, 5, 6, 7, 8}, {focus.block});
        const int64_t before = done.load();
        const auto stats = computeModelStats({layer}, options, [&](int64_t d, int64_t) {
            if (!progress)
                return true;
            const std::lock_guard lock(progressMutex);
            return progress(std::min(before + d, steps), steps);
        });
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
        if (progress && !progress(steps, steps))
            return v;
        v.parts |= PartEfficiency;
    }
    return v;
}

} // namespace bitlens

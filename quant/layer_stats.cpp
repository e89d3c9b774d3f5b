#include "layer_stats.h"

#include "bit_efficiency.h"
#include "parallel.h"
#include "quantize_tensor.h"
#include "scheme_registry.h"
#include "storage.h"

#include <atomic>
#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

namespace bitlens {

std::vector<QuantSpec> expandSpecs(const std::vector<Scheme>& schemes, const std::vector<Granularity>& grans,
                                   const std::vector<int>& bits, const std::vector<int>& blocks,
                                   std::optional<ScaleEncoding> scale)
{
    std::vector<QuantSpec> out;
    for (Scheme s : schemes) {
        const ScaleEncoding e = scale.value_or(schemeDescriptor(s).defaultScale);
        if (!scaleAllowed(s, e))
            continue;
        // An element format's bits are implied: it takes one row whatever bits were asked for.
        const SchemeDescriptor& d = schemeDescriptor(s);
        const std::vector<int> widths = d.minBits == d.maxBits ? std::vector<int>{d.minBits} : bits;
        for (Granularity g : grans)
            for (int block : g == Granularity::PerBlock ? blocks : std::vector<int>{0})
                for (int b : widths)
                    if (bitsAllowed(s, b))
                        out.push_back({s, g, b, block, e});
    }
    return out;
}

std::string nonFiniteWarning(const std::string& layer, std::span<const float> values)
{
    int64_t nan = 0, inf = 0, first = -1;
    for (size_t i = 0; i < values.size(); ++i)
        if (!std::isfinite(values[i])) {
            (std::isnan(values[i]) ? nan : inf)++;
            if (first < 0)
                first = static_cast<int64_t>(i);
        }
    if (first < 0)
        return {};
    return "layer '" + layer + "' has " + std::to_string(nan) + " NaN and " + std::to_string(inf) +
           " Inf values (first at index " + std::to_string(first) + "); it is excluded from quantization";
}

StatsRow statsRow(const PreparedTensor& x, const QuantizedTensor& q, bool withCompression)
{
    StatsRow r;
    r.spec = q.spec;
    const int n = q.spec.bits;
    const auto count = static_cast<int64_t>(x.values().size());
    r.error = q.error;
    r.rangeCoverage = rangeCoverage(x, q.levels);
    r.levelUtilization = q.levelUtilization;
    const double h = entropyBits(q.codeCounts);
    r.entropyEfficiency = h / n;
    r.densityFidelity = densityFidelity(x, q.levels, n);
    r.sqnrEfficiency = sqnrEfficiency(r.error.sqnrDb, n);
    r.codeBits = count * n;
    r.overheadBits = q.overheadBits;
    r.bitsPerWeight = count > 0 ? static_cast<double>(r.codeBits + r.overheadBits) / static_cast<double>(count) : 0;
    if (withCompression) {
        const auto packed = packCodes(q.codes, n);
        r.zstdBytes = zstdCompressedBytes(packed);
        r.zlibBytes = zlibCompressedBytes(packed);
    }
    r.entropyBoundBits = static_cast<double>(count) * h;
    r.effectiveBits = q.effectiveBits;
    return r;
}

std::vector<ModelTotals> modelTotals(const std::vector<LayerStats>& layers)
{
    std::vector<QuantSpec> specs;
    for (const LayerStats& l : layers)
        if (!l.rows.empty()) {
            for (const StatsRow& r : l.rows)
                specs.push_back(r.spec);
            break;
        }
    std::vector<ModelTotals> totals;
    for (const QuantSpec& spec : specs) {
        ModelTotals t;
        t.spec = spec;
        t.zstdBytes = 0;
        t.zlibBytes = 0;
        for (const LayerStats& l : layers) {
            int64_t n = 1;
            for (int64_t d : l.shape)
                n *= d;
            t.weights += n;
            t.fp32Bits += 32 * n;
            const auto row = std::find_if(l.rows.begin(), l.rows.end(), [&](const StatsRow& r) { return r.spec == spec; });
            if (row == l.rows.end()) { // excluded: kept in FP32
                t.codeBits += 32 * n;
                t.entropyBoundBits += 32.0 * static_cast<double>(n);
                *t.zstdBytes += 4 * n;
                *t.zlibBytes += 4 * n;
                continue;
            }
            t.codeBits += row->codeBits;
            t.overheadBits += row->overheadBits;
            t.entropyBoundBits += row->entropyBoundBits;
            if (row->zstdBytes && t.zstdBytes)
                *t.zstdBytes += *row->zstdBytes;
            else
                t.zstdBytes.reset();
            if (row->zlibBytes && t.zlibBytes)
                *t.zlibBytes += *row->zlibBytes;
            else
                t.zlibBytes.reset();
        }
        totals.push_back(t);
    }
    return totals;
}

std::vector<LayerStats> computeModelStats(const std::vector<WeightLayer>& layers, const StatsOptions& options,
                                          const ProgressFn& progress)
{
    const int threads = options.threads > 0 ? options.threads : defaultThreadCount();
    const auto perLayer = static_cast<int64_t>(options.specs.size());
    const int64_t total = perLayer * static_cast<int64_t>(layers.size());
    std::atomic<int64_t> done{0};
    std::atomic<bool> cancelled{false};

    // Longest first, so no thread is left alone with k-means' many Lloyd iterations at the end.
    std::vector<size_t> order(options.specs.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    auto cost = [&](size_t i) {
        const QuantSpec& s = options.specs[i];
        return (schemeDescriptor(s.scheme).needsSortedValues ? 100 : 0) + s.bits;
    };
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return cost(a) > cost(b); });

    std::vector<LayerStats> out;
    for (const WeightLayer& layer : layers) {
        if (cancelled)
            break;
        LayerStats ls{layer.name, layer.nodePath(), layer.op, layer.tensor->dims, layer.axis, {}, {}};
        const std::span<const float> x = layer.tensor->floats;
        if (std::string w = nonFiniteWarning(layer.name, x); !w.empty()) {
            ls.warnings.push_back(std::move(w));
            done += perLayer;
            out.push_back(std::move(ls));
            continue;
        }
        // Groups, their statistics and sorted values once per granularity, shared by every scheme
        // and bit-width (sorted values serve k-means, the statistics-only runs pass and the
        // shared-bin histograms); the per-channel preparation reuses the per-tensor sort.
        // A large per-channel-only preparation skips the whole-tensor sort (which only speeds up
        // the histograms): a copy of a 100M-weight layer is 400 MB more at the peak.
        constexpr size_t kSortWholeUpTo = size_t{16} << 20;
        // One preparation per grouping (per tensor, per channel, each block size), in that order.
        auto key = [](const QuantSpec& s) { return std::make_pair(static_cast<int>(s.granularity), s.block); };
        std::map<std::pair<int, int>, std::unique_ptr<PreparedTensor>> prepared;
        for (const QuantSpec& s : options.specs)
            prepared[key(s)];
        std::shared_ptr<const SortedValues> whole;
        for (auto& [k, p] : prepared) {
            const QuantSpec s{Scheme::Asymmetric, static_cast<Granularity>(k.first), 8, k.second};
            p = std::make_unique<PreparedTensor>(x, layer.tensor->dims, layer.axis, layerGrouping(layer, s), true, threads,
                                                 whole, x.size() <= kSortWholeUpTo);
            if (!whole)
                whole = p->wholeSorted();
        }
        ls.rows.resize(options.specs.size());
        parallelFor(perLayer, threads, [&](int64_t t) {
            const auto i = static_cast<int64_t>(order[static_cast<size_t>(t)]);
            const QuantSpec& s = options.specs[static_cast<size_t>(i)];
            const PreparedTensor& p = *prepared.at(key(s));
            const QuantizedTensor q = quantizeTensor(p, s, options.withCompression ? OutputCodes : OutputStatsOnly);
            ls.rows[static_cast<size_t>(i)] = statsRow(p, q, options.withCompression);
            const int64_t d = ++done;
            if (progress && !progress(d, total))
                cancelled = true;
            return !cancelled.load();
        });
        out.push_back(std::move(ls));
    }
    return out;
}

} // namespace bitlens

#include "quantize_tensor.h"

#include "histogram.h"
#include "parallel.h"
#include "radix_sort.h"
#include "scheme_registry.h"

#include <model/weights.h>

#include <algorithm>

namespace bitlens {

QuantGrouping layerGrouping(const WeightLayer& l, const QuantSpec& s)
{
    if (s.granularity != Granularity::PerBlock)
        return {s.granularity};
    return {s.granularity, s.block, reductionAxis(l.op, l.axis, static_cast<int>(l.tensor->dims.size()))};
}

PreparedTensor::PreparedTensor(std::span<const float> values, const std::vector<int64_t>& dims, int axis,
                               QuantGrouping grouping, bool withSorted, int threads,
                               std::shared_ptr<const SortedValues> wholeSorted, bool sortWhole)
    : m_values(values), m_grouping(grouping), m_layout(ChannelLayout::of(dims, axis))
{
    const Granularity granularity = grouping.granularity;
    if (!values.empty()) {
        const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
        m_min = *lo;
        m_max = *hi;
    }
    for (float v : values)
        m_sumSquares += static_cast<double>(v) * v;
    if (granularity == Granularity::PerTensor || dims.empty()) {
        m_layout = {1, 1, static_cast<int64_t>(values.size())};
        m_groups.push_back(describeGroup(values, withSorted));
        m_sortedAll = m_groups[0].sorted;
        return;
    }
    if (granularity == Granularity::PerBlock) {
        prepareBlocks(dims, withSorted, threads, std::move(wholeSorted), sortWhole);
        return;
    }
    const auto per = static_cast<size_t>(m_layout.perChannel());
    if (!m_layout.contiguous()) {
        m_gatheredValues.resize(values.size());
        for (int64_t c = 0; c < m_layout.channels; ++c)
            m_layout.gather(values.data(), c, m_gatheredValues.data() + static_cast<size_t>(c) * per);
    }
    const float* base = m_layout.contiguous() ? values.data() : m_gatheredValues.data();
    m_groups.resize(static_cast<size_t>(m_layout.channels));
    if (withSorted && wholeSorted && wholeSorted->values.size() == values.size())
        m_sortedAll = std::move(wholeSorted);
    // Task `channels` sorts the whole tensor, alongside the channels.
    parallelFor(m_layout.channels + (withSorted && sortWhole && !m_sortedAll ? 1 : 0), threads, [&](int64_t c) {
        if (c == m_layout.channels) {
            auto all = std::make_shared<SortedValues>();
            all->values.assign(values.begin(), values.end());
            sortFloats(all->values);
            m_sortedAll = std::move(all);
        } else {
            m_groups[static_cast<size_t>(c)] = describeGroup({base + static_cast<size_t>(c) * per, per}, withSorted);
        }
        return true;
    });
}

void PreparedTensor::prepareBlocks(const std::vector<int64_t>& dims, bool withSorted, int threads,
                                   std::shared_ptr<const SortedValues> wholeSorted, bool sortWhole)
{
    const int rank = static_cast<int>(dims.size());
    m_blocks = BlockLayout::of(dims, std::clamp(m_grouping.blockAxis, 0, std::max(rank - 1, 0)), m_grouping.block);
    const int64_t groups = m_blocks.groups();
    std::vector<size_t> start(static_cast<size_t>(groups) + 1, 0);
    for (int64_t g = 0; g < groups; ++g)
        start[static_cast<size_t>(g) + 1] = start[static_cast<size_t>(g)] + static_cast<size_t>(m_blocks.length(g));
    if (!m_blocks.contiguous()) {
        m_gatheredValues.resize(m_values.size());
        for (int64_t g = 0; g < groups; ++g)
            m_blocks.gather(m_values.data(), g, m_gatheredValues.data() + start[static_cast<size_t>(g)]);
    }
    const float* base = m_blocks.contiguous() ? m_values.data() : m_gatheredValues.data();
    m_groups.resize(static_cast<size_t>(groups));
    if (withSorted && wholeSorted && wholeSorted->values.size() == m_values.size())
        m_sortedAll = std::move(wholeSorted);
    // Blocks are small: one task a chunk of them, and task `chunks` sorts the whole tensor.
    constexpr int64_t kChunk = 4096;
    const int64_t chunks = (groups + kChunk - 1) / kChunk;
    parallelFor(chunks + (withSorted && sortWhole && !m_sortedAll ? 1 : 0), threads, [&](int64_t c) {
        if (c == chunks) {
            auto all = std::make_shared<SortedValues>();
            all->values.assign(m_values.begin(), m_values.end());
            sortFloats(all->values);
            m_sortedAll = std::move(all);
            return true;
        }
        for (int64_t g = c * kChunk; g < std::min(groups, (c + 1) * kChunk); ++g) {
            const size_t a = start[static_cast<size_t>(g)], b = start[static_cast<size_t>(g) + 1];
            m_groups[static_cast<size_t>(g)] = describeGroup({base + a, b - a}, false);
        }
        return true;
    });
}

std::vector<int64_t> PreparedTensor::histogram(double lo, double hi, int bins) const
{
    const auto key = std::make_tuple(lo, hi, bins);
    {
        const std::lock_guard lock(m_cacheMutex);
        if (auto it = m_histogramCache.find(key); it != m_histogramCache.end())
            return it->second;
    }
    std::vector<int64_t> counts(static_cast<size_t>(bins), 0);
    const double w = (hi - lo) / bins;
    if (m_sortedAll) {
        // binIndex is monotone in v, so on sorted values each bin is one run: B binary searches.
        const auto& v = m_sortedAll->values;
        auto start = v.begin();
        for (int b = 0; b < bins; ++b) {
            const auto end = std::partition_point(start, v.end(), [&](float x) { return binIndex(x, lo, w, bins) <= b; });
            counts[static_cast<size_t>(b)] = end - start;
            start = end;
        }
    } else {
        for (float v : m_values)
            ++counts[static_cast<size_t>(binIndex(v, lo, w, bins))];
    }
    const std::lock_guard lock(m_cacheMutex);
    if (m_histogramCache.size() > 64) // bounded: one layer's sweep needs a handful
        m_histogramCache.clear();
    m_histogramCache.emplace(key, counts);
    return counts;
}

int pow2EffectiveBits(int largestSpan)
{
    int b = 0; // smallest b with 2^b >= L + 1
    while ((int64_t{1} << b) < static_cast<int64_t>(largestSpan) + 1)
        ++b;
    return 1 + b;
}

QuantizedTensor quantizeTensor(const PreparedTensor& p, Scheme scheme, int bits, int outputs)
{
    QuantSpec spec{scheme, p.granularity(), bits, p.grouping().granularity == Granularity::PerBlock ? p.grouping().block : 0,
                   schemeDescriptor(scheme).defaultScale};
    return quantizeTensor(p, spec, outputs);
}

QuantizedTensor quantizeTensor(const PreparedTensor& p, const QuantSpec& spec, int outputs)
{
    const bool materializeXhat = (outputs & OutputXhat) != 0;
    const bool writeCodes = (outputs & OutputCodes) != 0;
    const Scheme scheme = spec.scheme;
    const int bits = spec.bits;
    const SchemeDescriptor& d = schemeDescriptor(scheme);
    QuantizedTensor q;
    q.spec = spec;
    q.spec.granularity = p.granularity();
    q.spec.block = p.granularity() == Granularity::PerBlock ? p.grouping().block : 0;
    if (!scaleAllowed(scheme, q.spec.scale))
        q.spec.scale = d.defaultScale;
    GroupParams params{scheme, bits, q.spec.scale, 0, p.granularity() == Granularity::PerBlock};
    if (params.scale == ScaleEncoding::UE4M3 && d.idealScale) {
        // t = (largest ideal group scale)/448, so every group's e4m3 factor is at most 448;
        // NVFP4: amax_tensor/(448*6). Stored once per tensor as fp32.
        double largest = 0;
        for (const Group& g : p.groups())
            if (!g.allEqual && g.finite)
                largest = std::max(largest, d.idealScale(g, params));
        params.tensorScale = largest / 448;
        q.tensorScale = params.tensorScale;
        q.overheadBits += 32;
    }
    const size_t n = p.values().size();
    if (materializeXhat)
        q.xhat.resize(n);
    if (writeCodes)
        q.codes.resize(n);

    const auto levels = size_t{1} << bits;
    q.codeCounts.assign(levels, 0);
    std::vector<int64_t> groupCount(levels, 0); // zero between groups: only touched entries reset
    std::vector<float> groupValue(levels);
    std::vector<float> gx;
    std::vector<uint16_t> gc;
    double utilizationSum = 0, see = 0, sxy = 0, syy = 0, maxErr = 0;
    int largestSpan = 0;
    size_t offset = 0;
    for (size_t gi = 0; gi < p.groups().size(); ++gi) {
        const Group& g = p.groups()[gi];
        const size_t m = g.x.size();
        GroupOutput out{writeCodes ? std::span<uint16_t>(q.codes.data() + offset, m) : std::span<uint16_t>(),
                        materializeXhat ? std::span<float>(q.xhat.data() + offset, m) : std::span<float>(),
                        groupCount, groupValue};
        if (p.gathered()) {
            if (writeCodes) {
                gc.resize(m);
                out.codes = gc;
            }
            if (materializeXhat) {
                gx.resize(m);
                out.xhat = gx;
            }
        }
        const GroupResult r = d.quantize(g, params, out);
        q.overheadBits += r.overheadBits;
        q.scales.push_back(r.scale);
        q.zeroPoints.push_back(r.zeroPoint);
        if (!g.allEqual)
            largestSpan = std::max(largestSpan, r.pow2Span);
        see += r.errorEnergy;
        sxy += r.crossEnergy;
        syy += r.reconEnergy;
        maxErr = std::max(maxErr, r.maxAbsError);

        size_t used = 0;
        q.levelStart.push_back(q.levels.size());
        for (size_t c = 0; c < levels; ++c)
            if (groupCount[c] > 0) {
                q.levels.push_back({groupValue[c], groupCount[c], static_cast<uint16_t>(c)});
                q.codeCounts[c] += groupCount[c];
                groupCount[c] = 0;
                ++used;
            }
        utilizationSum += static_cast<double>(used) / static_cast<double>(levels);

        if (p.gathered()) {
            if (writeCodes)
                p.scatter(gc.data(), static_cast<int64_t>(gi), q.codes.data());
            if (materializeXhat)
                p.scatter(gx.data(), static_cast<int64_t>(gi), q.xhat.data());
        }
        offset += m;
    }
    q.levelStart.push_back(q.levels.size());
    q.levelUtilization = p.groups().empty() ? 0 : utilizationSum / static_cast<double>(p.groups().size());
    if (scheme == Scheme::Pow2)
        q.effectiveBits = pow2EffectiveBits(largestSpan);
    q.error = errorMetricsFromSums(p.sumSquares(), see, sxy, syy, maxErr, static_cast<int64_t>(n));
    return q;
}

QuantizedTensor quantizeTensor(std::span<const float> values, const std::vector<int64_t>& dims, int axis,
                               const QuantSpec& spec)
{
    const QuantGrouping grouping(spec.granularity, spec.block, reductionAxis({}, axis, static_cast<int>(dims.size())));
    const PreparedTensor p(values, dims, axis, grouping, schemeDescriptor(spec.scheme).needsSortedValues);
    return quantizeTensor(p, spec);
}

QuantizedTensor quantizeLayer(const WeightLayer& l, const QuantSpec& spec, int outputs)
{
    const PreparedTensor p(l.tensor->floats, l.tensor->dims, l.axis, layerGrouping(l, spec),
                           schemeDescriptor(spec.scheme).needsSortedValues);
    return quantizeTensor(p, spec, outputs);
}

} // namespace bitlens

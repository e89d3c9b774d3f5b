#include "quantize_tensor.h"

#include "histogram.h"
#include "radix_sort.h"
#include "scheme_registry.h"

#include <algorithm>

namespace bitlens {

PreparedTensor::PreparedTensor(std::span<const float> values, const std::vector<int64_t>& dims, int axis,
                               Granularity granularity, bool withSorted)
    : m_values(values), m_granularity(granularity), m_layout(ChannelLayout::of(dims, axis))
{
    if (!values.empty()) {
        const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
        m_min = *lo;
        m_max = *hi;
    }
    if (granularity == Granularity::PerTensor || dims.empty()) {
        m_layout = {1, 1, static_cast<int64_t>(values.size())};
        m_groups.push_back(describeGroup(values, withSorted));
        m_sortedAll = m_groups[0].sorted;
        return;
    }
    if (withSorted) {
        auto all = std::make_shared<SortedValues>();
        all->values.assign(values.begin(), values.end());
        sortFloats(all->values);
        m_sortedAll = std::move(all);
    }
    const auto per = static_cast<size_t>(m_layout.perChannel());
    if (!m_layout.contiguous()) {
        m_gatheredValues.resize(values.size());
        for (int64_t c = 0; c < m_layout.channels; ++c)
            m_layout.gather(values.data(), c, m_gatheredValues.data() + static_cast<size_t>(c) * per);
    }
    const float* base = m_layout.contiguous() ? values.data() : m_gatheredValues.data();
    m_groups.reserve(static_cast<size_t>(m_layout.channels));
    for (int64_t c = 0; c < m_layout.channels; ++c)
        m_groups.push_back(describeGroup({base + static_cast<size_t>(c) * per, per}, withSorted));
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

QuantizedTensor quantizeTensor(const PreparedTensor& p, Scheme scheme, int bits)
{
    const SchemeDescriptor& d = schemeDescriptor(scheme);
    QuantizedTensor q;
    q.spec = {scheme, p.granularity(), bits};
    const size_t n = p.values().size();
    q.xhat.resize(n);
    q.codes.resize(n);

    const auto levels = size_t{1} << bits;
    q.codeCounts.assign(levels, 0);
    std::vector<int64_t> groupCount(levels, 0);
    std::vector<float> groupValue(levels);
    std::vector<uint16_t> used;
    std::vector<float> gx;
    std::vector<uint16_t> gc;
    double utilizationSum = 0;
    int largestSpan = 0;
    size_t offset = 0;
    for (size_t gi = 0; gi < p.groups().size(); ++gi) {
        const Group& g = p.groups()[gi];
        const size_t m = g.x.size();
        std::span<float> outX(q.xhat.data() + offset, m);
        std::span<uint16_t> outC(q.codes.data() + offset, m);
        if (p.gathered()) {
            gx.resize(m);
            gc.resize(m);
            outX = gx;
            outC = gc;
        }
        const GroupQuantInfo info = d.quantize(g, bits, outX, outC);
        q.overheadBits += info.overheadBits;
        if (!g.allEqual)
            largestSpan = std::max(largestSpan, info.pow2Span);

        // Codes used in this group, their counts and x^ values; reset only what was touched.
        used.clear();
        for (size_t i = 0; i < m; ++i) {
            const uint16_t c = outC[i];
            if (groupCount[c]++ == 0) {
                used.push_back(c);
                groupValue[c] = outX[i];
            }
        }
        for (uint16_t c : used) {
            q.levels.push_back({groupValue[c], groupCount[c]});
            q.codeCounts[c] += groupCount[c];
            groupCount[c] = 0;
        }
        utilizationSum += static_cast<double>(used.size()) / static_cast<double>(levels);

        if (p.gathered()) {
            p.layout().scatter(gx.data(), static_cast<int64_t>(gi), q.xhat.data());
            p.layout().scatter(gc.data(), static_cast<int64_t>(gi), q.codes.data());
        }
        offset += m;
    }
    q.levelUtilization = p.groups().empty() ? 0 : utilizationSum / static_cast<double>(p.groups().size());
    if (scheme == Scheme::Pow2)
        q.effectiveBits = pow2EffectiveBits(largestSpan);
    return q;
}

QuantizedTensor quantizeTensor(std::span<const float> values, const std::vector<int64_t>& dims, int axis,
                               const QuantSpec& spec)
{
    const PreparedTensor p(values, dims, axis, spec.granularity, schemeDescriptor(spec.scheme).needsSortedValues);
    return quantizeTensor(p, spec.scheme, spec.bits);
}

} // namespace bitlens

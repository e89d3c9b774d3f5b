#pragma once
// Quantizes a whole tensor per-tensor, per-output-channel or per-block with any scheme of the registry.
// PreparedTensor splits the tensor into groups and computes their statistics once, so a sweep
// over schemes and bit-widths does not repeat that work.
#include "block_layout.h"
#include "channel_layout.h"
#include "error_metrics.h"
#include "group.h"
#include "scheme.h"

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <tuple>
#include <optional>
#include <span>
#include <vector>

namespace bitlens {

struct WeightLayer;

// How a tensor splits into groups: the granularity and, per block, B and the reduction axis.
struct QuantGrouping
{
    Granularity granularity = Granularity::PerTensor;
    int block = 0;
    int blockAxis = 0;
    QuantGrouping(Granularity g = Granularity::PerTensor, int b = 0, int a = 0) : granularity(g), block(b), blockAxis(a) {}
};
// A layer's grouping under `spec` (per block along its reduction axis).
QuantGrouping layerGrouping(const WeightLayer& layer, const QuantSpec& spec);

class PreparedTensor
{
public:
    // `values` must outlive the PreparedTensor. withSorted prepares sorted values (k-means, and
    // histograms by binary search). Groups are prepared on `threads` threads.
    // wholeSorted: the whole tensor already sorted (from the per-tensor preparation), reused by a
    // per-channel one instead of sorting again.
    // sortWhole = false skips the whole-tensor sort of a per-channel preparation when nobody
    // asks for it (histogram() then counts in one pass): it costs the tensor's size again.
    // Per-block groups get no sorted values of their own (k-means sorts a block itself).
    PreparedTensor(std::span<const float> values, const std::vector<int64_t>& dims, int axis,
                   QuantGrouping grouping, bool withSorted, int threads = 1,
                   std::shared_ptr<const SortedValues> wholeSorted = {}, bool sortWhole = true);
    // The whole tensor sorted, if prepared withSorted.
    const std::shared_ptr<const SortedValues>& wholeSorted() const { return m_sortedAll; }

    std::span<const float> values() const { return m_values; }
    float min() const { return m_min; }
    float max() const { return m_max; }
    double sumSquares() const { return m_sumSquares; }
    Granularity granularity() const { return m_grouping.granularity; }
    const QuantGrouping& grouping() const { return m_grouping; }
    const ChannelLayout& layout() const { return m_layout; }
    const BlockLayout& blockLayout() const { return m_blocks; }
    const std::vector<Group>& groups() const { return m_groups; }
    // Per-channel groups of a non-contiguous axis, and blocks along one, are gathered into copies.
    bool gathered() const { return !m_gatheredValues.empty(); }
    // Group g's values (in group order) written to their places in a tensor-shaped `dst`.
    template <class T>
    void scatter(const T* src, int64_t g, T* dst) const
    {
        if (m_grouping.granularity == Granularity::PerBlock)
            m_blocks.scatter(src, g, dst);
        else
            m_layout.scatter(src, g, dst);
    }
    // Counts of the values on `bins` equal bins over [lo, hi], cached: most schemes keep x^ inside
    // the FP32 range, so many configurations share the same shared-bin range. Thread-safe.
    std::vector<int64_t> histogram(double lo, double hi, int bins) const;

private:
    void prepareBlocks(const std::vector<int64_t>& dims, bool withSorted, int threads,
                       std::shared_ptr<const SortedValues> wholeSorted, bool sortWhole);

    std::span<const float> m_values;
    QuantGrouping m_grouping;
    ChannelLayout m_layout;
    BlockLayout m_blocks;
    std::vector<float> m_gatheredValues;
    std::vector<Group> m_groups;
    float m_min = 0, m_max = 0;
    double m_sumSquares = 0;
    std::shared_ptr<const SortedValues> m_sortedAll; // the whole tensor sorted, when prepared withSorted
    mutable std::mutex m_cacheMutex;
    mutable std::map<std::tuple<double, double, int>, std::vector<int64_t>> m_histogramCache;
};

// A reconstruction level that occurs in x^: its value and how many elements take it. Every
// scheme maps a group's code to one x^ value, so these summarise x^ in O(levels), not O(N).
struct LevelCount
{
    float value;
    int64_t count;
    uint16_t code = 0; // the code that stands for this value in its group
};

struct QuantizedTensor
{
    QuantSpec spec;
    std::vector<float> xhat;     // same layout as the input; empty unless materialised
    std::vector<uint16_t> codes; // unsigned n-bit codes, same layout; empty unless requested
    int64_t overheadBits = 0;
    double levelUtilization = 0;       // distinct codes / 2^n; per channel or block: mean over groups
    std::optional<int> effectiveBits;  // pow2: 1 + ceil(log2(L+1))
    std::vector<int64_t> codeCounts;   // pooled over the tensor, 2^n entries
    std::vector<LevelCount> levels;    // per group, the x^ values used and their counts (in code order)
    std::vector<size_t> levelStart;    // group g's levels are levels[levelStart[g] .. levelStart[g+1])
    ErrorMetrics error;                // SQNR, MSE, max |error|, cosine, from the same pass
    // Uniform schemes, per group: x^ = (code - zeroPoint) * scale (scale 0: passed through); other
    // scaled schemes: the stored scale.
    std::vector<double> scales, zeroPoints;
    double tensorScale = 0; // ue4m3: the fp32 scale of the whole tensor
};

// What to write out besides the statistics: the codes (packing, compression, export) and x^
// (plots, export). Statistics alone need neither and then run in O(levels log N) per group
// when the groups were prepared with sorted values.
enum QuantizeOutput { OutputCodes = 1, OutputXhat = 2, OutputAll = 3, OutputStatsOnly = 0 };
// The spec's granularity must be the prepared one's; its scale encoding is used (one the scheme
// does not take falls back to the scheme's default).
QuantizedTensor quantizeTensor(const PreparedTensor& prepared, const QuantSpec& spec, int outputs = OutputAll);
// With the scheme's default scale encoding.
QuantizedTensor quantizeTensor(const PreparedTensor& prepared, Scheme scheme, int bits, int outputs = OutputAll);

// Convenience for one-off use (tests, export): prepares and quantizes. Per block, along the
// reduction axis of a matrix or Conv weight whose output-channel axis is `axis` (reductionAxis).
QuantizedTensor quantizeTensor(std::span<const float> values, const std::vector<int64_t>& dims, int axis,
                               const QuantSpec& spec);
// A layer under `spec`: prepared with its grouping and quantized.
QuantizedTensor quantizeLayer(const WeightLayer& layer, const QuantSpec& spec, int outputs);

// pow2 "average bit-levels": 1 + ceil(log2(L + 1)).
int pow2EffectiveBits(int largestSpan);

} // namespace bitlens

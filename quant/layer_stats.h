#pragma once
// Every per-layer metric for a list of (scheme, granularity, bits): what `bitlens-cli stats`
// prints and the bit-efficiency view plots. Core code: progress through a Qt-free callback.
#include "error_metrics.h"
#include "quantize_tensor.h"
#include "scheme.h"

#include <model/weights.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace bitlens {

// done/total in configurations; returns false to cancel.
using ProgressFn = std::function<bool(int64_t done, int64_t total)>;

struct StatsRow
{
    QuantSpec spec;
    ErrorMetrics error;
    double rangeCoverage = 0;
    double levelUtilization = 0;
    double entropyEfficiency = 0;
    double densityFidelity = 0;
    std::optional<double> sqnrEfficiency;
    int64_t codeBits = 0;
    int64_t overheadBits = 0;
    double bitsPerWeight = 0; // (code + overhead bits) / weights: every scale, zero point and tensor scale
    std::optional<int64_t> zstdBytes; // nullopt when compression was skipped
    std::optional<int64_t> zlibBytes;
    double entropyBoundBits = 0;
    std::optional<int> effectiveBits;
};

struct LayerStats
{
    std::string name;
    std::string nodeName;
    std::string op;
    std::vector<int64_t> shape;
    int axis = 0;
    std::vector<StatsRow> rows;
    std::vector<std::string> warnings; // e.g. NaN/Inf: the layer is then excluded (no rows)
};

// The valid specs among schemes x granularities (per-block: x blocks) x bits (bits outside a
// scheme's range dropped; an element format takes its implied bits once), each with `scale` or the
// scheme's default encoding (schemes that do not take `scale` are dropped).
std::vector<QuantSpec> expandSpecs(const std::vector<Scheme>& schemes, const std::vector<Granularity>& grans,
                                   const std::vector<int>& bits, const std::vector<int>& blocks = {},
                                   std::optional<ScaleEncoding> scale = std::nullopt);

// NaN/Inf check, by layer name and element index; empty when every value is finite.
std::string nonFiniteWarning(const std::string& layer, std::span<const float> values);

// One row of metrics for a tensor prepared at q's granularity and its quantized form.
// withCompression: also measure zstd and zlib sizes of the packed codes (the slow part).
StatsRow statsRow(const PreparedTensor& x, const QuantizedTensor& q, bool withCompression = true);

// Model totals for one configuration (DESIGN.md "Storage": over all layers; a layer excluded
// from quantization, e.g. for NaN/Inf, counts at 32 bits per weight and its raw bytes).
struct ModelTotals
{
    QuantSpec spec;
    int64_t weights = 0;
    int64_t fp32Bits = 0;         // 32 per weight
    int64_t codeBits = 0;         // N*n, plus 32 per weight of excluded layers
    int64_t overheadBits = 0;
    std::optional<int64_t> zstdBytes; // excluded layers at 4 bytes per weight
    std::optional<int64_t> zlibBytes;
    double entropyBoundBits = 0;
};

// One entry per configuration of the first layer that has results, in the same order.
std::vector<ModelTotals> modelTotals(const std::vector<LayerStats>& layers);

struct StatsOptions
{
    std::vector<QuantSpec> specs;
    int threads = 0;             // 0: all cores
    bool withCompression = true; // zstd/zlib sizes: zlib level 6 runs at 15-45 MB/s on codes
};

// Layers in order; returns false from `progress` to cancel (the result is then partial).
std::vector<LayerStats> computeModelStats(const std::vector<WeightLayer>& layers, const StatsOptions& options,
                                          const ProgressFn& progress = {});

} // namespace bitlens

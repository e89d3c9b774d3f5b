#include "size_table.h"

#include "quantize_tensor.h"
#include "scheme_registry.h"
#include "view_csv.h"

#include <sstream>

namespace bitlens {

int64_t SizeTableRow::packedBytes() const { return (totals.codeBits + totals.overheadBits + 7) / 8; }

double SizeTableRow::packedSaving() const
{
    return totals.fp32Bits > 0 ? 1.0 - 8.0 * static_cast<double>(packedBytes()) / static_cast<double>(totals.fp32Bits) : 0;
}

std::optional<double> SizeTableRow::zstdSaving() const
{
    if (!totals.zstdBytes || totals.fp32Bits <= 0)
        return std::nullopt;
    return 1.0 - 8.0 * static_cast<double>(*totals.zstdBytes) / static_cast<double>(totals.fp32Bits);
}

ModelTotals planTotals(const std::vector<WeightLayer>& layers, const Plan& plan)
{
    ModelTotals t;
    t.spec = plan.defaults;
    t.zstdBytes = 0;
    t.zlibBytes = 0;
    for (const WeightLayer& l : layers) {
        const int64_t n = l.parameters();
        t.weights += n;
        t.fp32Bits += 32 * n;
        const QuantSpec s = plan.specFor(l.name);
        if (s.bits == kFp32Bits || !nonFiniteWarning(l.name, l.tensor->floats).empty()) {
            t.codeBits += 32 * n;
            t.entropyBoundBits += 32.0 * static_cast<double>(n);
            *t.zstdBytes += 4 * n;
            *t.zlibBytes += 4 * n;
            continue;
        }
        const PreparedTensor p(l.tensor->floats, l.tensor->dims, l.axis, layerGrouping(l, s),
                               schemeDescriptor(s.scheme).needsSortedValues);
        const StatsRow row = statsRow(p, quantizeTensor(p, s, OutputCodes), true);
        t.codeBits += row.codeBits;
        t.overheadBits += row.overheadBits;
        t.entropyBoundBits += row.entropyBoundBits;
        *t.zstdBytes += row.zstdBytes.value_or(0);
        *t.zlibBytes += row.zlibBytes.value_or(0);
    }
    return t;
}

std::vector<SizeTableRow> sizeTable(const std::vector<WeightLayer>& layers, const Plan& plan,
                                    const std::vector<QuantSpec>& uniform, const ProgressFn& progress)
{
    std::vector<SizeTableRow> rows;
    rows.push_back({"plan", planTotals(layers, plan)});
    if (uniform.empty())
        return rows;
    StatsOptions options;
    options.specs = uniform;
    const std::vector<LayerStats> stats = computeModelStats(layers, options, progress);
    for (const ModelTotals& t : modelTotals(stats))
        rows.push_back({std::string(schemeName(t.spec.scheme)) + " " + std::string(granularityName(t.spec.granularity)) + " " +
                            std::to_string(t.spec.bits) + "-bit",
                        t});
    return rows;
}

std::string sizeTableCsv(const std::vector<SizeTableRow>& rows)
{
    std::ostringstream out;
    out << "configuration,weights,fp32_bytes,packed_bytes,zstd_bytes,zlib_bytes,entropy_bound_bytes,packed_saving,zstd_saving\n";
    for (const SizeTableRow& r : rows) {
        const ModelTotals& t = r.totals;
        out << csvField(r.label) << ',' << t.weights << ',' << t.fp32Bits / 8 << ',' << r.packedBytes() << ','
            << (t.zstdBytes ? std::to_string(*t.zstdBytes) : std::string()) << ','
            << (t.zlibBytes ? std::to_string(*t.zlibBytes) : std::string()) << ',' << csvNumber(t.entropyBoundBits / 8) << ','
            << csvNumber(r.packedSaving()) << ',' << (r.zstdSaving() ? csvNumber(*r.zstdSaving()) : std::string()) << '\n';
    }
    return out.str();
}

} // namespace bitlens

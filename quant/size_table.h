#pragma once
// The paper's Table 5 for the current model: for a plan and for uniform settings, the weights'
// FP32 size, packed size (code bits + parameter overhead), zstd and zlib sizes of the packed codes,
// the order-0 entropy bound, and the saving against FP32 (DESIGN.md "Storage": FP32 and excluded
// layers at 32 bits per weight and their raw bytes).
#include "layer_stats.h"
#include "plan.h"

#include <string>
#include <vector>

namespace bitlens {

struct SizeTableRow
{
    std::string label; // "plan", "asymmetric per-channel 4-bit", ...
    ModelTotals totals;
    int64_t packedBytes() const;            // ceil((code bits + overhead) / 8)
    double packedSaving() const;            // 1 - packed / FP32
    std::optional<double> zstdSaving() const; // 1 - zstd / FP32
};

// Totals of one plan: each layer at its own setting (totals.spec is the plan's defaults).
ModelTotals planTotals(const std::vector<WeightLayer>& layers, const Plan& plan);

// The plan's row first, then one row per uniform setting.
std::vector<SizeTableRow> sizeTable(const std::vector<WeightLayer>& layers, const Plan& plan,
                                    const std::vector<QuantSpec>& uniform, const ProgressFn& progress = {});

std::string sizeTableCsv(const std::vector<SizeTableRow>& rows);

} // namespace bitlens

#pragma once
// JSON forms of the headless results, exactly the shapes of DESIGN.md "Command line".
#include <model/model.h>
#include <model/model_summary.h>
#include <quant/layer_stats.h>

#include <QJsonObject>

namespace bitlens {

QJsonObject statsRowJson(const StatsRow& row);
QJsonObject layerStatsJson(const LayerStats& layer);
// Model totals of one configuration: weights, fp32_bits, code_bits, overhead_bits, zstd_bytes,
// zlib_bytes, entropy_bound_bits (an addition to DESIGN.md's `stats` shape, under "totals").
QJsonObject modelTotalsJson(const ModelTotals& totals);
QJsonObject modelInfoJson(const Model& model, const ModelSummary& summary);

} // namespace bitlens

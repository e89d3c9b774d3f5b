#pragma once
// JSON forms of the headless results, exactly the shapes of DESIGN.md "Command line".
#include <model/model.h>
#include <model/model_summary.h>
#include <quant/layer_stats.h>

#include <QJsonObject>

namespace bitlens {

// "scheme", "granularity", "bits", and where they matter "block", "scale" and "format" (the named
// format the spec is).
void insertSpecJson(QJsonObject& o, const QuantSpec& spec);
// Also "bits_per_weight": code plus every scale, zero point and tensor scale, per weight.
QJsonObject statsRowJson(const StatsRow& row);
QJsonObject layerStatsJson(const LayerStats& layer);
// Model totals of one configuration: weights, fp32_bits, code_bits, overhead_bits,
// bits_per_weight, zstd_bytes, zlib_bytes, entropy_bound_bits (an addition to DESIGN.md's `stats` shape, under "totals").
QJsonObject modelTotalsJson(const ModelTotals& totals);
QJsonObject modelInfoJson(const Model& model, const ModelSummary& summary);

} // namespace bitlens

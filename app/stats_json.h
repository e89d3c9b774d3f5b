#pragma once
// JSON forms of the headless results, exactly the shapes of DESIGN.md "Command line".
#include <model/model.h>
#include <model/model_summary.h>
#include <quant/layer_stats.h>

#include <QJsonObject>

namespace bitlens {

QJsonObject statsRowJson(const StatsRow& row);
QJsonObject layerStatsJson(const LayerStats& layer);
QJsonObject modelInfoJson(const Model& model, const ModelSummary& summary);

} // namespace bitlens

#pragma once
// The numbers behind every workbench view as CSV (one header line, then one row per value; numbers
// in the shortest form that reads back to the same double), so a figure's data can be re-plotted
// elsewhere. The same bytes for the same view on every run.
#include "accuracy_sweep.h"
#include "confusion_view.h"
#include "fidelity.h"
#include "layer_views.h"

#include <string>

namespace bitlens {

std::string quartilesCsv(const QuartileView& v);
std::string histogramsCsv(const HistogramView& v);
std::string bitEfficiencyCsv(const BitEfficiencyView& v);
std::string channelSqnrCsv(const ChannelSqnrView& v);
std::string accuracyCsv(const AccuracyTable& t);
std::string confusionCsv(const ConfusionView& v);
// Fidelity without labels: one row per output; "which layer hurts": one row per node in graph
// order (an exact SQNR reads "exact", weights are joined with ';').
std::string outputFidelityCsv(const std::vector<OutputFidelity>& outputs);
std::string nodeFidelityCsv(const std::vector<NodeFidelity>& nodes);

// Shortest round-trip decimal form; "inf", "-inf", "nan" for the others.
std::string csvNumber(double x);
// Quotes a field if it holds a comma, quote or line break (RFC 4180).
std::string csvField(const std::string& s);

} // namespace bitlens

#pragma once
// Everything `bitlens-cli figures` and the report show, computed headless from a saved project:
// every layer's views at the project's setting (quartiles, histograms, bit efficiency, per-channel
// SQNR), the accuracy sweep (Table 1) and its curve, the confusion matrices of FP32 against the
// setting and against the plan, grouped under the project's groups, Table 2, the one-layer-at-a-time
// sensitivity, the Pareto view of the sweep and the plan, the suggested-groups dendrogram, the plan's
// rows and Table 5. Views that need a test set are left out, with a note, when the project has none.
#include <model/model_summary.h>
#include <quant/accuracy_sweep.h>
#include <quant/class_clustering.h>
#include <quant/confusion_view.h>
#include <quant/grouping_table.h>
#include <quant/layer_views.h>
#include <quant/plan_views.h>
#include <quant/project.h>
#include <quant/size_table.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace bitlens {

struct FigureOptions
{
    int64_t limit = -1;      // images of the test set (-1: all)
    int threads = 0;         // 0: all cores
    bool sensitivity = true; // the one-layer-at-a-time analysis (one evaluation per layer)
    // A sweep the caller already measured on the project's test set, preprocessing and limit (the
    // window's Table 1): used instead of measuring again when it holds FP32 and every compared
    // scheme at 2..8 bits at the project's granularity; otherwise the sweep runs.
    std::optional<AccuracyTable> sweep;
};

// Whether `table` is the complete sweep the figures need: FP32 and every scheme at every bit-width
// in `bits` it allows, at `granularity`.
bool sweepCovers(const AccuracyTable& table, const std::vector<Scheme>& schemes, const std::vector<int>& bits,
                 Granularity granularity);

struct FigureData
{
    std::string projectFile, modelFile, dataFile;
    Project project;
    ModelSummary summary;
    std::vector<LayerViews> layerViews; // graph order
    std::optional<AccuracyTable> sweep;
    std::optional<ConfusionView> settingConfusion, planConfusion, groupedConfusion;
    std::optional<ClassGroups> groups;
    std::vector<GroupedAccuracyRow> table2;
    std::optional<SensitivityView> sensitivity;
    std::optional<ParetoView> pareto;
    std::optional<DendrogramView> dendrogram;
    std::vector<PlanLayerRow> planRows;
    PlanSize planSize;
    std::vector<SizeTableRow> sizeTable;
    std::vector<std::string> notes; // what was left out and why
};

// The step being computed ("accuracy sweep"), and done/total within it; false stops.
using FigureProgress = std::function<bool(const std::string& step, int64_t done, int64_t total)>;

// Errors name the file and the problem (a missing model, a plan for another model, bad data).
Result<FigureData> computeFigureData(const std::string& projectFile, const FigureOptions& options,
                                     const FigureProgress& progress = {});

} // namespace bitlens

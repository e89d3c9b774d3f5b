#include "figure_data.h"

#include <app/sample_model.h>
#include <model/data/dataset.h>
#include <model/data/preprocessing.h>
#include <model/onnx_loader.h>
#include <quant/scheme_registry.h>
#include <quant/sensitivity.h>

#include <algorithm>
#include <cmath>

namespace bitlens {

namespace {

std::string uniformLabel(const QuantSpec& s)
{
    return "uniform " + std::string(schemeName(s.scheme)) + " " + std::string(granularityName(s.granularity)) + " " +
           std::to_string(s.bits) + "-bit";
}

} // namespace

bool sweepCovers(const AccuracyTable& table, const std::vector<Scheme>& schemes, const std::vector<int>& bits,
                 Granularity granularity)
{
    if (!table.fp32 || table.granularity != granularity)
        return false;
    for (Scheme s : schemes)
        for (int b : bits)
            if (bitsAllowed(s, b) && !table.find(s, b))
                return false;
    return true;
}

Result<FigureData> computeFigureData(const std::string& projectFile, const FigureOptions& options,
                                     const FigureProgress& progress)
{
    const auto step = [&](const std::string& what) {
        return [&progress, what](int64_t done, int64_t total) { return !progress || progress(what, done, total); };
    };
    auto project = readProject(projectFile);
    if (!project)
        return Error{project.error()};
    FigureData f;
    f.projectFile = projectFile;
    f.project = *project;
    f.modelFile = resolvedProjectPath(projectFile, project->model);
    if (f.modelFile.empty())
        return fail(projectFile + ": model: \"" + project->model + "\" is not available in this program");
    auto loaded = loadOnnxModel(f.modelFile);
    if (!loaded)
        return Error{projectFile + ": model: " + loaded.error()};
    auto model = std::make_shared<const Model>(std::move(*loaded));
    f.summary = summarizeModel(*model);
    const std::vector<WeightLayer>& layers = f.summary.layers;
    for (const auto& [name, spec] : project->plan.layers)
        if (std::none_of(layers.begin(), layers.end(), [&](const WeightLayer& l) { return l.name == name; }))
            return fail(projectFile + ": plan.layers: \"" + name + "\" is not a weight layer of " + f.modelFile);
    const ProjectView& view = project->view;
    const std::vector<Scheme> compared = view.compared.empty() ? std::vector<Scheme>{Scheme::Asymmetric} : view.compared;

    // Every layer's views at the project's setting.
    ViewRequest request;
    request.focus = view.setting;
    request.schemes = compared;
    request.histogramBins = view.histogramBins;
    request.threads = options.threads;
    for (size_t i = 0; i < layers.size(); ++i) {
        if (progress && !progress("layer views", static_cast<int64_t>(i), static_cast<int64_t>(layers.size())))
            return fail("stopped");
        f.layerViews.push_back(computeLayerViews(layers[i], request));
    }

    // The plan's rows and Table 5: the plan, then each compared scheme at the setting's bits.
    for (const WeightLayer& l : layers) {
        const auto it = project->plan.layers.find(l.name);
        f.planRows.push_back(planLayerRow(l, it != project->plan.layers.end() ? it->second : project->plan.defaults,
                                          it == project->plan.layers.end()));
    }
    f.planSize = planSize(f.planRows);
    std::vector<QuantSpec> uniform;
    for (Scheme s : compared)
        if (bitsAllowed(s, view.setting.bits))
            uniform.push_back({s, view.setting.granularity, view.setting.bits});
    f.sizeTable = sizeTable(layers, project->plan, uniform, step("size table"));

    if (project->groups) {
        auto g = classGroupsFromJson(*project->groups, projectFile + ": groups");
        if (!g)
            return Error{g.error()};
        f.groups = *g;
    }

    // Everything measured on the test set.
    if (project->dataset.empty()) {
        f.notes.push_back("The project has no test set: accuracy, confusion, sensitivity, Pareto and Table 2 are left out.");
    } else {
        f.dataFile = resolvedProjectPath(projectFile, project->dataset);
        if (f.dataFile.empty())
            return fail(projectFile + ": dataset: \"" + project->dataset + "\" is not available in this program");
        const InputShape shape = inputShapeOf(*model);
        if (auto d = openDataset(f.dataFile, shape); !d)
            return Error{projectFile + ": dataset: " + d.error()};
        auto pre = preprocessingFor(*model, datasetCardFor(f.dataFile));
        if (!pre)
            return Error{pre.error()};
        if (project->mean && project->std) {
            pre->mean = *project->mean;
            pre->std = *project->std;
        }
        SweepInput input;
        input.model = model;
        input.layers = layers;
        input.openData = [data = f.dataFile, shape] { return openDataset(data, shape); };
        input.pre = *pre;
        input.options.limit = options.limit;
        input.options.threads = options.threads;

        std::vector<int> bits;
        for (int b = 2; b <= 8; ++b)
            bits.push_back(b);
        if (options.sweep && sweepCovers(*options.sweep, compared, bits, view.setting.granularity)) {
            // Exactly the table a fresh sweep would give: the project's schemes and widths only.
            AccuracyTable t;
            t.granularity = view.setting.granularity;
            t.schemes = compared;
            t.bits = bits;
            t.fp32 = options.sweep->fp32;
            for (Scheme s : compared)
                for (int b : bits)
                    if (const AccuracyCell* c = options.sweep->find(s, b))
                        t.cells.push_back(*c);
            f.sweep = std::move(t);
        } else {
            auto sweep = runAccuracySweep(input, compared, bits, view.setting.granularity, false, {}, step("accuracy sweep"));
            if (!sweep)
                return Error{sweep.error()};
            f.sweep = *sweep;
        }
        auto planCell = evaluatePlan(input, project->plan, step("plan"));
        if (!planCell)
            return Error{planCell.error()};
        std::vector<std::string> classes = classNamesFromMetadata(*model);
        if (classes.empty())
            if (auto d = openDataset(f.dataFile, shape))
                classes = (*d)->classNames();
        const AccuracyCell& fp32 = *f.sweep->fp32;
        f.planConfusion = confusionView(fp32.confusion, planCell->confusion, classes, "plan");
        if (const AccuracyCell* s = f.sweep->find(view.setting.scheme, view.setting.bits))
            f.settingConfusion = confusionView(fp32.confusion, s->confusion, classes, seriesLabel(view.setting));
        if (f.groups && f.groups->classes.size() == classes.size()) {
            const Grouping g = groupingOf(*f.groups);
            f.groupedConfusion = confusionView(groupedConfusion(fp32.confusion, g), groupedConfusion(planCell->confusion, g),
                                               g.names, "plan (grouped)");
            f.table2 = groupedAccuracyTable(*f.sweep, g, view.setting.bits);
        } else if (f.groups) {
            f.notes.push_back("The project's groups name " + std::to_string(f.groups->classes.size()) +
                              " classes but the model has " + std::to_string(classes.size()) + ": no grouped views.");
        }
        Dendrogram d = averageLinkage(confusionSimilarity(planCell->confusion), classes);
        d.measure = "confusion";
        const double cut = suggestedCut(d);
        f.dendrogram = dendrogramView(std::move(d), std::isnan(cut) ? 0.0 : cut);

        ParetoView pareto;
        const double params = static_cast<double>(f.summary.weightParameters);
        for (const AccuracyCell& c : f.sweep->cells)
            pareto.points.push_back({uniformLabel(c.spec), ParetoKind::Uniform, c.weightBits,
                                     params > 0 ? static_cast<double>(c.weightBits) / params : 0, c.top1, false});
        pareto.points.push_back({"plan", ParetoKind::User, planCell->weightBits,
                                 params > 0 ? static_cast<double>(planCell->weightBits) / params : 0, planCell->top1, false});
        pareto.fp32Top1 = fp32.top1;
        markParetoFront(pareto.points);
        pareto.current = static_cast<int>(pareto.points.size()) - 1;
        f.pareto = pareto;

        if (options.sensitivity) {
            auto s = measureSensitivity(input, view.setting, {}, step("sensitivity"));
            if (!s)
                return Error{s.error()};
            f.sensitivity = sensitivityView(*s);
        } else {
            f.notes.push_back("Sensitivity was not measured (--no-sensitivity).");
        }
    }
    return f;
}

} // namespace bitlens

// bitlens-cli sensitivity MODEL --data DATA --scheme S --bits N [--granularity G] [--limit N]
// [--json FILE|-]: each weight layer quantized alone (QUENN's one-layer-at-a-time analysis): top-1,
// its drop from FP32 and the output distance (QUENN eq. 1), most sensitive first (the GUI's order).
// With --plan FILE instead: the per-layer activation distance of that whole plan (QUENN Figure 6).
#include "cli_commands.h"
#include "cli_common.h"
#include "eval_setup.h"

#include <app/stats_json.h>
#include <quant/plan_views.h>
#include <quant/scheme_registry.h>
#include <quant/sensitivity.h>

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>

namespace bitlens::cli {

int runSensitivity(const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Quantizes one weight layer at a time (all others FP32) and reports top-1, its drop from FP32 and the "
        "output distance (1/N) sum_i ||y_fp32(i) - y_q(i)||_F (QUENN eq. 1), most sensitive layer first."));
    addHelp(p);
    p.addPositionalArgument(QStringLiteral("MODEL"), QStringLiteral("The ONNX model file."));
    EvalSetupOptions setupOptions(p);
    const SpecOptions options;
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Write JSON to FILE (- for stdout)."), QStringLiteral("FILE"));
    const QCommandLineOption plan(QStringLiteral("plan"),
                                  QStringLiteral("Instead: the per-layer activation distance of this whole plan, "
                                                 "(1/N) sum_i ||a_fp32(i) - a_plan(i)||_F at each layer's output (QUENN Figure 6)."),
                                  QStringLiteral("FILE"));
    p.addOptions({json, plan});
    p.addOptions(options.all());
    if (!p.parse(args))
        return failWith(p.errorText());
    if (p.isSet(QStringLiteral("help")))
        return printHelp(p, args);
    if (p.isSet(plan)) {
        if (options.anySet(p))
            return failWith(QStringLiteral("sensitivity: give --plan or --scheme/--bits (or --format), not both"));
        auto setup = setupOptions.load(p);
        if (!setup)
            return failWith(setup.error());
        auto chosen = readPlan(p.value(plan).toStdString(), &setup->layers);
        if (!chosen)
            return failWith(chosen.error());
        auto view = measurePlanDistances(setup->sweepInput(), *chosen);
        if (!view)
            return failWith(view.error());
        if (p.isSet(json)) {
            QJsonArray layers;
            for (size_t i = 0; i < view->layers.size(); ++i)
                layers.append(QJsonObject{{QStringLiteral("name"), QString::fromStdString(view->layers[i])},
                                          {QStringLiteral("distance"), view->distance[i]},
                                          {QStringLiteral("relative"), view->relative[i]}});
            const QJsonObject doc{{QStringLiteral("plan"), p.value(plan)},
                                  {QStringLiteral("images"), static_cast<qint64>(view->images)},
                                  {QStringLiteral("layers"), layers}};
            QString error;
            if (!writeJson(QJsonDocument(doc), p.value(json), &error))
                return failWith(error);
            return kExitOk;
        }
        std::printf("activation distance of %s against FP32 at each layer's output, %lld images\n", qPrintable(p.value(plan)),
                    static_cast<long long>(view->images));
        std::printf("%-32s %16s %10s\n", "layer", "distance", "relative");
        for (size_t i = 0; i < view->layers.size(); ++i)
            std::printf("%-32s %16.6g %10.4f\n", view->layers[i].c_str(), view->distance[i], view->relative[i]);
        return kExitOk;
    }
    if (!(p.isSet(options.scheme) && p.isSet(options.bits)) && !p.isSet(options.format))
        return failWith(QStringLiteral("sensitivity: expected --scheme S --bits N or --format F (see --help)"));
    QString error;
    const auto chosen = options.read(p, {Scheme::Asymmetric, Granularity::PerChannel, 8}, &error);
    if (!chosen)
        return failWith(error);
    auto setup = setupOptions.load(p);
    if (!setup)
        return failWith(setup.error());

    const SweepInput in = setup->sweepInput();
    const QuantSpec spec = *chosen;
    auto report = measureSensitivityReporting(in, Plan::uniform(spec));
    if (!report)
        return failWith(report.error());

    const std::vector<LayerSensitivity> sorted = sensitivityView(*report).layers;
    if (p.isSet(json)) {
        QJsonArray layers;
        for (const LayerSensitivity& l : sorted)
            layers.append(QJsonObject{{QStringLiteral("name"), QString::fromStdString(l.layer)},
                                      {QStringLiteral("top1"), l.top1},
                                      {QStringLiteral("top5"), l.top5},
                                      {QStringLiteral("top1_drop"), l.top1Drop},
                                      {QStringLiteral("output_distance"), l.outputDistance}});
        QJsonObject doc{{QStringLiteral("images"), static_cast<qint64>(report->images)},
                              {QStringLiteral("fp32_top1"), report->fp32Top1},
                              {QStringLiteral("fp32_top5"), report->fp32Top5},
                              {QStringLiteral("layers"), layers}};
        insertSpecJson(doc, spec); // scheme, granularity, bits; block, scale and format where they matter
        QString error;
        if (!writeJson(QJsonDocument(doc), p.value(json), &error))
            return failWith(error);
        return kExitOk;
    }
    std::printf("%s %d-bit %s, one layer at a time; FP32 top-1 %.4f on %lld images\n", schemeName(spec.scheme).data(), spec.bits,
                granularityName(spec.granularity).data(), report->fp32Top1, static_cast<long long>(report->images));
    std::printf("%-32s %8s %10s %16s\n", "layer", "top-1", "top-1 drop", "output distance");
    for (const LayerSensitivity& l : sorted)
        std::printf("%-32s %8.4f %10.4f %16.6g\n", l.layer.c_str(), l.top1, l.top1Drop, l.outputDistance);
    return kExitOk;
}

} // namespace bitlens::cli

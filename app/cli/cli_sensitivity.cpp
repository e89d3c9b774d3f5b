// bitlens-cli sensitivity MODEL --data DATA --scheme S --bits N [--granularity G] [--limit N]
// [--json FILE|-]: each weight layer quantized alone (QUENN's one-layer-at-a-time analysis): top-1,
// its drop from FP32 and the output distance (QUENN eq. 1), most sensitive first (the GUI's order).
// With --plan FILE instead: the per-layer activation distance of that whole plan (QUENN Figure 6).
#include "cli_commands.h"
#include "cli_common.h"
#include "eval_setup.h"

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
    const QCommandLineOption scheme(QStringLiteral("scheme"), QStringLiteral("Scheme: %1.").arg(schemeNames()), QStringLiteral("S"));
    const QCommandLineOption gran(QStringLiteral("granularity"), QStringLiteral("per-tensor or per-channel (default)."), QStringLiteral("G"));
    const QCommandLineOption bits(QStringLiteral("bits"), QStringLiteral("Bit-width."), QStringLiteral("N"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Write JSON to FILE (- for stdout)."), QStringLiteral("FILE"));
    const QCommandLineOption plan(QStringLiteral("plan"),
                                  QStringLiteral("Instead: the per-layer activation distance of this whole plan, "
                                                 "(1/N) sum_i ||a_fp32(i) - a_plan(i)||_F at each layer's output (QUENN Figure 6)."),
                                  QStringLiteral("FILE"));
    p.addOptions({scheme, gran, bits, json, plan});
    if (!p.parse(args))
        return failWith(p.errorText());
    if (p.isSet(QStringLiteral("help")))
        return printHelp(p, args);
    if (p.isSet(plan)) {
        if (p.isSet(scheme) || p.isSet(bits))
            return failWith(QStringLiteral("sensitivity: give --plan or --scheme/--bits, not both"));
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
    const auto s = parseScheme(p.value(scheme).toStdString());
    const auto g = parseGranularity(p.isSet(gran) ? p.value(gran).toStdString() : "per-channel");
    bool ok = false;
    const int b = p.value(bits).toInt(&ok);
    if (p.isSet(scheme) && !s)
        return failWith(QStringLiteral("--scheme: unknown scheme '%1' (expected one of %2)").arg(p.value(scheme), schemeNames()));
    if (!g)
        return failWith(QStringLiteral("--granularity: unknown '%1' (expected per-tensor or per-channel)").arg(p.value(gran)));
    if (!p.isSet(scheme) || !p.isSet(bits) || !ok || !bitsAllowed(*s, b))
        return failWith(QStringLiteral("sensitivity: expected --scheme S --bits N with bits the scheme allows (see --help)"));
    auto setup = setupOptions.load(p);
    if (!setup)
        return failWith(setup.error());

    const SweepInput in = setup->sweepInput();
    const QuantSpec spec{*s, *g, b};
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
        const QJsonObject doc{{QStringLiteral("scheme"), QString::fromUtf8(schemeName(spec.scheme).data())},
                              {QStringLiteral("granularity"), QString::fromUtf8(granularityName(spec.granularity).data())},
                              {QStringLiteral("bits"), spec.bits},
                              {QStringLiteral("images"), static_cast<qint64>(report->images)},
                              {QStringLiteral("fp32_top1"), report->fp32Top1},
                              {QStringLiteral("fp32_top5"), report->fp32Top5},
                              {QStringLiteral("layers"), layers}};
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

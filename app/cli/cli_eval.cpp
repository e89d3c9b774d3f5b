// bitlens-cli eval MODEL --data DATA [--mean L --std L] [--plan FILE | --scheme S --granularity G
// --bits N [--block B] [--scale E] | --format F] [--fold-bn] [--groups FILE] [--limit N]: accuracy, confusion matrix, per-class recall
// and grouped accuracy of the FP32 or quantized model on a labelled test set (IDX, NPY or an image
// folder).
#include "cli_commands.h"
#include "cli_common.h"
#include "eval_setup.h"

#include <model/batchnorm_fold.h>
#include <model/evaluation.h>
#include <quant/apply_plan.h>
#include <quant/class_groups.h>
#include <quant/scheme_registry.h>

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>
#include <QFile>
#include <QJsonDocument>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>

namespace bitlens::cli {

int runEval(const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Runs the model on a labelled test set and prints top-1, top-5 (the label among the five largest "
        "logits, ties to the lower index), the confusion matrix (rows = true label, columns = argmax, first "
        "maximum on ties) and per-class recall. Preprocessing x = (u8/255 - mean)/std comes from the model's "
        "metadata, else the dataset card, else --mean/--std."));
    addHelp(p);
    p.addPositionalArgument(QStringLiteral("MODEL"), QStringLiteral("The ONNX model file."));
    EvalSetupOptions setupOptions(p);
    const QCommandLineOption plan(QStringLiteral("plan"), QStringLiteral("A *.bitlens-plan.json."), QStringLiteral("FILE"));
    const SpecOptions spec;
    const QCommandLineOption groups(QStringLiteral("groups"), QStringLiteral("A *.bitlens-groups.json: also print grouped accuracy trace(CG)/N."), QStringLiteral("FILE"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Write JSON to FILE (- for stdout)."), QStringLiteral("FILE"));
    p.addOptions({plan, groups, json});
    p.addOptions(spec.all());
    if (!p.parse(args))
        return failWith(p.errorText());
    if (p.isSet(QStringLiteral("help")))
        return printHelp(p, args);
    if (p.isSet(plan) && spec.anySet(p))
        return failWith(QStringLiteral("eval: give --plan or --scheme/--format, not both"));
    auto setup = setupOptions.load(p);
    if (!setup)
        return failWith(setup.error());
    std::optional<ClassGroups> classGroups;
    if (p.isSet(groups)) {
        auto g = readClassGroups(p.value(groups).toStdString());
        if (!g)
            return failWith(g.error());
        classGroups = std::move(*g);
    }

    Plan chosen = Plan::uniform({Scheme::Asymmetric, Granularity::PerChannel, kFp32Bits});
    if (p.isSet(plan)) {
        auto pl = readPlan(p.value(plan).toStdString(), &setup->layers);
        if (!pl)
            return failWith(pl.error());
        chosen = *pl;
        if (chosen.foldBatchNorm && !setup->foldBatchNorm) {
            *setup->model = foldedModel(*setup->model, foldBatchNorm(*setup->model));
            setup->layers = findWeightLayers(*setup->model);
        }
    } else if (spec.anySet(p)) {
        QString error;
        auto s = spec.read(p, {Scheme::Asymmetric, Granularity::PerChannel, 8}, &error);
        if (!s)
            return failWith(error);
        chosen = Plan::uniform(*s);
    }
    auto session = engine::Session::create(setup->model);
    if (!session)
        return failWith(session.error());
    std::vector<std::string> skipped;
    for (const auto& [name, tensor] : quantizedWeights(chosen, setup->layers, &skipped))
        if (auto ok = (*session)->overrideConstant(name, tensor); !ok)
            return failWith(setup->modelFile + ": " + ok.error());
    for (const std::string& s : skipped)
        std::fprintf(stderr, "bitlens-cli: %s: %s\n", setup->modelFile.c_str(), s.c_str());

    auto dataset = setup->openData();
    if (!dataset)
        return failWith(dataset.error());
    const bool showProgress = stderrIsTerminal();
    auto result = evaluate(**session, **dataset, setup->pre, setup->options, [&](int64_t done, int64_t total) {
        if (showProgress)
            std::fprintf(stderr, "\reval: %lld / %lld images", static_cast<long long>(done), static_cast<long long>(total));
        return true;
    });
    if (showProgress)
        std::fprintf(stderr, "\n");
    if (!result)
        return failWith(result.error());
    const EvalResult& r = *result;
    const int64_t weightBits = planWeightBits(chosen, setup->layers);
    std::optional<double> groupedTop1;
    std::optional<Grouping> grouping;
    if (classGroups) {
        if (classGroups->classes.size() != r.confusion.size())
            return failWith(p.value(groups) + QStringLiteral(": names %1 classes but the model has %2")
                                                  .arg(classGroups->classes.size()).arg(r.confusion.size()));
        grouping = groupingOf(*classGroups);
        groupedTop1 = groupedAccuracy(groupedConfusion(r.confusion, *grouping));
    }

    if (p.isSet(json)) {
        QJsonObject o;
        o[QStringLiteral("images")] = static_cast<qint64>(r.images);
        o[QStringLiteral("top1")] = r.top1;
        o[QStringLiteral("top5")] = r.top5;
        o[QStringLiteral("grouped_top1")] = groupedTop1 ? QJsonValue(*groupedTop1) : QJsonValue(QJsonValue::Null);
        QJsonArray confusion;
        for (const auto& row : r.confusion) {
            QJsonArray a;
            for (int64_t v : row)
                a.append(static_cast<qint64>(v));
            confusion.append(a);
        }
        o[QStringLiteral("confusion")] = confusion;
        QJsonArray recall;
        for (double v : r.perClassRecall)
            recall.append(std::isnan(v) ? QJsonValue(QJsonValue::Null) : QJsonValue(v));
        o[QStringLiteral("per_class_recall")] = recall;
        o[QStringLiteral("weight_bits")] = static_cast<qint64>(weightBits);
        o[QStringLiteral("seconds")] = r.seconds;
        o[QStringLiteral("images_per_second")] = r.seconds > 0 ? static_cast<double>(r.images) / r.seconds : 0.0;
        QString error;
        if (!writeJson(QJsonDocument(o), p.value(json), &error))
            return failWith(error);
        if (p.value(json) == QLatin1String("-"))
            return kExitOk;
    }
    std::printf("images %lld  top-1 %.4f  top-5 %.4f  weight bits %lld (%.1f KiB)  %.2f s (%.0f images/s)\n",
                static_cast<long long>(r.images), r.top1, r.top5, static_cast<long long>(weightBits),
                static_cast<double>(weightBits) / 8192, r.seconds, static_cast<double>(r.images) / std::max(r.seconds, 1e-9));
    std::printf("preprocessing: mean %s, std %s (%s)\n", std::to_string(setup->pre.mean[0]).c_str(),
                std::to_string(setup->pre.std[0]).c_str(), setup->pre.source.c_str());
    if (groupedTop1) {
        std::printf("grouped top-1 %.4f over %zu groups:", *groupedTop1, grouping->names.size());
        for (const std::string& name : grouping->names)
            std::printf(" [%s]", name.c_str());
        std::printf("\n");
    }
    std::printf("confusion (rows true, columns predicted):\n");
    for (size_t i = 0; i < r.confusion.size(); ++i) {
        std::printf("  %3zu:", i);
        for (int64_t v : r.confusion[i])
            std::printf(" %5lld", static_cast<long long>(v));
        std::printf("   recall %.3f\n", r.perClassRecall[i]);
    }
    return kExitOk;
}

} // namespace bitlens::cli

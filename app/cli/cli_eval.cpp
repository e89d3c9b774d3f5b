// bitlens-cli eval MODEL --data DATA [--mean L --std L] [--plan FILE | --scheme S --granularity G
// --bits N] [--fold-bn] [--limit N]: accuracy, confusion matrix and per-class recall of the FP32
// or quantized model on a labelled test set (IDX, gzipped or not).
#include "cli_commands.h"
#include "cli_common.h"

#include <model/batchnorm_fold.h>
#include <model/evaluation.h>
#include <model/onnx_loader.h>
#include <quant/apply_plan.h>
#include <quant/scheme_registry.h>

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>
#include <QFile>
#include <QJsonDocument>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>

namespace fs = std::filesystem;

namespace bitlens::cli {
namespace {

// DATA: a folder with IDX files (the t10k split when both are there), an images file (the labels
// beside it), or a dataset card naming both.
Result<IdxPair> resolveData(const fs::path& data)
{
    std::error_code ec;
    if (fs::is_directory(data, ec))
        return findIdxTestSplit(data);
    if (data.extension() == ".json") {
        QFile f(QString::fromStdString(data.string()));
        if (!f.open(QIODevice::ReadOnly) || f.size() > (1 << 20))
            return fail(data.string() + ": cannot read the dataset card");
        const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
        const QString images = o.value(QStringLiteral("images")).toString();
        const QString labels = o.value(QStringLiteral("labels")).toString();
        if (images.isEmpty() || labels.isEmpty())
            return fail(data.string() + ": the dataset card names no \"images\" and \"labels\" files");
        return IdxPair{data.parent_path() / images.toStdString(), data.parent_path() / labels.toStdString()};
    }
    std::string name = data.filename().string();
    const auto pos = name.find("images");
    if (pos == std::string::npos)
        return fail(data.string() + ": expected a folder, a dataset card or an IDX images file");
    name.replace(pos, 6, "labels");
    if (const auto idx = name.find("idx3"); idx != std::string::npos)
        name.replace(idx, 4, "idx1");
    return IdxPair{data, data.parent_path() / name};
}

} // namespace

int runEval(const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Runs the model on a labelled test set and prints top-1, top-5 (the label among the five largest "
        "logits, ties to the lower index), the confusion matrix (rows = true label, columns = argmax, first "
        "maximum on ties) and per-class recall. Preprocessing x = (u8/255 - mean)/std comes from the model's "
        "metadata, else the dataset card, else --mean/--std."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("MODEL"), QStringLiteral("The ONNX model file."));
    const QCommandLineOption data(QStringLiteral("data"), QStringLiteral("Test set: IDX folder, images file or dataset card."), QStringLiteral("DATA"));
    const QCommandLineOption mean(QStringLiteral("mean"), QStringLiteral("Per-channel mean after /255."), QStringLiteral("LIST"));
    const QCommandLineOption stdev(QStringLiteral("std"), QStringLiteral("Per-channel std after /255."), QStringLiteral("LIST"));
    const QCommandLineOption plan(QStringLiteral("plan"), QStringLiteral("A *.bitlens-plan.json."), QStringLiteral("FILE"));
    const QCommandLineOption scheme(QStringLiteral("scheme"), QStringLiteral("Quantize every layer with this scheme."), QStringLiteral("S"));
    const QCommandLineOption gran(QStringLiteral("granularity"), QStringLiteral("per-tensor or per-channel (default)."), QStringLiteral("G"));
    const QCommandLineOption bits(QStringLiteral("bits"), QStringLiteral("Bit-width for --scheme (default 8)."), QStringLiteral("N"));
    const QCommandLineOption foldBn(QStringLiteral("fold-bn"), QStringLiteral("Fold BatchNormalization into the preceding Conv first."));
    const QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("Evaluate at most N images."), QStringLiteral("N"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Write JSON to FILE (- for stdout)."), QStringLiteral("FILE"));
    const QCommandLineOption threads(QStringLiteral("threads"), QStringLiteral("Worker threads (default: all cores)."), QStringLiteral("N"));
    p.addOptions({data, mean, stdev, plan, scheme, gran, bits, foldBn, limit, json, threads});
    if (!p.parse(args))
        return failWith(p.errorText());
    if (p.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(p.helpText()));
        return kExitOk;
    }
    if (p.positionalArguments().size() != 1 || !p.isSet(data))
        return failWith(QStringLiteral("eval: expected MODEL and --data DATA (see bitlens-cli eval --help)"));
    if (p.isSet(plan) && p.isSet(scheme))
        return failWith(QStringLiteral("eval: give --plan or --scheme, not both"));

    EvalOptions options;
    auto positiveInt = [&](const QCommandLineOption& o, int64_t& target) {
        bool ok = false;
        target = p.value(o).toLongLong(&ok);
        return ok && target > 0;
    };
    if (p.isSet(limit) && !positiveInt(limit, options.limit))
        return failWith(QStringLiteral("--limit: expected a positive integer"));
    int64_t threadCount = 0;
    if (p.isSet(threads) && !positiveInt(threads, threadCount))
        return failWith(QStringLiteral("--threads: expected a positive integer"));
    options.threads = static_cast<int>(threadCount);

    const std::string modelFile = p.positionalArguments().first().toStdString();
    auto model = loadOnnxModel(modelFile);
    if (!model)
        return failWith(model.error());
    auto dataFiles = resolveData(p.value(data).toStdString());
    if (!dataFiles)
        return failWith(dataFiles.error());

    // Preprocessing: metadata, else dataset card, else --mean/--std (which override both).
    Preprocessing pre;
    auto fromMeta = preprocessingFromMetadata(*model);
    if (!fromMeta)
        return failWith(fromMeta.error());
    auto fromCard = preprocessingFromCard(dataFiles->images.parent_path() / "dataset.json");
    if (!fromCard)
        return failWith(fromCard.error());
    if (*fromMeta)
        pre = **fromMeta;
    else if (*fromCard)
        pre = **fromCard;
    if (p.isSet(mean) || p.isSet(stdev)) {
        auto m = parseFloatList(p.value(mean).toStdString(), "--mean");
        auto s = parseFloatList(p.value(stdev).toStdString(), "--std");
        if (!m || !s)
            return failWith(!m ? m.error() : s.error());
        pre.mean = *m;
        pre.std = *s;
        pre.source = "command line";
    }

    std::vector<WeightLayer> layers = findWeightLayers(*model);
    Plan chosen = Plan::uniform({Scheme::Asymmetric, Granularity::PerChannel, kFp32Bits});
    if (p.isSet(plan)) {
        auto pl = readPlan(p.value(plan).toStdString(), &layers);
        if (!pl)
            return failWith(pl.error());
        chosen = *pl;
    } else if (p.isSet(scheme)) {
        auto s = parseScheme(p.value(scheme).toStdString());
        auto g = parseGranularity(p.value(gran).isEmpty() ? "per-channel" : p.value(gran).toStdString());
        bool ok = true;
        const int b = p.isSet(bits) ? p.value(bits).toInt(&ok) : 8;
        if (!s || !g || !ok || !bitsAllowed(*s, b))
            return failWith(QStringLiteral("eval: invalid --scheme/--granularity/--bits"));
        chosen = Plan::uniform({*s, *g, b});
    }
    auto shared = std::make_shared<Model>(std::move(*model));
    if (p.isSet(foldBn) || chosen.foldBatchNorm) {
        const FoldReport report = foldBatchNorm(*shared);
        *shared = foldedModel(*shared, report);
        layers = findWeightLayers(*shared);
    }
    auto session = engine::Session::create(shared);
    if (!session)
        return failWith(session.error());
    std::vector<std::string> skipped;
    for (const auto& [name, tensor] : quantizedWeights(chosen, layers, &skipped))
        if (auto ok = (*session)->overrideConstant(name, tensor); !ok)
            return failWith(modelFile + ": " + ok.error());
    for (const std::string& s : skipped)
        std::fprintf(stderr, "bitlens-cli: %s: %s\n", modelFile.c_str(), s.c_str());

    auto dataset = IdxDataset::open(dataFiles->images, dataFiles->labels);
    if (!dataset)
        return failWith(dataset.error());
    const bool showProgress = stderrIsTerminal();
    auto result = evaluate(**session, **dataset, pre, options, [&](int64_t done, int64_t total) {
        if (showProgress)
            std::fprintf(stderr, "\reval: %lld / %lld images", static_cast<long long>(done), static_cast<long long>(total));
        return true;
    });
    if (showProgress)
        std::fprintf(stderr, "\n");
    if (!result)
        return failWith(result.error());
    const EvalResult& r = *result;
    const int64_t weightBits = planWeightBits(chosen, layers);

    if (p.isSet(json)) {
        QJsonObject o;
        o[QStringLiteral("images")] = static_cast<qint64>(r.images);
        o[QStringLiteral("top1")] = r.top1;
        o[QStringLiteral("top5")] = r.top5;
        o[QStringLiteral("grouped_top1")] = QJsonValue(QJsonValue::Null); // no --groups given
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
    std::printf("preprocessing: mean %s, std %s (%s)\n", std::to_string(pre.mean[0]).c_str(),
                std::to_string(pre.std[0]).c_str(), pre.source.c_str());
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

// bitlens-cli compare MODEL --samples SAMPLES [--plan FILE | --scheme S --granularity G --bits N]
// [--layers]: fidelity of the quantized model against FP32 without labels (DESIGN.md "Fidelity
// without labels"): per output SQNR, mean cosine, max error, MSE, and for class scores top-1
// agreement, mean KL and the prediction confusion; with --layers the cumulative and local SQNR of
// every node ("Which layer hurts"). A labelled test set as SAMPLES adds accuracy beside them.
#include "cli_commands.h"
#include "cli_common.h"

#include <model/batchnorm_fold.h>
#include <model/data/dataset.h>
#include <model/onnx_loader.h>
#include <quant/apply_plan.h>
#include <quant/fidelity.h>
#include <quant/scheme_registry.h>
#include <quant/view_csv.h>

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>
#include <QSaveFile>

#include <cmath>
#include <cstdio>

namespace bitlens::cli {
namespace {

QJsonValue dbJson(const std::optional<double>& db)
{
    return db && std::isfinite(*db) ? QJsonValue(*db) : QJsonValue(QJsonValue::Null);
}

std::string dbText(const std::optional<double>& db)
{
    if (!db)
        return "exact";
    char s[32];
    std::snprintf(s, sizeof s, "%.2f", *db);
    return s;
}

QJsonArray matrixJson(const std::vector<std::vector<int64_t>>& m)
{
    QJsonArray rows;
    for (const auto& row : m) {
        QJsonArray a;
        for (int64_t v : row)
            a.append(static_cast<qint64>(v));
        rows.append(a);
    }
    return rows;
}

// "1x3x224x224" -> {1, 3, 224, 224}.
std::optional<std::vector<int64_t>> parseDims(const QString& text)
{
    std::vector<int64_t> dims;
    for (const QString& part : text.split(QLatin1Char('x'))) {
        bool ok = false;
        const qint64 v = part.toLongLong(&ok);
        if (!ok || v < 0)
            return std::nullopt;
        dims.push_back(v);
    }
    return dims;
}

// --shape NAME=AxBxC (an input's shape) or NAME=N (a symbolic dimension), comma-separated or repeated.
Result<bool> parseShapes(const QStringList& values, SampleOptions& o)
{
    for (const QString& v : values)
        for (const QString& item : parseList(v)) {
            const qsizetype eq = item.lastIndexOf(QLatin1Char('='));
            auto dims = eq > 0 ? parseDims(item.mid(eq + 1)) : std::nullopt;
            if (!dims)
                return fail("--shape: expected NAME=AxBxC or DIM=N, not '" + item.toStdString() + "'");
            const std::string name = item.left(eq).toStdString();
            if (dims->size() == 1)
                o.dims[name] = dims->front();
            o.shapes[name] = *dims;
        }
    return true;
}

// --int-range [NAME=]LO,HI, repeated.
Result<bool> parseIntRanges(const QStringList& values, SampleOptions& o)
{
    for (const QString& v : values) {
        const qsizetype eq = v.lastIndexOf(QLatin1Char('='));
        const QStringList bounds = v.mid(eq + 1).split(QLatin1Char(','));
        bool ok1 = false, ok2 = false;
        const qint64 lo = bounds.size() == 2 ? bounds[0].toLongLong(&ok1) : 0;
        const qint64 hi = bounds.size() == 2 ? bounds[1].toLongLong(&ok2) : 0;
        if (!ok1 || !ok2 || hi < lo)
            return fail("--int-range: expected [NAME=]LO,HI with LO <= HI, not '" + v.toStdString() + "'");
        o.intRanges[eq > 0 ? v.left(eq).toStdString() : std::string()] = {lo, hi};
    }
    return true;
}

} // namespace

int runCompare(const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Compares the quantized model with FP32 on samples, labels not needed. Per output: SQNR 10*log10(sum y^2 / "
        "sum (y - y^)^2), mean per-sample cosine, max |y - y^|, MSE; for class scores (C >= 2 on the class axis: "
        "the last, or axis 1 of a rank-4+ output) top-1 agreement (first maximum on ties), mean KL(softmax(y) || "
        "softmax(y^)) in nats and the prediction confusion (FP32 rows, quantized columns). With --layers, for every "
        "float node output in graph order: the cumulative SQNR (quantized run against FP32) and, for weight layers' "
        "nodes, the local SQNR (the node with its quantized weights on the FP32 run's inputs)."));
    addHelp(p);
    p.addPositionalArgument(QStringLiteral("MODEL"), QStringLiteral("The ONNX model file."));
    const QCommandLineOption samplesOpt(QStringLiteral("samples"),
        QStringLiteral("synthetic[:N], a folder of ONNX test data (test_data_set_*/input_<i>.pb or input_<i>.pb), a folder "
                       "of <input name>.npy files (samples on the first axis), a folder of images, or a test set as eval's --data."),
        QStringLiteral("SAMPLES"));
    const QCommandLineOption plan(QStringLiteral("plan"), QStringLiteral("A *.bitlens-plan.json."), QStringLiteral("FILE"));
    const QCommandLineOption scheme(QStringLiteral("scheme"), QStringLiteral("Quantize every layer with this scheme (default asymmetric): %1.").arg(schemeNames()), QStringLiteral("S"));
    const QCommandLineOption gran(QStringLiteral("granularity"), QStringLiteral("per-tensor or per-channel (default)."), QStringLiteral("G"));
    const QCommandLineOption bits(QStringLiteral("bits"), QStringLiteral("Bit-width for --scheme (default 8)."), QStringLiteral("N"));
    const QCommandLineOption foldBn(QStringLiteral("fold-bn"), QStringLiteral("Fold BatchNormalization into the preceding Conv first."));
    const QCommandLineOption layersOpt(QStringLiteral("layers"), QStringLiteral("Also the cumulative and local SQNR of every node."));
    const QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("Use at most N samples."), QStringLiteral("N"));
    const QCommandLineOption threads(QStringLiteral("threads"), QStringLiteral("Worker threads (default: all cores)."), QStringLiteral("N"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Seed of synthetic samples (default 0)."), QStringLiteral("N"));
    const QCommandLineOption shape(QStringLiteral("shape"), QStringLiteral("Synthetic samples: NAME=AxBxC for an input's shape, or DIM=N for a symbolic dimension (comma-separated or repeated)."), QStringLiteral("LIST"));
    const QCommandLineOption intRange(QStringLiteral("int-range"), QStringLiteral("Synthetic samples: integer inputs uniform in [LO, HI], [NAME=]LO,HI (repeated)."), QStringLiteral("RANGE"));
    const QCommandLineOption mean(QStringLiteral("mean"), QStringLiteral("Images: per-channel mean after /255 (overrides metadata and card)."), QStringLiteral("LIST"));
    const QCommandLineOption stdev(QStringLiteral("std"), QStringLiteral("Images: per-channel std after /255."), QStringLiteral("LIST"));
    const QCommandLineOption classAxis(QStringLiteral("class-axis"), QStringLiteral("The class axis of the outputs (negative counts from the end), or 'none'."), QStringLiteral("AXIS"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Write JSON to FILE (- for stdout)."), QStringLiteral("FILE"));
    const QCommandLineOption csv(QStringLiteral("csv"), QStringLiteral("Write CSV to FILE (- for stdout): one row per output, or with --layers one row per node."), QStringLiteral("FILE"));
    p.addOptions({samplesOpt, plan, scheme, gran, bits, foldBn, layersOpt, limit, threads, seed, shape, intRange, mean, stdev, classAxis, json, csv});
    if (!p.parse(args))
        return failWith(p.errorText());
    if (p.isSet(QStringLiteral("help")))
        return printHelp(p, args);
    if (p.positionalArguments().size() != 1 || !p.isSet(samplesOpt))
        return failWith(QStringLiteral("compare: expected MODEL --samples SAMPLES (see --help)"));
    if (p.isSet(plan) && (p.isSet(scheme) || p.isSet(bits)))
        return failWith(QStringLiteral("compare: give --plan or --scheme/--bits, not both"));
    if (!p.isSet(plan) && !p.isSet(scheme) && !p.isSet(bits) && !p.isSet(gran))
        return failWith(QStringLiteral("compare: give the quantized model to compare with FP32: --plan FILE or --scheme S --bits N"));

    FidelityOptions options;
    options.layers = p.isSet(layersOpt);
    auto positive = [&](const QCommandLineOption& o, int64_t& target) {
        bool ok = false;
        target = p.value(o).toLongLong(&ok);
        return ok && target > 0;
    };
    if (p.isSet(limit) && !positive(limit, options.limit))
        return failWith(QStringLiteral("--limit: expected a positive integer"));
    int64_t threadCount = 0;
    if (p.isSet(threads) && !positive(threads, threadCount))
        return failWith(QStringLiteral("--threads: expected a positive integer"));
    options.threads = static_cast<int>(threadCount);
    if (p.isSet(classAxis)) {
        bool ok = false;
        const int axis = p.value(classAxis).toInt(&ok);
        if (p.value(classAxis) == QLatin1String("none"))
            options.classScores = false;
        else if (!ok)
            return failWith(QStringLiteral("--class-axis: expected an axis or 'none'"));
        else
            options.classAxis = axis;
    }

    const std::string modelFile = p.positionalArguments().first().toStdString();
    auto loaded = loadOnnxModel(modelFile);
    if (!loaded)
        return failWith(loaded.error());
    auto model = std::make_shared<Model>(std::move(*loaded));
    if (p.isSet(foldBn))
        *model = foldedModel(*model, foldBatchNorm(*model));
    std::vector<WeightLayer> layers = findWeightLayers(*model);

    Plan chosen = Plan::uniform({Scheme::Asymmetric, Granularity::PerChannel, kFp32Bits});
    if (p.isSet(plan)) {
        auto pl = readPlan(p.value(plan).toStdString(), &layers);
        if (!pl)
            return failWith(pl.error());
        chosen = *pl;
        if (chosen.foldBatchNorm && !p.isSet(foldBn)) {
            *model = foldedModel(*model, foldBatchNorm(*model));
            layers = findWeightLayers(*model);
        }
    } else if (p.isSet(scheme) || p.isSet(bits) || p.isSet(gran)) {
        auto s = parseScheme(p.isSet(scheme) ? p.value(scheme).toStdString() : "asymmetric");
        auto g = parseGranularity(p.value(gran).isEmpty() ? "per-channel" : p.value(gran).toStdString());
        bool ok = true;
        const int b = p.isSet(bits) ? p.value(bits).toInt(&ok) : 8;
        if (!s)
            return failWith(QStringLiteral("--scheme: unknown scheme '%1' (expected one of %2)").arg(p.value(scheme), schemeNames()));
        if (!g)
            return failWith(QStringLiteral("--granularity: unknown '%1' (expected per-tensor or per-channel)").arg(p.value(gran)));
        if (!ok || !bitsAllowed(*s, b))
            return failWith(QStringLiteral("--bits: %1 is not a bit-width %2 allows").arg(p.value(bits), QString::fromLatin1(schemeName(*s).data(), static_cast<qsizetype>(schemeName(*s).size()))));
        chosen = Plan::uniform({*s, *g, b});
    }

    const std::string samplesArg = p.value(samplesOpt).toStdString();
    SampleOptions so;
    if (p.isSet(seed)) {
        bool ok = false;
        so.seed = p.value(seed).toULongLong(&ok);
        if (!ok)
            return failWith(QStringLiteral("--seed: expected a non-negative integer"));
    }
    if (auto ok = parseShapes(p.values(shape), so); !ok)
        return failWith(ok.error());
    if (auto ok = parseIntRanges(p.values(intRange), so); !ok)
        return failWith(ok.error());
    auto pre = preprocessingFor(*model, datasetCardFor(samplesArg));
    if (!pre)
        return failWith(pre.error());
    so.pre = *pre;
    if (p.isSet(mean) || p.isSet(stdev)) {
        auto m = parseFloatList(p.value(mean).toStdString(), "--mean");
        auto d = parseFloatList(p.value(stdev).toStdString(), "--std");
        if (!m || !d)
            return failWith(!m ? m.error() : d.error());
        so.pre.mean = *m;
        so.pre.std = *d;
        so.pre.source = "command line";
    }
    auto samples = openSamples(samplesArg, *model, so);
    if (!samples)
        return failWith(samples.error());

    std::vector<std::string> skipped;
    const auto weights = quantizedWeights(chosen, layers, &skipped);
    for (const std::string& s : skipped)
        std::fprintf(stderr, "bitlens-cli: %s: %s\n", modelFile.c_str(), s.c_str());
    const bool showProgress = stderrIsTerminal();
    auto report = measureFidelity(model, layers, weights, **samples, options, [&](int64_t done, int64_t total) {
        if (showProgress)
            std::fprintf(stderr, "\rcompare: %lld / %lld samples", static_cast<long long>(done), static_cast<long long>(total));
        return true;
    });
    if (showProgress)
        std::fprintf(stderr, "\n");
    if (!report)
        return failWith(report.error());
    const FidelityReport& r = *report;
    const int64_t weightBits = planWeightBits(chosen, layers);

    if (p.isSet(json)) {
        QJsonObject o;
        o[QStringLiteral("samples")] = static_cast<qint64>(r.samples);
        o[QStringLiteral("samples_source")] = QString::fromStdString((*samples)->description());
        o[QStringLiteral("stacked")] = r.stacked;
        o[QStringLiteral("weight_bits")] = static_cast<qint64>(weightBits);
        QJsonArray outs;
        for (const OutputFidelity& f : r.outputs) {
            QJsonObject a;
            a[QStringLiteral("name")] = QString::fromStdString(f.name);
            a[QStringLiteral("compared")] = f.samples > 0; // integer outputs are not compared
            a[QStringLiteral("elements")] = static_cast<qint64>(f.elements);
            a[QStringLiteral("exact")] = !f.sqnrDb.has_value();
            a[QStringLiteral("sqnr_db")] = dbJson(f.sqnrDb);
            a[QStringLiteral("mse")] = f.mse;
            a[QStringLiteral("max_abs_error")] = f.maxAbsError;
            a[QStringLiteral("mean_cosine")] = f.meanCosine;
            if (f.classes > 0) {
                a[QStringLiteral("class_axis")] = f.classAxis;
                a[QStringLiteral("classes")] = static_cast<qint64>(f.classes);
                a[QStringLiteral("positions")] = static_cast<qint64>(f.positions);
                a[QStringLiteral("top1_agreement")] = f.top1Agreement;
                a[QStringLiteral("mean_kl")] = f.meanKl;
                a[QStringLiteral("prediction_confusion")] =
                    f.predictionConfusion.empty() ? QJsonValue(QJsonValue::Null) : QJsonValue(matrixJson(f.predictionConfusion));
            }
            outs.append(a);
        }
        o[QStringLiteral("outputs")] = outs;
        if (r.top1) {
            o[QStringLiteral("fp32_top1")] = *r.fp32Top1;
            o[QStringLiteral("top1")] = *r.top1;
            o[QStringLiteral("label_confusion")] = matrixJson(r.labelConfusion);
        }
        if (options.layers) {
            QJsonArray nodes;
            for (const NodeFidelity& n : r.nodes) {
                QJsonObject a;
                a[QStringLiteral("node")] = QString::fromStdString(n.node);
                a[QStringLiteral("op")] = QString::fromStdString(n.op);
                a[QStringLiteral("tensor")] = QString::fromStdString(n.tensor);
                a[QStringLiteral("elements")] = static_cast<qint64>(n.elements);
                a[QStringLiteral("cumulative_sqnr_db")] = dbJson(n.cumulativeSqnrDb);
                if (!n.layers.empty()) {
                    QJsonArray w;
                    for (const std::string& l : n.layers)
                        w.append(QString::fromStdString(l));
                    a[QStringLiteral("weights")] = w;
                    a[QStringLiteral("local_sqnr_db")] = dbJson(n.localSqnrDb);
                }
                nodes.append(a);
            }
            o[QStringLiteral("layers")] = nodes;
        }
        o[QStringLiteral("seconds")] = r.seconds;
        QString error;
        if (!writeJson(QJsonDocument(o), p.value(json), &error))
            return failWith(error);
        if (p.value(json) == QLatin1String("-"))
            return kExitOk;
    }
    if (p.isSet(csv)) {
        const std::string text = options.layers ? nodeFidelityCsv(r.nodes) : outputFidelityCsv(r.outputs);
        if (p.value(csv) == QLatin1String("-")) {
            std::fwrite(text.data(), 1, text.size(), stdout);
            return kExitOk;
        }
        QSaveFile f(p.value(csv));
        if (!f.open(QIODevice::WriteOnly) || f.write(text.data(), static_cast<qint64>(text.size())) != static_cast<qint64>(text.size()) ||
            !f.commit())
            return failWith(QStringLiteral("%1: cannot write").arg(p.value(csv)));
    }
    std::printf("%lld samples (%s)  weight bits %lld (%.1f KiB)  %.2f s\n", static_cast<long long>(r.samples),
                (*samples)->description().c_str(), static_cast<long long>(weightBits), static_cast<double>(weightBits) / 8192,
                r.seconds);
    for (const OutputFidelity& f : r.outputs) {
        if (f.samples == 0) {
            std::printf("output %s: not float, not compared\n", f.name.c_str());
            continue;
        }
        std::printf("output %s: SQNR %s  cosine %.6f  max |err| %.4g  MSE %.4g", f.name.c_str(), (dbText(f.sqnrDb) + (f.sqnrDb ? " dB" : "")).c_str(),
                    f.meanCosine, f.maxAbsError, f.mse);
        if (f.classes > 0)
            std::printf("  top-1 agreement %.4f  mean KL %.4g nats (%lld classes on axis %d)", f.top1Agreement, f.meanKl,
                        static_cast<long long>(f.classes), f.classAxis);
        std::printf("\n");
    }
    if (r.top1)
        std::printf("accuracy on the labels: FP32 top-1 %.4f, quantized top-1 %.4f\n", *r.fp32Top1, *r.top1);
    if (options.layers) {
        std::printf("%-32s %-14s %-32s %10s %10s\n", "node", "op", "tensor", "cumul. dB", "local dB");
        for (const NodeFidelity& n : r.nodes)
            std::printf("%-32s %-14s %-32s %10s %10s\n", n.node.c_str(), n.op.c_str(), n.tensor.c_str(),
                        dbText(n.cumulativeSqnrDb).c_str(), n.layers.empty() ? "" : dbText(n.localSqnrDb).c_str());
    }
    return kExitOk;
}

} // namespace bitlens::cli

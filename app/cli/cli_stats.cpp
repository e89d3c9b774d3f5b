// bitlens-cli stats MODEL [--schemes LIST] [--bits LIST] [--granularity LIST] [--block LIST]
// [--scale E] [--formats LIST] [--fold-bn]: every per-layer metric of DESIGN.md "Metrics".
#include "cli_commands.h"
#include "cli_common.h"

#include <app/stats_json.h>
#include <model/batchnorm_fold.h>
#include <model/onnx_loader.h>
#include <quant/layer_stats.h>
#include <quant/scheme_registry.h>

#include <QCommandLineParser>
#include <QJsonArray>

#include <cstdio>

namespace bitlens::cli {
namespace {

std::string fmt(std::optional<double> v, const char* spec = "%.4g")
{
    if (!v)
        return "exact";
    char buf[64];
    std::snprintf(buf, sizeof buf, spec, *v);
    return buf;
}

std::string optionalInt(std::optional<int64_t> v) { return v ? std::to_string(*v) : "-"; }

void printTotals(const std::vector<LayerStats>& layers)
{
    const auto totals = modelTotals(layers);
    if (totals.empty())
        return;
    std::printf("Model totals (%lld weights, FP32 %.1f KiB; excluded layers count at 32 bits)\n",
                static_cast<long long>(totals[0].weights), static_cast<double>(totals[0].fp32Bits) / 8192);
    std::printf("  %-36s %4s %12s %12s %8s %10s %8s %10s %10s %12s\n", "setting", "bits",
                "code bits", "overhead", "bits/w", "KiB", "vs FP32", "zstd KiB", "zlib KiB", "H bound KiB");
    for (const ModelTotals& t : totals) {
        const double bits = static_cast<double>(t.codeBits + t.overheadBits);
        auto kib = [](std::optional<int64_t> b) {
            char buf[32];
            if (!b)
                return std::string("-");
            std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(*b) / 1024);
            return std::string(buf);
        };
        std::printf("  %-36s %4d %12lld %12lld %8.4f %10.1f %7.2f%% %10s %10s %12.1f\n", specLabel(t.spec).c_str(),
                    t.spec.bits, static_cast<long long>(t.codeBits), static_cast<long long>(t.overheadBits),
                    bits / static_cast<double>(std::max<int64_t>(t.weights, 1)), bits / 8192,
                    100 * bits / static_cast<double>(t.fp32Bits), kib(t.zstdBytes).c_str(), kib(t.zlibBytes).c_str(),
                    t.entropyBoundBits / 8192);
    }
}

void printHuman(const std::vector<LayerStats>& layers)
{
    for (const LayerStats& l : layers) {
        std::printf("%s  (%s %s, axis %d)\n", l.name.c_str(), l.op.c_str(), shapeString(l.shape).c_str(), l.axis);
        for (const std::string& w : l.warnings)
            std::printf("  warning: %s\n", w.c_str());
        if (l.rows.empty())
            continue;
        std::printf("  %-36s %4s %8s %9s %10s %10s %8s %7s %6s %6s %6s %7s %10s %7s %9s %9s %9s %4s\n", "setting",
                    "bits", "bits/w", "SQNR dB", "MSE", "max|err|", "cosine", "range", "levels", "H/n",
                    "1-JS", "SQNR/6n", "code bits", "ovh", "zstd B", "zlib B", "H bound", "eff");
        for (const StatsRow& r : l.rows)
            std::printf("  %-36s %4d %8.4f %9s %10.3e %10.3e %8.5f %7.4f %6.3f %6.3f %6.3f %7s %10lld %7lld %9s "
                        "%9s %9.0f %4s\n",
                        specLabel(r.spec).c_str(), r.spec.bits, r.bitsPerWeight,
                        fmt(r.error.sqnrDb, "%.2f").c_str(), r.error.mse, r.error.maxAbsError, r.error.cosine,
                        r.rangeCoverage, r.levelUtilization, r.entropyEfficiency, r.densityFidelity,
                        fmt(r.sqnrEfficiency, "%.3f").c_str(), static_cast<long long>(r.codeBits),
                        static_cast<long long>(r.overheadBits), optionalInt(r.zstdBytes).c_str(),
                        optionalInt(r.zlibBytes).c_str(), r.entropyBoundBits,
                        r.effectiveBits ? std::to_string(*r.effectiveBits).c_str() : "-");
        std::printf("\n");
    }
}

} // namespace

int runStats(const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Quantizes every weight layer with each scheme, granularity and bit-width and prints SQNR, MSE, "
        "max |error|, cosine, the five bit-efficiency metrics and the storage sizes.\n"
        "SQNR_dB = 10 log10(sum x^2 / sum (x - x^)^2); SQNR efficiency = SQNR_dB / (6.02 n)."));
    addHelp(p);
    p.addPositionalArgument(QStringLiteral("MODEL"), QStringLiteral("The ONNX model file."));
    const QCommandLineOption schemes(QStringLiteral("schemes"),
                                     QStringLiteral("Comma-separated schemes (default: the six with a choice of "
                                                    "bits: asymmetric, symmetric, pow2, dfxp, kmeans, gaussian; "
                                                    "also: fp8-e4m3, fp8-e5m2, fp6-e3m2, fp6-e2m3, fp4-e2m1, nf4, "
                                                    "mxint8, q4_0, q8_0, whose bits are implied)."),
                                     QStringLiteral("LIST"));
    const QCommandLineOption bits(QStringLiteral("bits"),
                                  QStringLiteral("Comma-separated bit-widths, 1..16 (default 1..8; widths a "
                                                 "scheme does not allow are skipped)."),
                                  QStringLiteral("LIST"));
    const QCommandLineOption grans(QStringLiteral("granularity"),
                                   QStringLiteral("per-tensor, per-channel, per-block, comma-separated (default "
                                                  "per-tensor,per-channel)."),
                                   QStringLiteral("LIST"));
    const QCommandLineOption blocks(QStringLiteral("block"),
                                    QStringLiteral("Per-block: block sizes B along the reduction axis, comma-separated "
                                                   "(default 32)."),
                                    QStringLiteral("LIST"));
    const QCommandLineOption scale(QStringLiteral("scale"),
                                   QStringLiteral("Scale encoding of --schemes: fp32, fp16, bf16, e8m0 or ue4m3 (default: "
                                                  "each scheme's own; schemes that cannot use it are skipped)."),
                                   QStringLiteral("E"));
    const QCommandLineOption formats(QStringLiteral("formats"),
                                     QStringLiteral("Named formats, comma-separated, or all: %1. Alone they replace "
                                                    "the default schemes.").arg(formatNames()),
                                     QStringLiteral("LIST"));
    const QCommandLineOption foldBn(QStringLiteral("fold-bn"),
                                    QStringLiteral("Fold BatchNormalization into the preceding Conv first: "
                                                   "W' = gamma W / sqrt(var + eps)."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Write JSON to FILE (- for stdout)."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption noCompression(
        QStringLiteral("no-compression"),
        QStringLiteral("Skip the zstd (level 3) and zlib (level 6) sizes of the packed codes; they are null in "
                       "the JSON. zlib level 6 runs at 15-45 MB/s and dominates a whole-model run."));
    const QCommandLineOption threads(QStringLiteral("threads"), QStringLiteral("Worker threads (default: all cores)."),
                                     QStringLiteral("N"));
    p.addOptions({schemes, bits, grans, blocks, scale, formats, foldBn, json, noCompression, threads});
    if (!p.parse(args))
        return failWith(p.errorText());
    if (p.isSet(QStringLiteral("help")))
        return printHelp(p, args);
    if (p.positionalArguments().size() != 1)
        return failWith(QStringLiteral("stats: expected one MODEL argument (see bitlens-cli stats --help)"));

    QString listError;
    const auto specs = parseSpecLists({p.value(schemes), p.value(bits), p.value(grans), p.value(blocks), p.value(scale),
                                       p.value(formats),
                                       p.isSet(formats) && !p.isSet(schemes) && !p.isSet(bits) && !p.isSet(grans)},
                                      {1, 2, 3, 4, 5, 6, 7, 8}, &listError);
    if (!specs)
        return failWith(listError);
    StatsOptions options;
    options.specs = *specs;
    if (options.specs.empty())
        return failWith(QStringLiteral("stats: no scheme allows the requested bit-widths and scale"));
    options.withCompression = !p.isSet(noCompression);
    if (p.isSet(threads)) {
        bool ok = false;
        options.threads = p.value(threads).toInt(&ok);
        if (!ok || options.threads < 1)
            return failWith(QStringLiteral("--threads: expected a positive integer"));
    }

    const std::string file = p.positionalArguments().first().toStdString();
    auto model = loadOnnxModel(file);
    if (!model)
        return failWith(model.error());
    std::vector<std::string> problems;
    std::vector<WeightLayer> layers = findWeightLayers(*model, &problems);
    for (const std::string& pr : problems)
        std::fprintf(stderr, "bitlens-cli: %s: %s\n", file.c_str(), pr.c_str());
    if (p.isSet(foldBn)) {
        const FoldReport report = foldBatchNorm(*model);
        applyFolding(layers, report);
        for (const std::string& s : report.skipped)
            std::fprintf(stderr, "bitlens-cli: %s: not folded: %s\n", file.c_str(), s.c_str());
    }
    const bool showProgress = stderrIsTerminal();
    int lastPercent = -1;
    const auto stats = computeModelStats(layers, options, [&](int64_t done, int64_t total) {
        const int percent = static_cast<int>(100 * done / std::max<int64_t>(total, 1));
        if (showProgress && percent != lastPercent) {
            lastPercent = percent;
            std::fprintf(stderr, "\rstats: %3d%%", percent);
        }
        return true;
    });
    if (showProgress)
        std::fprintf(stderr, "\r            \r");

    if (p.isSet(json)) {
        QJsonArray arr;
        for (const LayerStats& l : stats)
            arr.append(layerStatsJson(l));
        QJsonArray totals;
        for (const ModelTotals& t : modelTotals(stats))
            totals.append(modelTotalsJson(t));
        QString error;
        if (!writeJson(QJsonDocument(QJsonObject{{QStringLiteral("layers"), arr}, {QStringLiteral("totals"), totals}}),
                       p.value(json), &error))
            return failWith(error);
        if (p.value(json) == QLatin1String("-"))
            return kExitOk;
    }
    printHuman(stats);
    printTotals(stats);
    return kExitOk;
}

} // namespace bitlens::cli

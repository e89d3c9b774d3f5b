// bitlens-cli sweep MODEL --data DATA [--schemes] [--bits] [--granularity] [--block] [--scale]
// [--formats]: the paper's Table 1,
// top-1/top-5 and weight size of every scheme x bit-width x granularity next to FP32. All
// configurations share one pass over the data (read and preprocessed once per batch; each thread
// runs whole batches through its own configurations), in chunks that keep the quantized weights
// within a memory budget. bench/bench_sweep measures the gain over separate evaluations.
#include "cli_commands.h"
#include "cli_common.h"
#include "eval_setup.h"

#include <model/evaluation.h>
#include <quant/apply_plan.h>
#include <quant/layer_stats.h>
#include <quant/scheme_registry.h>

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>
#include <QSaveFile>

#include <cstdio>

namespace bitlens::cli {

int runSweep(const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Accuracy (top-1, top-5) and weight size of every scheme x bit-width x granularity, with FP32 first "
        "(the paper's Table 1). Progress goes to stderr."));
    addHelp(p);
    p.addPositionalArgument(QStringLiteral("MODEL"), QStringLiteral("The ONNX model file."));
    EvalSetupOptions setupOptions(p);
    const QCommandLineOption schemes(QStringLiteral("schemes"), QStringLiteral("Comma-separated schemes (default: all six)."), QStringLiteral("LIST"));
    const QCommandLineOption bits(QStringLiteral("bits"), QStringLiteral("Comma-separated bit-widths (default 2..8)."), QStringLiteral("LIST"));
    const QCommandLineOption grans(QStringLiteral("granularity"), QStringLiteral("per-tensor, per-channel, per-block (default: the first two)."), QStringLiteral("LIST"));
    const QCommandLineOption blocks(QStringLiteral("block"), QStringLiteral("Per-block: block sizes B (default 32)."), QStringLiteral("LIST"));
    const QCommandLineOption scale(QStringLiteral("scale"), QStringLiteral("Scale encoding: fp32, fp16, bf16, e8m0, ue4m3 (default: each scheme's own)."), QStringLiteral("E"));
    const QCommandLineOption formats(QStringLiteral("formats"), QStringLiteral("Named formats or all: %1; alone they replace the default schemes.").arg(formatNames()), QStringLiteral("LIST"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Write JSON to FILE (- for stdout)."), QStringLiteral("FILE"));
    const QCommandLineOption csv(QStringLiteral("csv"), QStringLiteral("Write CSV to FILE (- for stdout)."), QStringLiteral("FILE"));
    p.addOptions({schemes, bits, grans, blocks, scale, formats, json, csv});
    if (!p.parse(args))
        return failWith(p.errorText());
    if (p.isSet(QStringLiteral("help")))
        return printHelp(p, args);
    auto setup = setupOptions.load(p);
    if (!setup)
        return failWith(setup.error());

    QString listError;
    const auto specs = parseSpecLists({p.value(schemes), p.value(bits), p.value(grans), p.value(blocks), p.value(scale),
                                       p.value(formats),
                                       p.isSet(formats) && !p.isSet(schemes) && !p.isSet(bits) && !p.isSet(grans)},
                                      {2, 3, 4, 5, 6, 7, 8}, &listError);
    if (!specs)
        return failWith(listError);
    std::vector<Plan> plans{Plan::uniform({Scheme::Asymmetric, Granularity::PerChannel, kFp32Bits})};
    for (const QuantSpec& s : *specs)
        plans.push_back(Plan::uniform(s));

    // Quantized weights of up to `chunk` configurations at a time (1 GiB of weights).
    int64_t weightBytes = 0;
    for (const WeightLayer& l : setup->layers)
        weightBytes += 4 * l.parameters();
    const size_t chunk = static_cast<size_t>(std::max<int64_t>(1, (int64_t{1} << 30) / std::max<int64_t>(weightBytes, 1)));
    std::vector<EvalResult> results;
    const bool showProgress = true;
    for (size_t first = 0; first < plans.size(); first += chunk) {
        const size_t last = std::min(plans.size(), first + chunk);
        std::vector<std::unique_ptr<engine::Session>> sessions;
        std::vector<const engine::Session*> views;
        for (size_t i = first; i < last; ++i) {
            auto s = engine::Session::create(setup->model);
            if (!s)
                return failWith(s.error());
            for (const auto& [name, tensor] : quantizedWeights(plans[i], setup->layers))
                (void)(*s)->overrideConstant(name, tensor);
            views.push_back(s->get());
            sessions.push_back(std::move(*s));
        }
        auto data = setup->openData();
        if (!data)
            return failWith(data.error());
        auto r = evaluateMany(views, **data, setup->pre, setup->options, [&](int64_t done, int64_t total) {
            if (showProgress && stderrIsTerminal())
                std::fprintf(stderr, "\rsweep: configurations %zu-%zu of %zu, %3d%%", first + 1, last, plans.size(),
                             static_cast<int>(100 * done / std::max<int64_t>(total, 1)));
            return true;
        });
        if (!r)
            return failWith(r.error());
        results.insert(results.end(), r->begin(), r->end());
        if (!stderrIsTerminal())
            std::fprintf(stderr, "sweep: %zu of %zu configurations done\n", last, plans.size());
    }
    if (stderrIsTerminal())
        std::fprintf(stderr, "\n");

    QJsonArray rows;
    int64_t weights = 0;
    for (const WeightLayer& l : setup->layers)
        weights += l.parameters();
    QByteArray table = "scheme,granularity,bits,top1,top5,weight_bits,size_bytes,block,scale,format,bits_per_weight\n";
    for (size_t i = 0; i < plans.size(); ++i) {
        const QuantSpec s = plans[i].defaults;
        const bool fp32 = s.bits == kFp32Bits;
        const int64_t wbits = planWeightBits(plans[i], setup->layers);
        const QString scheme = fp32 ? QStringLiteral("fp32") : QString::fromUtf8(schemeName(s.scheme).data());
        const QString gran = fp32 ? QString() : QString::fromUtf8(granularityName(s.granularity).data());
        QJsonObject o{{QStringLiteral("scheme"), scheme},
                      {QStringLiteral("granularity"), fp32 ? QJsonValue(QJsonValue::Null) : QJsonValue(gran)},
                      {QStringLiteral("bits"), s.bits},
                      {QStringLiteral("top1"), results[i].top1},
                      {QStringLiteral("top5"), results[i].top5},
                      {QStringLiteral("weight_bits"), static_cast<qint64>(wbits)},
                      {QStringLiteral("size_bytes"), static_cast<qint64>((wbits + 7) / 8)}};
        const double perWeight = static_cast<double>(wbits) / static_cast<double>(std::max<int64_t>(weights, 1));
        const QString block = !fp32 && s.granularity == Granularity::PerBlock ? QString::number(s.block) : QString();
        const QString scaleName = fp32 ? QString() : QString::fromUtf8(scaleEncodingName(s.scale).data());
        const auto named = formatName(s);
        const QString format = !fp32 && named ? QString::fromUtf8(named->data(), static_cast<qsizetype>(named->size())) : QString();
        if (!block.isEmpty())
            o.insert(QStringLiteral("block"), s.block);
        if (!fp32)
            o.insert(QStringLiteral("scale"), scaleName);
        if (!format.isEmpty())
            o.insert(QStringLiteral("format"), format);
        o.insert(QStringLiteral("bits_per_weight"), perWeight);
        rows.append(o);
        table += QStringLiteral("%1,%2,%3,%4,%5,%6,%7,%8,%9,%10,%11\n").arg(scheme, gran).arg(s.bits).arg(results[i].top1, 0, 'g', 10)
                     .arg(results[i].top5, 0, 'g', 10).arg(wbits).arg((wbits + 7) / 8).arg(block, scaleName, format)
                     .arg(perWeight, 0, 'g', 10).toUtf8();
    }
    QString error;
    if (p.isSet(json)) {
        const QJsonObject doc{{QStringLiteral("images"), static_cast<qint64>(results.empty() ? 0 : results[0].images)},
                              {QStringLiteral("rows"), rows}};
        if (!writeJson(QJsonDocument(doc), p.value(json), &error))
            return failWith(error);
    }
    if (p.isSet(csv)) {
        if (p.value(csv) == QLatin1String("-")) {
            std::fwrite(table.constData(), 1, static_cast<size_t>(table.size()), stdout);
        } else {
            QSaveFile f(p.value(csv));
            if (!f.open(QIODevice::WriteOnly) || f.write(table) != table.size() || !f.commit())
                return failWith(QStringLiteral("%1: cannot write").arg(p.value(csv)));
        }
    }
    if (!p.isSet(json) && !p.isSet(csv)) {
        std::printf("%-36s %4s %8s %8s %8s %12s\n", "setting", "bits", "bits/w", "top-1", "top-5", "size KiB");
        for (size_t i = 0; i < plans.size(); ++i) {
            const QJsonObject o = rows[static_cast<qsizetype>(i)].toObject();
            const QuantSpec& s = plans[i].defaults;
            std::printf("%-36s %4d %8.4f %8.4f %8.4f %12.1f\n", s.bits == kFp32Bits ? "fp32" : specLabel(s).c_str(), s.bits,
                        o[QStringLiteral("bits_per_weight")].toDouble(), o[QStringLiteral("top1")].toDouble(),
                        o[QStringLiteral("top5")].toDouble(), static_cast<double>(o[QStringLiteral("size_bytes")].toInteger()) / 1024);
        }
    }
    return kExitOk;
}

} // namespace bitlens::cli

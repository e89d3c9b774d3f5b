// bitlens-cli export MODEL --plan FILE --format fakequant|qdq|ort-config|aimet|model-explorer --out FILE
// [--json FILE|-]: the quantized model as ONNX (quant/model_export.h), checked with ONNX's own checker;
// the plan as ONNX Runtime quantizer options or AIMET encodings (quant/plan_formats.h); or as Google
// Model Explorer per-node data, one file per metric (quant/model_explorer_overlay.h), with
// sensitivity when --data is given.
#include "cli_commands.h"
#include "cli_common.h"
#include "eval_setup.h"

#include <model/batchnorm_fold.h>
#include <model/onnx_loader.h>
#include <model/onnx_writer.h>
#include <quant/model_explorer_overlay.h>
#include <quant/model_export.h>
#include <quant/plan_formats.h>

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>

namespace bitlens::cli {

namespace {

// FILE.json -> FILE.<metric>.json (a name without .json just gets .<metric>.json).
QString metricPath(const QString& out, const QString& metric)
{
    QString base = out;
    if (base.endsWith(QLatin1String(".json")))
        base.chop(5);
    return base + QLatin1Char('.') + metric + QStringLiteral(".json");
}

int exportModelExplorer(const QCommandLineParser& p, const EvalSetupOptions& setupOptions, OverlayKey key,
                        const Model& model, const std::vector<WeightLayer>& layers, const Plan& plan)
{
    // Keyed on the graph as the file holds it: folding moves a Conv's output to its BatchNorm's.
    const std::vector<OverlayTarget> targets = overlayTargets(model, layers);
    if (key == OverlayKey::NodeName) {
        const auto unnamed =
            std::count_if(targets.begin(), targets.end(), [](const OverlayTarget& t) { return t.node.empty(); });
        if (unnamed > 0)
            std::fprintf(stderr,
                         "bitlens-cli: %s: %lld layer(s) read by an unnamed node are keyed by their output "
                         "tensor name, which Model Explorer's ONNX adapter does not match\n",
                         qPrintable(p.positionalArguments().first()), static_cast<long long>(unnamed));
    }
    // SQNR of the weights the plan quantizes: W' when BatchNorm is folded (plan or --fold-bn).
    const bool fold = plan.foldBatchNorm || p.isSet(QStringLiteral("fold-bn"));
    std::vector<WeightLayer> weights = layers;
    if (fold)
        applyFolding(weights, foldBatchNorm(model));

    struct Metric
    {
        QString suffix;
        QString name;
        std::vector<OverlayValue> values;
        GradientKind gradient;
    };
    const QString planName = QFileInfo(p.value(QStringLiteral("plan"))).fileName();
    std::vector<Metric> metrics{
        {QStringLiteral("bits"), planName + QStringLiteral(": bits"), planBitsValues(weights, plan),
         GradientKind::HighIsGood},
        {QStringLiteral("sqnr"), planName + QStringLiteral(": weight SQNR (dB)"), planSqnrValues(weights, plan),
         GradientKind::HighIsGood}};
    if (p.isSet(QStringLiteral("data"))) {
        auto setup = setupOptions.load(p);
        if (!setup)
            return failWith(setup.error());
        if (fold && !setup->foldBatchNorm) { // as eval does for a plan that folds
            *setup->model = foldedModel(*setup->model, foldBatchNorm(*setup->model));
            setup->layers = findWeightLayers(*setup->model);
        }
        auto report = measureSensitivityReporting(setup->sweepInput(), plan);
        if (!report)
            return failWith(report.error());
        metrics.push_back({QStringLiteral("sensitivity"), planName + QStringLiteral(": top-1 drop (points)"),
                           sensitivityValues(*report), GradientKind::LowIsGood});
    }
    const QString out = p.value(QStringLiteral("out"));
    for (const Metric& m : metrics) {
        const QString path = metricPath(out, m.suffix);
        QString error;
        const QJsonObject o = modelExplorerNodeData(targets, key, m.name.toStdString(), m.values, m.gradient);
        if (!writeJson(QJsonDocument(o), path, &error))
            return failWith(error);
        std::printf("wrote %s (model-explorer, %s)\n", qPrintable(path), qPrintable(m.suffix));
    }
    return kExitOk;
}

} // namespace

int runExport(const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Writes the model quantized by a plan as ONNX and checks it with ONNX's checker. fakequant: the same graph "
        "with every weight replaced by x^. qdq (opset >= 13): uniform layers of up to 8 bits as int8/uint8 codes "
        "feeding DequantizeLinear (per-axis for per-channel), pow2/k-means/Gaussian as uint8 codes, a Cast and a "
        "Gather from a float codebook; layers above 8 bits as x^. ort-config: the plan as ONNX Runtime quantizer "
        "options (nodes_to_exclude, extra_options.TensorQuantOverrides). aimet: the plan as AIMET encodings (0.6.1). "
        "model-explorer: Google Model Explorer per-node data, one file per metric: FILE.bits.json (FP32 = 32), "
        "FILE.sqnr.json (weight SQNR in dB; FP32 and exact layers left out) and, with --data, FILE.sensitivity.json "
        "(top-1 drop in points with each layer alone at its plan setting, all others FP32)."));
    addHelp(p);
    p.addPositionalArgument(QStringLiteral("MODEL"), QStringLiteral("The ONNX model file."));
    const QCommandLineOption plan(QStringLiteral("plan"), QStringLiteral("A *.bitlens-plan.json."), QStringLiteral("FILE"));
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("fakequant, qdq, ort-config, aimet or model-explorer."), QStringLiteral("F"));
    const QCommandLineOption out(QStringLiteral("out"),
                                 QStringLiteral("The file to write (model-explorer: FILE.json names FILE.<metric>.json)."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Write a summary as JSON to FILE (- for stdout)."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption key(QStringLiteral("key"),
                                 QStringLiteral("model-explorer: key each layer by its consuming node's name (node, the "
                                                "default: the node ids of the ONNX adapter) or that node's output tensor "
                                                "name (output: adapters that record tensor_name, e.g. TFLite)."),
                                 QStringLiteral("K"));
    p.addOptions({plan, format, out, json, key});
    // --data and its preprocessing options: model-explorer's sensitivity file.
    EvalSetupOptions setupOptions(p);
    if (!p.parse(args))
        return failWith(p.errorText());
    if (p.isSet(QStringLiteral("help")))
        return printHelp(p, args);
    if (p.positionalArguments().size() != 1 || !p.isSet(plan) || !p.isSet(out) || !p.isSet(format))
        return failWith(QStringLiteral("export: expected MODEL --plan FILE --format "
                                       "fakequant|qdq|ort-config|aimet|model-explorer --out FILE (see --help)"));
    const QString kind = p.value(format);
    const bool config = kind == QLatin1String("ort-config") || kind == QLatin1String("aimet");
    const bool explorer = kind == QLatin1String("model-explorer");
    if (kind != QLatin1String("fakequant") && kind != QLatin1String("qdq") && !config && !explorer)
        return failWith(
            QStringLiteral("--format: expected fakequant, qdq, ort-config, aimet or model-explorer, not '%1'").arg(kind));
    bool evalOptions = false;
    for (const char* o : {"data", "mean", "std", "fold-bn", "limit", "threads"})
        evalOptions = evalOptions || p.isSet(QLatin1String(o));
    if (!explorer && (evalOptions || p.isSet(key)))
        return failWith(QStringLiteral("export: --key, --data and its options go with --format model-explorer only"));
    if (evalOptions && !p.isSet(QStringLiteral("data")))
        return failWith(QStringLiteral("export: --mean, --std, --fold-bn, --limit and --threads go with --data"));
    OverlayKey overlayKeyKind = OverlayKey::NodeName;
    if (p.isSet(key)) {
        if (p.value(key) == QLatin1String("output"))
            overlayKeyKind = OverlayKey::OutputTensor;
        else if (p.value(key) != QLatin1String("node"))
            return failWith(QStringLiteral("--key: expected node or output, not '%1'").arg(p.value(key)));
    }
    if (explorer && p.value(out) == QLatin1String("-"))
        return failWith(QStringLiteral("--out: model-explorer writes one file per metric; give a file name, not -"));
    auto model = loadOnnxModel(p.positionalArguments().first().toStdString());
    if (!model)
        return failWith(QString::fromStdString(model.error()));
    const auto layers = findWeightLayers(*model);
    auto chosen = readPlan(p.value(plan).toStdString(), &layers);
    if (!chosen)
        return failWith(QString::fromStdString(chosen.error()));
    if (explorer)
        return exportModelExplorer(p, setupOptions, overlayKeyKind, *model, layers, *chosen);
    const std::string outPath = p.value(out).toStdString();
    if (config) {
        QString error;
        const QJsonObject o = kind == QLatin1String("aimet") ? aimetEncodings(layers, *chosen) : ortQuantizerConfig(layers, *chosen);
        if (!writeJson(QJsonDocument(o), p.value(out), &error))
            return failWith(error);
        std::printf("wrote %s (%s)\n", qPrintable(p.value(out)), qPrintable(kind));
        return kExitOk;
    }
    auto written = kind == QLatin1String("qdq") ? exportQdq(*model, layers, *chosen, outPath)
                                                : exportFakeQuant(*model, layers, *chosen, outPath);
    if (!written)
        return failWith(QString::fromStdString(written.error()));
    auto checked = checkOnnxFile(outPath);
    if (!checked)
        return failWith(QString::fromStdString(checked.error()));
    const qint64 bytes = QFileInfo(p.value(out)).size();
    if (p.isSet(json)) {
        QString error;
        if (!writeJson(QJsonDocument(QJsonObject{{QStringLiteral("out"), p.value(out)},
                                                 {QStringLiteral("format"), kind},
                                                 {QStringLiteral("bytes"), bytes},
                                                 {QStringLiteral("model_bytes"), static_cast<qint64>(model->fileBytes)},
                                                 {QStringLiteral("onnx_checker"), QStringLiteral("ok")}}),
                       p.value(json), &error))
            return failWith(error);
        return kExitOk;
    }
    std::printf("wrote %s (%s, %lld bytes; the model is %lld bytes); ONNX checker: ok\n", qPrintable(p.value(out)),
                qPrintable(kind), static_cast<long long>(bytes), static_cast<long long>(model->fileBytes));
    return kExitOk;
}

} // namespace bitlens::cli

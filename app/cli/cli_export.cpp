// bitlens-cli export MODEL --plan FILE --format fakequant|qdq|ort-config|aimet --out FILE [--json FILE|-]:
// the quantized model as ONNX (quant/model_export.h), checked with ONNX's own checker; or the plan
// as ONNX Runtime quantizer options or AIMET encodings (quant/plan_formats.h).
#include "cli_commands.h"
#include "cli_common.h"

#include <model/onnx_loader.h>
#include <model/onnx_writer.h>
#include <quant/model_export.h>
#include <quant/plan_formats.h>

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonObject>

#include <cstdio>

namespace bitlens::cli {

int runExport(const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Writes the model quantized by a plan as ONNX and checks it with ONNX's checker. fakequant: the same graph "
        "with every weight replaced by x^. qdq (opset >= 13): uniform layers of up to 8 bits as int8/uint8 codes "
        "feeding DequantizeLinear (per-axis for per-channel), pow2/k-means/Gaussian as uint8 codes, a Cast and a "
        "Gather from a float codebook; layers above 8 bits as x^. ort-config: the plan as ONNX Runtime quantizer "
        "options (nodes_to_exclude, extra_options.TensorQuantOverrides). aimet: the plan as AIMET encodings (0.6.1)."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("MODEL"), QStringLiteral("The ONNX model file."));
    const QCommandLineOption plan(QStringLiteral("plan"), QStringLiteral("A *.bitlens-plan.json."), QStringLiteral("FILE"));
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("fakequant, qdq, ort-config or aimet."),
                                    QStringLiteral("F"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("The file to write."), QStringLiteral("FILE"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Write a summary as JSON to FILE (- for stdout)."),
                                  QStringLiteral("FILE"));
    p.addOptions({plan, format, out, json});
    if (!p.parse(args))
        return failWith(p.errorText());
    if (p.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(p.helpText()));
        return kExitOk;
    }
    if (p.positionalArguments().size() != 1 || !p.isSet(plan) || !p.isSet(out) || !p.isSet(format))
        return failWith(QStringLiteral("export: expected MODEL --plan FILE --format fakequant|qdq|ort-config|aimet --out FILE (see --help)"));
    const QString kind = p.value(format);
    const bool config = kind == QLatin1String("ort-config") || kind == QLatin1String("aimet");
    if (kind != QLatin1String("fakequant") && kind != QLatin1String("qdq") && !config)
        return failWith(QStringLiteral("--format: expected fakequant, qdq, ort-config or aimet, not '%1'").arg(kind));
    auto model = loadOnnxModel(p.positionalArguments().first().toStdString());
    if (!model)
        return failWith(QString::fromStdString(model.error()));
    const auto layers = findWeightLayers(*model);
    auto chosen = readPlan(p.value(plan).toStdString(), &layers);
    if (!chosen)
        return failWith(QString::fromStdString(chosen.error()));
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

// bitlens-cli info MODEL: inputs, outputs, opsets, layers with shapes, parameter counts,
// op histogram.
#include "cli_commands.h"
#include "cli_common.h"

#include <app/stats_json.h>
#include <model/onnx_loader.h>

#include <QCommandLineParser>
#include <QJsonArray>

#include <cstdio>

namespace bitlens::cli {
namespace {

std::string dimsText(const ValueInfo& v)
{
    std::string s = "[";
    for (size_t i = 0; i < v.dims.size(); ++i) {
        if (i)
            s += ", ";
        s += v.dims[i] >= 0 ? std::to_string(v.dims[i]) : (v.dimParams[i].empty() ? "?" : v.dimParams[i]);
    }
    return s + "]";
}

void printHuman(const Model& m, const ModelSummary& s)
{
    std::printf("Model      %s\n", m.path.string().c_str());
    std::printf("Producer   %s %s (IR version %lld)\n", m.producerName.c_str(), m.producerVersion.c_str(),
                static_cast<long long>(m.irVersion));
    std::printf("Opsets    ");
    for (const auto& [d, v] : m.opsets)
        std::printf(" %s:%lld", d.empty() ? "ai.onnx" : d.c_str(), static_cast<long long>(v));
    std::printf("\n\nInputs\n");
    for (const ValueInfo& v : m.inputs)
        std::printf("  %-24s %-8s %s\n", v.name.c_str(), std::string(dataTypeName(v.type)).c_str(), dimsText(v).c_str());
    std::printf("Outputs\n");
    for (const ValueInfo& v : m.outputs)
        std::printf("  %-24s %-8s %s\n", v.name.c_str(), std::string(dataTypeName(v.type)).c_str(), dimsText(v).c_str());
    if (!m.metadata.empty()) {
        std::printf("Metadata\n");
        for (const auto& [k, v] : m.metadata)
            std::printf("  %-24s %s\n", k.c_str(), v.c_str());
    }
    std::printf("\nWeight layers (%zu)\n", s.layers.size());
    std::printf("  %-32s %-14s %-20s %4s %12s  %s\n", "name", "op", "shape", "axis", "parameters", "node");
    for (const WeightLayer& l : s.layers)
        std::printf("  %-32s %-14s %-20s %4d %12lld  %s%s\n", l.name.c_str(), l.op.c_str(),
                    shapeString(l.tensor->dims).c_str(), l.axis, static_cast<long long>(l.parameters()),
                    l.nodePath().c_str(), l.through.empty() ? "" : (" (through " + l.through + ")").c_str());
    for (const WeightLayer& l : s.layers)
        if (!l.storage.empty())
            std::printf("  %s: %s; analysed as the dequantized values\n", l.name.c_str(), l.storage.c_str());
    if (!s.notAnalysed.empty()) {
        std::printf("\nNot analysed (%zu)\n", s.notAnalysed.size());
        for (const std::string& why : s.notAnalysed)
            std::printf("  %s\n", why.c_str());
    }
    if (s.subgraphCount > 0)
        std::printf("\nOps (%lld nodes, counting those of %lld subgraphs)\n", static_cast<long long>(s.nodeCount),
                    static_cast<long long>(s.subgraphCount));
    else
        std::printf("\nOps (%lld nodes)\n", static_cast<long long>(s.nodeCount));
    for (const auto& [op, n] : s.opHistogram)
        std::printf("  %-24s %lld\n", op.c_str(), static_cast<long long>(n));
    std::printf("\nParameters: %lld in weight layers, %lld in all float constants\n",
                static_cast<long long>(s.weightParameters), static_cast<long long>(s.constantParameters));
    for (const std::string& note : s.precisionNotes)
        std::printf("Precision: %s\n", note.c_str());
}

} // namespace

int runInfo(const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Prints a model's inputs, outputs, opsets, weight layers with shapes and output-channel axes, "
        "parameter counts and op histogram."));
    addHelp(p);
    p.addPositionalArgument(QStringLiteral("MODEL"), QStringLiteral("The ONNX model file."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Write JSON to FILE (- for stdout)."),
                                  QStringLiteral("FILE"));
    p.addOption(json);
    if (!p.parse(args))
        return failWith(p.errorText());
    if (p.isSet(QStringLiteral("help")))
        return printHelp(p, args);
    if (p.positionalArguments().size() != 1)
        return failWith(QStringLiteral("info: expected one MODEL argument (see bitlens-cli info --help)"));

    auto model = loadOnnxModel(p.positionalArguments().first().toStdString());
    if (!model)
        return failWith(model.error());
    const ModelSummary summary = summarizeModel(*model);
    if (p.isSet(json)) {
        QString error;
        if (!writeJson(QJsonDocument(modelInfoJson(*model, summary)), p.value(json), &error))
            return failWith(error);
        if (p.value(json) == QLatin1String("-"))
            return kExitOk;
    }
    printHuman(*model, summary);
    return kExitOk;
}

} // namespace bitlens::cli

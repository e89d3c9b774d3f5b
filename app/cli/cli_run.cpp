// bitlens-cli run MODEL [--inputs A.pb [B.pb ...]] --out DIR [--plan FILE]: one inference on
// serialized TensorProto inputs (the ONNX test-data format; none for a model without inputs);
// writes DIR/output_N.pb in each output's type.
#include "cli_commands.h"
#include "cli_common.h"

#include <model/engine/session.h>
#include <model/onnx_loader.h>
#include <model/tensor_proto_io.h>
#include <quant/apply_plan.h>

#include <QCommandLineParser>

#include <cstdio>
#include <filesystem>

namespace bitlens::cli {

int runRun(const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Runs the model once on TensorProto inputs and writes output_N.pb files."));
    addHelp(p);
    p.addPositionalArgument(QStringLiteral("MODEL"), QStringLiteral("The ONNX model file."));
    const QCommandLineOption inputs(QStringLiteral("inputs"), QStringLiteral("Input .pb files, comma-separated or repeated, in graph input order (none for a model without inputs)."), QStringLiteral("FILES"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Output folder."), QStringLiteral("DIR"));
    const QCommandLineOption plan(QStringLiteral("plan"), QStringLiteral("Quantize the weights with this plan first."), QStringLiteral("FILE"));
    p.addOptions({inputs, out, plan});
    if (!p.parse(args))
        return failWith(p.errorText());
    if (p.isSet(QStringLiteral("help")))
        return printHelp(p, args);
    if (p.positionalArguments().isEmpty() || !p.isSet(out))
        return failWith(QStringLiteral("run: expected MODEL [--inputs A.pb [B.pb ...]] --out DIR"));
    // Extra positional arguments after the first input file are further inputs (--inputs A.pb B.pb).
    QStringList files;
    for (const QString& v : p.values(inputs))
        files << parseList(v);
    files << p.positionalArguments().mid(1);

    const std::string modelFile = p.positionalArguments().first().toStdString();
    auto model = loadOnnxModel(modelFile);
    if (!model)
        return failWith(model.error());
    auto shared = std::make_shared<Model>(std::move(*model));
    if (files.isEmpty() && !shared->inputs.empty()) { // a model without inputs needs none
        std::string names;
        for (const ValueInfo& v : shared->inputs)
            names += (names.empty() ? "" : ", ") + v.name;
        return failWith(QString::fromStdString(modelFile + ": the model has " + std::to_string(shared->inputs.size()) +
                                               " input(s) (" + names + "); give them with --inputs"));
    }
    auto session = engine::Session::create(shared);
    if (!session)
        return failWith(session.error());
    if (p.isSet(plan)) {
        const auto layers = findWeightLayers(*shared);
        auto pl = readPlan(p.value(plan).toStdString(), &layers);
        if (!pl)
            return failWith(pl.error());
        for (const auto& [name, tensor] : quantizedWeights(*pl, layers))
            (void)(*session)->overrideConstant(name, tensor);
    }
    std::vector<Tensor> in;
    for (const QString& f : files) {
        auto t = readTensorProtoFile(f.toStdString());
        if (!t)
            return failWith(t.error());
        in.push_back(std::move(*t));
    }
    auto result = (*session)->run(in);
    if (!result)
        return failWith(result.error());
    const std::filesystem::path dir = p.value(out).toStdString();
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    for (size_t i = 0; i < result->size(); ++i) {
        auto ok = writeTensorProtoFile(dir / ("output_" + std::to_string(i) + ".pb"), (*result)[i]);
        if (!ok)
            return failWith(ok.error());
        std::printf("output_%zu.pb %s\n", i, shapeString((*result)[i].dims).c_str());
    }
    return kExitOk;
}

} // namespace bitlens::cli

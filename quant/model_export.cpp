#include "model_export.h"

#include "apply_plan.h"

#include <model/onnx_writer.h>

#include <QJsonDocument>

namespace bitlens {

Result<bool> exportFakeQuant(const Model& model, const std::vector<WeightLayer>& layers, const Plan& plan,
                             const std::string& outPath)
{
    if (plan.foldBatchNorm)
        return fail(outPath + ": a plan with BatchNorm folded changes the graph; exporting it is not supported");
    OnnxWriteOptions options;
    options.constants = quantizedWeights(plan, layers);
    // The plan as one line of JSON, so the file says how it was made.
    options.metadata.emplace_back("bitlens.plan",
                                  QJsonDocument::fromJson(planJson(plan)).toJson(QJsonDocument::Compact).toStdString());
    return writeModelWithConstants(model, options, outPath);
}

} // namespace bitlens

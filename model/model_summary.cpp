#include "model_summary.h"

namespace bitlens {

ModelSummary summarizeModel(const Model& model)
{
    ModelSummary s;
    for (const Node& n : model.nodes)
        ++s.opHistogram[n.domain.empty() || n.domain == "ai.onnx" ? n.opType : n.domain + "." + n.opType];
    s.nodeCount = static_cast<int64_t>(model.nodes.size());
    for (const auto& [name, t] : model.constants)
        if (t->isFloat())
            s.constantParameters += t->elementCount();
    s.layers = findWeightLayers(model);
    for (const WeightLayer& l : s.layers)
        s.weightParameters += l.parameters();
    return s;
}

} // namespace bitlens

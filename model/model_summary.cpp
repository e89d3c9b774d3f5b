#include "model_summary.h"

#include <set>

namespace bitlens {

namespace {

// Every value type the graph declares or makes: inputs, outputs, constants and Cast targets.
std::set<DataType> valueTypes(const Model& model)
{
    std::set<DataType> types;
    for (const ValueInfo& v : model.inputs)
        types.insert(v.type);
    for (const ValueInfo& v : model.outputs)
        types.insert(v.type);
    for (const auto& [name, t] : model.constants)
        types.insert(t->type);
    for (const Node& n : model.nodes)
        if (n.opType == "Cast" || n.opType == "CastLike")
            if (const Attribute* to = n.attribute("to"); to && to->kind == Attribute::Kind::Int)
                types.insert(static_cast<DataType>(to->i));
    return types;
}

// Counts the nodes, ops and float constants of a graph and of every subgraph inside it.
void countGraph(const std::vector<Node>& nodes, const std::map<std::string, std::shared_ptr<const Tensor>>& constants,
                ModelSummary& s)
{
    for (const Node& n : nodes) {
        ++s.opHistogram[n.domain.empty() || n.domain == "ai.onnx" ? n.opType : n.domain + "." + n.opType];
        ++s.nodeCount;
        for (const Attribute& a : n.attributes)
            if (a.graph) {
                ++s.subgraphCount;
                countGraph(a.graph->nodes, a.graph->constants, s);
            }
    }
    for (const auto& [name, t] : constants)
        if (t->isFloat())
            s.constantParameters += t->elementCount();
}

} // namespace

ModelSummary summarizeModel(const Model& model)
{
    ModelSummary s;
    countGraph(model.nodes, model.constants, s);
    s.layers = findWeightLayers(model, &s.notAnalysed);
    for (const WeightLayer& l : s.layers)
        s.weightParameters += l.parameters();
    const std::set<DataType> types = valueTypes(model);
    if (types.count(DataType::Double))
        s.precisionNotes.push_back("float64 values are computed in float32 (about 7 significant digits) and stored "
                                   "as float64; weight statistics read them exactly");
    if (types.count(DataType::Float16) || types.count(DataType::BFloat16))
        s.precisionNotes.push_back("float16/bfloat16 values are computed in float32 and rounded to their type "
                                   "wherever the graph stores them");
    return s;
}

} // namespace bitlens

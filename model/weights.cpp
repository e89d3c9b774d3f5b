#include "weights.h"

#include <set>
#include <unordered_map>

namespace bitlens {

ConstantResolver::ConstantResolver(const Model& model) : m_model(model)
{
    for (const Node& n : model.nodes)
        if (n.opType == "Identity" && n.inputs.size() == 1 && n.outputs.size() == 1)
            m_identityInput[n.outputs[0]] = n.inputs[0];
}

std::string ConstantResolver::source(const std::string& valueName) const
{
    std::string name = valueName;
    // Bounded by the node count, so an Identity cycle in a hostile file cannot loop forever.
    for (size_t hops = 0; hops <= m_model.nodes.size(); ++hops) {
        if (m_model.constants.count(name))
            return name;
        auto it = m_identityInput.find(name);
        if (it == m_identityInput.end())
            return {};
        name = it->second;
    }
    return {};
}

const Tensor* ConstantResolver::tensor(const std::string& valueName) const
{
    const std::string src = source(valueName);
    return src.empty() ? nullptr : m_model.constants.at(src).get();
}

namespace {

// The output-channel axis of the weight input (index 1) of `node`, or -1 if it has none.
int outputAxis(const Node& node, const Tensor& w)
{
    const auto rank = static_cast<int>(w.dims.size());
    if (node.opType == "Conv")
        return rank >= 1 ? 0 : -1;
    if (node.opType == "ConvTranspose")
        return rank >= 2 ? 1 : -1;
    if (node.opType == "Gemm") {
        if (rank != 2)
            return -1;
        return node.intAttribute("transB", 0) != 0 ? 0 : 1;
    }
    if (node.opType == "MatMul")
        return rank >= 1 ? rank - 1 : -1;
    return -1;
}

} // namespace

std::vector<WeightLayer> findWeightLayers(const Model& model, std::vector<std::string>* problems)
{
    auto problem = [&](const std::string& what) {
        if (problems)
            problems->push_back(what);
    };
    std::vector<WeightLayer> layers;
    std::set<std::string> seen;
    const ConstantResolver resolver(model);
    for (const Node& node : model.nodes) {
        if (node.inputs.size() < 2 || !(node.domain.empty() || node.domain == "ai.onnx"))
            continue;
        if (node.opType != "Conv" && node.opType != "ConvTranspose" && node.opType != "Gemm" &&
            node.opType != "MatMul")
            continue;
        const std::string source = resolver.source(node.inputs[1]);
        if (source.empty() || seen.count(source))
            continue;
        const auto& tensor = model.constants.at(source);
        if (!tensor->isFloat() || tensor->elementCount() == 0)
            continue;
        if (static_cast<int64_t>(tensor->floats.size()) != tensor->elementCount()) {
            problem("weight '" + source + "' holds " + std::to_string(tensor->floats.size()) + " values for dims " +
                    shapeString(tensor->dims) + "; skipped");
            continue;
        }
        if (const Attribute* t = node.attribute("transB"); node.opType == "Gemm" && t && t->kind != Attribute::Kind::Int) {
            problem("Gemm '" + node.name + "' has a transB attribute that is not an integer; '" + source + "' skipped");
            continue;
        }
        const int axis = outputAxis(node, *tensor);
        if (axis < 0)
            continue;
        seen.insert(source);
        layers.push_back({source, node.name, node.opType, axis, tensor});
    }
    return layers;
}

} // namespace bitlens

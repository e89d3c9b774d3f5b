#include "batchnorm_fold.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace bitlens {

FoldReport foldBatchNorm(const Model& model)
{
    FoldReport report;
    const ConstantResolver resolver(model);
    std::unordered_map<std::string, int> weightUses; // constant -> number of non-data inputs it feeds
    for (const Node& n : model.nodes)
        for (size_t i = 1; i < n.inputs.size(); ++i)
            if (const std::string src = resolver.source(n.inputs[i]); !src.empty())
                ++weightUses[src];
    std::unordered_map<std::string, std::vector<const Node*>> consumers;
    for (const Node& n : model.nodes)
        for (const std::string& in : n.inputs)
            if (!in.empty())
                consumers[in].push_back(&n);
    auto isGraphOutput = [&](const std::string& name) {
        for (const ValueInfo& o : model.outputs)
            if (o.name == name)
                return true;
        return false;
    };

    for (const Node& conv : model.nodes) {
        if (conv.opType != "Conv" || conv.inputs.size() < 2 || conv.outputs.size() != 1)
            continue;
        const auto& users = consumers[conv.outputs[0]];
        if (users.size() != 1 || users[0]->opType != "BatchNormalization" || isGraphOutput(conv.outputs[0]))
            continue;
        const Node& bn = *users[0];
        const std::string who = "Conv '" + conv.name + "' + BatchNormalization '" + bn.name + "'";
        if (bn.inputs.size() < 5 || bn.inputs[0] != conv.outputs[0]) {
            report.skipped.push_back(who + ": unexpected BatchNormalization inputs");
            continue;
        }
        const std::string wName = resolver.source(conv.inputs[1]);
        if (wName.empty()) {
            report.skipped.push_back(who + ": the weight is not a constant");
            continue;
        }
        const Tensor& w = *model.constants.at(wName);
        if (weightUses[wName] != 1) {
            report.skipped.push_back(who + ": the weight '" + wName + "' is shared with another node");
            continue;
        }
        const Tensor* p[4];
        bool ok = w.isFloat() && !w.dims.empty() && static_cast<int64_t>(w.floats.size()) == w.elementCount();
        const int64_t channels = ok ? w.dims[0] : 0;
        for (int k = 0; k < 4 && ok; ++k) {
            p[k] = resolver.tensor(bn.inputs[static_cast<size_t>(k) + 1]);
            ok = p[k] && p[k]->isFloat() && p[k]->elementCount() == channels &&
                 static_cast<int64_t>(p[k]->floats.size()) == channels;
        }
        const Tensor* b = nullptr;
        if (ok && conv.inputs.size() >= 3 && !conv.inputs[2].empty()) {
            b = resolver.tensor(conv.inputs[2]);
            ok = b && b->isFloat() && b->elementCount() == channels && static_cast<int64_t>(b->floats.size()) == channels;
        }
        if (!ok) {
            report.skipped.push_back(who + ": parameters are not constants of " + std::to_string(channels) +
                                     " channels");
            continue;
        }
        if (const Attribute* e = bn.attribute("epsilon"); e && e->kind != Attribute::Kind::Float) {
            report.skipped.push_back(who + ": epsilon is not a float");
            continue;
        }
        const double eps = bn.floatAttribute("epsilon", 1e-5);
        const auto& gamma = p[0]->floats;
        const auto& beta = p[1]->floats;
        const auto& mean = p[2]->floats;
        const auto& var = p[3]->floats;

        auto folded = std::make_shared<Tensor>(w);
        folded->type = DataType::Float;
        const int64_t perChannel = w.elementCount() / std::max<int64_t>(channels, 1);
        std::vector<float> bias(static_cast<size_t>(channels));
        for (int64_t c = 0; c < channels; ++c) {
            const auto ci = static_cast<size_t>(c);
            const double scale = gamma[ci] / std::sqrt(static_cast<double>(var[ci]) + eps);
            for (int64_t j = 0; j < perChannel; ++j) {
                float& v = folded->floats[static_cast<size_t>(c * perChannel + j)];
                v = static_cast<float>(v * scale);
            }
            const double b0 = b ? b->floats[ci] : 0.0;
            bias[ci] = static_cast<float>(beta[ci] + (b0 - mean[ci]) * scale);
        }
        report.folded.push_back({wName, conv.name, bn.name, std::move(folded), std::move(bias)});
    }
    return report;
}

void applyFolding(std::vector<WeightLayer>& layers, const FoldReport& report)
{
    for (WeightLayer& layer : layers)
        for (const FoldedConv& f : report.folded)
            if (f.weightName == layer.name)
                layer.tensor = f.weight;
}

} // namespace bitlens

namespace bitlens {

Model foldedModel(const Model& model, const FoldReport& report)
{
    Model m = model;
    for (const FoldedConv& f : report.folded) {
        auto conv = std::find_if(m.nodes.begin(), m.nodes.end(), [&](const Node& n) {
            return n.opType == "Conv" && n.name == f.convNode && n.inputs.size() >= 2;
        });
        auto bn = std::find_if(m.nodes.begin(), m.nodes.end(), [&](const Node& n) {
            return n.opType == "BatchNormalization" && n.name == f.batchNormNode;
        });
        if (conv == m.nodes.end() || bn == m.nodes.end() || bn->outputs.empty())
            continue;
        m.constants[f.weightName] = f.weight;
        auto bias = std::make_shared<Tensor>();
        bias->name = f.weightName + ".folded_bias";
        bias->dims = {static_cast<int64_t>(f.bias.size())};
        bias->floats.assign(f.bias.begin(), f.bias.end());
        m.constants[bias->name] = bias;
        conv->inputs[1] = f.weightName; // bypass any Identity in front of the weight
        conv->inputs.resize(3);
        conv->inputs[2] = bias->name;
        conv->outputs[0] = bn->outputs[0];
        m.nodes.erase(bn);
    }
    return m;
}

} // namespace bitlens

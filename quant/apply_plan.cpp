#include "apply_plan.h"

#include "layer_stats.h"
#include "quantize_tensor.h"
#include "scheme_registry.h"

namespace bitlens {

std::shared_ptr<const Tensor> quantizedWeight(const WeightLayer& l, const QuantSpec& s)
{
    if (s.bits == kFp32Bits || !nonFiniteWarning(l.name, l.tensor->floats).empty())
        return nullptr;
    auto t = std::make_shared<Tensor>();
    t->name = l.name;
    t->dims = l.tensor->dims;
    const std::vector<float> xhat = quantizeLayer(l, s, OutputXhat).xhat;
    t->floats.assign(xhat.begin(), xhat.end());
    return t;
}

std::map<std::string, std::shared_ptr<const Tensor>> quantizedWeights(const Plan& plan,
                                                                      const std::vector<WeightLayer>& layers,
                                                                      std::vector<std::string>* skipped)
{
    std::map<std::string, std::shared_ptr<const Tensor>> out;
    for (const WeightLayer& l : layers) {
        const QuantSpec s = plan.specFor(l.name);
        if (s.bits == kFp32Bits)
            continue;
        if (std::string w = nonFiniteWarning(l.name, l.tensor->floats); !w.empty()) {
            if (skipped)
                skipped->push_back(w);
            continue;
        }
        out[l.name] = quantizedWeight(l, s);
    }
    return out;
}

} // namespace bitlens

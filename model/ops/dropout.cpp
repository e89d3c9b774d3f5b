// Dropout: at inference the output is the input and the optional mask is all true; BitLens runs
// inference only. Opsets 7..11 take `ratio` as an attribute (dropping happens only in training, so
// it does not change the result); their mask has the data's type before opset 10 (all 1.0) and is
// bool from 10 on. Opset 12 turns ratio into an optional input (default 0.5), adds the optional
// bool input training_mode and the `seed` attribute; 13 adds bfloat16 (18..21 change nothing).
// Training mode drops a random subset scaled by 1 / (1 - ratio), which BitLens does not draw:
// it runs only with ratio 0, where nothing is dropped and the result is exact.
#include "common.h"
#include "registry.h"

#include <algorithm>

namespace bitlens::engine {
namespace {

class DropoutOp : public Operator
{
public:
    DropoutOp(bool boolMask, bool inputs) : m_boolMask(boolMask), m_inputs(inputs) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0])
            return "expects an input";
        const Tensor& x = *in[0];
        if (!x.isFloat())
            return "expects a float tensor, not " + std::string(dataTypeName(x.type));
        if (m_inputs && in.size() > 2 && in[2]) {
            const Tensor& training = *in[2];
            if (training.type != DataType::Bool || training.ints.size() != 1)
                return "expects training_mode as a one-element bool tensor";
            if (training.ints[0] != 0) {
                double ratio = 0.5;
                if (in.size() > 1 && in[1]) {
                    if (!in[1]->isFloat() || in[1]->floats.size() != 1)
                        return "expects ratio as a one-element float tensor";
                    ratio = in[1]->floats[0];
                }
                if (ratio != 0)
                    return "training-mode Dropout with ratio " + std::to_string(ratio) +
                           " drops a random subset of its input; BitLens runs inference only and supports ratio 0 "
                           "alone in training mode";
            }
        }
        out[0] = x;
        if (out.size() > 1) {
            Tensor mask = tensorLike(x, m_boolMask ? DataType::Bool : x.type);
            if (m_boolMask)
                std::fill(mask.ints.begin(), mask.ints.end(), 1);
            else
                std::fill(mask.floats.begin(), mask.floats.end(), 1.0f);
            out[1] = std::move(mask);
        }
        return {};
    }

    bool acceptsChannelsLast() const override { return true; } // the copy keeps the layout

private:
    bool m_boolMask; // opset 10+: the mask is bool, before it has the data's type
    bool m_inputs;   // opset 12+: ratio and training_mode are inputs
};

} // namespace

Result<std::unique_ptr<Operator>> makeDropout(const Node& n, int64_t opset)
{
    if (opset < 12) {
        const double ratio = n.floatAttribute("ratio", 0.5);
        if (!(ratio >= 0 && ratio < 1))
            return fail("ratio " + std::to_string(ratio) + " is outside [0, 1)");
    }
    // seed (opset 12+) only matters for the random draw, which BitLens never makes.
    return std::unique_ptr<Operator>(new DropoutOp(opset >= 10, opset >= 12));
}

} // namespace bitlens::engine

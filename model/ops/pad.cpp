// Pad: pads/value attributes before opset 11, inputs (pads, optional constant_value) from 11;
// opset 18 adds the optional axes input (pads then hold 2 x len(axes) values, for those axes only);
// modes constant, reflect, edge, and wrap (opset 19: as if the axis's ends were joined); negative
// pads crop.
#include "common.h"
#include "registry.h"

#include <cmath>
#include <optional>

namespace bitlens::engine {
namespace {

class PadOp : public Operator
{
public:
    PadOp(std::string mode, std::vector<int64_t> pads, float value, bool fromInputs)
        : m_mode(std::move(mode)), m_pads(std::move(pads)), m_value(value), m_fromInputs(fromInputs) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0])
            return "expects data";
        const Tensor& x = *in[0];
        std::vector<int64_t> pads = m_pads;
        float value = m_value;
        std::optional<int64_t> intValue; // an integer constant_value, read exactly
        if (m_fromInputs) {
            if (in.size() < 2 || !in[1])
                return "expects the pads input";
            pads = asInts(*in[1]);
            if (in.size() > 3 && in[3]) { // axes: spread the pads over the full rank
                const std::vector<int64_t> axes = asInts(*in[3]);
                const size_t r = x.dims.size(), k = axes.size();
                if (pads.size() != 2 * k)
                    return "pads has " + std::to_string(pads.size()) + " values for " + std::to_string(k) + " axes";
                std::vector<int64_t> full(2 * r, 0);
                std::vector<bool> seen(r, false);
                for (size_t i = 0; i < k; ++i) {
                    auto a = normalizeAxis(axes[i], r);
                    if (!a || seen[static_cast<size_t>(*a)])
                        return "axes " + dimsText(axes) + " are out of range or repeated for rank " + std::to_string(r);
                    seen[static_cast<size_t>(*a)] = true;
                    full[static_cast<size_t>(*a)] = pads[i];
                    full[static_cast<size_t>(*a) + r] = pads[i + k];
                }
                pads = std::move(full);
            }
            if (in.size() > 2 && in[2] && in[2]->elementCount() > 0) {
                value = in[2]->isFloat() ? in[2]->floats[0] : static_cast<float>(in[2]->ints[0]);
                if (!in[2]->isFloat())
                    intValue = in[2]->ints[0];
            }
        }
        // Padding an integer tensor with a float value: the value must be an integer int64 holds.
        if (!x.isFloat() && !intValue) {
            if (!(std::fabs(value) < 9.2e18f) || value != std::trunc(value))
                return "constant_value " + std::to_string(value) + " does not fit the integer input";
            intValue = static_cast<int64_t>(value);
        }
        const size_t r = x.dims.size();
        if (pads.size() != 2 * r)
            return "pads has " + std::to_string(pads.size()) + " values for rank " + std::to_string(r);
        std::vector<int64_t> yd(r);
        for (size_t d = 0; d < r; ++d) {
            if (__builtin_add_overflow(x.dims[d], pads[d], &yd[d]) || __builtin_add_overflow(yd[d], pads[d + r], &yd[d]))
                return "pads " + dimsText(pads) + " overflow the output size";
            if (yd[d] < 0)
                return "pads crop more than the input has";
            if (m_mode != "constant" && x.dims[d] == 0 && yd[d] > 0)
                return "cannot " + m_mode + "-pad an empty axis";
            if (m_mode == "reflect" && (pads[d] >= x.dims[d] || pads[d + r] >= x.dims[d]) && (pads[d] > 0 || pads[d + r] > 0))
                return "reflect pads must be smaller than the axis";
        }
        Tensor y = x.isFloat() ? floatTensor(yd) : intTensor(yd);
        y.type = x.type;
        std::vector<int64_t> stride(r, 1);
        for (size_t i = r; i-- > 1;)
            stride[i - 1] = stride[i] * x.dims[i];
        const int64_t n = elementCount(yd);
        std::vector<int64_t> pos(r, 0);
        for (int64_t k = 0; k < n; ++k) {
            int64_t src = 0;
            bool inside = true;
            for (size_t d = 0; d < r; ++d) {
                int64_t q = pos[d] - pads[d];
                const int64_t dim = x.dims[d];
                if (q < 0 || q >= dim) {
                    if (m_mode == "constant") {
                        inside = false;
                        break;
                    }
                    if (m_mode == "edge")
                        q = q < 0 ? 0 : dim - 1;
                    else if (m_mode == "wrap")
                        q = (q % dim + dim) % dim;
                    else // reflect, without repeating the edge
                        q = q < 0 ? -q : 2 * (dim - 1) - q;
                }
                src += q * stride[d];
            }
            if (x.isFloat())
                y.floats[static_cast<size_t>(k)] = inside ? x.floats[static_cast<size_t>(src)] : value;
            else
                y.ints[static_cast<size_t>(k)] = inside ? x.ints[static_cast<size_t>(src)] : *intValue;
            nextIndex(pos, yd);
        }
        out[0] = std::move(y);
        return {};
    }

private:
    std::string m_mode;
    std::vector<int64_t> m_pads;
    float m_value;
    bool m_fromInputs;
};

} // namespace

Result<std::unique_ptr<Operator>> makePad(const Node& node, int64_t opset)
{
    const std::string mode = stringAttribute(node, "mode", "constant");
    if (mode != "constant" && mode != "reflect" && mode != "edge" && !(mode == "wrap" && opset >= 19))
        return fail("pad mode '" + mode + "' is not supported" + (mode == "wrap" ? " before opset 19" : ""));
    return std::unique_ptr<Operator>(new PadOp(mode, intsAttribute(node, "pads"),
                                               static_cast<float>(node.floatAttribute("value", 0.0)), opset >= 11));
}

} // namespace bitlens::engine

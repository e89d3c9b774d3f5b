// TopK: the k largest (or, largest=0, smallest) values along `axis` (default -1) and their int64
// indices; k is an attribute before opset 10 and a one-element input from then on. Sorted from the
// most extreme; equal values keep the lower index first, as ONNX Runtime does.
#include "common.h"
#include "registry.h"

#include <algorithm>
#include <numeric>

namespace bitlens::engine {
namespace {

class TopKOp : public Operator
{
public:
    TopKOp(int64_t k, bool kInput, int64_t axis, bool largest) : m_k(k), m_kInput(kInput), m_axis(axis), m_largest(largest) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0])
            return "expects an input";
        const Tensor& x = *in[0];
        if (x.type == DataType::Bool)
            return "expects a numeric tensor, not BOOL";
        int64_t k = m_k;
        if (m_kInput) {
            if (in.size() < 2 || !in[1] || in[1]->elementCount() != 1)
                return "expects k as a one-element input";
            k = asInts(*in[1])[0];
        }
        auto axis = normalizeAxis(m_axis, x.dims.size());
        if (!axis)
            return "axis " + std::to_string(m_axis) + " is out of range for " + dimsText(x.dims);
        const auto a = static_cast<size_t>(*axis);
        const int64_t len = x.dims[a];
        if (k < 0 || k > len)
            return "k = " + std::to_string(k) + " is outside 0.." + std::to_string(len);
        int64_t outer = 1, inner = 1;
        for (size_t d = 0; d < a; ++d)
            outer *= x.dims[d];
        for (size_t d = a + 1; d < x.dims.size(); ++d)
            inner *= x.dims[d];
        std::vector<int64_t> yd = x.dims;
        yd[a] = k;
        Tensor indices = intTensor(yd), values = tensorLike(indices, x.type);
        std::vector<int64_t> order(static_cast<size_t>(len));
        auto value = [&](int64_t i) { return x.isFloat() ? static_cast<double>(x.floats[static_cast<size_t>(i)])
                                                         : static_cast<double>(x.ints[static_cast<size_t>(i)]); };
        for (int64_t o = 0; o < outer; ++o)
            for (int64_t j = 0; j < inner; ++j) {
                const int64_t base = o * len * inner + j;
                std::iota(order.begin(), order.end(), 0);
                auto before = [&](int64_t p, int64_t q) {
                    const double vp = value(base + p * inner), vq = value(base + q * inner);
                    return m_largest ? vp > vq : vp < vq;
                };
                std::partial_sort(order.begin(), order.begin() + k, order.end(),
                                  [&](int64_t p, int64_t q) { return before(p, q) || (!before(q, p) && p < q); });
                for (int64_t r = 0; r < k; ++r) {
                    const auto to = static_cast<size_t>((o * k + r) * inner + j);
                    const auto from = static_cast<size_t>(base + order[static_cast<size_t>(r)] * inner);
                    if (x.isFloat())
                        values.floats[to] = x.floats[from];
                    else
                        values.ints[to] = x.ints[from];
                    indices.ints[to] = order[static_cast<size_t>(r)];
                }
            }
        out[0] = std::move(values);
        if (out.size() > 1)
            out[1] = std::move(indices);
        return {};
    }

private:
    int64_t m_k;
    bool m_kInput;
    int64_t m_axis;
    bool m_largest;
};

} // namespace

Result<std::unique_ptr<Operator>> makeTopK(const Node& n, int64_t opset)
{
    // sorted=0 leaves the order unspecified: the sorted order is one valid answer.
    return std::unique_ptr<Operator>(
        new TopKOp(n.intAttribute("k", 0), opset >= 10, n.intAttribute("axis", -1), n.intAttribute("largest", 1) != 0));
}

} // namespace bitlens::engine

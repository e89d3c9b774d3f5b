// Shape: the input's dims as int64 (start/end slicing from opset 15).
#include "common.h"
#include "registry.h"

#include <algorithm>

namespace bitlens::engine {
namespace {

class ShapeOp : public Operator
{
public:
    ShapeOp(int64_t start, std::optional<int64_t> end) : m_start(start), m_end(end) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0])
            return "expects an input";
        const auto r = static_cast<int64_t>(in[0]->dims.size());
        auto clampAxis = [r](int64_t a) { return std::clamp(a < 0 ? a + r : a, int64_t{0}, r); };
        const int64_t s = clampAxis(m_start), e = clampAxis(m_end.value_or(r));
        Tensor y = intTensor({std::max<int64_t>(0, e - s)});
        for (int64_t i = s; i < e; ++i)
            y.ints[static_cast<size_t>(i - s)] = in[0]->dims[static_cast<size_t>(i)];
        out[0] = std::move(y);
        return {};
    }

private:
    int64_t m_start;
    std::optional<int64_t> m_end;
};

} // namespace

Result<std::unique_ptr<Operator>> makeShape(const Node& node, int64_t)
{
    std::optional<int64_t> end;
    if (node.attribute("end"))
        end = node.intAttribute("end", 0);
    return std::unique_ptr<Operator>(new ShapeOp(node.intAttribute("start", 0), end));
}

} // namespace bitlens::engine

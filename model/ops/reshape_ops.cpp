// Operators that only change the shape, never the data: Flatten, Reshape (0 copies a dim unless
// allowzero, opset 14; -1 is inferred), Unsqueeze and Squeeze (axes attribute before opset 13,
// an input from 13).
#include "common.h"
#include "registry.h"

#include <algorithm>

namespace bitlens::engine {
namespace {

Status reshaped(const Tensor& x, std::vector<int64_t> dims, Tensor& out)
{
    if (elementCount(dims) != x.elementCount())
        return "cannot reshape " + dimsText(x.dims) + " to " + dimsText(dims);
    out = x;
    out.dims = std::move(dims);
    return {};
}

class FlattenOp : public Operator
{
public:
    explicit FlattenOp(int64_t axis) : m_axis(axis) {}
    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0])
            return "expects an input";
        const Tensor& x = *in[0];
        const auto rank = static_cast<int64_t>(x.dims.size());
        if (m_axis < -rank || m_axis > rank) // axis in [-r, r]
            return "axis " + std::to_string(m_axis) + " is out of range for " + dimsText(x.dims);
        const int64_t axis = m_axis < 0 ? m_axis + rank : m_axis;
        int64_t outer = 1;
        for (int64_t i = 0; i < axis; ++i)
            outer *= x.dims[static_cast<size_t>(i)];
        return reshaped(x, {outer, outer == 0 ? 0 : x.elementCount() / outer}, out[0]);
    }

private:
    int64_t m_axis;
};

class ReshapeOp : public Operator
{
public:
    explicit ReshapeOp(bool allowZero) : m_allowZero(allowZero) {}
    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.size() < 2 || !in[0] || !in[1])
            return "expects data and shape";
        const Tensor& x = *in[0];
        std::vector<int64_t> dims = asInts(*in[1]);
        int infer = -1;
        int64_t known = 1;
        for (size_t i = 0; i < dims.size(); ++i) {
            if (dims[i] == 0 && !m_allowZero) {
                if (i >= x.dims.size())
                    return "shape " + dimsText(dims) + " copies a dimension " + dimsText(x.dims) + " does not have";
                dims[i] = x.dims[i];
            }
            if (dims[i] == -1) {
                if (infer >= 0)
                    return "shape " + dimsText(dims) + " has more than one -1";
                infer = static_cast<int>(i);
                continue;
            }
            if (dims[i] < 0)
                return "shape " + dimsText(dims) + " has a negative dimension";
            if (__builtin_mul_overflow(known, dims[i], &known))
                return "shape " + dimsText(dims) + " overflows int64";
        }
        if (infer >= 0) {
            if (known == 0 || x.elementCount() % known != 0)
                return "cannot infer -1 reshaping " + dimsText(x.dims) + " to " + dimsText(asInts(*in[1]));
            dims[static_cast<size_t>(infer)] = x.elementCount() / known;
        }
        return reshaped(x, std::move(dims), out[0]);
    }

private:
    bool m_allowZero;
};

class UnsqueezeOp : public Operator
{
public:
    UnsqueezeOp(std::vector<int64_t> axes, bool fromInput) : m_axes(std::move(axes)), m_fromInput(fromInput) {}
    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0])
            return "expects an input";
        std::vector<int64_t> axes = m_axes;
        if (m_fromInput) {
            if (in.size() < 2 || !in[1])
                return "expects the axes input";
            axes = asInts(*in[1]);
        }
        const Tensor& x = *in[0];
        const size_t rank = x.dims.size() + axes.size();
        std::vector<char> isNew(rank, 0);
        for (int64_t a : axes) {
            auto ax = normalizeAxis(a, rank);
            if (!ax || isNew[static_cast<size_t>(*ax)])
                return "axes " + dimsText(axes) + " are invalid for rank " + std::to_string(rank);
            isNew[static_cast<size_t>(*ax)] = 1;
        }
        std::vector<int64_t> dims;
        size_t j = 0;
        for (size_t i = 0; i < rank; ++i)
            dims.push_back(isNew[i] ? 1 : x.dims[j++]);
        return reshaped(x, std::move(dims), out[0]);
    }

private:
    std::vector<int64_t> m_axes;
    bool m_fromInput;
};

class SqueezeOp : public Operator
{
public:
    SqueezeOp(std::vector<int64_t> axes, bool fromInput) : m_axes(std::move(axes)), m_fromInput(fromInput) {}
    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0])
            return "expects an input";
        std::vector<int64_t> axes = m_axes;
        if (m_fromInput && in.size() > 1 && in[1])
            axes = asInts(*in[1]);
        const Tensor& x = *in[0];
        std::vector<char> drop(x.dims.size(), 0);
        if (axes.empty()) {
            for (size_t i = 0; i < x.dims.size(); ++i)
                drop[i] = x.dims[i] == 1;
        }
        for (int64_t a : axes) {
            auto ax = normalizeAxis(a, x.dims.size());
            if (!ax || x.dims[static_cast<size_t>(*ax)] != 1)
                return "cannot squeeze axis " + std::to_string(a) + " of " + dimsText(x.dims);
            drop[static_cast<size_t>(*ax)] = 1;
        }
        std::vector<int64_t> dims;
        for (size_t i = 0; i < x.dims.size(); ++i)
            if (!drop[i])
                dims.push_back(x.dims[i]);
        return reshaped(x, std::move(dims), out[0]);
    }

private:
    std::vector<int64_t> m_axes;
    bool m_fromInput;
};

} // namespace

Result<std::unique_ptr<Operator>> makeFlatten(const Node& node, int64_t)
{
    return std::unique_ptr<Operator>(new FlattenOp(node.intAttribute("axis", 1)));
}

Result<std::unique_ptr<Operator>> makeReshape(const Node& node, int64_t)
{
    return std::unique_ptr<Operator>(new ReshapeOp(node.intAttribute("allowzero", 0) != 0));
}

Result<std::unique_ptr<Operator>> makeUnsqueeze(const Node& node, int64_t opset)
{
    return std::unique_ptr<Operator>(new UnsqueezeOp(intsAttribute(node, "axes"), opset >= 13));
}

Result<std::unique_ptr<Operator>> makeSqueeze(const Node& node, int64_t opset)
{
    return std::unique_ptr<Operator>(new SqueezeOp(intsAttribute(node, "axes"), opset >= 13));
}

} // namespace bitlens::engine

// Transpose: output axis i is input axis perm[i] (default: reversed).
#include "common.h"
#include "registry.h"

#include <algorithm>

namespace bitlens::engine {
namespace {

class TransposeOp : public Operator
{
public:
    explicit TransposeOp(std::vector<int64_t> perm) : m_perm(std::move(perm)) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0])
            return "expects an input";
        const Tensor& x = *in[0];
        const size_t r = x.dims.size();
        std::vector<int64_t> perm = m_perm;
        if (perm.empty())
            for (size_t i = 0; i < r; ++i)
                perm.push_back(static_cast<int64_t>(r - 1 - i));
        std::vector<char> seen(r, 0);
        if (perm.size() != r)
            return "perm " + dimsText(perm) + " does not match rank " + std::to_string(r);
        for (int64_t p : perm) {
            if (p < 0 || p >= static_cast<int64_t>(r) || seen[static_cast<size_t>(p)])
                return "perm " + dimsText(perm) + " is not a permutation";
            seen[static_cast<size_t>(p)] = 1;
        }
        std::vector<int64_t> inStride(r, 1), yd(r);
        for (size_t i = r; i-- > 1;)
            inStride[i - 1] = inStride[i] * x.dims[i];
        for (size_t i = 0; i < r; ++i)
            yd[i] = x.dims[static_cast<size_t>(perm[i])];
        Tensor y = x.isFloat() ? uninitializedFloatTensor(yd) : intTensor(yd); // every value is written
        y.type = x.type;
        const int64_t n = elementCount(yd);
        if (n == 0) {
            out[0] = std::move(y);
            return {};
        }
        if (x.isFloat())
            permute(x.floats.data(), y.floats.data(), inStride, perm, yd);
        else
            permute(x.ints.data(), y.ints.data(), inStride, perm, yd);
        out[0] = std::move(y);
        return {};
    }

private:
    // Output rows along its last axis, each a strided (or, when that axis stays last, contiguous)
    // read of x; an odometer over the other axes moves the row's start.
    template <class T>
    static void permute(const T* x, T* y, const std::vector<int64_t>& inStride, const std::vector<int64_t>& perm,
                        const std::vector<int64_t>& yd)
    {
        const size_t r = yd.size();
        if (r == 0) {
            y[0] = x[0];
            return;
        }
        const size_t last = r - 1;
        const int64_t len = yd[last], step = inStride[static_cast<size_t>(perm[last])];
        int64_t rows = 1;
        for (size_t d = 0; d < last; ++d)
            rows *= yd[d];
        std::vector<int64_t> pos(r, 0);
        int64_t src = 0;
        for (int64_t row = 0; row < rows; ++row, y += len) {
            if (step == 1)
                std::copy(x + src, x + src + len, y);
            else
                for (int64_t i = 0; i < len; ++i)
                    y[i] = x[src + i * step];
            for (size_t d = last; d-- > 0;) {
                const int64_t s = inStride[static_cast<size_t>(perm[d])];
                src += s;
                if (++pos[d] < yd[d])
                    break;
                src -= s * yd[d];
                pos[d] = 0;
            }
        }
    }

    std::vector<int64_t> m_perm;
};

} // namespace

Result<std::unique_ptr<Operator>> makeTranspose(const Node& node, int64_t)
{
    return std::unique_ptr<Operator>(new TransposeOp(intsAttribute(node, "perm")));
}

} // namespace bitlens::engine

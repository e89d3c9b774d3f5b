// Gemm: Y = alpha * A' * B' + beta * C, A' = transA ? A^T : A, B' likewise, C broadcast
// unidirectionally to [M, N] (optional from opset 11).
#include "common.h"
#include "registry.h"

#include <Eigen/Core>

namespace bitlens::engine {
namespace {

using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

class GemmOp : public Operator
{
public:
    GemmOp(float alpha, float beta, bool ta, bool tb) : m_alpha(alpha), m_beta(beta), m_ta(ta), m_tb(tb) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.size() < 2 || !in[0] || !in[1] || !in[0]->isFloat() || !in[1]->isFloat())
            return "expects float A and B";
        const Tensor& a = *in[0];
        const Tensor& b = *in[1];
        if (a.dims.size() != 2 || b.dims.size() != 2)
            return "A " + dimsText(a.dims) + " and B " + dimsText(b.dims) + " must be matrices";
        const int64_t m = m_ta ? a.dims[1] : a.dims[0], k = m_ta ? a.dims[0] : a.dims[1];
        const int64_t kb = m_tb ? b.dims[1] : b.dims[0], n = m_tb ? b.dims[0] : b.dims[1];
        if (k != kb)
            return "inner dimensions differ: A " + dimsText(a.dims) + ", B " + dimsText(b.dims);
        Tensor y = floatTensor({m, n});
        checkWork({m, k, n});
        Eigen::Map<const RowMatrix> am(a.floats.data(), a.dims[0], a.dims[1]);
        Eigen::Map<const RowMatrix> bm(b.floats.data(), b.dims[0], b.dims[1]);
        Eigen::Map<RowMatrix> ym(y.floats.data(), m, n);
        if (m_ta && m_tb)
            ym.noalias() = am.transpose() * bm.transpose();
        else if (m_ta)
            ym.noalias() = am.transpose() * bm;
        else if (m_tb)
            ym.noalias() = am * bm.transpose();
        else
            ym.noalias() = am * bm;
        if (m_alpha != 1.0f)
            ym *= m_alpha;
        if (in.size() > 2 && in[2] && m_beta != 0.0f) {
            const Tensor& c = *in[2];
            auto shape = broadcastShapes(c.dims, {m, n});
            if (!shape || *shape != std::vector<int64_t>{m, n})
                return "C " + dimsText(c.dims) + " does not broadcast to [" + std::to_string(m) + ", " + std::to_string(n) + "]";
            const auto idx = broadcastIndex(c.dims, {m, n});
            for (size_t i = 0; i < y.floats.size(); ++i) {
                const size_t j = static_cast<size_t>(idx[i]);
                y.floats[i] += m_beta * (c.isFloat() ? c.floats[j] : static_cast<float>(c.ints[j]));
            }
        }
        out[0] = std::move(y);
        return {};
    }

private:
    float m_alpha, m_beta;
    bool m_ta, m_tb;
};

} // namespace

Result<std::unique_ptr<Operator>> makeGemm(const Node& node, int64_t)
{
    return std::unique_ptr<Operator>(new GemmOp(static_cast<float>(node.floatAttribute("alpha", 1.0)),
                                                static_cast<float>(node.floatAttribute("beta", 1.0)),
                                                node.intAttribute("transA", 0) != 0, node.intAttribute("transB", 0) != 0));
}

} // namespace bitlens::engine

// MatMul with numpy semantics: 1-D operands are promoted (and the added axis removed again),
// leading batch dimensions broadcast.
#include "common.h"
#include "registry.h"

#include <Eigen/Core>

namespace bitlens::engine {
namespace {

using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

class MatMulOp : public Operator
{
public:
    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.size() < 2 || !in[0] || !in[1] || !in[0]->isFloat() || !in[1]->isFloat())
            return "expects two float tensors";
        MatMulShape shape;
        if (Status bad = matmulShape(in[0]->dims, in[1]->dims, shape); !bad.empty())
            return bad;
        const int64_t m = shape.m, k = shape.k, n = shape.n;
        const int64_t count = elementCount(shape.batch);
        checkWork({count, m, k, n});
        // Eigen writes every value unless the inner dimension is empty (then the product is 0).
        Tensor y = k > 0 ? uninitializedFloatTensor(shape.out) : floatTensor(shape.out);
        if (k == 0 || y.floats.empty()) {
            out[0] = std::move(y);
            return {};
        }
        // A batch of A times one B (a transformer's projections: [batch, seq, k] x [k, n]) is one
        // GEMM of count * m rows: Eigen packs B once instead of once per matrix.
        if (shape.bBatch.empty() || elementCount(shape.bBatch) == 1) {
            if (elementCount(shape.aBatch) == count) {
                Eigen::Map<const RowMatrix> am(in[0]->floats.data(), count * m, k);
                Eigen::Map<const RowMatrix> bm(in[1]->floats.data(), k, n);
                Eigen::Map<RowMatrix>(y.floats.data(), count * m, n).noalias() = am * bm;
                out[0] = std::move(y);
                return {};
            }
        }
        const auto ia = broadcastIndex(shape.aBatch, shape.batch), ib = broadcastIndex(shape.bBatch, shape.batch);
        for (int64_t t = 0; t < count; ++t) {
            Eigen::Map<const RowMatrix> am(in[0]->floats.data() + ia[static_cast<size_t>(t)] * m * k, m, k);
            Eigen::Map<const RowMatrix> bm(in[1]->floats.data() + ib[static_cast<size_t>(t)] * k * n, k, n);
            Eigen::Map<RowMatrix>(y.floats.data() + t * m * n, m, n).noalias() = am * bm;
        }
        out[0] = std::move(y);
        return {};
    }
};

} // namespace

Result<std::unique_ptr<Operator>> makeMatMul(const Node&, int64_t) { return std::unique_ptr<Operator>(new MatMulOp()); }

} // namespace bitlens::engine

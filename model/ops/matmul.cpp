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
        std::vector<int64_t> ad = in[0]->dims, bd = in[1]->dims;
        if (ad.empty() || bd.empty())
            return "scalars are not allowed";
        const bool aVec = ad.size() == 1, bVec = bd.size() == 1;
        if (aVec)
            ad.insert(ad.begin(), 1);
        if (bVec)
            bd.push_back(1);
        const int64_t m = ad[ad.size() - 2], k = ad.back(), kb = bd[bd.size() - 2], n = bd.back();
        if (k != kb)
            return "inner dimensions differ: " + dimsText(in[0]->dims) + " x " + dimsText(in[1]->dims);
        const std::vector<int64_t> abatch(ad.begin(), ad.end() - 2), bbatch(bd.begin(), bd.end() - 2);
        auto batch = broadcastShapes(abatch, bbatch);
        if (!batch)
            return "batch dimensions do not broadcast: " + dimsText(in[0]->dims) + " x " + dimsText(in[1]->dims);
        const auto ia = broadcastIndex(abatch, *batch), ib = broadcastIndex(bbatch, *batch);
        std::vector<int64_t> yd = *batch;
        if (!aVec)
            yd.push_back(m);
        if (!bVec)
            yd.push_back(n);
        Tensor y = floatTensor(yd);
        const int64_t count = elementCount(*batch);
        checkWork({count, m, k, n});
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

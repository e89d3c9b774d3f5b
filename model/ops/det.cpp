// Det (opset 11; 18..21 change nothing): the determinant of each square matrix in the last two
// axes of X [*, M, M], giving Y [*] (a scalar for a 2-D X). Float types; computed by LU
// factorisation with partial pivoting in double, as numpy's LAPACK-based det does. An empty
// 0 x 0 matrix has determinant 1.
#include "common.h"
#include "registry.h"

#include <cmath>

namespace bitlens::engine {
namespace {

class DetOp : public Operator
{
public:
    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0])
            return "expects an input";
        const Tensor& x = *in[0];
        if (!x.isFloat())
            return "expects a float tensor, not " + std::string(dataTypeName(x.type));
        const size_t r = x.dims.size();
        if (r < 2 || x.dims[r - 1] != x.dims[r - 2])
            return "expects square matrices in the last two axes, not " + dimsText(x.dims);
        const std::vector<int64_t> batchDims(x.dims.begin(), x.dims.end() - 2);
        Tensor y = uninitializedFloatTensor(batchDims);
        y.type = x.type;
        const int64_t m = x.dims[r - 1], batch = elementCount(batchDims);
        checkWork({batch, m, m, m});
        // With no matrix, m may be any size (X has no elements to bound it).
        std::vector<double> a(batch > 0 ? static_cast<size_t>(m * m) : 0);
        for (int64_t b = 0; b < batch; ++b) {
            const float* src = x.floats.data() + b * m * m;
            std::copy(src, src + m * m, a.begin());
            y.floats[static_cast<size_t>(b)] = static_cast<float>(determinant(a, m));
        }
        out[0] = std::move(y);
        return {};
    }

private:
    // Gaussian elimination with the largest remaining pivot of each column (a is overwritten).
    static double determinant(std::vector<double>& a, int64_t m)
    {
        double det = 1;
        for (int64_t k = 0; k < m; ++k) {
            int64_t pivot = k;
            for (int64_t i = k + 1; i < m; ++i)
                if (std::fabs(a[static_cast<size_t>(i * m + k)]) > std::fabs(a[static_cast<size_t>(pivot * m + k)]))
                    pivot = i;
            const double p = a[static_cast<size_t>(pivot * m + k)];
            if (p == 0)
                return 0; // singular (a NaN pivot falls through and makes the result NaN)
            if (pivot != k) {
                for (int64_t j = 0; j < m; ++j)
                    std::swap(a[static_cast<size_t>(k * m + j)], a[static_cast<size_t>(pivot * m + j)]);
                det = -det;
            }
            det *= p;
            for (int64_t i = k + 1; i < m; ++i) {
                const double f = a[static_cast<size_t>(i * m + k)] / p;
                for (int64_t j = k + 1; j < m; ++j)
                    a[static_cast<size_t>(i * m + j)] -= f * a[static_cast<size_t>(k * m + j)];
            }
        }
        return det;
    }
};

} // namespace

Result<std::unique_ptr<Operator>> makeDet(const Node&, int64_t)
{
    return std::unique_ptr<Operator>(new DetOp());
}

} // namespace bitlens::engine

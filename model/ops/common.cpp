#include "common.h"

#include <cmath>

namespace bitlens::engine {

std::optional<std::vector<int64_t>> broadcastShapes(const std::vector<int64_t>& a, const std::vector<int64_t>& b)
{
    const size_t r = std::max(a.size(), b.size());
    std::vector<int64_t> out(r);
    for (size_t i = 0; i < r; ++i) {
        const int64_t da = i < r - a.size() ? 1 : a[i - (r - a.size())];
        const int64_t db = i < r - b.size() ? 1 : b[i - (r - b.size())];
        if (da != db && da != 1 && db != 1)
            return std::nullopt;
        out[i] = da == 1 ? db : da;
    }
    return out;
}

std::vector<int64_t> broadcastIndex(const std::vector<int64_t>& in, const std::vector<int64_t>& out)
{
    const int64_t n = elementCount(out);
    std::vector<int64_t> idx(static_cast<size_t>(n));
    const size_t r = out.size(), off = r - in.size();
    std::vector<int64_t> stride(r, 0); // stride in `in` for each output axis (0 where broadcast)
    int64_t s = 1;
    for (size_t i = in.size(); i-- > 0;) {
        stride[i + off] = in[i] == 1 ? 0 : s;
        s *= in[i];
    }
    std::vector<int64_t> pos(r, 0);
    int64_t src = 0;
    for (int64_t k = 0; k < n; ++k) {
        idx[static_cast<size_t>(k)] = src;
        for (size_t d = r; d-- > 0;) { // odometer increment
            src += stride[d];
            if (++pos[d] < out[d])
                break;
            src -= stride[d] * out[d];
            pos[d] = 0;
        }
    }
    return idx;
}

Tensor gatherElements(const Tensor& src, std::vector<int64_t> dims, const std::vector<int64_t>& index)
{
    Tensor t;
    t.type = src.type;
    t.dims = std::move(dims);
    if (src.isFloat()) {
        t.floats.resize(index.size());
        for (size_t i = 0; i < index.size(); ++i)
            t.floats[i] = src.floats[static_cast<size_t>(index[i])];
    } else {
        t.ints.resize(index.size());
        for (size_t i = 0; i < index.size(); ++i)
            t.ints[i] = src.ints[static_cast<size_t>(index[i])];
    }
    return t;
}

std::vector<int64_t> asInts(const Tensor& t)
{
    if (!t.isFloat())
        return t.ints;
    std::vector<int64_t> v;
    for (float f : t.floats) {
        // A float shape value must be a finite integer that int64 holds (NaN would be undefined).
        if (!(std::abs(f) < 9.2e18f) || f != std::trunc(f))
            throw InvalidInput{"a shape value " + std::to_string(f) + " is not an integer"};
        v.push_back(static_cast<int64_t>(f));
    }
    return v;
}

std::string dimsText(const std::vector<int64_t>& dims) { return shapeString(dims); }

Status matmulShape(const std::vector<int64_t>& a, const std::vector<int64_t>& b, MatMulShape& s)
{
    if (a.empty() || b.empty())
        return "scalars are not allowed";
    s.aDims = a;
    s.bDims = b;
    const bool aVec = a.size() == 1, bVec = b.size() == 1;
    if (aVec)
        s.aDims.insert(s.aDims.begin(), 1);
    if (bVec)
        s.bDims.push_back(1);
    s.m = s.aDims[s.aDims.size() - 2];
    s.k = s.aDims.back();
    s.n = s.bDims.back();
    if (s.k != s.bDims[s.bDims.size() - 2])
        return "inner dimensions differ: " + dimsText(a) + " x " + dimsText(b);
    s.aBatch.assign(s.aDims.begin(), s.aDims.end() - 2);
    s.bBatch.assign(s.bDims.begin(), s.bDims.end() - 2);
    auto batch = broadcastShapes(s.aBatch, s.bBatch);
    if (!batch)
        return "batch dimensions do not broadcast: " + dimsText(a) + " x " + dimsText(b);
    s.batch = *batch;
    s.out = s.batch;
    if (!aVec)
        s.out.push_back(s.m);
    if (!bVec)
        s.out.push_back(s.n);
    return {};
}

} // namespace bitlens::engine

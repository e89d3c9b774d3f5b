#pragma once
// Per-block granularity (DESIGN.md "Block granularity"): blocks of B consecutive weights along the
// reduction axis, separately for every position of the other axes, the last block of the axis
// shorter when B does not divide it; ONNX DequantizeLinear's blocked form (opset 21, block_size).
// Viewing the tensor as [outer, len, inner] around that axis, block (o, b, i) is group
// (o*blocks + b)*inner + i (the row-major order of DequantizeLinear's scale tensor), and its
// element k is at (o*len + b*B + k)*inner + i.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace bitlens {

struct BlockLayout
{
    int64_t outer = 1;
    int64_t len = 1;
    int64_t inner = 1;
    int64_t block = 1;

    static BlockLayout of(const std::vector<int64_t>& dims, int axis, int64_t block)
    {
        BlockLayout l;
        l.block = std::max<int64_t>(block, 1);
        for (int d = 0; d < static_cast<int>(dims.size()); ++d) {
            const int64_t n = dims[static_cast<size_t>(d)];
            if (d < axis)
                l.outer *= n;
            else if (d == axis)
                l.len = n;
            else
                l.inner *= n;
        }
        return l;
    }
    int64_t blocksPerAxis() const { return len == 0 ? 0 : (len + block - 1) / block; }
    int64_t groups() const { return outer * blocksPerAxis() * inner; }
    // Blocks are contiguous runs in group order when the reduction axis is the innermost.
    bool contiguous() const { return inner == 1; }
    int64_t blockIndex(int64_t g) const { return (g / inner) % blocksPerAxis(); }
    int64_t length(int64_t g) const { return std::min(block, len - blockIndex(g) * block); }
    int64_t first(int64_t g) const
    {
        const int64_t i = g % inner, b = blockIndex(g), o = g / inner / blocksPerAxis();
        return (o * len + b * block) * inner + i;
    }

    template <class T>
    void gather(const T* src, int64_t g, T* dst) const
    {
        const int64_t n = length(g);
        const T* p = src + first(g);
        for (int64_t k = 0; k < n; ++k)
            dst[k] = p[k * inner];
    }
    template <class T>
    void scatter(const T* src, int64_t g, T* dst) const
    {
        const int64_t n = length(g);
        T* p = dst + first(g);
        for (int64_t k = 0; k < n; ++k)
            p[k * inner] = src[k];
    }
};

// The reduction (input) axis of a weight of `op` stored with `rank` dims and output-channel axis
// `axis`: Conv axis 1, ConvTranspose axis 0, Gemm/MatMul the other axis of a matrix, batched
// MatMul the second to last (rank - 2 when the output axis is the last).
inline int reductionAxis(const std::string& op, int axis, int rank)
{
    if (rank <= 1)
        return 0;
    if (rank == 2)
        return 1 - std::clamp(axis, 0, 1);
    if (op == "MatMul" && axis == rank - 1)
        return rank - 2;
    if (op == "ConvTranspose" && axis == 1)
        return 0;
    return axis == 0 ? 1 : 0;
}

} // namespace bitlens

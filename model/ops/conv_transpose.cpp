// ConvTranspose: N-d, groups, strides, dilations, pads, output_padding, output_shape and
// auto_pad as the ONNX spec computes them. Per image and group: one GEMM W^T * X into columns,
// then col2im scatters them (adding) into the output.
#include "common.h"
#include "registry.h"

#include <Eigen/Core>

namespace bitlens::engine {
namespace {

using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
constexpr int64_t kMaxAttribute = (int64_t{1} << 31) - 1;

class ConvTransposeOp : public Operator
{
public:
    explicit ConvTransposeOp(const Node& n)
        : m_autoPad(stringAttribute(n, "auto_pad", "NOTSET")), m_group(n.intAttribute("group", 1)),
          m_strides(intsAttribute(n, "strides")), m_dilations(intsAttribute(n, "dilations")),
          m_pads(intsAttribute(n, "pads")), m_outputPadding(intsAttribute(n, "output_padding")),
          m_outputShape(intsAttribute(n, "output_shape"))
    {
    }

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.size() < 2 || !in[0] || !in[1] || !in[0]->isFloat() || !in[1]->isFloat())
            return "expects float X and W";
        const Tensor& x = *in[0];
        const Tensor& w = *in[1];
        const Tensor* b = in.size() > 2 ? in[2] : nullptr;
        if (x.dims.size() < 3 || w.dims.size() != x.dims.size())
            return "X " + dimsText(x.dims) + " and W " + dimsText(w.dims) + " have incompatible ranks";
        const size_t r = x.dims.size() - 2;
        const int64_t n = x.dims[0], c = x.dims[1], mg = w.dims[1], m = mg * m_group;
        if (m_group <= 0 || w.dims[0] != c || c % m_group != 0)
            return "W " + dimsText(w.dims) + " does not match X " + dimsText(x.dims) + " and group " + std::to_string(m_group);
        if (b && b->floats.size() != static_cast<size_t>(m))
            return "B must have " + std::to_string(m) + " values";
        auto orOnes = [r](const std::vector<int64_t>& v) { return v.empty() ? std::vector<int64_t>(r, 1) : v; };
        const std::vector<int64_t> stride = orOnes(m_strides), dil = orOnes(m_dilations);
        const std::vector<int64_t> outPad = m_outputPadding.empty() ? std::vector<int64_t>(r, 0) : m_outputPadding;
        std::vector<int64_t> pads = m_pads.empty() ? std::vector<int64_t>(2 * r, 0) : m_pads;
        if (stride.size() != r || dil.size() != r || outPad.size() != r || pads.size() != 2 * r)
            return "strides, dilations, pads or output_padding do not match the spatial rank";
        std::vector<int64_t> is(r), k(r), o(r);
        for (size_t i = 0; i < r; ++i) {
            is[i] = x.dims[i + 2];
            k[i] = w.dims[i + 2];
            // Attributes are bounded when the session is built; dims may still be hostile.
            int64_t strided = 0, dilated = 0, full = 0;
            if (__builtin_mul_overflow(stride[i], is[i] - 1, &strided) || __builtin_mul_overflow(k[i] - 1, dil[i], &dilated) ||
                __builtin_add_overflow(strided, dilated, &full) || __builtin_add_overflow(full, outPad[i] + 1, &full) ||
                full > kMaxAttribute)
                return "the output size along axis " + std::to_string(i + 2) + " overflows";
            if (!m_outputShape.empty() || m_autoPad == "SAME_UPPER" || m_autoPad == "SAME_LOWER") {
                const size_t off = m_outputShape.size() > r ? m_outputShape.size() - r : 0;
                o[i] = !m_outputShape.empty() ? m_outputShape.at(i + off) : is[i] * stride[i];
                const int64_t total = full - o[i];
                const bool upper = m_autoPad != "SAME_LOWER";
                pads[i] = upper ? total / 2 : total - total / 2;
                pads[i + r] = total - pads[i];
            } else {
                if (m_autoPad == "VALID")
                    pads[i] = pads[i + r] = 0;
                o[i] = full - pads[i] - pads[i + r];
            }
            if (o[i] < 0)
                return "the output would have a negative size";
        }
        std::vector<int64_t> yd{n, m};
        yd.insert(yd.end(), o.begin(), o.end());
        Tensor y = floatTensor(yd);
        const int64_t inSize = elementCount(is), outSize = elementCount(o), kSize = elementCount(k), cg = c / m_group;
        checkWork({n, c, inSize, mg, kSize});
        checkedElementCount({mg, kSize, inSize}); // bounded like a tensor: small inputs can ask for a huge column matrix
        RowMatrix cols(mg * kSize, inSize);
        std::vector<int64_t> ipos(r), kpos(r);
        for (int64_t img = 0; img < n; ++img)
            for (int64_t g = 0; g < m_group; ++g) {
                Eigen::Map<const RowMatrix> wm(w.floats.data() + g * cg * mg * kSize, cg, mg * kSize);
                Eigen::Map<const RowMatrix> xm(x.floats.data() + (img * c + g * cg) * inSize, cg, inSize);
                cols.noalias() = wm.transpose() * xm;
                float* dst = y.floats.data() + (img * m + g * mg) * outSize;
                for (int64_t ch = 0; ch < mg; ++ch)
                    for (int64_t kk = 0; kk < kSize; ++kk) {
                        int64_t rem = kk;
                        for (size_t d = r; d-- > 0;) {
                            kpos[d] = rem % k[d];
                            rem /= k[d];
                        }
                        const float* row = cols.data() + (ch * kSize + kk) * inSize;
                        for (int64_t p = 0; p < inSize; ++p) {
                            int64_t prem = p, offset = 0;
                            for (size_t d = r; d-- > 0;) {
                                ipos[d] = prem % is[d];
                                prem /= is[d];
                            }
                            bool inside = true;
                            for (size_t d = 0; d < r && inside; ++d) {
                                const int64_t q = ipos[d] * stride[d] - pads[d] + kpos[d] * dil[d];
                                inside = q >= 0 && q < o[d];
                                offset = offset * o[d] + q;
                            }
                            if (inside)
                                dst[ch * outSize + offset] += row[p];
                        }
                    }
                if (b)
                    for (int64_t ch = 0; ch < mg; ++ch)
                        for (int64_t q = 0; q < outSize; ++q)
                            dst[ch * outSize + q] += b->floats[static_cast<size_t>(g * mg + ch)];
            }
        out[0] = std::move(y);
        return {};
    }

private:
    std::string m_autoPad;
    int64_t m_group;
    std::vector<int64_t> m_strides, m_dilations, m_pads, m_outputPadding, m_outputShape;
};

} // namespace

Result<std::unique_ptr<Operator>> makeConvTranspose(const Node& node, int64_t)
{
    const std::string autoPad = stringAttribute(node, "auto_pad", "NOTSET");
    if (autoPad != "NOTSET" && autoPad != "SAME_UPPER" && autoPad != "SAME_LOWER" && autoPad != "VALID")
        return fail("unknown auto_pad '" + autoPad + "'");
    // Checked once, when the session is built, so the size arithmetic of run() stays in int64.
    for (const auto& [name, lo] : {std::pair{"strides", int64_t{1}}, std::pair{"dilations", int64_t{1}},
                                   std::pair{"pads", int64_t{0}}, std::pair{"output_padding", int64_t{0}},
                                   std::pair{"output_shape", int64_t{0}}}) {
        const std::vector<int64_t> values = intsAttribute(node, name);
        for (int64_t v : values)
            if (v < lo || v > kMaxAttribute)
                return fail(std::string(name) + " " + dimsText(values) + ": every value must be " + std::to_string(lo) +
                            ".." + std::to_string(kMaxAttribute));
    }
    if (const int64_t group = node.intAttribute("group", 1); group < 1 || group > kMaxAttribute)
        return fail("group " + std::to_string(group) + " must be 1.." + std::to_string(kMaxAttribute));
    return std::unique_ptr<Operator>(new ConvTransposeOp(node));
}

} // namespace bitlens::engine

// Conv (opset 1-11 semantics are the same; 11 only relaxed kernel_shape inference): N-d,
// groups (depthwise included), strides, pads, auto_pad (NOTSET, SAME_UPPER, SAME_LOWER, VALID),
// dilations. Per image and group: im2col into a [C/g * prod(k), prod(out)] matrix, then one
// Eigen GEMM; a 1x1, stride-1, unpadded convolution skips im2col.
#include "common.h"
#include "conv_geometry.h"
#include "conv_onednn.h"
#include "layout.h"
#include "registry.h"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string_view>

namespace bitlens::engine {
namespace {

using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

class ConvOp : public Operator
{
public:
    ConvOp(ConvAttributes a, int64_t group, ConvEpilogue e = {}, std::unique_ptr<Operator> add = {})
        : m_attr(std::move(a)), m_group(group), m_epilogue(e), m_add(std::move(add))
    {
    }

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        bool residualDone = false;
        if (!m_epilogue.residual)
            return convolve(in, out, nullptr, residualDone);
        // Residual: convolve (bias, BN), then add the other input and apply the activation,
        // unless oneDNN did all of it.
        if (in.size() < 4 || !in.back() || !in.back()->isFloat())
            return "fused Add expects a float input";
        const Tensor& r = *in.back();
        if (Status st = convolve(in.first(in.size() - 1), out, &r, residualDone); !st.empty())
            return st;
        if (residualDone)
            return {};
        Tensor& y = out[0];
        if (r.dims == y.dims && r.channelsLast == y.channelsLast) { // the usual case: one pass
            addAndActivate(y.floats.data(), r.floats.data(), static_cast<int64_t>(y.floats.size()));
            return {};
        }
        // Broadcasting or mixed layouts: the Add operator's own rules, then the activation.
        const Tensor* addIn[2] = {&y, &r};
        Tensor sum[1];
        if (Status st = m_add->run(addIn, sum); !st.empty())
            return "fused Add: " + st;
        addAndActivate(sum[0].floats.data(), nullptr, static_cast<int64_t>(sum[0].floats.size()));
        y = std::move(sum[0]);
        return {};
    }

    bool acceptsChannelsLast() const override { return true; }

private:
    // y = act(y + r) element by element (r may be null: only the activation).
    void addAndActivate(float* __restrict y, const float* __restrict r, int64_t n) const
    {
        if (r)
            for (int64_t i = 0; i < n; ++i)
                y[i] = y[i] + r[i];
        if (m_epilogue.activation == ConvEpilogue::Activation::Relu) {
            for (int64_t i = 0; i < n; ++i)
                y[i] = y[i] > 0 ? y[i] : 0.0f;
        } else if (m_epilogue.activation == ConvEpilogue::Activation::Clip) {
            const float lo = m_epilogue.clipLo, hi = m_epilogue.clipHi;
            for (int64_t i = 0; i < n; ++i) { // std::min(std::max(v, lo), hi)
                const float t = y[i] < lo ? lo : y[i];
                y[i] = hi < t ? hi : t;
            }
        }
    }

    // The activation applied with bias and BN; with a residual it waits until after the Add.
    ConvEpilogue::Activation rowActivation() const
    {
        return m_epilogue.residual ? ConvEpilogue::Activation::None : m_epilogue.activation;
    }

    // `residual`: the fused Add's other input; oneDNN adds it (and sets residualDone) when it has
    // the output's dims and layout.
    Status convolve(std::span<const Tensor* const> in, std::span<Tensor> out, const Tensor* residual,
                    bool& residualDone) const
    {
        if (in.size() < 2 || !in[0] || !in[1])
            return "expects X and W";
        const Tensor& xIn = *in[0]; // may be channels-last; `x` below is NCHW
        const Tensor& w = *in[1];
        const Tensor* b = in.size() > 2 ? in[2] : nullptr;
        if (!xIn.isFloat() || !w.isFloat())
            return "expects float tensors";
        if (xIn.dims.size() < 3 || w.dims.size() != xIn.dims.size())
            return "X " + dimsText(xIn.dims) + " and W " + dimsText(w.dims) + " have incompatible ranks";
        const int64_t n = xIn.dims[0], c = xIn.dims[1], m = w.dims[0], cg = w.dims[1];
        if (m_group <= 0 || c != cg * m_group || m % m_group != 0)
            return "channels of X " + dimsText(xIn.dims) + " and W " + dimsText(w.dims) + " do not match group " +
                   std::to_string(m_group);
        if (b && (!b->isFloat() || b->floats.size() != static_cast<size_t>(m)))
            return "B must have " + std::to_string(m) + " values";
        std::vector<float> scale, shift;
        if (m_epilogue.batchNorm) {
            if (in.size() < 7)
                return "fused BatchNormalization expects scale, B, mean, var";
            for (const Tensor* t : in.subspan(3, 4))
                if (!t || !t->isFloat() || t->floats.size() != static_cast<size_t>(m))
                    return "fused BatchNormalization parameters must be float with " + std::to_string(m) + " values";
            for (int64_t ch = 0; ch < m; ++ch) { // as BatchNormOp computes them
                const auto k = static_cast<size_t>(ch);
                scale.push_back(static_cast<float>(in[3]->floats[k] / std::sqrt(static_cast<double>(in[6]->floats[k]) + m_epilogue.epsilon)));
                shift.push_back(in[4]->floats[k] - in[5]->floats[k] * scale.back());
            }
        }
        const std::vector<int64_t> spatial(xIn.dims.begin() + 2, xIn.dims.end());
        const std::vector<int64_t> kernel(w.dims.begin() + 2, w.dims.end());
        auto geo = ConvGeometry::make(m_attr, spatial, kernel, false);
        if (!geo)
            return geo.error();
        const ConvGeometry& g = *geo;

        std::vector<int64_t> yd{n, m};
        yd.insert(yd.end(), g.out.begin(), g.out.end());
        Tensor y = uninitializedFloatTensor(yd); // every path below writes all of it
        const int64_t inSize = elementCount(spatial), outSize = elementCount(g.out), kSize = elementCount(kernel);
        const int64_t mg = m / m_group, rows = cg * kSize;
        checkWork({n, m, outSize, rows});
        // 2-D convolutions through oneDNN, reading and writing channels-last so that a chain of
        // convolutions (with element-wise ops between them) never changes layout.
        if (spatial.size() == 2 && useOneDnn()) {
            y.channelsLast = true;
            OneDnnPostOps post;
            post.bias = b ? b->floats.data() : nullptr;
            post.scale = m_epilogue.batchNorm ? scale.data() : nullptr;
            post.shift = m_epilogue.batchNorm ? shift.data() : nullptr;
            const bool withResidual = residual && residual->dims == y.dims && residual->channelsLast;
            post.residual = withResidual ? residual : nullptr;
            post.activation = withResidual ? m_epilogue.activation : rowActivation();
            post.lo = m_epilogue.clipLo;
            post.hi = m_epilogue.clipHi;
            if (m_oneDnn.run(xIn, w, g, m_group, y, post)) {
                residualDone = withResidual;
                out[0] = std::move(y);
                return {};
            }
            y.channelsLast = false;
        }
        Tensor converted;
        if (xIn.channelsLast)
            converted = toChannelsFirst(xIn);
        const Tensor& x = xIn.channelsLast ? converted : xIn;
        if (cg == 1 && mg == 1 && spatial.size() == 2) { // depthwise: a direct kernel beats tiny GEMMs
            depthwise(x, w, b, g, y);
            for (int64_t img = 0; img < n; ++img)
                for (int64_t ch = 0; ch < m; ++ch)
                    finish(y.floats.data() + (img * m + ch) * outSize, outSize, ch, nullptr, scale, shift);
            out[0] = std::move(y);
            return {};
        }
        const bool pointwise = g.isIdentityWindow();
        RowMatrix cols;
        if (!pointwise) {
            checkedElementCount({rows, outSize}); // bounded like a tensor: small inputs can ask for a huge im2col matrix
            cols.resize(rows, outSize);
        }
        for (int64_t img = 0; img < n; ++img)
            for (int64_t grp = 0; grp < m_group; ++grp) {
                const float* src = x.floats.data() + (img * c + grp * cg) * inSize;
                if (!pointwise)
                    g.im2col(src, cg, cols.data());
                Eigen::Map<const RowMatrix> wm(w.floats.data() + grp * mg * rows, mg, rows);
                Eigen::Map<RowMatrix> ym(y.floats.data() + (img * m + grp * mg) * outSize, mg, outSize);
                if (pointwise)
                    ym.noalias() = wm * Eigen::Map<const RowMatrix>(src, rows, outSize);
                else
                    ym.noalias() = wm * cols;
                for (int64_t o = 0; o < mg; ++o)
                    finish(ym.row(o).data(), outSize, grp * mg + o, b, scale, shift);
            }
        out[0] = std::move(y);
        return {};
    }

    // oneDNN runs every 2-D convolution; BITLENS_CONV=own selects BitLens's own kernels instead
    // (im2col + Eigen GEMM, direct depthwise), the reference the tests compare oneDNN with.
    static bool useOneDnn()
    {
        const char* v = std::getenv("BITLENS_CONV");
        return !(v && std::string_view(v) == "own");
    }

    // Bias, then the fused BatchNormalization and activation, on one output channel's row.
    void finish(float* row, int64_t size, int64_t channel, const Tensor* b, const std::vector<float>& scale,
                const std::vector<float>& shift) const
    {
        const auto k = static_cast<size_t>(channel);
        if (b) {
            const float bias = b->floats[k];
            for (int64_t i = 0; i < size; ++i)
                row[i] += bias;
        }
        if (m_epilogue.batchNorm) {
            const float sc = scale[k], sh = shift[k];
            for (int64_t i = 0; i < size; ++i)
                row[i] = row[i] * sc + sh;
        }
        if (rowActivation() == ConvEpilogue::Activation::Relu) {
            for (int64_t i = 0; i < size; ++i)
                row[i] = row[i] > 0 ? row[i] : 0.0f;
        } else if (rowActivation() == ConvEpilogue::Activation::Clip) {
            const float lo = m_epilogue.clipLo, hi = m_epilogue.clipHi;
            for (int64_t i = 0; i < size; ++i) { // std::min(std::max(v, lo), hi), spelled so it vectorises
                const float t = row[i] < lo ? lo : row[i];
                row[i] = hi < t ? hi : t;
            }
        }
    }

    // One input channel per output channel. The channel is copied once into a zero-padded plane;
    // then each kernel tap adds w * (a shifted row) to a whole output row, a loop the compiler
    // vectorises. Taps are added in the same (ky, kx) order as a per-output dot product, and a
    // padded tap adds w * 0 = 0, so the result is the dot product's, bit for bit.
    static void depthwise(const Tensor& x, const Tensor& w, const Tensor* b, const ConvGeometry& g, Tensor& y)
    {
        const int64_t n = x.dims[0], c = x.dims[1], ih = g.in[0], iw = g.in[1], oh = g.out[0], ow = g.out[1];
        const int64_t kh = g.kernel[0], kw = g.kernel[1], sy = g.stride[0], sx = g.stride[1];
        const int64_t dy = g.dilation[0], dx = g.dilation[1], py = g.padBegin[0], px = g.padBegin[1];
        // Rows and columns the windows reach, padding included.
        const int64_t ph = std::max(ih + py, (oh - 1) * sy + (kh - 1) * dy + 1);
        const int64_t pw = std::max(iw + px, (ow - 1) * sx + (kw - 1) * dx + 1);
        // The border is zeroed once; each channel overwrites only the interior.
        std::vector<float> plane(static_cast<size_t>(ph * pw), 0.0f);
        for (int64_t img = 0; img < n; ++img)
            for (int64_t ch = 0; ch < c; ++ch) {
                const float* src = x.floats.data() + (img * c + ch) * ih * iw;
                for (int64_t yy = 0; yy < ih; ++yy)
                    std::copy(src + yy * iw, src + (yy + 1) * iw, plane.data() + (yy + py) * pw + px);
                const float* k = w.floats.data() + ch * kh * kw;
                float* dst = y.floats.data() + (img * c + ch) * oh * ow;
                const float bias = b ? b->floats[static_cast<size_t>(ch)] : 0.0f;
                if (kh == 3 && kw == 3 && dy == 1 && dx == 1 && sx == 1)
                    depthwise3x3<1>(plane.data(), pw, k, bias, sy, oh, ow, dst);
                else if (kh == 3 && kw == 3 && dy == 1 && dx == 1 && sx == 2)
                    depthwise3x3<2>(plane.data(), pw, k, bias, sy, oh, ow, dst);
                else
                    depthwiseAny(plane.data(), pw, k, bias, g, dst);
            }
    }

    // 3x3 taps of one output row at once, kept in a register: acc = 0 + w00*r0[x] + w01*r0[x+1]
    // + ... + w22*r2[x+2], the same order as depthwiseAny's row passes, so the same bits.
    template <int SX>
    static void depthwise3x3(const float* plane, int64_t pw, const float* k, float bias, int64_t sy, int64_t oh,
                             int64_t ow, float* dst)
    {
        for (int64_t oy = 0; oy < oh; ++oy) {
            const float* r0 = plane + oy * sy * pw;
            const float* r1 = r0 + pw;
            const float* r2 = r1 + pw;
            float* d = dst + oy * ow;
            for (int64_t ox = 0; ox < ow; ++ox) {
                const int64_t x = ox * SX;
                float acc = 0.0f;
                acc += k[0] * r0[x];
                acc += k[1] * r0[x + 1];
                acc += k[2] * r0[x + 2];
                acc += k[3] * r1[x];
                acc += k[4] * r1[x + 1];
                acc += k[5] * r1[x + 2];
                acc += k[6] * r2[x];
                acc += k[7] * r2[x + 1];
                acc += k[8] * r2[x + 2];
                d[ox] = acc + bias;
            }
        }
    }

    static void depthwiseAny(const float* plane, int64_t pw, const float* k, float bias, const ConvGeometry& g, float* dst)
    {
        const int64_t oh = g.out[0], ow = g.out[1], kh = g.kernel[0], kw = g.kernel[1];
        const int64_t sy = g.stride[0], sx = g.stride[1], dy = g.dilation[0], dx = g.dilation[1];
        for (int64_t oy = 0; oy < oh; ++oy) {
            float* d = dst + oy * ow;
            std::fill(d, d + ow, 0.0f);
            for (int64_t ky = 0; ky < kh; ++ky) {
                const float* row = plane + (oy * sy + ky * dy) * pw;
                for (int64_t kx = 0; kx < kw; ++kx) {
                    const float wv = k[ky * kw + kx];
                    const float* s0 = row + kx * dx;
                    if (sx == 1)
                        for (int64_t ox = 0; ox < ow; ++ox)
                            d[ox] += wv * s0[ox];
                    else
                        for (int64_t ox = 0; ox < ow; ++ox)
                            d[ox] += wv * s0[ox * sx];
                }
            }
            for (int64_t ox = 0; ox < ow; ++ox)
                d[ox] = d[ox] + bias;
        }
    }

    ConvAttributes m_attr;
    int64_t m_group;
    ConvEpilogue m_epilogue;
    std::unique_ptr<Operator> m_add; // the fused Add's own operator, for broadcasting
    OneDnnConv m_oneDnn;
};

} // namespace

Result<std::unique_ptr<Operator>> makeConv(const Node& node, int64_t)
{
    auto attr = ConvAttributes::read(node);
    if (!attr)
        return Error{attr.error()};
    auto group = readConvGroup(node);
    if (!group)
        return Error{group.error()};
    return std::unique_ptr<Operator>(new ConvOp(std::move(*attr), *group));
}

Result<std::unique_ptr<Operator>> makeFusedConv(const Node& node, int64_t opset, const ConvEpilogue& epilogue,
                                                const Node* add)
{
    auto attr = ConvAttributes::read(node);
    if (!attr)
        return Error{attr.error()};
    auto group = readConvGroup(node);
    if (!group)
        return Error{group.error()};
    std::unique_ptr<Operator> addOp;
    if (epilogue.residual) {
        if (!add)
            return fail("a fused residual needs its Add node");
        auto a = makeBinary(*add, opset);
        if (!a)
            return Error{a.error()};
        addOp = std::move(*a);
    }
    return std::unique_ptr<Operator>(new ConvOp(std::move(*attr), *group, epilogue, std::move(addOp)));
}

} // namespace bitlens::engine

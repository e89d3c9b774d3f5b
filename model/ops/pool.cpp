// MaxPool and AveragePool: N-d windows with strides, pads, auto_pad, ceil_mode (opset 10+),
// dilations (MaxPool 10+); AveragePool divides by the window's size inside the input, or inside
// the padded input with count_include_pad. MaxPool-8+ has an optional Indices output (int64): the
// flat index of each maximum in the input, row-major or, with storage_order 1, column-major within
// its (n, c) plane, plus the plane's offset; the first maximum in the window wins.
// GlobalAveragePool, GlobalMaxPool, GlobalLpPool: the mean, maximum or Lp norm over all spatial
// positions (opsets 1-21 unchanged).
#include "common.h"
#include "conv_geometry.h"
#include "layout.h"
#include "registry.h"

#include <cmath>
#include <limits>

namespace bitlens::engine {
namespace {

class PoolOp : public Operator
{
public:
    PoolOp(ConvAttributes a, bool max, bool countIncludePad, bool indices, bool columnMajor)
        : m_attr(std::move(a)), m_max(max), m_includePad(countIncludePad), m_indices(indices), m_columnMajor(columnMajor) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0])
            return "expects an input";
        if (!in[0]->isFloat() && !m_max)
            return "AveragePool expects a float input";
        // MaxPool on integers (opset 12 allows int8/uint8): exact through float for |v| < 2^24.
        Tensor converted;
        if (!in[0]->isFloat()) {
            converted = floatTensor(in[0]->dims);
            for (size_t i = 0; i < converted.floats.size(); ++i)
                converted.floats[i] = static_cast<float>(in[0]->ints[i]);
        }
        const Tensor& xIn = in[0]->isFloat() ? *in[0] : converted;
        if (xIn.dims.size() < 3)
            return "expects [N, C, spatial...], got " + dimsText(xIn.dims);
        const std::vector<int64_t> spatial(xIn.dims.begin() + 2, xIn.dims.end());
        auto geo = ConvGeometry::make(m_attr, spatial, m_attr.kernelShape, true);
        if (!geo)
            return geo.error();
        const ConvGeometry& g = *geo;
        std::vector<int64_t> yd{xIn.dims[0], xIn.dims[1]};
        yd.insert(yd.end(), g.out.begin(), g.out.end());
        Tensor y = uninitializedFloatTensor(yd); // every output is written below
        Tensor indices;
        if (m_indices)
            indices = intTensor(yd);
        if (xIn.channelsLast && isPlain2x2(g) && !m_indices) { // between channels-last convolutions
            y.channelsLast = true;
            maxPool2x2ChannelsLast(xIn, g, y);
            out[0] = std::move(y);
            return {};
        }
        if (xIn.channelsLast)
            converted = toChannelsFirst(xIn);
        const Tensor& x = xIn.channelsLast ? converted : xIn;
        const size_t r = spatial.size();
        if (m_indices) {
            runNd(x, g, y, &indices);
        } else if (r == 2) {
            run2d(x, g, y);
        } else {
            runNd(x, g, y, nullptr);
        }
        if (!in[0]->isFloat()) {
            Tensor yi = intTensor(y.dims);
            yi.type = in[0]->type;
            for (size_t i = 0; i < yi.ints.size(); ++i)
                yi.ints[i] = static_cast<int64_t>(y.floats[i]);
            y = std::move(yi);
        }
        out[0] = std::move(y);
        if (m_indices && out.size() > 1)
            out[1] = std::move(indices);
        return {};
    }

    bool acceptsChannelsLast() const override { return true; }

private:
    // The classic 2x2/2 max pool with every window inside the input.
    bool isPlain2x2(const ConvGeometry& g) const
    {
        return m_max && g.in.size() == 2 && g.kernel[0] == 2 && g.kernel[1] == 2 && g.stride[0] == 2 &&
               g.stride[1] == 2 && g.dilation[0] == 1 && g.dilation[1] == 1 && g.padBegin[0] == 0 &&
               g.padBegin[1] == 0 && 2 * g.out[0] <= g.in[0] && 2 * g.out[1] <= g.in[1];
    }

    // Channels-last 2x2 max pool: the same four comparisons per output, in the same order, as run2d.
    static void maxPool2x2ChannelsLast(const Tensor& x, const ConvGeometry& g, Tensor& y)
    {
        const int64_t n = x.dims[0], c = x.dims[1], ih = g.in[0], iw = g.in[1], oh = g.out[0], ow = g.out[1];
        for (int64_t img = 0; img < n; ++img)
            for (int64_t oy = 0; oy < oh; ++oy)
                for (int64_t ox = 0; ox < ow; ++ox) {
                    const float* a = x.floats.data() + ((img * ih + 2 * oy) * iw + 2 * ox) * c;
                    const float* b = a + c;
                    const float* d = a + iw * c;
                    const float* e = d + c;
                    float* dst = y.floats.data() + ((img * oh + oy) * ow + ox) * c;
                    for (int64_t ch = 0; ch < c; ++ch) {
                        float best = -std::numeric_limits<float>::infinity();
                        best = a[ch] > best ? a[ch] : best;
                        best = b[ch] > best ? b[ch] : best;
                        best = d[ch] > best ? d[ch] : best;
                        best = e[ch] > best ? e[ch] : best;
                        dst[ch] = best;
                    }
                }
    }

    // The common 2-D case: the window's rows and columns that fall inside the input are found once
    // per output row and column; counts multiply because the dimensions are independent.
    void run2d(const Tensor& x, const ConvGeometry& g, Tensor& y) const
    {
        const int64_t planes = x.dims[0] * x.dims[1], ih = g.in[0], iw = g.in[1], oh = g.out[0], ow = g.out[1];
        struct Taps
        {
            std::vector<int64_t> pos; // input positions inside
            int64_t padded = 0;       // taps inside the padded input (count_include_pad)
        };
        auto taps = [&](int d, int64_t o, int64_t size) {
            Taps t;
            for (int64_t k = 0; k < g.kernel[static_cast<size_t>(d)]; ++k) {
                const int64_t q = o * g.stride[static_cast<size_t>(d)] - g.padBegin[static_cast<size_t>(d)] +
                                  k * g.dilation[static_cast<size_t>(d)];
                t.padded += q < size + g.padEnd[static_cast<size_t>(d)];
                if (q >= 0 && q < size)
                    t.pos.push_back(q);
            }
            return t;
        };
        const bool plain2x2 = m_max && g.kernel[0] == 2 && g.kernel[1] == 2 && g.stride[0] == 2 && g.stride[1] == 2 &&
                              g.dilation[0] == 1 && g.dilation[1] == 1 && g.padBegin[0] == 0 && g.padBegin[1] == 0 &&
                              2 * oh <= ih && 2 * ow <= iw;
        if (plain2x2) { // the classic 2x2/2 max pool: every window inside, no bookkeeping
            for (int64_t p = 0; p < planes; ++p) {
                const float* src = x.floats.data() + p * ih * iw;
                float* dst = y.floats.data() + p * oh * ow;
                for (int64_t oy = 0; oy < oh; ++oy) {
                    const float* r0 = src + 2 * oy * iw;
                    const float* r1 = r0 + iw;
                    for (int64_t ox = 0; ox < ow; ++ox) {
                        // Same comparisons, in the same order, as the general loop below.
                        float best = -std::numeric_limits<float>::infinity();
                        for (const float v : {r0[2 * ox], r0[2 * ox + 1], r1[2 * ox], r1[2 * ox + 1]})
                            best = v > best ? v : best;
                        dst[oy * ow + ox] = best;
                    }
                }
            }
            return;
        }
        std::vector<Taps> rows, cols;
        for (int64_t o = 0; o < oh; ++o)
            rows.push_back(taps(0, o, ih));
        for (int64_t o = 0; o < ow; ++o)
            cols.push_back(taps(1, o, iw));
        for (int64_t p = 0; p < planes; ++p) {
            const float* src = x.floats.data() + p * ih * iw;
            float* dst = y.floats.data() + p * oh * ow;
            for (int64_t oy = 0; oy < oh; ++oy) {
                const Taps& ty = rows[static_cast<size_t>(oy)];
                for (int64_t ox = 0; ox < ow; ++ox) {
                    const Taps& tx = cols[static_cast<size_t>(ox)];
                    if (m_max) {
                        float best = -std::numeric_limits<float>::infinity();
                        for (int64_t yy : ty.pos)
                            for (int64_t xx : tx.pos)
                                best = src[yy * iw + xx] > best ? src[yy * iw + xx] : best;
                        dst[oy * ow + ox] = best;
                    } else {
                        double sum = 0;
                        for (int64_t yy : ty.pos)
                            for (int64_t xx : tx.pos)
                                sum += src[yy * iw + xx];
                        const int64_t count = m_includePad ? ty.padded * tx.padded
                                                           : static_cast<int64_t>(ty.pos.size() * tx.pos.size());
                        dst[oy * ow + ox] = static_cast<float>(sum / static_cast<double>(std::max<int64_t>(count, 1)));
                    }
                }
            }
        }
    }

    // Any rank; also writes the maxima's flat indices when `indices` is given.
    void runNd(const Tensor& x, const ConvGeometry& g, Tensor& y, Tensor* indices) const
    {
        const size_t r = g.in.size();
        const int64_t planes = x.dims[0] * x.dims[1], inSize = elementCount(g.in), outSize = elementCount(g.out);
        const int64_t kSize = elementCount(g.kernel);
        std::vector<int64_t> opos(r), kpos(r);
        for (int64_t p = 0; p < planes; ++p) {
            const float* src = x.floats.data() + p * inSize;
            for (int64_t o = 0; o < outSize; ++o) {
                int64_t rem = o;
                for (size_t d = r; d-- > 0;) {
                    opos[d] = rem % g.out[d];
                    rem /= g.out[d];
                }
                float best = -std::numeric_limits<float>::infinity();
                double sum = 0;
                int64_t count = 0, padded = 0, bestIndex = -1;
                for (int64_t k = 0; k < kSize; ++k) {
                    int64_t krem = k, offset = 0, columnOffset = 0, columnStride = 1;
                    for (size_t d = r; d-- > 0;) {
                        kpos[d] = krem % g.kernel[d];
                        krem /= g.kernel[d];
                    }
                    bool inside = true, inPadded = true;
                    for (size_t d = 0; d < r; ++d) {
                        const int64_t q = opos[d] * g.stride[d] - g.padBegin[d] + kpos[d] * g.dilation[d];
                        inside = inside && q >= 0 && q < g.in[d];
                        inPadded = inPadded && q < g.in[d] + g.padEnd[d];
                        offset = offset * g.in[d] + q;
                        columnOffset += q * columnStride;
                        columnStride *= g.in[d];
                    }
                    padded += inPadded;
                    if (!inside)
                        continue;
                    const float v = src[offset];
                    // The index follows the value's comparison; a window of NaNs points at its first.
                    if (v > best || bestIndex < 0)
                        bestIndex = p * inSize + (m_columnMajor ? columnOffset : offset);
                    best = v > best ? v : best;
                    sum += v;
                    ++count;
                }
                float& dst = y.floats[static_cast<size_t>(p * outSize + o)];
                if (indices)
                    indices->ints[static_cast<size_t>(p * outSize + o)] = bestIndex;
                if (m_max)
                    dst = best;
                else
                    dst = static_cast<float>(sum / static_cast<double>(m_includePad ? padded : std::max<int64_t>(count, 1)));
            }
        }
    }

    ConvAttributes m_attr;
    bool m_max, m_includePad, m_indices, m_columnMajor;
};

// Global pooling over all spatial positions of each (image, channel): the mean, the maximum, or
// the Lp norm (p from the attribute, default 2). Sums in double, positions in the same order in
// both layouts.
class GlobalPoolOp : public Operator
{
public:
    enum class Kind { Average, Max, Lp };
    GlobalPoolOp(Kind kind, int64_t p) : m_kind(kind), m_p(p) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0] || !in[0]->isFloat() || in[0]->dims.size() < 3)
            return "expects a float [N, C, spatial...] input";
        const Tensor& x = *in[0];
        std::vector<int64_t> yd(x.dims.size(), 1);
        yd[0] = x.dims[0];
        yd[1] = x.dims[1];
        Tensor y = floatTensor(yd);
        y.type = x.type;
        const int64_t c = x.dims[1], planes = x.dims[0] * c;
        const int64_t size = elementCount(std::vector<int64_t>(x.dims.begin() + 2, x.dims.end()));
        // Channels-last: plane p's values are p's channel of every pixel, `c` apart.
        const int64_t step = x.channelsLast ? c : 1;
        for (int64_t p = 0; p < planes; ++p) {
            const float* src = x.floats.data() + (x.channelsLast ? (p / c) * size * c + p % c : p * size);
            double acc = m_kind == Kind::Max ? -INFINITY : 0.0;
            for (int64_t i = 0; i < size; ++i) {
                const double v = src[i * step];
                if (m_kind == Kind::Max)
                    acc = std::isnan(v) || v > acc ? v : acc;
                else if (m_kind == Kind::Lp)
                    acc += std::pow(std::fabs(v), static_cast<double>(m_p));
                else
                    acc += v;
            }
            if (m_kind == Kind::Average)
                acc /= static_cast<double>(std::max<int64_t>(size, 1));
            else if (m_kind == Kind::Lp)
                acc = std::pow(acc, 1.0 / static_cast<double>(m_p));
            y.floats[static_cast<size_t>(p)] = static_cast<float>(acc);
        }
        out[0] = std::move(y);
        return {};
    }

    bool acceptsChannelsLast() const override { return true; }

private:
    Kind m_kind;
    int64_t m_p;
};

Result<std::unique_ptr<Operator>> makePool(const Node& node, int64_t opset, bool max)
{
    auto attr = ConvAttributes::read(node);
    if (!attr)
        return Error{attr.error()};
    if (attr->kernelShape.empty())
        return fail("kernel_shape is required");
    const bool indices = node.outputs.size() > 1 && !node.outputs[1].empty();
    if (indices && (!max || opset < 8))
        return fail(node.opType + "-" + std::to_string(opset) + " has no Indices output");
    const int64_t storageOrder = max ? node.intAttribute("storage_order", 0) : 0;
    if (storageOrder != 0 && storageOrder != 1)
        return fail("storage_order " + std::to_string(storageOrder) + " is neither 0 (row-major) nor 1 (column-major)");
    if (!max && !attr->dilations.empty())
        for (int64_t d : attr->dilations)
            if (d != 1)
                return fail("AveragePool dilations are not supported");
    return std::unique_ptr<Operator>(
        new PoolOp(std::move(*attr), max, node.intAttribute("count_include_pad", 0) != 0, indices, storageOrder == 1));
}

} // namespace

Result<std::unique_ptr<Operator>> makeMaxPool(const Node& node, int64_t opset) { return makePool(node, opset, true); }
Result<std::unique_ptr<Operator>> makeAveragePool(const Node& node, int64_t opset) { return makePool(node, opset, false); }
// GlobalAveragePool, GlobalMaxPool, GlobalLpPool (p >= 1).
Result<std::unique_ptr<Operator>> makeGlobalPool(const Node& node, int64_t)
{
    if (node.opType == "GlobalMaxPool")
        return std::unique_ptr<Operator>(new GlobalPoolOp(GlobalPoolOp::Kind::Max, 0));
    if (node.opType == "GlobalAveragePool")
        return std::unique_ptr<Operator>(new GlobalPoolOp(GlobalPoolOp::Kind::Average, 0));
    const int64_t p = node.intAttribute("p", 2);
    if (p < 1 || p > 64)
        return fail("p " + std::to_string(p) + " must be 1..64");
    return std::unique_ptr<Operator>(new GlobalPoolOp(GlobalPoolOp::Kind::Lp, p));
}

} // namespace bitlens::engine

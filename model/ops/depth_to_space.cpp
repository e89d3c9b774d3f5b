// DepthToSpace (modes DCR, the default, and CRD) and SpaceToDepth on NCHW tensors with
// `blocksize` b: channels move into b x b spatial blocks and back, as the spec's reshape and
// transpose formulas say.
#include "common.h"
#include "registry.h"

namespace bitlens::engine {
namespace {

class DepthToSpaceOp : public Operator
{
public:
    DepthToSpaceOp(bool toSpace, bool crd, int64_t block) : m_toSpace(toSpace), m_crd(crd), m_b(block) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0])
            return "expects an input";
        const Tensor& x = *in[0];
        if (x.dims.size() != 4)
            return "expects a 4-D input, not " + dimsText(x.dims);
        const int64_t n = x.dims[0], c = x.dims[1], h = x.dims[2], w = x.dims[3], b = m_b;
        std::vector<int64_t> yd;
        if (m_toSpace) {
            if (c % (b * b) != 0)
                return std::to_string(c) + " channels do not divide by blocksize^2 = " + std::to_string(b * b);
            yd = {n, c / (b * b), h * b, w * b};
        } else {
            if (h % b != 0 || w % b != 0)
                return "the spatial size " + std::to_string(h) + "x" + std::to_string(w) + " does not divide by blocksize " +
                       std::to_string(b);
            yd = {n, c * b * b, h / b, w / b};
        }
        const int64_t count = checkedElementCount(yd);
        std::vector<int64_t> src(static_cast<size_t>(count));
        std::vector<int64_t> pos(4, 0);
        for (int64_t i = 0; i < count; ++i) {
            const int64_t on = pos[0], oc = pos[1], oh = pos[2], ow = pos[3];
            int64_t ic, ih, iw;
            if (m_toSpace) {
                const int64_t bh = oh % b, bw = ow % b, cc = yd[1];
                ic = m_crd ? oc * b * b + bh * b + bw : (bh * b + bw) * cc + oc;
                ih = oh / b;
                iw = ow / b;
            } else { // SpaceToDepth: channel = (bh * b + bw) * C + c
                const int64_t blockIndex = oc / c, cc = oc % c;
                ic = cc;
                ih = oh * b + blockIndex / b;
                iw = ow * b + blockIndex % b;
            }
            src[static_cast<size_t>(i)] = ((on * c + ic) * h + ih) * w + iw;
            nextIndex(pos, yd);
        }
        out[0] = gatherElements(x, yd, src);
        return {};
    }

private:
    bool m_toSpace, m_crd;
    int64_t m_b;
};

} // namespace

Result<std::unique_ptr<Operator>> makeDepthToSpace(const Node& n, int64_t)
{
    const int64_t block = n.intAttribute("blocksize", 0);
    if (block <= 0 || block > (int64_t{1} << 20))
        return fail("blocksize must be between 1 and 2^20, not " + std::to_string(block));
    const std::string mode = stringAttribute(n, "mode", "DCR");
    if (mode != "DCR" && mode != "CRD")
        return fail("mode must be DCR or CRD, not '" + mode + "'");
    return std::unique_ptr<Operator>(new DepthToSpaceOp(n.opType == "DepthToSpace", mode == "CRD", block));
}

} // namespace bitlens::engine

// Einsum (opset 12; 13..21 change nothing): Einstein summation over the inputs as numpy.einsum
// computes it. The `equation` names each input's axes with letters ("bij,bjk->bik"); spaces are
// ignored. With "->" the output's axes are the letters after it (explicit form); without, they
// are every letter used exactly once, in alphabetical (ASCII) order. Letters not in the output
// are summed over; a letter repeated within one input takes that input's diagonal. "..." stands
// for the same broadcast axes in every input (aligned from the right, as numpy does), which come
// first in an implicit output; an explicit output must then say where they go. A size-1 axis
// broadcasts against its letter's other sizes, as in numpy.
//
// Every output element is the sum over the summed letters of the product of the inputs' elements,
// stepped by one odometer over all letters (work: output elements x summed combinations x inputs,
// bounded by checkWork). Floats multiply and add in double; integers wrap as two's complement to
// the type's width. Two float inputs without diagonals or broadcasting (matrix products,
// attention's "bhqd,bhkd->bhqk") are instead packed into a batched GEMM (Eigen, float32 as MatMul).
#include "common.h"
#include "registry.h"

#include <Eigen/Core>

#include <algorithm>
#include <map>

namespace bitlens::engine {
namespace {

constexpr int kEllipsis = -1; // in a parsed term, where "..." stands
constexpr int kLetters = 128; // labels 0..127 are letters (ASCII); broadcast axes follow

struct Equation
{
    std::vector<std::vector<int>> inputs; // each input's letters in axis order, kEllipsis for "..."
    bool explicitOutput = false;
    std::vector<int> output; // explicit form only
};

std::optional<std::vector<int>> parseTerm(const std::string& term, bool output)
{
    std::vector<int> labels;
    bool ellipsis = false;
    for (size_t i = 0; i < term.size(); ++i) {
        const char c = term[i];
        if (c == '.') {
            if (ellipsis || term.compare(i, 3, "...") != 0)
                return std::nullopt;
            ellipsis = true;
            labels.push_back(kEllipsis);
            i += 2;
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            if (output && std::find(labels.begin(), labels.end(), c) != labels.end())
                return std::nullopt;
            labels.push_back(c);
        } else {
            return std::nullopt;
        }
    }
    return labels;
}

Result<Equation> parseEquation(const std::string& text)
{
    std::string s;
    for (char c : text)
        if (c != ' ')
            s += c;
    Equation eq;
    const auto arrow = s.find("->");
    const std::string lhs = s.substr(0, arrow);
    auto bad = [&] { return fail("equation \"" + text + "\" is not valid Einsum syntax"); };
    for (size_t start = 0;;) {
        const auto comma = lhs.find(',', start);
        auto term = parseTerm(lhs.substr(start, comma == std::string::npos ? std::string::npos : comma - start), false);
        if (!term)
            return bad();
        eq.inputs.push_back(std::move(*term));
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    if (arrow != std::string::npos) {
        auto out = parseTerm(s.substr(arrow + 2), true);
        if (!out)
            return bad();
        for (int label : *out)
            if (label != kEllipsis && std::none_of(eq.inputs.begin(), eq.inputs.end(), [&](const std::vector<int>& t) {
                    return std::find(t.begin(), t.end(), label) != t.end();
                }))
                return fail("equation \"" + text + "\": output letter '" + std::string(1, static_cast<char>(label)) +
                            "' is not in any input");
        eq.explicitOutput = true;
        eq.output = std::move(*out);
    }
    return eq;
}

class EinsumOp : public Operator
{
public:
    explicit EinsumOp(Equation eq) : m_eq(std::move(eq)) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        const size_t count = m_eq.inputs.size();
        if (in.size() != count)
            return "the equation names " + std::to_string(count) + " inputs, the node has " + std::to_string(in.size());
        for (const Tensor* t : in)
            if (!t)
                return "expects every input";
        const DataType type = in[0]->type;
        for (const Tensor* t : in)
            if (t->type != type || type == DataType::Bool)
                return "expects numeric inputs of one type";

        // Each input axis's label: a letter, or kLetters + j for broadcast axis j of `broadcast`.
        std::vector<std::vector<int>> axisLabels(count);
        size_t broadcast = 0;
        for (size_t i = 0; i < count; ++i) {
            const auto& term = m_eq.inputs[i];
            const bool ellipsis = std::find(term.begin(), term.end(), kEllipsis) != term.end();
            const size_t letters = term.size() - (ellipsis ? 1 : 0), rank = in[i]->dims.size();
            if (rank < letters || (!ellipsis && rank != letters))
                return "input " + std::to_string(i) + " " + dimsText(in[i]->dims) + " does not have the equation's " +
                       std::to_string(letters) + " axes";
            broadcast = std::max(broadcast, rank - letters);
        }
        std::map<int, int64_t> size; // label -> size
        for (size_t i = 0; i < count; ++i) {
            const auto& dims = in[i]->dims;
            for (int label : m_eq.inputs[i]) {
                if (label == kEllipsis) {
                    const size_t e = dims.size() - (m_eq.inputs[i].size() - 1); // this input's broadcast axes
                    for (size_t j = 0; j < e; ++j)
                        axisLabels[i].push_back(kLetters + static_cast<int>(broadcast - e + j));
                } else {
                    axisLabels[i].push_back(label);
                }
            }
            for (size_t d = 0; d < dims.size(); ++d) {
                auto [it, added] = size.try_emplace(axisLabels[i][d], dims[d]);
                if (!added && it->second != dims[d]) {
                    if (it->second == 1)
                        it->second = dims[d];
                    else if (dims[d] != 1)
                        return "axis sizes " + std::to_string(it->second) + " and " + std::to_string(dims[d]) +
                               " of one label do not broadcast";
                }
            }
        }

        std::vector<int> outLabels;
        auto addBroadcastAxes = [&] {
            for (size_t j = 0; j < broadcast; ++j)
                outLabels.push_back(kLetters + static_cast<int>(j));
        };
        if (m_eq.explicitOutput) {
            const bool ellipsis = std::find(m_eq.output.begin(), m_eq.output.end(), kEllipsis) != m_eq.output.end();
            if (broadcast > 0 && !ellipsis)
                return "the output has no \"...\" for the inputs' " + std::to_string(broadcast) + " broadcast axes";
            for (int label : m_eq.output)
                if (label == kEllipsis)
                    addBroadcastAxes();
                else
                    outLabels.push_back(label);
        } else {
            addBroadcastAxes();
            std::map<int, int> uses;
            for (const auto& term : m_eq.inputs)
                for (int label : term)
                    if (label != kEllipsis)
                        ++uses[label];
            for (const auto& [label, n] : uses) // std::map: ascending, i.e. ASCII order
                if (n == 1)
                    outLabels.push_back(label);
        }

        // Odometer order: the output's labels, then the summed ones.
        std::vector<int> order = outLabels;
        for (const auto& [label, n] : size)
            if (std::find(outLabels.begin(), outLabels.end(), label) == outLabels.end())
                order.push_back(label);
        std::vector<int64_t> outDims, extent;
        for (int label : order)
            extent.push_back(size.at(label));
        outDims.assign(extent.begin(), extent.begin() + static_cast<std::ptrdiff_t>(outLabels.size()));

        Tensor y;
        y.type = type;
        y.dims = outDims;
        const int64_t outCount = checkedElementCount(outDims);
        if (isFloatType(type))
            y.floats.assign(static_cast<size_t>(outCount), 0.0f);
        else
            y.ints.assign(static_cast<size_t>(outCount), 0);
        int64_t sumCount = 1;
        for (size_t k = outLabels.size(); k < order.size(); ++k)
            if (__builtin_mul_overflow(sumCount, extent[k], &sumCount))
                sumCount = std::numeric_limits<int64_t>::max();
        if (outCount == 0 || sumCount == 0) { // nothing to compute, or empty sums (zeros)
            out[0] = std::move(y);
            return {};
        }
        checkWork({outCount, sumCount, static_cast<int64_t>(count)});

        if (count == 2 && isFloatType(type) &&
            contractByGemm(*in[0], *in[1], axisLabels[0], axisLabels[1], outLabels, size, y.floats.data())) {
            out[0] = std::move(y);
            return {};
        }

        // stride[i][k]: how far input i's offset moves when label order[k] steps (a repeated
        // label adds its axes' strides: the diagonal; a broadcast size-1 axis adds none).
        std::vector<std::vector<int64_t>> stride(count, std::vector<int64_t>(order.size(), 0));
        for (size_t i = 0; i < count; ++i) {
            const auto& dims = in[i]->dims;
            int64_t s = 1;
            for (size_t d = dims.size(); d-- > 0;) {
                const auto k = static_cast<size_t>(std::find(order.begin(), order.end(), axisLabels[i][d]) - order.begin());
                if (dims[d] != 1 || extent[k] == 1)
                    stride[i][k] += s;
                s *= dims[d];
            }
        }
        if (isFloatType(type))
            contract<double>(in, y.floats.data(), extent, stride, outCount, sumCount,
                             [](const Tensor& t, int64_t i) { return static_cast<double>(t.floats[static_cast<size_t>(i)]); });
        else
            contract<uint64_t>(in, y.ints.data(), extent, stride, outCount, sumCount, [](const Tensor& t, int64_t i) {
                return static_cast<uint64_t>(t.ints[static_cast<size_t>(i)]);
            });
        if (!isFloatType(type))
            for (int64_t& v : y.ints)
                v = wrapToType(v, type);
        out[0] = std::move(y);
        return {};
    }

private:
    // Two float inputs whose letters each appear once per input, with their full size (no
    // diagonal, no size-1 broadcast), and none summed within one input alone, are a batched GEMM:
    // A packed as [batch, M, K], B as [batch, K, N] (batch letters in both inputs and the output,
    // M only in A, N only in B, K in both but not the output), C = A B, scattered to the output's
    // axis order. False (nothing written) where that does not apply.
    static bool contractByGemm(const Tensor& a, const Tensor& b, const std::vector<int>& la, const std::vector<int>& lb,
                               const std::vector<int>& outLabels, const std::map<int, int64_t>& size, float* y)
    {
        auto has = [](const std::vector<int>& labels, int label) {
            return std::find(labels.begin(), labels.end(), label) != labels.end();
        };
        for (const auto* t : {&a, &b}) {
            const auto& labels = t == &a ? la : lb;
            for (size_t d = 0; d < labels.size(); ++d)
                if (t->dims[d] != size.at(labels[d]) ||
                    std::count(labels.begin(), labels.end(), labels[d]) != 1)
                    return false;
        }
        std::vector<int> batch, m, n, k;
        for (int label : outLabels)
            (has(la, label) && has(lb, label) ? batch : has(la, label) ? m : n).push_back(label);
        for (int label : la)
            if (!has(outLabels, label)) {
                if (!has(lb, label))
                    return false;
                k.push_back(label);
            }
        for (int label : lb)
            if (!has(outLabels, label) && !has(la, label))
                return false;
        auto product = [&](const std::vector<int>& labels) {
            int64_t p = 1;
            for (int label : labels)
                p *= size.at(label); // bounded: the labels of one input (or the output, already allocated)
            return p;
        };
        const int64_t batchCount = product(batch), mCount = product(m), nCount = product(n), kCount = product(k);
        // Row-major strides of a tensor's axes, by label; a label it lacks gets 0.
        auto strides = [&](const std::vector<int>& labels, const std::vector<int>& order) {
            std::vector<int64_t> byAxis(labels.size()), result;
            int64_t s = 1;
            for (size_t d = labels.size(); d-- > 0;) {
                byAxis[d] = s;
                s *= size.at(labels[d]);
            }
            for (int label : order) {
                const auto it = std::find(labels.begin(), labels.end(), label);
                result.push_back(it == labels.end() ? 0 : byAxis[static_cast<size_t>(it - labels.begin())]);
            }
            return result;
        };
        auto concat = [](std::vector<int> x, const std::vector<int>& y1, const std::vector<int>& y2) {
            x.insert(x.end(), y1.begin(), y1.end());
            x.insert(x.end(), y2.begin(), y2.end());
            return x;
        };
        const std::vector<int> aOrder = concat(batch, m, k), bOrder = concat(batch, k, n), cOrder = concat(batch, m, n);
        std::vector<float> ap(static_cast<size_t>(a.elementCount())), bp(static_cast<size_t>(b.elementCount()));
        std::vector<float> cp(static_cast<size_t>(batchCount * mCount * nCount));
        copyStrided(a.floats.data(), strides(la, aOrder), ap.data(), strides(aOrder, aOrder), extents(aOrder, size));
        copyStrided(b.floats.data(), strides(lb, bOrder), bp.data(), strides(bOrder, bOrder), extents(bOrder, size));
        using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
        for (int64_t t = 0; t < batchCount; ++t) {
            Eigen::Map<const RowMatrix> am(ap.data() + t * mCount * kCount, mCount, kCount);
            Eigen::Map<const RowMatrix> bm(bp.data() + t * kCount * nCount, kCount, nCount);
            Eigen::Map<RowMatrix>(cp.data() + t * mCount * nCount, mCount, nCount).noalias() = am * bm;
        }
        copyStrided(cp.data(), strides(cOrder, cOrder), y, strides(outLabels, cOrder), extents(cOrder, size));
        return true;
    }

    static std::vector<int64_t> extents(const std::vector<int>& labels, const std::map<int, int64_t>& size)
    {
        std::vector<int64_t> e;
        for (int label : labels)
            e.push_back(size.at(label));
        return e;
    }

    // dst[pos . dstStride] = src[pos . srcStride] for every pos in `extent` (a permuting copy).
    static void copyStrided(const float* src, const std::vector<int64_t>& srcStride, float* dst,
                            const std::vector<int64_t>& dstStride, const std::vector<int64_t>& extent)
    {
        const int64_t total = elementCount(extent);
        std::vector<int64_t> pos(extent.size(), 0);
        int64_t from = 0, to = 0;
        for (int64_t i = 0; i < total; ++i) {
            dst[to] = src[from];
            for (size_t d = extent.size(); d-- > 0;) {
                from += srcStride[d];
                to += dstStride[d];
                if (++pos[d] < extent[d])
                    break;
                from -= srcStride[d] * extent[d];
                to -= dstStride[d] * extent[d];
                pos[d] = 0;
            }
        }
    }

    // y[o] = sum over the summed labels of the product of the inputs at their offsets; Acc is
    // double for floats, uint64_t for integers (wrapping, so overflow is defined).
    template <typename Acc, typename Out, typename Read>
    static void contract(std::span<const Tensor* const> in, Out* y, const std::vector<int64_t>& extent,
                         const std::vector<std::vector<int64_t>>& stride, int64_t outCount, int64_t sumCount, Read read)
    {
        const size_t count = in.size(), labels = extent.size();
        std::vector<int64_t> pos(labels, 0), offset(count, 0);
        for (int64_t o = 0; o < outCount; ++o) {
            Acc sum = 0;
            for (int64_t s = 0; s < sumCount; ++s) {
                Acc product = 1;
                for (size_t i = 0; i < count; ++i)
                    product *= read(*in[i], offset[i]);
                sum += product;
                for (size_t k = labels; k-- > 0;) { // step the odometer, the last label fastest
                    for (size_t i = 0; i < count; ++i)
                        offset[i] += stride[i][k];
                    if (++pos[k] < extent[k])
                        break;
                    for (size_t i = 0; i < count; ++i)
                        offset[i] -= stride[i][k] * extent[k];
                    pos[k] = 0;
                }
            }
            y[o] = static_cast<Out>(sum);
        }
    }

    Equation m_eq;
};

} // namespace

Result<std::unique_ptr<Operator>> makeEinsum(const Node& n, int64_t)
{
    const Attribute* equation = n.attribute("equation");
    if (!equation || equation->kind != Attribute::Kind::String)
        return fail("needs the equation attribute");
    auto eq = parseEquation(equation->s);
    if (!eq)
        return fail(eq.error());
    if (eq->inputs.size() != n.inputs.size())
        return fail("equation \"" + equation->s + "\" names " + std::to_string(eq->inputs.size()) + " inputs, the node has " +
                    std::to_string(n.inputs.size()));
    return std::unique_ptr<Operator>(new EinsumOp(std::move(*eq)));
}

} // namespace bitlens::engine

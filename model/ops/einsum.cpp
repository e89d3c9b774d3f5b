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
// the type's width.
#include "common.h"
#include "registry.h"

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
                return "the inputs' \"...\" stands for " + std::to_string(broadcast) +
                       " axes, which the output does not place";
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

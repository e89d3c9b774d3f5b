// HannWindow, HammingWindow, BlackmanWindow (opset 17, unchanged to 21): the generalised cosine
// window w[n] = a0 - a1 cos(2 pi n / N) + a2 cos(4 pi n / N) for n in 0..size-1, with
// N = size when periodic=1 (default; the first `size` points of a size+1 symmetric window) and
// N = size - 1 when periodic=0. Hann: a0 = a1 = 0.5; Hamming: a0 = 25/46, a1 = 21/46;
// Blackman: a0 = 0.42, a1 = 0.5, a2 = 0.08. `size` is a one-element int32/int64 input;
// output_datatype (default 1, FLOAT) is any numeric type but bool; an integer type truncates the
// values as Cast does. A symmetric window of one point is [1] (scipy's convention; the formula
// divides by zero there).
//
// ONNX 1.12's conformance data for these ops were generated with pi = 3.1415 and are off this
// formula by up to 7.4e-5; BitLens computes with pi (test_conformance lists them as skips).
#include "common.h"
#include "registry.h"

#include <cmath>
#include <numbers>

namespace bitlens::engine {
namespace {

struct CosineCoefficients
{
    double a0, a1, a2;
};

class WindowOp : public Operator
{
public:
    WindowOp(CosineCoefficients a, bool periodic, DataType type) : m_a(a), m_periodic(periodic), m_type(type) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0])
            return "expects a size";
        const Tensor& s = *in[0];
        if (s.isFloat() || s.type == DataType::Bool || s.elementCount() != 1)
            return "size must be a one-element integer tensor, not " + std::string(dataTypeName(s.type)) + " " +
                   dimsText(s.dims);
        const int64_t size = s.ints[0];
        if (size < 0)
            return "size " + std::to_string(size) + " is negative";
        Tensor y;
        y.dims = {size};
        y.type = m_type;
        const auto count = static_cast<size_t>(checkedElementCount(y.dims));
        if (isFloatType(m_type))
            y.floats.resize(count);
        else
            y.ints.resize(count);
        const int64_t period = m_periodic ? size : size - 1;
        for (int64_t n = 0; n < size; ++n) {
            double w = 1.0;
            if (period > 0) {
                const double phase = 2.0 * std::numbers::pi * static_cast<double>(n) / static_cast<double>(period);
                w = m_a.a0 - m_a.a1 * std::cos(phase) + m_a.a2 * std::cos(2.0 * phase);
            }
            if (isFloatType(m_type))
                y.floats[static_cast<size_t>(n)] = static_cast<float>(w);
            else // |w| <= 1, so the conversion is defined
                y.ints[static_cast<size_t>(n)] = wrapToType(static_cast<int64_t>(w), m_type);
        }
        out[0] = std::move(y);
        return {};
    }

private:
    CosineCoefficients m_a;
    bool m_periodic;
    DataType m_type;
};

} // namespace

Result<std::unique_ptr<Operator>> makeWindow(const Node& node, int64_t)
{
    CosineCoefficients a{0.5, 0.5, 0.0};
    if (node.opType == "HammingWindow")
        a = {25.0 / 46.0, 21.0 / 46.0, 0.0};
    else if (node.opType == "BlackmanWindow")
        a = {0.42, 0.5, 0.08};
    const int64_t periodic = node.intAttribute("periodic", 1);
    if (periodic != 0 && periodic != 1)
        return fail("periodic must be 0 or 1, not " + std::to_string(periodic));
    const int64_t typeValue = node.intAttribute("output_datatype", 1);
    const auto type = static_cast<DataType>(typeValue >= 0 && typeValue <= 16 ? typeValue : 0);
    if (!isFloatType(type) && (!isIntegerType(type) || type == DataType::Bool))
        return fail("output_datatype " + std::to_string(typeValue) + " is not a numeric type");
    return std::unique_ptr<Operator>(new WindowOp(a, periodic == 1, type));
}

} // namespace bitlens::engine

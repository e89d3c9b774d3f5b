// DFT and STFT: discrete Fourier transforms of real or complex signals held with a trailing
// dimension of 1 (real) or 2 (real, imaginary), sharing one transform (a radix-2 FFT when the
// length is a power of two, else the direct O(n^2) sum), computed in double.
//
// DFT (opset 17): y[k] = sum_n x[n] e^{-2 pi i k n / L} along `axis` (attribute, default 1;
// negative counts from the back; the trailing complex dimension is no valid axis). The optional
// dft_length input L crops or zero-pads the signal (default: the axis length). inverse=1 uses
// e^{+2 pi i k n / L} and scales by 1/L. onesided=1 with a real input returns the bins
// 0..L/2 (RFFT); onesided=1 with inverse=1 takes a complex one-sided spectrum and returns the real
// signal of length L (IRFFT; L defaults to 2 (n - 1)), as the ONNX text of both versions says.
// Opset 20: axis becomes the optional third input (a one-element int64 tensor, default -2) and the
// batch dimension is no longer implied; the arithmetic is the same.
//
// STFT (opset 17, unchanged to 21): signal [batch, length, 1|2], frame_step, optional window [L],
// optional frame_length L (one of the two gives L; both must agree). Frame f is the DFT of
// signal[f * step .. f * step + L) times the window; there are (length - L) / step + 1 frames.
// Output [batch, frames, onesided ? L/2 + 1 : L, 2]; onesided (default 1) needs a real signal.
#include "common.h"
#include "registry.h"

#include <bit>
#include <cmath>
#include <complex>
#include <limits>
#include <numbers>

namespace bitlens::engine {
namespace {

using Complex = std::complex<double>;

// The length-n DFT (inverse: conjugate twiddles and 1/n), precomputed for one n.
class FourierTransform
{
public:
    FourierTransform(int64_t n, bool inverse) : m_n(n), m_inverse(inverse)
    {
        checkedElementCount({n}); // the twiddle table is as long as the signal
        m_twiddle.resize(static_cast<size_t>(n));
        const double sign = inverse ? 1.0 : -1.0;
        for (int64_t k = 0; k < n; ++k)
            m_twiddle[static_cast<size_t>(k)] = std::polar(1.0, sign * 2.0 * std::numbers::pi * static_cast<double>(k) /
                                                                    static_cast<double>(n));
    }

    // Multiply-adds per transform, for checkWork: n log2 n for a power of two, else n^2.
    static int64_t cost(int64_t n)
    {
        if (n <= 1)
            return 1;
        if (std::has_single_bit(static_cast<uint64_t>(n)))
            return n * static_cast<int64_t>(std::bit_width(static_cast<uint64_t>(n)));
        int64_t c = 0;
        return __builtin_mul_overflow(n, n, &c) ? std::numeric_limits<int64_t>::max() : c;
    }

    // Transforms x (m_n values) in place; `scratch` is reused between calls.
    void apply(std::vector<Complex>& x, std::vector<Complex>& scratch) const
    {
        const auto n = static_cast<size_t>(m_n);
        if (n <= 1)
            return;
        if (std::has_single_bit(n))
            fft(x);
        else {
            scratch.assign(n, Complex());
            for (size_t k = 0; k < n; ++k) {
                Complex sum;
                size_t w = 0; // (j * k) mod n, stepped instead of multiplied
                for (size_t j = 0; j < n; ++j) {
                    sum += x[j] * m_twiddle[w];
                    w += k;
                    if (w >= n)
                        w -= n;
                }
                scratch[k] = sum;
            }
            x.swap(scratch);
        }
        if (m_inverse)
            for (Complex& v : x)
                v /= static_cast<double>(n);
    }

private:
    // Iterative radix-2 Cooley-Tukey: bit-reversal permutation, then butterflies of growing span.
    void fft(std::vector<Complex>& x) const
    {
        const size_t n = x.size();
        for (size_t i = 1, j = 0; i < n; ++i) {
            size_t bit = n >> 1;
            for (; j & bit; bit >>= 1)
                j ^= bit;
            j ^= bit;
            if (i < j)
                std::swap(x[i], x[j]);
        }
        for (size_t len = 2; len <= n; len <<= 1) {
            const size_t stride = n / len;
            for (size_t start = 0; start < n; start += len)
                for (size_t k = 0; k < len / 2; ++k) {
                    const Complex u = x[start + k];
                    const Complex v = x[start + k + len / 2] * m_twiddle[k * stride];
                    x[start + k] = u + v;
                    x[start + k + len / 2] = u - v;
                }
        }
    }

    int64_t m_n;
    bool m_inverse;
    std::vector<Complex> m_twiddle; // e^{-+2 pi i k / n}
};

// A one-element integer input (dft_length, frame_step, frame_length, axis), or an error.
Status scalarInt(const Tensor* t, const char* what, int64_t& value)
{
    if (t->isFloat() || t->type == DataType::Bool || t->elementCount() != 1)
        return std::string(what) + " must be a one-element integer tensor, not " + std::string(dataTypeName(t->type)) +
               " " + dimsText(t->dims);
    value = t->ints[0];
    return {};
}

Status signalType(const Tensor& x, const char* what)
{
    if (!x.isFloat())
        return std::string(what) + " must be a float tensor, not " + std::string(dataTypeName(x.type));
    return {};
}

class DftOp : public Operator
{
public:
    DftOp(int64_t axis, bool axisInput, bool inverse, bool onesided)
        : m_axis(axis), m_axisInput(axisInput), m_inverse(inverse), m_onesided(onesided)
    {
    }

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0])
            return "expects an input";
        const Tensor& x = *in[0];
        if (Status s = signalType(x, "the input"); !s.empty())
            return s;
        const size_t rank = x.dims.size();
        if (rank < 2 || (x.dims.back() != 1 && x.dims.back() != 2))
            return "the input " + dimsText(x.dims) + " must end in a dimension of 1 (real) or 2 (complex)";
        const bool complexIn = x.dims.back() == 2;
        int64_t axisValue = m_axis;
        if (m_axisInput && in.size() > 2 && in[2])
            if (Status s = scalarInt(in[2], "axis", axisValue); !s.empty())
                return s;
        const auto axis = normalizeAxis(axisValue, rank);
        if (!axis || static_cast<size_t>(*axis) == rank - 1)
            return "axis " + std::to_string(axisValue) + " is not a signal axis of " + dimsText(x.dims);
        const auto a = static_cast<size_t>(*axis);
        const int64_t n = x.dims[a];
        const bool irfft = m_onesided && m_inverse;
        if (m_onesided && !m_inverse && complexIn)
            return "onesided=1 needs a real input (last dimension 1)";
        if (irfft && !complexIn)
            return "onesided=1 with inverse=1 needs a complex one-sided spectrum (last dimension 2)";
        int64_t length = irfft ? 2 * (n - 1) : n;
        if (in.size() > 1 && in[1])
            if (Status s = scalarInt(in[1], "dft_length", length); !s.empty())
                return s;
        if (length < 1)
            return "dft_length " + std::to_string(length) + " must be positive" +
                   (irfft ? " (an IRFFT of n bins defaults to 2 (n - 1))" : "");

        int64_t outer = 1, inner = 1;
        for (size_t d = 0; d < a; ++d)
            outer *= x.dims[d];
        for (size_t d = a + 1; d + 1 < rank; ++d)
            inner *= x.dims[d];
        std::vector<int64_t> yd = x.dims;
        const int64_t bins = m_onesided && !m_inverse ? length / 2 + 1 : length;
        yd[a] = bins;
        yd.back() = irfft ? 1 : 2;
        Tensor y = uninitializedFloatTensor(yd);
        y.type = x.type;
        if (y.floats.empty()) {
            out[0] = std::move(y);
            return {};
        }
        checkWork({outer, inner, FourierTransform::cost(length)});
        const FourierTransform transform(length, m_inverse);

        const int64_t c = x.dims.back(), oc = yd.back();
        std::vector<Complex> buffer, scratch;
        for (int64_t o = 0; o < outer; ++o)
            for (int64_t i = 0; i < inner; ++i) {
                // The element j of this line along the axis, or 0 past its end (zero padding).
                auto at = [&](int64_t j) {
                    if (j >= n)
                        return Complex();
                    const auto p = static_cast<size_t>(((o * n + j) * inner + i) * c);
                    return Complex(x.floats[p], complexIn ? x.floats[p + 1] : 0.0f);
                };
                buffer.assign(static_cast<size_t>(length), Complex());
                for (int64_t k = 0; k < length; ++k)
                    // IRFFT: bins above L/2 are the conjugates of their mirror (Hermitian symmetry).
                    buffer[static_cast<size_t>(k)] =
                        !irfft ? at(k) : k <= length / 2 ? at(k) : std::conj(at(length - k));
                transform.apply(buffer, scratch);
                for (int64_t k = 0; k < bins; ++k) {
                    const auto p = static_cast<size_t>(((o * bins + k) * inner + i) * oc);
                    const Complex v = buffer[static_cast<size_t>(k)];
                    y.floats[p] = static_cast<float>(v.real());
                    if (oc == 2)
                        y.floats[p + 1] = static_cast<float>(v.imag());
                }
            }
        out[0] = std::move(y);
        return {};
    }

private:
    int64_t m_axis;
    bool m_axisInput;
    bool m_inverse;
    bool m_onesided;
};

class StftOp : public Operator
{
public:
    explicit StftOp(bool onesided) : m_onesided(onesided) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.size() < 2 || !in[0] || !in[1])
            return "expects a signal and frame_step";
        const Tensor& x = *in[0];
        if (Status s = signalType(x, "the signal"); !s.empty())
            return s;
        if (x.dims.size() != 3 || (x.dims[2] != 1 && x.dims[2] != 2))
            return "the signal " + dimsText(x.dims) + " must be [batch, length, 1 or 2]";
        const bool complexIn = x.dims[2] == 2;
        if (m_onesided && complexIn)
            return "onesided=1 needs a real signal (last dimension 1)";
        int64_t step = 0;
        if (Status s = scalarInt(in[1], "frame_step", step); !s.empty())
            return s;
        if (step < 1)
            return "frame_step " + std::to_string(step) + " must be positive";
        const Tensor* window = in.size() > 2 ? in[2] : nullptr;
        if (window) {
            if (Status s = signalType(*window, "the window"); !s.empty())
                return s;
            if (window->dims.size() != 1)
                return "the window " + dimsText(window->dims) + " must be 1-D";
        }
        int64_t length = window ? window->dims[0] : -1;
        if (in.size() > 3 && in[3]) {
            if (Status s = scalarInt(in[3], "frame_length", length); !s.empty())
                return s;
            if (window && window->dims[0] != length)
                return "the window " + dimsText(window->dims) + " does not match frame_length " +
                       std::to_string(length);
        }
        if (length < 0)
            return "needs a window or a frame_length";
        if (length < 1 || length > x.dims[1])
            return "frame_length " + std::to_string(length) + " must be 1.." + std::to_string(x.dims[1]) +
                   " (the signal's length)";

        const int64_t batch = x.dims[0], signalLength = x.dims[1];
        const int64_t frames = (signalLength - length) / step + 1;
        const int64_t bins = m_onesided ? length / 2 + 1 : length;
        Tensor y = uninitializedFloatTensor({batch, frames, bins, 2});
        y.type = x.type;
        checkWork({batch, frames, FourierTransform::cost(length)});
        const FourierTransform transform(length, false);

        const int64_t c = x.dims[2];
        std::vector<Complex> buffer(static_cast<size_t>(length)), scratch;
        for (int64_t b = 0; b < batch; ++b)
            for (int64_t f = 0; f < frames; ++f) {
                buffer.resize(static_cast<size_t>(length));
                for (int64_t j = 0; j < length; ++j) {
                    const auto p = static_cast<size_t>((b * signalLength + f * step + j) * c);
                    const double w = window ? window->floats[static_cast<size_t>(j)] : 1.0;
                    buffer[static_cast<size_t>(j)] = Complex(x.floats[p], complexIn ? x.floats[p + 1] : 0.0f) * w;
                }
                transform.apply(buffer, scratch);
                for (int64_t k = 0; k < bins; ++k) {
                    const auto p = static_cast<size_t>(((b * frames + f) * bins + k) * 2);
                    y.floats[p] = static_cast<float>(buffer[static_cast<size_t>(k)].real());
                    y.floats[p + 1] = static_cast<float>(buffer[static_cast<size_t>(k)].imag());
                }
            }
        out[0] = std::move(y);
        return {};
    }

private:
    bool m_onesided;
};

// A 0/1 attribute, or an error quoting its value.
Result<bool> flag(const Node& node, const char* name, int64_t fallback)
{
    const int64_t v = node.intAttribute(name, fallback);
    if (v != 0 && v != 1)
        return fail(std::string(name) + " must be 0 or 1, not " + std::to_string(v));
    return v == 1;
}

} // namespace

Result<std::unique_ptr<Operator>> makeDft(const Node& node, int64_t opset)
{
    const bool isStft = node.opType == "STFT";
    auto onesided = flag(node, "onesided", isStft ? 1 : 0);
    if (!onesided)
        return fail(onesided.error());
    if (isStft)
        return std::unique_ptr<Operator>(new StftOp(*onesided));
    auto inverse = flag(node, "inverse", 0);
    if (!inverse)
        return fail(inverse.error());
    // Opset 20 moved axis to an input whose default, -2, is the last signal axis.
    const bool axisInput = opset >= 20;
    return std::unique_ptr<Operator>(
        new DftOp(axisInput ? -2 : node.intAttribute("axis", 1), axisInput, *inverse, *onesided));
}

} // namespace bitlens::engine

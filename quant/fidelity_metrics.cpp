#include "fidelity_metrics.h"

#include "error_metrics.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace bitlens {

int classAxisFor(int rank, std::optional<int> chosen)
{
    if (chosen) {
        const int a = *chosen < 0 ? rank + *chosen : *chosen;
        return a >= 0 && a < rank ? a : -1;
    }
    if (rank < 1)
        return -1;
    return rank >= 4 ? 1 : rank - 1;
}

namespace {

struct AxisLayout
{
    int64_t outer = 1, classes = 1, inner = 1;
    int64_t positions() const { return outer * inner; }
    // The first element of position p (row-major over outer x inner); classes are `inner` apart.
    int64_t start(int64_t p) const { return (p / inner) * classes * inner + p % inner; }
};

AxisLayout layoutOf(const std::vector<int64_t>& dims, int axis)
{
    AxisLayout l;
    for (int a = 0; a < static_cast<int>(dims.size()); ++a) {
        const int64_t d = dims[static_cast<size_t>(a)];
        if (a < axis)
            l.outer *= d;
        else if (a == axis)
            l.classes = d;
        else
            l.inner *= d;
    }
    return l;
}

int64_t argmaxAt(const float* v, int64_t classes, int64_t stride)
{
    int64_t best = 0;
    for (int64_t c = 1; c < classes; ++c)
        if (v[c * stride] > v[best * stride])
            best = c;
    return best;
}

bool isProbabilityVector(const float* v, int64_t classes, int64_t stride)
{
    double sum = 0;
    for (int64_t c = 0; c < classes; ++c) {
        if (!(v[c * stride] >= 0))
            return false;
        sum += v[c * stride];
    }
    return std::fabs(sum - 1.0) <= 1e-3;
}

// log softmax(v)_c = v_c - (max + log sum exp(v - max)).
double logSumExp(const float* v, int64_t classes, int64_t stride)
{
    double m = -INFINITY;
    for (int64_t c = 0; c < classes; ++c)
        m = std::max(m, static_cast<double>(v[c * stride]));
    double s = 0;
    for (int64_t c = 0; c < classes; ++c)
        s += std::exp(static_cast<double>(v[c * stride]) - m);
    return m + std::log(s);
}

} // namespace

std::vector<int64_t> argmaxAlong(const Tensor& t, int axis)
{
    const AxisLayout l = layoutOf(t.dims, axis);
    std::vector<int64_t> out(static_cast<size_t>(l.positions()));
    for (int64_t p = 0; p < l.positions(); ++p)
        out[static_cast<size_t>(p)] = argmaxAt(t.floats.data() + l.start(p), l.classes, l.inner);
    return out;
}

double klDivergence(const float* y, const float* yhat, int64_t classes, int64_t stride)
{
    double kl = 0;
    if (isProbabilityVector(y, classes, stride)) {
        for (int64_t c = 0; c < classes; ++c) {
            const double p = y[c * stride];
            if (p > 0)
                kl += p * (std::log(p) - std::log(std::max(static_cast<double>(yhat[c * stride]), static_cast<double>(FLT_MIN))));
        }
        return kl;
    }
    const double ly = logSumExp(y, classes, stride), lq = logSumExp(yhat, classes, stride);
    for (int64_t c = 0; c < classes; ++c) {
        const double lp = y[c * stride] - ly;
        kl += std::exp(lp) * (lp - (yhat[c * stride] - lq));
    }
    return kl;
}

OutputFidelityAccumulator::OutputFidelityAccumulator(std::string name, std::optional<int> classAxis, bool classScores)
    : m_name(std::move(name)), m_chosenAxis(classAxis), m_classScores(classScores)
{
}

Result<bool> OutputFidelityAccumulator::add(const Tensor& fp32, const Tensor& quantized, int64_t samples)
{
    if (!fp32.isFloat() || !quantized.isFloat())
        return fail("output '" + m_name + "' is not a float tensor");
    if (fp32.dims != quantized.dims)
        return fail("output '" + m_name + "' is " + shapeString(fp32.dims) + " in FP32 but " + shapeString(quantized.dims) +
                    " quantized");
    const int64_t n = static_cast<int64_t>(fp32.floats.size());
    if (samples < 1 || n % samples != 0 || (!fp32.dims.empty() && fp32.dims[0] % samples != 0))
        return fail("output '" + m_name + "' of dims " + shapeString(fp32.dims) + " does not split into " +
                    std::to_string(samples) + " samples on its first axis");
    const float* y = fp32.floats.data();
    const float* q = quantized.floats.data();
    const int64_t per = n / samples;
    for (int64_t s = 0; s < samples; ++s) {
        double sxx = 0, syy = 0, sxy = 0, see = 0;
        for (int64_t i = s * per; i < (s + 1) * per; ++i) {
            const double a = y[i], b = q[i], e = a - b;
            sxx += a * a;
            syy += b * b;
            sxy += a * b;
            see += e * e;
            m_maxErr = std::max(m_maxErr, std::fabs(e));
        }
        m_sxx += sxx;
        m_see += see;
        m_cosineSum += errorMetricsFromSums(sxx, see, sxy, syy, 0, per).cosine;
    }
    m_samples += samples;
    m_elements += n;

    if (m_axis == -2) {
        m_axis = m_classScores ? classAxisFor(static_cast<int>(fp32.dims.size()), m_chosenAxis) : -1;
        m_classes = m_axis >= 0 ? fp32.dims[static_cast<size_t>(m_axis)] : 0;
        if (m_classes < 2) {
            m_axis = -1;
            m_classes = 0;
        }
        if (m_classes > 0 && m_classes <= kMaxConfusionClasses)
            m_confusion.assign(static_cast<size_t>(m_classes), std::vector<int64_t>(static_cast<size_t>(m_classes), 0));
    }
    if (m_axis < 0)
        return true;
    if (m_axis >= static_cast<int>(fp32.dims.size()) || fp32.dims[static_cast<size_t>(m_axis)] != m_classes)
        return fail("output '" + m_name + "' has " + shapeString(fp32.dims) + " now, not " + std::to_string(m_classes) +
                    " classes on axis " + std::to_string(m_axis));
    const AxisLayout l = layoutOf(fp32.dims, m_axis);
    for (int64_t p = 0; p < l.positions(); ++p) {
        const int64_t at = l.start(p);
        const int64_t a = argmaxAt(y + at, l.classes, l.inner), b = argmaxAt(q + at, l.classes, l.inner);
        m_agree += a == b;
        if (!m_confusion.empty())
            ++m_confusion[static_cast<size_t>(a)][static_cast<size_t>(b)];
        m_klSum += klDivergence(y + at, q + at, l.classes, l.inner);
    }
    m_positions += l.positions();
    return true;
}

void OutputFidelityAccumulator::merge(const OutputFidelityAccumulator& o)
{
    if (m_axis == -2) {
        m_axis = o.m_axis;
        m_classes = o.m_classes;
        m_confusion = o.m_confusion;
    } else if (o.m_axis != -2) {
        for (size_t i = 0; i < m_confusion.size() && i < o.m_confusion.size(); ++i)
            for (size_t j = 0; j < m_confusion[i].size(); ++j)
                m_confusion[i][j] += o.m_confusion[i][j];
    }
    m_samples += o.m_samples;
    m_elements += o.m_elements;
    m_positions += o.m_positions;
    m_agree += o.m_agree;
    m_sxx += o.m_sxx;
    m_see += o.m_see;
    m_maxErr = std::max(m_maxErr, o.m_maxErr);
    m_cosineSum += o.m_cosineSum;
    m_klSum += o.m_klSum;
}

OutputFidelity OutputFidelityAccumulator::result() const
{
    OutputFidelity r;
    r.name = m_name;
    r.samples = m_samples;
    r.elements = m_elements;
    // sum y*y^ and sum y^^2 only enter the cosine, which is per sample here.
    const ErrorMetrics e = errorMetricsFromSums(m_sxx, m_see, 0, 0, m_maxErr, m_elements);
    r.sqnrDb = e.sqnrDb;
    r.mse = e.mse;
    r.maxAbsError = m_maxErr;
    r.meanCosine = m_samples ? m_cosineSum / static_cast<double>(m_samples) : 1;
    if (m_axis >= 0) {
        r.classAxis = m_axis;
        r.classes = m_classes;
        r.positions = m_positions;
        r.top1Agreement = m_positions ? static_cast<double>(m_agree) / static_cast<double>(m_positions) : 0;
        r.meanKl = m_positions ? m_klSum / static_cast<double>(m_positions) : 0;
        r.predictionConfusion = m_confusion;
    }
    return r;
}

} // namespace bitlens

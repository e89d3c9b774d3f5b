// RNN, GRU and LSTM: one-layer recurrent networks over X [seq_length, batch, input_size] with one
// time loop shared by the three (a table gives each its gate count and default activations).
// Inputs X, W [dirs, gates*H, input], R [dirs, gates*H, H], optional B [dirs, 2*gates*H] (W's bias
// then R's), sequence_lens [batch] (int32), initial_h [dirs, batch, H], and for LSTM initial_c and
// the peepholes P [dirs, 3*H] (i, o, f). Outputs Y [seq, dirs, batch, H], Y_h and (LSTM) Y_c
// [dirs, batch, H]; each is optional.
//   RNN:  H = f(X*Wi^T + H*Ri^T + Wbi + Rbi)                                  (f = Tanh)
//   GRU:  gates z, r, h; z = f(..), r = f(..),                               (f = Sigmoid, g = Tanh)
//         h~ = g(X*Wh^T + (r.H)*Rh^T + Rbh + Wbh), or with linear_before_reset
//         h~ = g(X*Wh^T + r.(H*Rh^T + Rbh) + Wbh);  H = (1 - z).h~ + z.H
//   LSTM: gates i, o, f, c; i = f(.. + Pi.C), f = f(.. + Pf.C) (1 - i with input_forget),
//         C = f.C + i.g(..), o = f(.. + Po.C) with the new C, H = o.h(C)      (f = Sigmoid, g = h = Tanh)
// direction forward, reverse or bidirectional (the reverse pass of a batch entry starts at its
// own sequence length); steps past an entry's length leave Y zero and its state unchanged, so a
// zero length gives Y_h = initial_h. activations (one set per direction; one set for
// bidirectional is used for both) name Relu, Tanh, Sigmoid, Affine, LeakyRelu, ThresholdedRelu,
// ScaledTanh, HardSigmoid, Elu, Softsign, Softplus; activation_alpha/beta are consumed in order by
// the activations that take them, as ONNX Runtime does (defaults as their ONNX operators). clip
// bounds the input of every activation to [-clip, clip].
// Opsets: 7 is the first version read (1 had output_sequence); 14 adds layout (1: X [batch, seq,
// input], Y [batch, seq, dirs, H], states [batch, dirs, H]). 22 (bfloat16) is past 21.
// X*W^T for every step is one GEMM per direction; only H*R^T runs per step.
#include "common.h"
#include "registry.h"

#include <Eigen/Core>

#include <array>
#include <cctype>
#include <cmath>

namespace bitlens::engine {
namespace {

using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

enum class Cell { Rnn, Gru, Lstm };

struct CellLayout
{
    std::string_view opType;
    Cell cell;
    int gates;
    int activations; // per direction
    std::array<std::string_view, 3> defaults;
};

constexpr CellLayout kCells[] = {
    {"RNN", Cell::Rnn, 1, 1, {"Tanh"}},
    {"GRU", Cell::Gru, 3, 2, {"Sigmoid", "Tanh"}},
    {"LSTM", Cell::Lstm, 4, 3, {"Sigmoid", "Tanh", "Tanh"}},
};

enum class ActKind {
    Relu,
    Tanh,
    Sigmoid,
    Affine,
    LeakyRelu,
    ThresholdedRelu,
    ScaledTanh,
    HardSigmoid,
    Elu,
    Softsign,
    Softplus
};

struct ActivationInfo
{
    std::string_view name;
    ActKind kind;
    bool takesAlpha, takesBeta;
    float alpha, beta; // defaults
};

constexpr ActivationInfo kActivations[] = {
    {"Relu", ActKind::Relu, false, false, 0, 0},
    {"Tanh", ActKind::Tanh, false, false, 0, 0},
    {"Sigmoid", ActKind::Sigmoid, false, false, 0, 0},
    {"Affine", ActKind::Affine, true, true, 1.0f, 0.0f},
    {"LeakyRelu", ActKind::LeakyRelu, true, false, 0.01f, 0},
    {"ThresholdedRelu", ActKind::ThresholdedRelu, true, false, 1.0f, 0},
    {"ScaledTanh", ActKind::ScaledTanh, true, true, 1.0f, 1.0f},
    {"HardSigmoid", ActKind::HardSigmoid, true, true, 0.2f, 0.5f},
    {"Elu", ActKind::Elu, true, false, 1.0f, 0},
    {"Softsign", ActKind::Softsign, false, false, 0, 0},
    {"Softplus", ActKind::Softplus, false, false, 0, 0},
};

bool sameName(std::string_view a, std::string_view b)
{
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

// A double attribute as float, bounded first: converting one beyond float's range is undefined.
float toFloat(double v)
{
    constexpr double kMax = std::numeric_limits<float>::max();
    return std::isnan(v) ? std::numeric_limits<float>::quiet_NaN()
                         : static_cast<float>(std::clamp(v, -kMax, kMax));
}

struct Activation
{
    ActKind kind = ActKind::Tanh;
    float alpha = 0, beta = 0;

    float operator()(float x) const
    {
        switch (kind) {
        case ActKind::Relu:
            return x > 0 ? x : 0.0f;
        case ActKind::Tanh:
            return std::tanh(x);
        case ActKind::Sigmoid:
            return 1.0f / (1.0f + std::exp(-x));
        case ActKind::Affine:
            return alpha * x + beta;
        case ActKind::LeakyRelu:
            return x >= 0 ? x : alpha * x;
        case ActKind::ThresholdedRelu:
            return x >= alpha ? x : 0.0f;
        case ActKind::ScaledTanh:
            return alpha * std::tanh(beta * x);
        case ActKind::HardSigmoid:
            return std::min(std::max(alpha * x + beta, 0.0f), 1.0f);
        case ActKind::Elu:
            return x >= 0 ? x : alpha * (std::exp(x) - 1.0f);
        case ActKind::Softsign:
            return x / (1.0f + std::abs(x));
        // log(1 + e^x) without overflowing e^x for large x.
        case ActKind::Softplus:
            return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x));
        }
        return x;
    }
};

struct RecurrentAttributes
{
    const CellLayout* layout = nullptr;
    int directions = 1;
    bool reverse = false;    // the only direction runs backwards
    int64_t hiddenSize = -1; // -1: taken from R
    float clip = 0;          // 0: no clipping
    bool batchMajor = false; // layout = 1
    bool inputForget = false;
    bool linearBeforeReset = false;
    std::vector<Activation> activations; // layout->activations per direction
};

class RecurrentOp : public Operator
{
public:
    explicit RecurrentOp(RecurrentAttributes a) : m_a(std::move(a)) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        auto input = [&](size_t i) { return i < in.size() ? in[i] : nullptr; };
        const Tensor *x = input(0), *w = input(1), *r = input(2);
        if (!x || !w || !r || !x->isFloat() || !w->isFloat() || !r->isFloat())
            return "expects float tensors X, W and R";
        if (x->dims.size() != 3 || w->dims.size() != 3 || r->dims.size() != 3)
            return "expects X, W and R of rank 3, not " + dimsText(x->dims) + ", " + dimsText(w->dims) +
                   ", " + dimsText(r->dims);
        const bool lstm = m_a.layout->cell == Cell::Lstm;
        const int64_t dirs = m_a.directions, gates = m_a.layout->gates;
        const int64_t seq = x->dims[m_a.batchMajor ? 1 : 0], batch = x->dims[m_a.batchMajor ? 0 : 1];
        const int64_t inputSize = x->dims[2], hidden = r->dims[2];
        int64_t gh = 0; // gates * hidden
        if (m_a.hiddenSize >= 0 && m_a.hiddenSize != hidden)
            return "hidden_size " + std::to_string(m_a.hiddenSize) + " differs from R " + dimsText(r->dims);
        if (__builtin_mul_overflow(gates, hidden, &gh) ||
            w->dims != std::vector<int64_t>{dirs, gh, inputSize} ||
            r->dims != std::vector<int64_t>{dirs, gh, hidden})
            return "expects W [" + std::to_string(dirs) + ", " + std::to_string(gates) + "*H, " +
                   std::to_string(inputSize) + "] and R [" + std::to_string(dirs) + ", " +
                   std::to_string(gates) + "*H, H], not " + dimsText(w->dims) + " and " + dimsText(r->dims);
        const Tensor* b = input(3);
        if (b && (!b->isFloat() || b->dims != std::vector<int64_t>{dirs, 2 * gh}))
            return "expects B as float [" + std::to_string(dirs) + ", " + std::to_string(2 * gh) + "], not " +
                   dimsText(b->dims);
        const Tensor* lengths = input(4);
        if (lengths && (lengths->isFloat() || lengths->dims != std::vector<int64_t>{batch}))
            return "expects sequence_lens as integers [" + std::to_string(batch) + "], not " +
                   dimsText(lengths->dims);
        if (lengths)
            for (int64_t len : lengths->ints)
                if (len < 0 || len > seq)
                    return "sequence_lens value " + std::to_string(len) + " is outside 0.." +
                           std::to_string(seq);
        const std::vector<int64_t> stateDims = m_a.batchMajor ? std::vector<int64_t>{batch, dirs, hidden}
                                                              : std::vector<int64_t>{dirs, batch, hidden};
        const Tensor* h0 = input(5);
        const Tensor* c0 = lstm ? input(6) : nullptr;
        const Tensor* peep = lstm ? input(7) : nullptr;
        for (const Tensor* s : {h0, c0})
            if (s && (!s->isFloat() || s->dims != stateDims))
                return "expects initial_h and initial_c as float " + dimsText(stateDims) + ", not " +
                       dimsText(s->dims);
        if (peep && (!peep->isFloat() || peep->dims != std::vector<int64_t>{dirs, 3 * hidden}))
            return "expects P as float [" + std::to_string(dirs) + ", " + std::to_string(3 * hidden) +
                   "], not " + dimsText(peep->dims);
        int64_t inputsPerGate = 0;
        if (__builtin_add_overflow(inputSize, hidden, &inputsPerGate))
            return "input_size " + std::to_string(inputSize) + " is too large";
        // At least one per factor: an empty batch must not hide a loop over a huge sequence.
        checkWork({dirs, std::max<int64_t>(seq, 1), std::max<int64_t>(batch, 1), std::max<int64_t>(gh, 1),
                   std::max<int64_t>(inputsPerGate, 1)});

        Tensor y = floatTensor(m_a.batchMajor ? std::vector<int64_t>{batch, seq, dirs, hidden}
                                              : std::vector<int64_t>{seq, dirs, batch, hidden});
        Tensor yh = uninitializedFloatTensor(stateDims),
               yc = uninitializedFloatTensor(lstm ? stateDims : std::vector<int64_t>{0});
        const int64_t rows = checkedElementCount({seq, batch});
        std::vector<float> xw(static_cast<size_t>(checkedElementCount({rows, gh})));
        std::vector<float> hr(static_cast<size_t>(checkedElementCount({batch, gh})));
        std::vector<float> h(static_cast<size_t>(checkedElementCount({batch, hidden}))),
            c(lstm ? h.size() : 0);
        std::vector<float> rh(m_a.layout->cell == Cell::Gru ? h.size() : 0), bias(static_cast<size_t>(gh)),
            recurrentBias(static_cast<size_t>(hidden));
        std::vector<int64_t> length(static_cast<size_t>(batch), seq);
        if (lengths) length.assign(lengths->ints.begin(), lengths->ints.end());
        // X and Y rows in memory: seq-major (layout 0) or batch-major (layout 1).
        auto xRow = [&](int64_t t, int64_t bi) { return m_a.batchMajor ? bi * seq + t : t * batch + bi; };
        auto stateAt = [&](int64_t d, int64_t bi) {
            return (m_a.batchMajor ? bi * dirs + d : d * batch + bi) * hidden;
        };
        auto yAt = [&](int64_t t, int64_t d, int64_t bi) {
            return (m_a.batchMajor ? (bi * seq + t) * dirs + d : (t * dirs + d) * batch + bi) * hidden;
        };

        for (int64_t d = 0; d < dirs; ++d) {
            const bool backwards = d == 1 || m_a.reverse;
            const Activation* act = m_a.activations.data() + d * m_a.layout->activations;
            const float* wd = w->floats.data() + d * gh * inputSize;
            const float* rd = r->floats.data() + d * gh * hidden;
            // Both biases go into the input projection, except GRU's Rbh with linear_before_reset,
            // which the reset gate scales.
            std::fill(bias.begin(), bias.end(), 0.0f);
            std::fill(recurrentBias.begin(), recurrentBias.end(), 0.0f);
            if (b) {
                const float* bd = b->floats.data() + d * 2 * gh;
                for (int64_t k = 0; k < gh; ++k) {
                    const bool separate = m_a.linearBeforeReset && k >= 2 * hidden;
                    bias[static_cast<size_t>(k)] = bd[k] + (separate ? 0.0f : bd[gh + k]);
                    if (separate) recurrentBias[static_cast<size_t>(k - 2 * hidden)] = bd[gh + k];
                }
            }
            Eigen::Map<RowMatrix> xwm(xw.data(), rows, gh);
            xwm.noalias() = Eigen::Map<const RowMatrix>(x->floats.data(), rows, inputSize) *
                            Eigen::Map<const RowMatrix>(wd, gh, inputSize).transpose();
            xwm.rowwise() += Eigen::Map<const Eigen::RowVectorXf>(bias.data(), gh);
            for (int64_t bi = 0; bi < batch; ++bi) {
                const auto to = static_cast<size_t>(bi * hidden);
                if (h0)
                    std::copy_n(h0->floats.data() + stateAt(d, bi), hidden, h.begin() + to);
                else
                    std::fill_n(h.begin() + to, hidden, 0.0f);
                if (lstm && c0)
                    std::copy_n(c0->floats.data() + stateAt(d, bi), hidden, c.begin() + to);
                else if (lstm)
                    std::fill_n(c.begin() + to, hidden, 0.0f);
            }
            const float* pd = peep ? peep->floats.data() + d * 3 * hidden : nullptr;
            // GRU without linear_before_reset multiplies R's h rows by r.H, known only after r.
            const int64_t recurrentRows =
                m_a.layout->cell == Cell::Gru && !m_a.linearBeforeReset ? 2 * hidden : gh;
            // The GRU's candidate adds its input projection apart (gruUpdate).
            const int64_t projectedRows = m_a.layout->cell == Cell::Gru ? 2 * hidden : gh;
            Eigen::Map<RowMatrix> hm(h.data(), batch, hidden), hrm(hr.data(), batch, gh);
            const Eigen::Map<const RowMatrix> rm(rd, gh, hidden);

            for (int64_t s = 0; s < seq; ++s) {
                hrm.leftCols(recurrentRows).noalias() = hm * rm.topRows(recurrentRows).transpose();
                for (int64_t bi = 0; bi < batch; ++bi) {
                    if (s >= length[static_cast<size_t>(bi)]) continue;
                    const int64_t t = backwards ? length[static_cast<size_t>(bi)] - 1 - s : s;
                    float* g = hr.data() + bi * gh;
                    const float* xg = xw.data() + xRow(t, bi) * gh;
                    for (int64_t k = 0; k < projectedRows; ++k)
                        g[k] += xg[k];
                    float* hb = h.data() + bi * hidden;
                    if (m_a.layout->cell == Cell::Rnn) {
                        for (int64_t k = 0; k < hidden; ++k)
                            hb[k] = act[0](clip(g[k]));
                    } else if (m_a.layout->cell == Cell::Lstm) {
                        float* cb = c.data() + bi * hidden;
                        for (int64_t k = 0; k < hidden; ++k) {
                            const float i = act[0](clip(g[k] + (pd ? pd[k] * cb[k] : 0.0f)));
                            const float f = m_a.inputForget
                                                ? 1.0f - i
                                                : act[0](clip(g[2 * hidden + k] +
                                                              (pd ? pd[2 * hidden + k] * cb[k] : 0.0f)));
                            cb[k] = f * cb[k] + i * act[1](clip(g[3 * hidden + k]));
                            const float o =
                                act[0](clip(g[hidden + k] + (pd ? pd[hidden + k] * cb[k] : 0.0f)));
                            hb[k] = o * act[2](clip(cb[k]));
                        }
                    } else {
                        for (int64_t k = 0; k < 2 * hidden; ++k)
                            g[k] = act[0](clip(g[k]));
                        if (!m_a.linearBeforeReset)
                            for (int64_t k = 0; k < hidden; ++k)
                                rh[static_cast<size_t>(bi * hidden + k)] = g[hidden + k] * hb[k];
                    }
                }
                if (m_a.layout->cell == Cell::Gru)
                    gruUpdate(s, backwards, act, length, xw.data(), xRow, rm, recurrentBias, hr, h, rh);
                for (int64_t bi = 0; bi < batch; ++bi)
                    if (s < length[static_cast<size_t>(bi)]) {
                        const int64_t t = backwards ? length[static_cast<size_t>(bi)] - 1 - s : s;
                        std::copy_n(h.data() + bi * hidden, hidden, y.floats.data() + yAt(t, d, bi));
                    }
            }
            for (int64_t bi = 0; bi < batch; ++bi) {
                std::copy_n(h.data() + bi * hidden, hidden, yh.floats.data() + stateAt(d, bi));
                if (lstm) std::copy_n(c.data() + bi * hidden, hidden, yc.floats.data() + stateAt(d, bi));
            }
        }
        y.type = yh.type = yc.type = x->type;
        if (!out.empty()) out[0] = std::move(y);
        if (out.size() > 1) out[1] = std::move(yh);
        if (out.size() > 2 && lstm) out[2] = std::move(yc);
        return {};
    }

private:
    float clip(float v) const { return m_a.clip > 0 ? std::min(std::max(v, -m_a.clip), m_a.clip) : v; }

    // The GRU's candidate state and update, after z and r are in hr's first 2H columns: without
    // linear_before_reset the candidate's recurrent term is (r.H)*Rh^T, one GEMM for the batch.
    template <typename RowOf>
    void gruUpdate(int64_t s, bool backwards, const Activation* act, const std::vector<int64_t>& length,
                   const float* xw, RowOf xRow, const Eigen::Map<const RowMatrix>& rm,
                   const std::vector<float>& recurrentBias, std::vector<float>& hr, std::vector<float>& h,
                   const std::vector<float>& rh) const
    {
        const int64_t batch = static_cast<int64_t>(length.size()), hidden = rm.cols(), gh = rm.rows();
        Eigen::Map<RowMatrix> hrm(hr.data(), batch, gh);
        if (!m_a.linearBeforeReset)
            hrm.rightCols(hidden).noalias() =
                Eigen::Map<const RowMatrix>(rh.data(), batch, hidden) * rm.bottomRows(hidden).transpose();
        for (int64_t bi = 0; bi < batch; ++bi) {
            if (s >= length[static_cast<size_t>(bi)]) continue;
            const int64_t t = backwards ? length[static_cast<size_t>(bi)] - 1 - s : s;
            const float* g = hr.data() + bi * gh;
            const float* xg = xw + xRow(t, bi) * gh + 2 * hidden;
            float* hb = h.data() + bi * hidden;
            for (int64_t k = 0; k < hidden; ++k) {
                const float pre =
                    m_a.linearBeforeReset
                        ? xg[k] + g[hidden + k] * (g[2 * hidden + k] + recurrentBias[static_cast<size_t>(k)])
                        : xg[k] + g[2 * hidden + k];
                hb[k] = (1.0f - g[k]) * act[1](clip(pre)) + g[k] * hb[k];
            }
        }
    }

    RecurrentAttributes m_a;
};

} // namespace

Result<std::unique_ptr<Operator>> makeRecurrent(const Node& node, int64_t opset)
{
    RecurrentAttributes a;
    for (const CellLayout& cell : kCells)
        if (cell.opType == node.opType) a.layout = &cell;
    if (!a.layout) return fail("'" + node.opType + "' is not a recurrent operator");
    if (opset < 7) return fail(node.opType + " before opset 7 (output_sequence) is not supported");
    const std::string direction = stringAttribute(node, "direction", "forward");
    if (direction == "bidirectional")
        a.directions = 2;
    else if (direction == "reverse")
        a.reverse = true;
    else if (direction != "forward")
        return fail("direction '" + direction + "' is not supported");
    if (const Attribute* hs = node.attribute("hidden_size")) {
        if (hs->kind != Attribute::Kind::Int || hs->i < 1)
            return fail("hidden_size " + std::to_string(hs->i) + " is not a positive integer");
        a.hiddenSize = hs->i;
    }
    if (const Attribute* cl = node.attribute("clip")) {
        if (cl->kind != Attribute::Kind::Float || !(cl->f > 0))
            return fail("clip " + std::to_string(cl->f) + " is not a positive threshold");
        a.clip = toFloat(cl->f);
    }
    const int64_t layout = opset >= 14 ? node.intAttribute("layout", 0) : 0;
    if (layout != 0 && layout != 1) return fail("layout " + std::to_string(layout) + " is not supported");
    a.batchMajor = layout == 1;
    a.inputForget = a.layout->cell == Cell::Lstm && node.intAttribute("input_forget", 0) != 0;
    a.linearBeforeReset = a.layout->cell == Cell::Gru && node.intAttribute("linear_before_reset", 0) != 0;

    const int perDirection = a.layout->activations;
    std::vector<std::string> names(a.layout->defaults.begin(), a.layout->defaults.begin() + perDirection);
    if (const Attribute* acts = node.attribute("activations"); acts && acts->kind == Attribute::Kind::Strings)
        names = acts->strings;
    if (a.directions == 2 && names.size() == static_cast<size_t>(perDirection)) {
        const std::vector<std::string> forward = names; // inserting a vector's own range is undefined
        names.insert(names.end(), forward.begin(), forward.end());
    }
    if (names.size() != static_cast<size_t>(perDirection * a.directions))
        return fail(node.opType + " expects " + std::to_string(perDirection * a.directions) +
                    " activations, not " + std::to_string(names.size()));
    const Attribute* alphas = node.attribute("activation_alpha");
    const Attribute* betas = node.attribute("activation_beta");
    size_t nextAlpha = 0, nextBeta = 0;
    for (const std::string& name : names) {
        const ActivationInfo* info = nullptr;
        for (const ActivationInfo& candidate : kActivations)
            if (sameName(candidate.name, name)) info = &candidate;
        if (!info) return fail("activation '" + name + "' is not supported");
        Activation act{info->kind, info->alpha, info->beta};
        if (info->takesAlpha && alphas && nextAlpha < alphas->floats.size())
            act.alpha = toFloat(alphas->floats[nextAlpha++]);
        if (info->takesBeta && betas && nextBeta < betas->floats.size())
            act.beta = toFloat(betas->floats[nextBeta++]);
        a.activations.push_back(act);
    }
    return std::unique_ptr<Operator>(new RecurrentOp(std::move(a)));
}

} // namespace bitlens::engine

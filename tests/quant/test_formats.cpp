// Per-block granularity, the scale encodings and the deployment formats of DESIGN.md "Block
// granularity and today's deployment formats": its hand-checked examples, every element grid
// against its bit patterns (decoded here independently), round-to-nearest-even and saturation, the
// named formats' bits per weight, and per-block quantization against quantizing each block alone.
#include <quant/float_formats.h>
#include <quant/layer_stats.h>
#include <quant/plan.h>
#include <quant/quantize_tensor.h>
#include <quant/scheme_registry.h>

#include <model/weights.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>
#include <random>

using namespace bitlens;

namespace {

const std::vector<float> kV{-1.0f, -0.2f, 0.0f, 0.3f, 2.0f};

// kV as one group: per tensor with the format's scheme and scale, and per block (one block of 5).
QuantizedTensor oneGroup(const QuantSpec& spec)
{
    QuantSpec s = spec;
    s.granularity = Granularity::PerTensor;
    s.block = 0;
    return quantizeTensor(kV, {1, 5}, 0, s);
}

QuantSpec format(const char* name)
{
    const auto f = parseFormat(name);
    if (!f)
        qFatal("no format %s", name);
    return *f;
}

// The value of an OCP/IEEE-style bit pattern, written out here from the bit layout alone:
// (-1)^S * (E == 0 ? M/2^m * 2^(1-bias) : (1 + M/2^m) * 2^(E-bias)).
double decode(unsigned code, int e, int m, int bias)
{
    const unsigned mant = code & ((1u << m) - 1);
    const unsigned ex = (code >> m) & ((1u << e) - 1);
    const double sign = (code >> (e + m)) & 1 ? -1.0 : 1.0;
    if (ex == 0)
        return sign * mant / double(1u << m) * std::pow(2.0, 1 - bias);
    return sign * (1 + mant / double(1u << m)) * std::pow(2.0, int(ex) - bias);
}

bool closeTo(float got, double want)
{
    return std::fabs(got - want) <= 5e-7 * std::max(1.0, std::fabs(want));
}

void compareClose(const std::vector<float>& got, const std::vector<double>& want)
{
    QCOMPARE(got.size(), want.size());
    for (size_t i = 0; i < got.size(); ++i)
        QVERIFY2(closeTo(got[i], want[i]), qPrintable(QStringLiteral("element %1: got %2, want %3")
                                                          .arg(i).arg(double(got[i]), 0, 'g', 9).arg(want[i], 0, 'g', 9)));
}

WeightLayer layer(const std::string& op, std::vector<int64_t> dims, std::vector<float> values, int axis)
{
    const std::string name = op + ".weight";
    auto t = std::make_shared<Tensor>();
    t->name = name;
    t->dims = std::move(dims);
    t->floats.assign(values.begin(), values.end());
    return WeightLayer{name, op, op, axis, t, {}, {}, {}};
}

std::string writeFile(const QTemporaryDir& dir, const char* name, const QByteArray& text)
{
    QFile f(dir.filePath(QString::fromLatin1(name)));
    if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
        qFatal("cannot write %s", name);
    return f.fileName().toStdString();
}

} // namespace

Q_DECLARE_METATYPE(std::vector<double>)

class TestFormats : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // DESIGN.md's hand-checked examples, v = [-1.0, -0.2, 0.0, 0.3, 2.0] as one group.
    void handCheckedExamples_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<std::vector<double>>("xhat");
        // fp4-e2m1, fp32 scale s = 2/6 = 1/3: x/s = -3, -0.6, 0, 0.9, 6 -> -3, -0.5, 0, 1, 6.
        QTest::newRow("fp4-e2m1 fp32") << QStringLiteral("fp4-e2m1") << std::vector<double>{-1, -1.0 / 6, 0, 1.0 / 3, 2};
        // mxfp4: s = 2^(1-2) = 0.5: x/s = -2, -0.4, 0, 0.6, 4 -> -2, -0.5, 0, 0.5, 4.
        QTest::newRow("mxfp4") << QStringLiteral("mxfp4") << std::vector<double>{-1, -0.25, 0, 0.25, 2};
        // fp8-e4m3, fp32 scale s = 2/448: -224, -44.8, 0, 67.2, 448 -> -224, -44, 0, 64, 448.
        QTest::newRow("fp8-e4m3 fp32") << QStringLiteral("fp8-e4m3") << std::vector<double>{-1, -44.0 / 224, 0, 64.0 / 224, 2};
        // mxfp8: s = 2^-7: -128, -25.6 -> -26, 0, 38.4 -> 40, 256.
        QTest::newRow("mxfp8") << QStringLiteral("mxfp8") << std::vector<double>{-1, -0.203125, 0, 0.3125, 2};
        // fp8-e5m2, s = 2/57344: -5734.4 -> -6144, 8601.6 -> 8192.
        QTest::newRow("fp8-e5m2 fp32") << QStringLiteral("fp8-e5m2") << std::vector<double>{-1, -6144.0 * 2 / 57344, 0, 8192.0 * 2 / 57344, 2};
        // nf4: s = 2; x/s = -0.5 -> -0.5250730514526367, -0.1 -> -0.09105003625154495, 0.15 -> 0.16093020141124725.
        QTest::newRow("nf4") << QStringLiteral("nf4") << std::vector<double>{-1.0501461, -0.1821001, 0, 0.3218604, 2};
        // nvfp4: t = 2/2688, b = e4m3(2/(6t)) = 448, so t*b = 1/3 as fp4-e2m1 with an fp32 scale.
        QTest::newRow("nvfp4") << QStringLiteral("nvfp4") << std::vector<double>{-1, -1.0 / 6, 0, 1.0 / 3, 2};
        // q4_0: m = 2, d = -0.25: x/d + 8.5 = 12.5, 9.3, 8.5, 7.3, 0.5 -> q = 12, 9, 8, 7, 0.
        QTest::newRow("q4_0") << QStringLiteral("q4_0") << std::vector<double>{-1, -0.25, 0, 0.25, 2};
        // mxint8: X = 2, step 2^-5: x/step = -32, -6.4, 0, 9.6, 64 -> -32, -6, 0, 10, 64.
        QTest::newRow("mxint8") << QStringLiteral("mxint8") << std::vector<double>{-1, -0.1875, 0, 0.3125, 2};
        // q8_0: d = 2/127, fp16(d) = 1032/65536 (2^-6 * (1 + 8/1024)); q = round(63.5 x) =
        // -64, -13, 0, 19, 127 (half away from zero).
        QTest::newRow("q8_0") << QStringLiteral("q8_0")
                              << std::vector<double>{-64 * 1032.0 / 65536, -13 * 1032.0 / 65536, 0, 19 * 1032.0 / 65536, 127 * 1032.0 / 65536};
    }

    void handCheckedExamples()
    {
        QFETCH(QString, name);
        QFETCH(std::vector<double>, xhat);
        QuantSpec spec;
        if (auto f = parseFormat(name.toStdString()))
            spec = *f;
        else
            spec = {*parseScheme(name.toStdString()), Granularity::PerTensor, 8, 0, ScaleEncoding::Fp32};
        spec.bits = schemeDescriptor(spec.scheme).minBits;
        compareClose(oneGroup(spec).xhat, xhat);
        // The same as one block of a per-block layer (B >= 5): [1, 5] with the reduction axis 1.
        if (spec.granularity == Granularity::PerBlock)
            compareClose(quantizeTensor(kV, {1, 5}, 0, spec).xhat, xhat);
    }

    void handCheckedCodes()
    {
        // mxfp4: E = -2, -0.5, 0, 0.5, 4: e2m1 patterns 1.100, 1.001, 0.000, 0.001, 0.110.
        QCOMPARE(oneGroup(format("mxfp4")).codes, (std::vector<uint16_t>{12, 9, 0, 1, 6}));
        // q4_0: the nibble q itself.
        QCOMPARE(oneGroup(format("q4_0")).codes, (std::vector<uint16_t>{12, 9, 8, 7, 0}));
        // mxint8 and q8_0: q + 128.
        QCOMPARE(oneGroup(format("mxint8")).codes, (std::vector<uint16_t>{96, 122, 128, 138, 192}));
        QCOMPARE(oneGroup(format("q8_0")).codes, (std::vector<uint16_t>{64, 115, 128, 147, 255}));
        // nf4: level indices 2, 6, 7, 9, 15.
        QCOMPARE(oneGroup(format("nf4")).codes, (std::vector<uint16_t>{2, 6, 7, 9, 15}));
        // nvfp4's tensor scale t = amax/(448*6) and its one block factor 448.
        const QuantizedTensor nv = oneGroup(format("nvfp4"));
        QVERIFY(std::fabs(nv.tensorScale - 2.0 / 2688) < 1e-15 * (2.0 / 2688));
        QVERIFY(std::fabs(nv.scales[0] - 1.0 / 3) < 1e-15);
    }

    // DESIGN.md: the Gemm (transB=1) weight [[-1.0, -0.2, 0.0, 0.3], [2.0, 1.0, -0.5, 0.5]],
    // symmetric 3 bits, B = 2 -> [[-1, -1/3, 0, 0.3], [2, 4/3, -0.5, 0.5]], 24 code bits + 4 x 32.
    void perBlockHandExample()
    {
        const WeightLayer l = layer("Gemm", {2, 4}, {-1.0f, -0.2f, 0.0f, 0.3f, 2.0f, 1.0f, -0.5f, 0.5f}, 0);
        const QuantSpec spec{Scheme::Symmetric, Granularity::PerBlock, 3, 2};
        const QuantizedTensor q = quantizeLayer(l, spec, OutputAll);
        compareClose(q.xhat, {-1, -1.0 / 3, 0, 0.3, 2, 4.0 / 3, -0.5, 0.5});
        QCOMPARE(q.overheadBits, int64_t{4 * 32});
        const PreparedTensor p(l.tensor->floats, l.tensor->dims, l.axis, layerGrouping(l, spec), false);
        const StatsRow row = statsRow(p, quantizeTensor(p, spec, OutputCodes), false);
        QCOMPARE(row.codeBits, int64_t{24});
        QCOMPARE(row.bitsPerWeight, (24.0 + 128) / 8);
        // Gemm transB=0 stores the same weight transposed, [4, 2] with channels on axis 1: blocks
        // now run down axis 0 and x^ is the transpose.
        const WeightLayer t = layer("Gemm", {4, 2}, {-1.0f, 2.0f, -0.2f, 1.0f, 0.0f, -0.5f, 0.3f, 0.5f}, 1);
        compareClose(quantizeLayer(t, spec, OutputXhat).xhat, {-1, 2, -1.0 / 3, 4.0 / 3, 0, -0.5, 0.3, 0.5});
    }

    void reductionAxes()
    {
        QCOMPARE(reductionAxis("Conv", 0, 4), 1);
        QCOMPARE(reductionAxis("ConvTranspose", 1, 4), 0);
        QCOMPARE(reductionAxis("Gemm", 0, 2), 1); // transB = 1
        QCOMPARE(reductionAxis("Gemm", 1, 2), 0); // transB = 0
        QCOMPARE(reductionAxis("MatMul", 1, 2), 0);
        QCOMPARE(reductionAxis("MatMul", 2, 3), 1);
    }

    // Every scheme per block equals quantizing each block as a tensor of its own, on a Conv-like
    // weight whose blocks are not contiguous ([3, 7, 1, 2], reduction axis 1, B = 3: blocks of 3,
    // 3 and 1, the last a single element that stays unchanged).
    void perBlockEqualsEachBlockAlone()
    {
        std::mt19937 rng(7);
        std::normal_distribution<float> nd(0, 0.2f);
        std::vector<float> v(3 * 7 * 2);
        for (float& x : v)
            x = nd(rng);
        const WeightLayer l = layer("Conv", {3, 7, 1, 2}, v, 0);
        for (const SchemeDescriptor& d : schemeRegistry())
            for (int bits = d.minBits; bits <= std::min(d.maxBits, 5); ++bits)
                for (unsigned e = 0; e < 5; ++e) {
                    const auto scale = static_cast<ScaleEncoding>(e);
                    if (!scaleAllowed(d.id, scale) || scale == ScaleEncoding::UE4M3) // ue4m3 couples the blocks
                        continue;
                    const QuantSpec spec{d.id, Granularity::PerBlock, bits, 3, scale};
                    const QuantizedTensor q = quantizeLayer(l, spec, OutputAll);
                    int64_t overhead = 0;
                    for (int o = 0; o < 3; ++o)
                        for (int i = 0; i < 2; ++i)
                            for (int b = 0; b < 7; b += 3) {
                                std::vector<float> block;
                                std::vector<size_t> at;
                                for (int k = b; k < std::min(b + 3, 7); ++k) {
                                    at.push_back(static_cast<size_t>((o * 7 + k) * 2 + i));
                                    block.push_back(v[at.back()]);
                                }
                                const QuantSpec alone{d.id, Granularity::PerTensor, bits, 0, scale};
                                const QuantizedTensor a = quantizeTensor(block, {static_cast<int64_t>(block.size())}, 0, alone);
                                overhead += a.overheadBits;
                                for (size_t k = 0; k < at.size(); ++k) {
                                    QCOMPARE(q.xhat[at[k]], a.xhat[k]);
                                    QCOMPARE(q.codes[at[k]], a.codes[k]);
                                }
                            }
                    // Per block an asymmetric zero point costs n bits, per tensor at fp32 32 bits.
                    if (d.id == Scheme::Asymmetric && scale == ScaleEncoding::Fp32)
                        overhead -= 18 * (32 - bits);
                    QCOMPARE(q.overheadBits, overhead);
                }
    }

    // Every code of every element format against the bit layout, decoded here.
    void elementGridsExhaustive_data()
    {
        QTest::addColumn<int>("scheme");
        QTest::addColumn<int>("e");
        QTest::addColumn<int>("m");
        QTest::addColumn<int>("bias");
        QTest::addColumn<double>("max");
        QTest::newRow("e4m3") << int(Scheme::Fp8E4M3) << 4 << 3 << 7 << 448.0;
        QTest::newRow("e5m2") << int(Scheme::Fp8E5M2) << 5 << 2 << 15 << 57344.0;
        QTest::newRow("e3m2") << int(Scheme::Fp6E3M2) << 3 << 2 << 3 << 28.0;
        QTest::newRow("e2m3") << int(Scheme::Fp6E2M3) << 2 << 3 << 1 << 7.5;
        QTest::newRow("e2m1") << int(Scheme::Fp4E2M1) << 2 << 1 << 1 << 6.0;
    }

    void elementGridsExhaustive()
    {
        QFETCH(int, scheme);
        QFETCH(int, e);
        QFETCH(int, m);
        QFETCH(int, bias);
        QFETCH(double, max);
        const FloatFormat& f = *schemeDescriptor(static_cast<Scheme>(scheme)).element;
        QCOMPARE(f.max, max);
        const unsigned codes = 1u << (1 + e + m);
        std::vector<double> finite; // every finite value, for the brute-force nearest search
        for (unsigned c = 0; c < codes; ++c) {
            const unsigned ex = (c >> m) & ((1u << e) - 1), mant = c & ((1u << m) - 1);
            const bool top = ex == (1u << e) - 1;
            const double got = formatValue(static_cast<uint16_t>(c), f);
            if (e == 4 && m == 3 && top && mant == 7) { // e4m3: S.1111.111 is NaN, no infinity
                QVERIFY(std::isnan(got));
                continue;
            }
            if (e == 5 && top) { // e5m2: IEEE-like infinities and NaNs
                QVERIFY(mant == 0 ? std::isinf(got) : std::isnan(got));
                continue;
            }
            const double want = decode(c, e, m, bias);
            QCOMPARE(got, want);
            QVERIFY(std::fabs(want) <= max);
            QCOMPARE(roundToFormat(want, f), want);
            QCOMPARE(formatCode(want, f), static_cast<uint16_t>(c));
            finite.push_back(want);
        }
        // Rounding against a brute-force nearest search over the decoded values, ties to the even
        // code, beyond the maximum saturating.
        std::mt19937_64 rng(static_cast<uint64_t>(scheme));
        std::uniform_real_distribution<double> ud(-1.2 * max, 1.2 * max);
        std::vector<double> probes;
        for (int i = 0; i < 3000; ++i)
            probes.push_back(ud(rng) / (i % 3 == 0 ? 1 : (i % 3 == 1 ? 64 : 4096)));
        for (size_t i = 0; i + 1 < finite.size(); ++i) // every midpoint between neighbours
            probes.push_back((finite[i] + finite[i + 1]) / 2);
        for (double y : probes) {
            double best = 0, bestErr = std::numeric_limits<double>::infinity();
            uint16_t bestCode = 0;
            for (double c : finite) {
                const double err = std::fabs(y - c);
                const uint16_t code = formatCode(c, f);
                if (err < bestErr || (err == bestErr && (code & 1) == 0 && (bestCode & 1) == 1)) {
                    best = c;
                    bestErr = err;
                    bestCode = code;
                }
            }
            if (std::fabs(y) >= max)
                best = std::copysign(max, y);
            const double got = roundToFormat(y, f);
            QVERIFY2(got == best || (got == 0 && best == 0),
                     qPrintable(QStringLiteral("E(%1) = %2, want %3").arg(y, 0, 'g', 17).arg(got).arg(best)));
        }
    }

    void roundingTiesAndSaturation()
    {
        // e2m1: 2.5 lies between 2 (code 4) and 3 (5): even -> 2; 3.5 -> 4 (6); 5 -> 4; 0.25 -> 0; 0.75 -> 1.
        QCOMPARE(roundToFormat(2.5, kFp4E2M1), 2.0);
        QCOMPARE(roundToFormat(3.5, kFp4E2M1), 4.0);
        QCOMPARE(roundToFormat(5.0, kFp4E2M1), 4.0);
        QCOMPARE(roundToFormat(-0.25, kFp4E2M1), -0.0);
        QCOMPARE(roundToFormat(0.75, kFp4E2M1), 1.0);
        QCOMPARE(roundToFormat(7.0, kFp4E2M1), 6.0);
        // e4m3: 464 is halfway to the NaN pattern's 480: saturates at 448, as does 1e6.
        QCOMPARE(roundToFormat(464.0, kFp8E4M3), 448.0);
        QCOMPARE(roundToFormat(-1e6, kFp8E4M3), -448.0);
        QCOMPARE(roundToFormat(std::ldexp(1.0, -10), kFp8E4M3), 0.0); // half the smallest subnormal 2^-9: even
        QCOMPARE(roundToFormat(std::ldexp(3.0, -10), kFp8E4M3), std::ldexp(1.0, -8)); // 1.5 x 2^-9 -> 2 x 2^-9
        // fp16: 65520 would be infinity in IEEE; here it saturates. 1 + 2^-11 ties to 1.
        QCOMPARE(roundToFormat(65520.0, kFp16), 65504.0);
        QCOMPARE(roundToFormat(1 + std::ldexp(1.0, -11), kFp16), 1.0);
        QCOMPARE(roundToFormat(1 + std::ldexp(3.0, -11), kFp16), 1 + std::ldexp(1.0, -9));
        QCOMPARE(roundToFormat(1 + std::ldexp(1.0, -8), kBf16), 1.0);
    }

    // Symmetric 3 bits on kV per tensor, D = 2/3 stored in each encoding (hand-derived):
    // fp16(2/3) = 1365/2048 (1.0101010101b x 2^-1, the dropped bits 0101... round down): x/D =
    // -1.5004 -> -2, 3.0007 -> 3; bf16(2/3) = 171/256 (1.0101010|1010... rounds up): -1.497 -> -1,
    // 2.994 -> 3; e8m0 takes the power of two at or above, 1: -1, 2; ue4m3 with one group: t =
    // D/448, b = 448, D exact.
    void scaleEncodings_data()
    {
        QTest::addColumn<int>("scale");
        QTest::addColumn<std::vector<double>>("xhat");
        QTest::addColumn<qint64>("overhead");
        QTest::newRow("fp32") << int(ScaleEncoding::Fp32) << std::vector<double>{-4.0 / 3, 0, 0, 0, 2} << qint64{32};
        QTest::newRow("fp16") << int(ScaleEncoding::Fp16) << std::vector<double>{-2 * 1365.0 / 2048, 0, 0, 0, 3 * 1365.0 / 2048} << qint64{16};
        QTest::newRow("bf16") << int(ScaleEncoding::Bf16) << std::vector<double>{-171.0 / 256, 0, 0, 0, 3 * 171.0 / 256} << qint64{16};
        QTest::newRow("e8m0") << int(ScaleEncoding::E8M0) << std::vector<double>{-1, 0, 0, 0, 2} << qint64{8};
        QTest::newRow("ue4m3") << int(ScaleEncoding::UE4M3) << std::vector<double>{-4.0 / 3, 0, 0, 0, 2} << qint64{8 + 32};
    }

    void scaleEncodings()
    {
        QFETCH(int, scale);
        QFETCH(std::vector<double>, xhat);
        QFETCH(qint64, overhead);
        const QuantizedTensor q = oneGroup({Scheme::Symmetric, Granularity::PerTensor, 3, 0, static_cast<ScaleEncoding>(scale)});
        compareClose(q.xhat, xhat);
        QCOMPARE(q.overheadBits, int64_t{overhead});
    }

    // NVFP4 on two blocks of 16 and one that underflows: t = 6/(448*6) = 1/448. Block 1 (amax 6):
    // b = 448, s = 1, x^ = E(x). Block 2 (amax 0.05): b = e4m3(0.05*448/6 = 3.7333) = 3.75
    // (quantum 0.25), s = 3.75/448; 0.05/s = 5.973 -> 6 -> 22.5/448. Block 3 (amax 1e-6): b =
    // e4m3(7.5e-5) = 0 (below 2^-10, half the smallest subnormal): the block is zero.
    void nvfp4Blocks()
    {
        std::vector<float> v(48, 0.0f);
        v[0] = 6.0f;
        v[1] = 1.0f;
        v[2] = -2.6f; // E(-2.6) = -3 (nearest)
        v[16] = 0.05f;
        v[17] = -0.01f; // 0.01/s = 1.1947 -> 1 -> 3.75/448
        v[32] = 1e-6f;
        v[33] = -1e-6f;
        const QuantizedTensor q = quantizeTensor(v, {1, 48}, 0, format("nvfp4"));
        QCOMPARE(q.tensorScale, 1.0 / 448);
        QCOMPARE(q.xhat[0], 6.0f);
        QCOMPARE(q.xhat[1], 1.0f);
        QCOMPARE(q.xhat[2], -3.0f);
        QCOMPARE(q.xhat[16], static_cast<float>(22.5 / 448));
        QCOMPARE(q.xhat[17], static_cast<float>(-3.75 / 448));
        QCOMPARE(q.xhat[32], 0.0f);
        QCOMPARE(q.xhat[33], 0.0f);
        // 3 blocks x 8 bits + the fp32 tensor scale.
        QCOMPARE(q.overheadBits, int64_t{3 * 8 + 32});
    }

    // DESIGN.md's named-format table, on a 256 x 256 matrix (N = 65536, K = 256 per channel).
    void namedFormatBitsPerWeight_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<double>("bits");
        QTest::newRow("mxfp8") << QStringLiteral("mxfp8") << 8.25;
        QTest::newRow("mxfp6") << QStringLiteral("mxfp6") << 6.25;
        QTest::newRow("mxfp4") << QStringLiteral("mxfp4") << 4.25;
        QTest::newRow("mxint8") << QStringLiteral("mxint8") << 8.25;
        QTest::newRow("nvfp4") << QStringLiteral("nvfp4") << 4.5 + 32.0 / 65536;
        QTest::newRow("nf4") << QStringLiteral("nf4") << 4.5;
        QTest::newRow("int4-g128") << QStringLiteral("int4-g128") << 4 + 20.0 / 128; // 4.16
        QTest::newRow("q4_0") << QStringLiteral("q4_0") << 4.5;
        QTest::newRow("q8_0") << QStringLiteral("q8_0") << 8.5;
        QTest::newRow("fp8-e4m3 per channel") << QStringLiteral("fp8-e4m3") << 8 + 32.0 / 256;
    }

    void namedFormatBitsPerWeight()
    {
        QFETCH(QString, name);
        QFETCH(double, bits);
        std::mt19937 rng(11);
        std::normal_distribution<float> nd(0, 0.05f);
        std::vector<float> v(256 * 256);
        for (float& x : v)
            x = nd(rng);
        const WeightLayer l = layer("Gemm", {256, 256}, v, 0);
        const QuantSpec spec = format(name.toLatin1().constData());
        const PreparedTensor p(l.tensor->floats, l.tensor->dims, l.axis, layerGrouping(l, spec), false);
        const StatsRow row = statsRow(p, quantizeTensor(p, spec, OutputCodes), false);
        QCOMPARE(row.bitsPerWeight, bits);
        QVERIFY(row.error.sqnrDb && *row.error.sqnrDb > 10);
        QCOMPARE(QString::fromUtf8(formatName(spec).value_or("").data()), name);
    }

    // DESIGN.md "Quantizers": degenerate groups of the six schemes are returned unchanged with codes
    // 0, per block too; an all-zero group stays zero under every scheme and format.
    void degenerateBlocksUnchanged()
    {
        const float nan = std::numeric_limits<float>::quiet_NaN();
        const std::vector<std::vector<float>> cases{{0, 0, 0, 0, 0}, {0.7f, 0.7f, 0.7f, 0.7f, 0.7f}, {-3, -3, 5, 5, 1}};
        for (const SchemeDescriptor& d : schemeRegistry())
            for (const auto& values : cases) {
                const bool formatScheme = d.id >= Scheme::Fp8E4M3; // the deployment formats
                if (formatScheme && values[0] != 0)
                    continue; // a constant block follows the format's formula (below)
                const QuantSpec spec{d.id, Granularity::PerBlock, d.minBits, 2, d.defaultScale};
                const QuantizedTensor q = quantizeTensor(values, {5}, 0, spec);
                QCOMPARE(q.xhat, values); // blocks [a a] [b b] [c]: each constant
                QCOMPARE(q.codes, std::vector<uint16_t>(values.size(), 0));
            }
        // The formats take their scale from the block's largest magnitude, so a constant block is
        // quantized like any other: mxfp4's e8m0 scale for [5, 5] is 2^(floor(log2 5) - 2) = 1, and 5
        // lies halfway between fp4's 4 and 6, so ties-to-even gives 4 (mantissa 0); for [3, 3] the
        // scale is 0.5 and 3/0.5 = 6 is on the grid. fp4-e2m1 with an fp32 scale 5/6 keeps 5 exactly.
        QuantSpec mx = format("mxfp4");
        mx.block = 2;
        QCOMPARE(quantizeTensor(std::vector<float>{5, 5, 3, 3}, {4}, 0, mx).xhat, (std::vector<float>{4, 4, 3, 3}));
        const QuantSpec fp4{Scheme::Fp4E2M1, Granularity::PerBlock, 4, 2, ScaleEncoding::Fp32};
        QCOMPARE(quantizeTensor(std::vector<float>{5, 5}, {2}, 0, fp4).xhat, (std::vector<float>{5, 5}));
        // NaN in one block leaves that block unchanged; the layer is excluded before quantizing
        // anyway (nonFiniteWarning), this only keeps a direct call safe.
        for (const SchemeDescriptor& d : schemeRegistry()) {
            const std::vector<float> v{nan, 1, 0.5f, -0.25f};
            const QuantizedTensor q = quantizeTensor(v, {4}, 0, {d.id, Granularity::PerBlock, d.minBits, 2, d.defaultScale});
            QVERIFY(std::isnan(q.xhat[0]));
            QCOMPARE(q.xhat[1], 1.0f);
        }
    }

    // A version 1 plan (as BitLens wrote them before) reads as before and is written back as version 1.
    void planVersion1Reads()
    {
        QTemporaryDir dir;
        const QByteArray v1 = R"({"format": "bitlens-plan", "version": 1, "model_sha256": "ab",
            "defaults": {"scheme": "asymmetric", "granularity": "per-channel", "bits": 8},
            "fold_batchnorm": false,
            "layers": {"conv1.weight": {"bits": 4, "scheme": "pow2", "granularity": "per-tensor"},
                       "fc.weight": {"bits": 32}}})";
        auto plan = readPlan(writeFile(dir, "v1.bitlens-plan.json", v1));
        QVERIFY2(plan, plan ? "" : plan.error().c_str());
        QVERIFY(plan->defaults == (QuantSpec{Scheme::Asymmetric, Granularity::PerChannel, 8}));
        QVERIFY(plan->specFor("conv1.weight") == (QuantSpec{Scheme::Pow2, Granularity::PerTensor, 4}));
        QVERIFY(plan->specFor("fc.weight") == (QuantSpec{Scheme::Asymmetric, Granularity::PerChannel, 32}));
        QVERIFY(planJson(*plan).contains("\"version\": 1"));
        QVERIFY(!planJson(*plan).contains("block"));
    }

    // Version 2: named formats, per-block with a block size, scale encodings, element formats
    // with implied bits; written back as version 2 and read to the same plan.
    void planVersion2RoundTrips()
    {
        QTemporaryDir dir;
        const QByteArray v2 = R"({"format": "bitlens-plan", "version": 2,
            "defaults": {"format": "nvfp4"},
            "layers": {"a": {"format": "int4-g128"},
                       "b": {"scheme": "symmetric", "bits": 4, "granularity": "per-block", "block": 64, "scale": "bf16"},
                       "c": {"scheme": "fp8-e5m2", "granularity": "per-channel"},
                       "d": {"bits": 32},
                       "e": {"scheme": "q4_0"},
                       "f": {"scheme": "asymmetric", "bits": 3, "scale": "fp32"}}})";
        auto plan = readPlan(writeFile(dir, "v2.bitlens-plan.json", v2));
        QVERIFY2(plan, plan ? "" : plan.error().c_str());
        QVERIFY(plan->defaults == (QuantSpec{Scheme::Fp4E2M1, Granularity::PerBlock, 4, 16, ScaleEncoding::UE4M3}));
        QVERIFY(plan->specFor("a") == (QuantSpec{Scheme::Asymmetric, Granularity::PerBlock, 4, 128, ScaleEncoding::Fp16}));
        QVERIFY(plan->specFor("b") == (QuantSpec{Scheme::Symmetric, Granularity::PerBlock, 4, 64, ScaleEncoding::Bf16}));
        // fp8-e5m2 takes its 8 bits and the inherited ue4m3 scale (it can use it); no block per channel.
        QVERIFY(plan->specFor("c") == (QuantSpec{Scheme::Fp8E5M2, Granularity::PerChannel, 8, 0, ScaleEncoding::UE4M3}));
        QVERIFY(plan->specFor("d") == (QuantSpec{Scheme::Fp4E2M1, Granularity::PerBlock, 32, 16, ScaleEncoding::UE4M3}));
        // q4_0 cannot use ue4m3: it takes its own fp16 scale, and the inherited block of 16.
        QVERIFY(plan->specFor("e") == (QuantSpec{Scheme::Q4_0, Granularity::PerBlock, 4, 16, ScaleEncoding::Fp16}));
        // An fp32 layer under ue4m3 defaults: written with its scale, so it reads back as fp32.
        QVERIFY(plan->specFor("f") == (QuantSpec{Scheme::Asymmetric, Granularity::PerBlock, 3, 16, ScaleEncoding::Fp32}));
        const QByteArray written = planJson(*plan);
        QVERIFY(written.contains("\"version\": 2"));
        QVERIFY(written.contains("\"format\": \"nvfp4\""));
        auto again = readPlan(writeFile(dir, "again.bitlens-plan.json", written));
        QVERIFY2(again, again ? "" : again.error().c_str());
        QVERIFY(again->defaults == plan->defaults);
        QVERIFY(again->layers == plan->layers);
    }

    void planErrors_data()
    {
        QTest::addColumn<QByteArray>("defaults");
        QTest::addColumn<QString>("message");
        QTest::newRow("no block") << QByteArray(R"({"scheme": "symmetric", "granularity": "per-block"})")
                                  << QStringLiteral("defaults: per-block granularity needs \"block\"");
        QTest::newRow("block without per-block") << QByteArray(R"({"granularity": "per-tensor", "block": 32})")
                                                 << QStringLiteral("defaults.block: a block size needs");
        QTest::newRow("block 1") << QByteArray(R"({"granularity": "per-block", "block": 1})")
                                 << QStringLiteral("defaults.block: expected an integer in 2..1048576, got 1");
        QTest::newRow("scale for pow2") << QByteArray(R"({"scheme": "pow2", "scale": "fp16"})")
                                        << QStringLiteral("defaults: scale fp16 does not apply to pow2");
        QTest::newRow("unknown format") << QByteArray(R"({"format": "mxfp5"})")
                                        << QStringLiteral("defaults.format: expected one of mxfp8, ");
        QTest::newRow("unknown scale") << QByteArray(R"({"scale": "fp64"})")
                                       << QStringLiteral("defaults.scale: expected one of fp32, fp16, bf16, e8m0, ue4m3, got \"fp64\"");
        QTest::newRow("implied bits") << QByteArray(R"({"scheme": "fp4-e2m1", "bits": 8})")
                                      << QStringLiteral("defaults.bits: 8 is not allowed for fp4-e2m1 (4, or 32 for FP32)");
    }

    void planErrors()
    {
        QFETCH(QByteArray, defaults);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const std::string path = writeFile(dir, "bad.bitlens-plan.json",
                                           R"({"format": "bitlens-plan", "version": 2, "defaults": )" + defaults + "}");
        auto plan = readPlan(path);
        QVERIFY(!plan);
        QVERIFY2(QString::fromStdString(plan.error()).contains(message), plan.error().c_str());
        QVERIFY(QString::fromStdString(plan.error()).startsWith(QString::fromStdString(path)));
        // A newer version is refused, never misread.
        auto newer = readPlan(writeFile(dir, "v3.bitlens-plan.json", R"({"format": "bitlens-plan", "version": 3})"));
        QVERIFY(!newer);
    }

    void specProblems()
    {
        QVERIFY(specProblem(format("nvfp4")).empty());
        QVERIFY(specProblem({Scheme::Fp4E2M1, Granularity::PerTensor, 8}).find("not allowed") != std::string::npos);
        QVERIFY(specProblem({Scheme::Pow2, Granularity::PerTensor, 4, 0, ScaleEncoding::Fp16}).find("does not apply") != std::string::npos);
        QVERIFY(specProblem({Scheme::Symmetric, Granularity::PerBlock, 4, 1}).find("block 1") != std::string::npos);
        QVERIFY(specProblem({Scheme::Symmetric, Granularity::PerChannel, 4, 32}).find("per-block") != std::string::npos);
        QCOMPARE(QString::fromStdString(specLabel(format("int4-g128"))), QStringLiteral("int4-g128"));
        QCOMPARE(QString::fromStdString(specLabel({Scheme::Symmetric, Granularity::PerBlock, 4, 32, ScaleEncoding::Bf16})),
                 QStringLiteral("symmetric 4-bit per-block 32 bf16"));
    }
};

QTEST_GUILESS_MAIN(TestFormats)
#include "test_formats.moc"

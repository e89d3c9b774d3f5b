// The quantizers on DESIGN.md's hand-checked examples, the degenerate-input rules for every
// scheme of the registry, per-channel layouts, and code packing.
#include <quant/bit_efficiency.h>
#include <quant/error_metrics.h>
#include <quant/layer_stats.h>
#include <quant/quantize_tensor.h>
#include <quant/scheme_registry.h>
#include <quant/storage.h>

#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

using namespace bitlens;

Q_DECLARE_METATYPE(std::vector<float>)
Q_DECLARE_METATYPE(std::vector<uint16_t>)

namespace {

const std::vector<float> kV{-1.0f, -0.2f, 0.0f, 0.3f, 2.0f};

QuantizedTensor perTensor(const std::vector<float>& v, Scheme s, int bits)
{
    return quantizeTensor(v, {static_cast<int64_t>(v.size())}, 0, {s, Granularity::PerTensor, bits});
}

} // namespace

class TestQuantizers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void handCheckedExamples_data()
    {
        QTest::addColumn<int>("scheme");
        QTest::addColumn<int>("bits");
        QTest::addColumn<std::vector<float>>("xhat");
        QTest::addColumn<std::vector<uint16_t>>("codes");
        // DESIGN.md "Hand-checked examples"; codes derived by hand from DESIGN.md "Codes".
        // asymmetric 2 bits: D = 1, z = 1; q = round(x) + 1 -> [0, 1, 1, 1, 3].
        QTest::newRow("asymmetric 2") << int(Scheme::Asymmetric) << 2 << std::vector<float>{-1, 0, 0, 0, 2}
                                      << std::vector<uint16_t>{0, 1, 1, 1, 3};
        // symmetric 3 bits: D = 2/3; q = [-2, 0, 0, 0, 3]; code = q + 4.
        QTest::newRow("symmetric 3") << int(Scheme::Symmetric) << 3
                                     << std::vector<float>{static_cast<float>(-4.0 / 3), 0, 0, 0, 2}
                                     << std::vector<uint16_t>{2, 4, 4, 4, 7};
        // pow2 3 bits: e_max = 1, e_min = -1; -1 -> sign|(0+1+1) = 4|2; 2 -> 1+1+1 = 3.
        QTest::newRow("pow2 3") << int(Scheme::Pow2) << 3 << std::vector<float>{-1, 0, 0, 0, 2}
                                << std::vector<uint16_t>{6, 0, 0, 0, 3};
        // pow2 4 bits: e_min = -5; -1 -> 8|6, -0.25 -> 8|4, 0.25 -> 4, 2 -> 7.
        QTest::newRow("pow2 4") << int(Scheme::Pow2) << 4 << std::vector<float>{-1, -0.25f, 0, 0.25f, 2}
                                << std::vector<uint16_t>{14, 12, 0, 4, 7};
        // dfxp 4 bits: IL = 2, FL = 2; q = clamp(round(4x), -8, 7) = [-4, -1, 0, 1, 7]; code = q + 8.
        QTest::newRow("dfxp 4") << int(Scheme::Dfxp) << 4 << std::vector<float>{-1, -0.25f, 0, 0.25f, 1.75f}
                                << std::vector<uint16_t>{4, 7, 8, 9, 15};
        // k-means 1 bit: centroids -0.25, 1.25 -> -0.225, 2, then stable.
        QTest::newRow("kmeans 1") << int(Scheme::KMeans) << 1
                                  << std::vector<float>{-0.225f, -0.225f, -0.225f, -0.225f, 2}
                                  << std::vector<uint16_t>{0, 0, 0, 0, 1};
        // k-means 3 bits: 5 distinct values <= 8 -> exact, code = rank.
        QTest::newRow("kmeans 3") << int(Scheme::KMeans) << 3 << kV << std::vector<uint16_t>{0, 1, 2, 3, 4};
    }

    void handCheckedExamples()
    {
        QFETCH(int, scheme);
        QFETCH(int, bits);
        QFETCH(std::vector<float>, xhat);
        QFETCH(std::vector<uint16_t>, codes);
        const QuantizedTensor q = perTensor(kV, static_cast<Scheme>(scheme), bits);
        QCOMPARE(q.xhat, xhat);
        QCOMPARE(q.codes, codes);
    }

    void asymmetricZeroIsExact()
    {
        std::mt19937 rng(1);
        std::normal_distribution<float> nd(0.3f, 1.0f);
        std::vector<float> v(1000);
        for (float& x : v)
            x = nd(rng);
        v[17] = 0;
        for (int bits = 1; bits <= 8; ++bits)
            QCOMPARE(perTensor(v, Scheme::Asymmetric, bits).xhat[17], 0.0f);
    }

    void pow2EffectiveBits()
    {
        // pow2 4 bits on kV uses exponents -2, 0, 1: L = 1 - (-2) + 1 = 4 -> 1 + ceil(log2 5) = 4.
        QCOMPARE(perTensor(kV, Scheme::Pow2, 4).effectiveBits, std::optional<int>(4));
        // pow2 3 bits uses exponents 0, 1: L = 2 -> 1 + ceil(log2 3) = 3.
        QCOMPARE(perTensor(kV, Scheme::Pow2, 3).effectiveBits, std::optional<int>(3));
        QCOMPARE(bitlens::pow2EffectiveBits(1), 2);
        QCOMPARE(bitlens::pow2EffectiveBits(7), 4);
        QCOMPARE(bitlens::pow2EffectiveBits(8), 5);
        QVERIFY(!perTensor(kV, Scheme::Asymmetric, 4).effectiveBits);
    }

    void degenerateGroupsUnchanged_data()
    {
        QTest::addColumn<std::vector<float>>("values");
        QTest::newRow("all zero") << std::vector<float>{0, 0, 0, 0};
        QTest::newRow("zero and minus zero") << std::vector<float>{0.0f, -0.0f, 0.0f};
        QTest::newRow("constant") << std::vector<float>{0.7f, 0.7f, 0.7f};
        QTest::newRow("negative constant") << std::vector<float>{-3, -3};
        QTest::newRow("single element") << std::vector<float>{3.5f};
        QTest::newRow("single denormal") << std::vector<float>{std::numeric_limits<float>::denorm_min()};
    }

    void degenerateGroupsUnchanged()
    {
        QFETCH(std::vector<float>, values);
        const bool allZero = std::all_of(values.begin(), values.end(), [](float v) { return v == 0; });
        for (const SchemeDescriptor& d : schemeRegistry()) {
            // The deployment formats quantize a constant nonzero group by their formula
            // (test_formats: degenerateBlocksUnchanged); only an all-zero one passes through.
            if (d.id >= Scheme::Fp8E4M3 && !allZero)
                continue;
            for (int bits = d.minBits; bits <= std::min(8, d.maxBits); ++bits)
                for (Granularity g : {Granularity::PerTensor, Granularity::PerChannel}) {
                    const QuantizedTensor q = quantizeTensor(values, {static_cast<int64_t>(values.size())}, 0,
                                                             {d.id, g, bits});
                    QCOMPARE(q.xhat, values);
                    QCOMPARE(q.codes, std::vector<uint16_t>(values.size(), 0));
                    QVERIFY(!errorMetrics(values, q.xhat).sqnrDb); // "exact"
                }
        }
    }

    void nonFiniteLayersExcluded()
    {
        const std::vector<float> v{1, 2, std::numeric_limits<float>::quiet_NaN(), 4,
                                   std::numeric_limits<float>::infinity()};
        const std::string w = nonFiniteWarning("conv1.weight", v);
        QVERIFY(w.find("conv1.weight") != std::string::npos);
        QVERIFY(w.find("1 NaN and 1 Inf") != std::string::npos);
        QVERIFY(w.find("index 2") != std::string::npos);
        QVERIFY(nonFiniteWarning("ok", kV).empty());

        auto tensor = std::make_shared<Tensor>();
        tensor->dims = {5};
        tensor->floats.assign(v.begin(), v.end());
        StatsOptions opt;
        opt.specs = expandSpecs({Scheme::Asymmetric, Scheme::KMeans}, {Granularity::PerTensor}, {4});
        const auto stats = computeModelStats({{"bad", "n", "MatMul", 0, tensor, {}, {}, {}}}, opt);
        QCOMPARE(stats.size(), size_t{1});
        QVERIFY(stats[0].rows.empty());
        QCOMPARE(stats[0].warnings.size(), size_t{1});
        // Quantizers handed NaN directly do not crash: the group is returned unchanged.
        for (const SchemeDescriptor& d : schemeRegistry()) {
            const QuantizedTensor q = perTensor(v, d.id, std::clamp(4, d.minBits, d.maxBits));
            QVERIFY(std::isnan(q.xhat[2]));
        }
    }

    void rangesNearFloatMaxSaturate()
    {
        // x^ computed in double can pass FLT_MAX (asymmetric's half step, pow2's 2^128, dfxp's
        // -2^128, Gaussian's mu + sigma*l): it saturates, so every x^ and metric stays finite.
        const float big = 3.3e38f;
        const std::vector<float> v{-big, -1e38f, -1.0f, 0.0f, 2e37f, 1e38f, big};
        for (const SchemeDescriptor& d : schemeRegistry())
            for (int bits = d.minBits; bits <= std::min(8, d.maxBits); ++bits)
                for (Granularity g : {Granularity::PerTensor, Granularity::PerChannel}) {
                    const auto q = quantizeTensor(v, {7}, 0, {d.id, g, bits});
                    for (float x : q.xhat)
                        QVERIFY2(std::isfinite(x), qPrintable(QStringLiteral("%1 %2 bits").arg(QString::fromUtf8(d.name.data(), d.name.size())).arg(bits)));
                    QVERIFY(std::isfinite(q.error.mse));
                    QVERIFY(!q.error.sqnrDb || std::isfinite(*q.error.sqnrDb));
                }
    }

    void codesInRangeForEveryScheme()
    {
        std::mt19937 rng(3);
        std::normal_distribution<float> nd(0.0f, 0.1f);
        std::vector<float> v(8 * 37);
        for (float& x : v)
            x = nd(rng);
        v[5] = 0;
        for (const SchemeDescriptor& d : schemeRegistry())
            for (int bits = d.minBits; bits <= std::min(d.maxBits, d.id == Scheme::KMeans ? 10 : 16); ++bits)
                for (Granularity g : {Granularity::PerTensor, Granularity::PerChannel}) {
                    const QuantizedTensor q = quantizeTensor(v, {8, 37}, 0, {d.id, g, bits});
                    for (size_t i = 0; i < v.size(); ++i) {
                        QVERIFY(q.codes[i] < (1u << bits));
                        QVERIFY(std::isfinite(q.xhat[i]));
                    }
                    QVERIFY(q.levelUtilization > 0 && q.levelUtilization <= 1);
                }
    }

    void perChannelAxisOneMatchesTranspose()
    {
        // A [4, 3] tensor with axis 1 has 3 channels of 4 values; its transpose [3, 4] with axis 0
        // has the same channels, so x^ must be the transpose of the other's.
        std::mt19937 rng(5);
        std::uniform_real_distribution<float> ud(-1, 1);
        std::vector<float> a(12), t(12);
        for (float& x : a)
            x = ud(rng);
        for (int r = 0; r < 4; ++r)
            for (int c = 0; c < 3; ++c)
                t[static_cast<size_t>(c * 4 + r)] = a[static_cast<size_t>(r * 3 + c)];
        for (const SchemeDescriptor& d : schemeRegistry()) {
            const int bits = std::clamp(2, d.minBits, d.maxBits);
            const auto qa = quantizeTensor(a, {4, 3}, 1, {d.id, Granularity::PerChannel, bits});
            const auto qt = quantizeTensor(t, {3, 4}, 0, {d.id, Granularity::PerChannel, bits});
            for (int r = 0; r < 4; ++r)
                for (int c = 0; c < 3; ++c) {
                    QCOMPARE(qa.xhat[static_cast<size_t>(r * 3 + c)], qt.xhat[static_cast<size_t>(c * 4 + r)]);
                    QCOMPARE(qa.codes[static_cast<size_t>(r * 3 + c)], qt.codes[static_cast<size_t>(c * 4 + r)]);
                }
            QCOMPARE(qa.overheadBits, qt.overheadBits);
        }
    }

    void perChannelUtilizationIsMeanOverChannels()
    {
        // Channel 0 uses 4 of 4 levels at 2 bits (4 distinct values, k-means exact); channel 1 is
        // constant (one code): mean (4/4 + 1/4)/2 = 0.625.
        const std::vector<float> v{1, 2, 3, 4, 5, 5, 5, 5};
        const auto q = quantizeTensor(v, {2, 4}, 0, {Scheme::KMeans, Granularity::PerChannel, 2});
        QCOMPARE(q.levelUtilization, 0.625);
        // Overhead: 4 centroids + 1 centroid, 32 bits each.
        QCOMPARE(q.overheadBits, int64_t{5 * 32});
    }

    void modelTotalsCountExcludedLayersAtFp32()
    {
        // Layer a: 10 weights at 4 bits (40 code bits, 64 overhead, 7 zstd bytes); layer b has
        // NaN and no rows: 6 weights at 32 bits and 4 bytes each.
        LayerStats a;
        a.shape = {2, 5};
        StatsRow r;
        r.spec = {Scheme::Asymmetric, Granularity::PerTensor, 4};
        r.codeBits = 40;
        r.overheadBits = 64;
        r.zstdBytes = 7;
        r.zlibBytes = 9;
        r.entropyBoundBits = 31.5;
        a.rows = {r};
        LayerStats b;
        b.shape = {6};
        b.warnings = {"NaN"};
        const auto t = modelTotals({a, b});
        QCOMPARE(t.size(), size_t{1});
        QCOMPARE(t[0].weights, int64_t{16});
        QCOMPARE(t[0].fp32Bits, int64_t{16 * 32});
        QCOMPARE(t[0].codeBits, int64_t{40 + 6 * 32});
        QCOMPARE(t[0].overheadBits, int64_t{64});
        QCOMPARE(t[0].zstdBytes, std::optional<int64_t>(7 + 24));
        QCOMPARE(t[0].zlibBytes, std::optional<int64_t>(9 + 24));
        QCOMPARE(t[0].entropyBoundBits, 31.5 + 192);
        // Without compression the totals have no compressed sizes either.
        a.rows[0].zstdBytes.reset();
        QVERIFY(!modelTotals({a, b})[0].zstdBytes);
    }

    void packingKnownBytes()
    {
        QCOMPARE(packCodes(std::vector<uint16_t>{1, 0, 1, 1}, 1), (std::vector<uint8_t>{0x0D}));
        QCOMPARE(packCodes(std::vector<uint16_t>{3, 1}, 2), (std::vector<uint8_t>{0x07}));
        // 5 = 101b at bits 0-2, 6 = 110b at 3-5, 7 = 111b at 6-8: 0b11'110'101, then 1.
        QCOMPARE(packCodes(std::vector<uint16_t>{5, 6, 7}, 3), (std::vector<uint8_t>{0xF5, 0x01}));
        QCOMPARE(packCodes(std::vector<uint16_t>{0xABCD}, 16), (std::vector<uint8_t>{0xCD, 0xAB}));
    }

    void packingRoundTrips()
    {
        std::mt19937 rng(11);
        for (int bits = 1; bits <= 16; ++bits)
            for (size_t n : {size_t{0}, size_t{1}, size_t{7}, size_t{8}, size_t{1001}}) {
                std::vector<uint16_t> codes(n);
                for (auto& c : codes)
                    c = static_cast<uint16_t>(rng() & ((1u << bits) - 1));
                const auto packed = packCodes(codes, bits);
                QCOMPARE(packed.size(), (n * static_cast<size_t>(bits) + 7) / 8);
                QCOMPARE(unpackCodes(packed, bits, n), codes);
            }
    }

    void entropyOfCodeCounts()
    {
        // Two equiprobable codes: 1 bit; four: 2 bits; one: 0; (1/2, 1/4, 1/4): 1.5 bits.
        QCOMPARE(entropyBits({2, 2, 0, 0}), 1.0);
        QCOMPARE(entropyBits({1, 1, 1, 1}), 2.0);
        QCOMPARE(entropyBits({0, 0, 0, 3}), 0.0);
        QCOMPARE(entropyBits({2, 1, 1}), 1.5);
    }
};

QTEST_GUILESS_MAIN(TestQuantizers)
#include "test_quantizers.moc"

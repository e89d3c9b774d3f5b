// The paper's Table 5 for a plan and uniform settings, against sizes derived by hand from
// DESIGN.md's storage rule.
#include <quant/size_table.h>
#include <quant/storage.h>

#include <QTest>

#include <cmath>

using namespace bitlens;

namespace {
WeightLayer layer(const char* name, std::vector<float> values)
{
    auto t = std::make_shared<Tensor>();
    t->name = std::string(name);
    t->dims = {1, static_cast<int64_t>(values.size())};
    t->floats.assign(values.begin(), values.end());
    WeightLayer l;
    l.name = t->name;
    l.op = std::string("Gemm");
    l.tensor = t;
    return l;
}
} // namespace

class TestSizeTable : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // a = DESIGN.md's v = [-1, -0.2, 0, 0.3, 2] at asymmetric 2 bits per tensor: codes q = [0,1,1,1,3],
    // 10 code bits + 64 overhead, entropy H = -(2 * 0.2 log2 0.2 + 0.6 log2 0.6) bits per code.
    // b = [1, 2] kept FP32 by the plan: 64 bits, 8 raw bytes.
    // FP32: 7 weights = 28 bytes; packed ceil((10 + 64 + 64) / 8) = 18 bytes; saving 1 - 18/28.
    void planAndUniformRows()
    {
        const std::vector<WeightLayer> layers{layer("a", {-1.0f, -0.2f, 0.0f, 0.3f, 2.0f}), layer("b", {1.0f, 2.0f})};
        Plan plan = Plan::uniform({Scheme::Asymmetric, Granularity::PerTensor, 2});
        plan.layers["b"] = {Scheme::Asymmetric, Granularity::PerTensor, kFp32Bits};
        // b at asymmetric 2 bits: lo 0, hi 2, D = 2/3, codes [2, 3]: 4 code bits + 64 overhead.
        const auto rows = sizeTable(layers, plan, {{Scheme::Asymmetric, Granularity::PerTensor, 2}});
        QCOMPARE(rows.size(), size_t{2});
        const SizeTableRow& p = rows[0];
        QCOMPARE(p.label, std::string("plan"));
        QCOMPARE(p.totals.weights, int64_t{7});
        QCOMPARE(p.totals.fp32Bits / 8, int64_t{28});
        QCOMPARE(p.totals.codeBits, int64_t{10 + 64});
        QCOMPARE(p.totals.overheadBits, int64_t{64});
        QCOMPARE(p.packedBytes(), int64_t{18});
        QVERIFY(std::fabs(p.packedSaving() - (1.0 - 18.0 / 28.0)) < 1e-12);
        const double h = -(2 * 0.2 * std::log2(0.2) + 0.6 * std::log2(0.6));
        QVERIFY(std::fabs(p.totals.entropyBoundBits - (5 * h + 64)) < 1e-9);
        const std::vector<uint16_t> codes{0, 1, 1, 1, 3};
        QCOMPARE(*p.totals.zstdBytes, zstdCompressedBytes(packCodes(codes, 2)) + 8);
        QCOMPARE(*p.totals.zlibBytes, zlibCompressedBytes(packCodes(codes, 2)) + 8);

        const SizeTableRow& u = rows[1];
        QCOMPARE(u.label, std::string("asymmetric per-tensor 2-bit"));
        QCOMPARE(u.totals.codeBits, int64_t{14});
        QCOMPARE(u.totals.overheadBits, int64_t{128});
        QCOMPARE(u.packedBytes(), int64_t{18}); // ceil(142 / 8)

        const std::string csv = sizeTableCsv(rows);
        QVERIFY(csv.rfind("configuration,weights,fp32_bytes,packed_bytes,", 0) == 0);
        QVERIFY(csv.find("\nplan,7,28,18,") != std::string::npos);
    }

    // A layer with NaN stays FP32 whatever the plan says.
    void excludedLayerAtFp32()
    {
        const std::vector<WeightLayer> layers{layer("n", {1.0f, NAN, 3.0f})};
        const ModelTotals t = planTotals(layers, Plan::uniform({Scheme::Symmetric, Granularity::PerTensor, 4}));
        QCOMPARE(t.codeBits, int64_t{96});
        QCOMPARE(t.overheadBits, int64_t{0});
        QCOMPARE(*t.zstdBytes, int64_t{12});
    }
};

QTEST_GUILESS_MAIN(TestSizeTable)
#include "test_size_table.moc"

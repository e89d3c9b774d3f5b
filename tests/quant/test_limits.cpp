// DESIGN.md "Limits to measure against": the Lloyd-Max table against the reference levels, and
// the Gaussian and k-means quantizers on 10^6 N(0,1) samples against the Lloyd-Max SQNR row.
#include <quant/error_metrics.h>
#include <quant/lloyd_max.h>
#include <quant/quantize_tensor.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>
#include <random>

using namespace bitlens;

namespace {

// DESIGN.md's table, unit Gaussian, fixed-rate scalar quantization (dB).
constexpr double kLloydMaxDb[9] = {0, 4.40, 9.30, 14.62, 20.22, 26.01, 31.91, 37.87, 43.85};

const std::vector<float>& gaussianSample()
{
    static const std::vector<float> v = [] {
        std::mt19937_64 rng(2026);
        std::normal_distribution<double> nd(0.0, 1.0);
        std::vector<float> out(1'000'000);
        for (float& x : out)
            x = static_cast<float>(nd(rng));
        return out;
    }();
    return v;
}

double sqnrOf(Scheme s, int bits)
{
    const auto& v = gaussianSample();
    const auto q = quantizeTensor(v, {static_cast<int64_t>(v.size())}, 0, {s, Granularity::PerTensor, bits});
    return *errorMetrics(v, q.xhat).sqnrDb;
}

} // namespace

class TestLimits : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void levelsMatchReference()
    {
        QFile f(QStringLiteral(BITLENS_TEST_DATA "/testvectors/lloyd_max_levels.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonArray tables = QJsonDocument::fromJson(f.readAll()).object()[QStringLiteral("tables")].toArray();
        QCOMPARE(tables.size(), 8);
        for (const QJsonValue& t : tables) {
            const int bits = t[QStringLiteral("bits")].toInt();
            const QJsonArray want = t[QStringLiteral("levels")].toArray();
            const auto& got = lloydMaxLevels(bits);
            QCOMPARE(static_cast<qsizetype>(got.size()), want.size());
            for (qsizetype i = 0; i < want.size(); ++i) {
                const double w = want[i].toDouble(); // 9 significant digits
                QVERIFY2(std::fabs(got[static_cast<size_t>(i)] - w) <= 6e-9 * std::max(1.0, std::fabs(w)),
                         qPrintable(QStringLiteral("%1 bits level %2: %3 vs %4").arg(bits).arg(i)
                                        .arg(got[static_cast<size_t>(i)], 0, 'g', 12).arg(w, 0, 'g', 12)));
            }
        }
    }

    void levelsAreCentroidsBeyondEightBits()
    {
        // 9..16 bits have no reference file: check the table is ordered, symmetric and its
        // distortion follows the high-resolution law D ~ (sqrt(3) pi / 2) 4^-n (Panter-Dite).
        for (int bits = 9; bits <= 16; ++bits) {
            const auto& l = lloydMaxLevels(bits);
            QCOMPARE(l.size(), size_t{1} << bits);
            QVERIFY(std::is_sorted(l.begin(), l.end()));
            QCOMPARE(l.front(), -l.back());
            const double panterDite = std::sqrt(3.0) * M_PI / 2 * std::pow(4.0, -bits);
            QVERIFY(std::fabs(lloydMaxDistortion(bits) / panterDite - 1) < 0.02);
        }
    }

    void distortionMatchesTableRow()
    {
        for (int bits = 1; bits <= 8; ++bits) {
            const double db = -10 * std::log10(lloydMaxDistortion(bits));
            QVERIFY2(std::fabs(db - kLloydMaxDb[bits]) <= 0.006,
                     qPrintable(QStringLiteral("%1 bits: %2 dB").arg(bits).arg(db, 0, 'f', 4)));
        }
    }

    void gaussianQuantizerReachesLloydMax()
    {
        for (int bits = 1; bits <= 8; ++bits) {
            const double db = sqnrOf(Scheme::Gaussian, bits);
            QVERIFY2(std::fabs(db - kLloydMaxDb[bits]) <= 0.05,
                     qPrintable(QStringLiteral("gaussian %1 bits: %2 dB").arg(bits).arg(db, 0, 'f', 3)));
        }
    }

    void kmeansReachesLloydMax()
    {
        for (int bits = 1; bits <= 6; ++bits) {
            const double db = sqnrOf(Scheme::KMeans, bits);
            QVERIFY2(std::fabs(db - kLloydMaxDb[bits]) <= 0.05,
                     qPrintable(QStringLiteral("kmeans %1 bits: %2 dB").arg(bits).arg(db, 0, 'f', 3)));
        }
        // Linear-init Lloyd sticks in poorer local optima at 7-8 bits (DESIGN.md): show the gap.
        for (int bits = 7; bits <= 8; ++bits) {
            const double db = sqnrOf(Scheme::KMeans, bits);
            qInfo("kmeans %d bits: %.3f dB (Lloyd-Max %.2f dB, gap %.3f dB)", bits, db, kLloydMaxDb[bits],
                  db - kLloydMaxDb[bits]);
            QVERIFY(db < kLloydMaxDb[bits] + 0.05);
        }
    }
};

QTEST_GUILESS_MAIN(TestLimits)
#include "test_limits.moc"

// The optimised paths against their plain definitions: rounding against std::round, the level
// lookup against std::lower_bound, radix sort against std::sort, and the level-table metrics
// against the direct passes over x^.
#include <quant/bit_efficiency.h>
#include <quant/error_metrics.h>
#include <quant/fast_math.h>
#include <quant/histogram.h>
#include <quant/quantize_tensor.h>
#include <quant/radix_sort.h>
#include <quant/scheme_registry.h>
#include <quant/storage.h>

#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

using namespace bitlens;

namespace {

// H(codes) in bits, straight from the code sequence (the reference for the level tables).
double entropyOfCodes(const std::vector<uint16_t>& codes, int bits)
{
    std::vector<double> counts(size_t{1} << bits, 0.0);
    for (uint16_t c : codes)
        counts[c] += 1;
    double h = 0;
    for (double k : counts)
        if (k > 0)
            h -= k / static_cast<double>(codes.size()) * std::log2(k / static_cast<double>(codes.size()));
    return h;
}

} // namespace

namespace {

bool sameDb(std::optional<double> a, std::optional<double> b)
{
    return a.has_value() == b.has_value() && (!a || std::fabs(*a - *b) < 1e-9);
}

} // namespace

class TestFastPaths : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundingMatchesStdRound()
    {
        const double special[] = {0.5, -0.5, 1.5, -1.5, 2.5, 0.49999999999999994, -0.49999999999999994,
                                  0.0, -0.0, -0.3, 1e9 + 0.5, -2e9 - 0.5, 3e9 + 0.5, 1e300, -1e-300,
                                  4503599627370497.0, std::nextafter(0.5, 1.0), std::nextafter(-2.5, 0.0)};
        for (double v : special) {
            const double a = roundHalfAway(v), b = std::round(v);
            QCOMPARE(a, b);
            QCOMPARE(std::signbit(a), std::signbit(b));
        }
        std::mt19937_64 rng(1);
        std::uniform_real_distribution<double> ud(-70000, 70000);
        for (int i = 0; i < 200000; ++i) {
            const double v = ud(rng) / ((i % 7) + 1);
            QCOMPARE(roundHalfAway(v), std::round(v));
        }
    }

    void lookupMatchesLowerBound()
    {
        std::mt19937_64 rng(2);
        for (int trial = 0; trial < 40; ++trial) {
            // Clustered cuts (dense centre, sparse tails), duplicates and ties included.
            std::normal_distribution<double> nd(0, 1 + trial % 5);
            std::vector<double> cuts(static_cast<size_t>(1 + trial * 13 % 300));
            for (double& c : cuts)
                c = std::round(nd(rng) * 64) / 64;
            std::sort(cuts.begin(), cuts.end());
            const CutLookup lookup(cuts);
            for (int i = 0; i < 5000; ++i) {
                double t = nd(rng) * 1.5;
                if (i % 5 == 0)
                    t = cuts[static_cast<size_t>(i) % cuts.size()]; // exactly on a cut: ties
                if (i % 97 == 0)
                    t = (i % 2 ? 1 : -1) * 1e30;
                const auto want = static_cast<size_t>(std::lower_bound(cuts.begin(), cuts.end(), t) - cuts.begin());
                QCOMPARE(lookup.index(t), want);
            }
        }
    }

    void radixSortMatchesStdSort()
    {
        std::mt19937 rng(3);
        std::normal_distribution<float> nd(0, 1);
        for (size_t n : {size_t{10}, size_t{5000}, size_t{100000}}) {
            std::vector<float> v(n);
            for (float& x : v)
                x = nd(rng);
            v[1] = -0.0f;
            v[2] = 0.0f;
            v[3] = std::numeric_limits<float>::denorm_min();
            v[4] = -std::numeric_limits<float>::max();
            std::vector<float> want = v;
            std::sort(want.begin(), want.end());
            sortFloats(v);
            QCOMPARE(v, want); // -0.0 == 0.0, so either order of those two is fine
        }
    }

    void levelTablesMatchDirectPasses()
    {
        std::mt19937 rng(4);
        std::student_t_distribution<float> td(3);
        std::vector<float> v(24 * 50);
        for (float& x : v)
            x = td(rng) * 0.05f;
        for (const SchemeDescriptor& d : schemeRegistry())
            for (int bits = d.minBits; bits <= std::min(8, d.maxBits); ++bits)
                for (Granularity g : {Granularity::PerTensor, Granularity::PerChannel})
                    for (bool sorted : {false, true}) {
                        const PreparedTensor p(v, {24, 50}, 0, g, sorted);
                        const QuantizedTensor q = quantizeTensor(p, d.id, bits);
                        QCOMPARE(rangeCoverage(p, q.levels), rangeCoverage(v, q.xhat));
                        QCOMPARE(densityFidelity(p, q.levels, bits), densityFidelity(v, q.xhat, bits));
                        QCOMPARE(entropyBits(q.codeCounts), entropyOfCodes(q.codes, bits));
                        // Error sums gathered in the pass agree with a direct pass over x^.
                        const ErrorMetrics direct = errorMetrics(v, q.xhat);
                        QVERIFY(sameDb(q.error.sqnrDb, direct.sqnrDb));
                        QVERIFY(std::fabs(q.error.cosine - direct.cosine) < 1e-12);
                        QCOMPARE(q.error.maxAbsError, direct.maxAbsError);
                        // The statistics-only pass over sorted runs gives the same numbers.
                        if (sorted) {
                            const QuantizedTensor r = quantizeTensor(p, d.id, bits, OutputStatsOnly);
                            QVERIFY(r.codes.empty() && r.xhat.empty());
                            QVERIFY(sameDb(r.error.sqnrDb, direct.sqnrDb));
                            QCOMPARE(r.error.maxAbsError, direct.maxAbsError);
                            QCOMPARE(r.codeCounts, q.codeCounts);
                            QCOMPARE(r.levelUtilization, q.levelUtilization);
                            QCOMPARE(r.overheadBits, q.overheadBits);
                            QCOMPARE(r.effectiveBits, q.effectiveBits);
                        }
                    }
    }
};

QTEST_GUILESS_MAIN(TestFastPaths)
#include "test_fast_paths.moc"

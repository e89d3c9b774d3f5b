// Five-number summaries, shared-bin histograms and Jensen-Shannon divergence against values
// computed by hand (numpy/R type-7 convention).
#include <quant/error_metrics.h>
#include <quant/histogram.h>
#include <quant/quartiles.h>

#include <QTest>

#include <cmath>

using namespace bitlens;

class TestStatistics : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void type7Quartiles()
    {
        // x = 1..10: h = 9p -> Q1 at h = 2.25: 3 + 0.25*(4-3) = 3.25; median h = 4.5 -> 5.5;
        // Q3 h = 6.75 -> 7 + 0.75 = 7.75 (numpy.percentile(range(1,11), [25,50,75])).
        std::vector<float> v{10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
        const FiveNumberSummary s = summarize(v);
        QCOMPARE(s.n, int64_t{10});
        QCOMPARE(s.q1, 3.25);
        QCOMPARE(s.median, 5.5);
        QCOMPARE(s.q3, 7.75);
        QCOMPARE(s.min, 1.0);
        QCOMPARE(s.max, 10.0);
        QCOMPARE(s.mean, 5.5);
        QCOMPARE(s.whiskerLo, 1.0);
        QCOMPARE(s.whiskerHi, 10.0);
        QCOMPARE(s.outliersLo + s.outliersHi, int64_t{0});
    }

    void tukeyWhiskersAndOutliers()
    {
        // [1,2,3,4,5,6,7,8,100, -50]: sorted -50,1..8,100; n = 10.
        // Q1: h = 2.25 -> 2 + 0.25*(3-2) = 2.25; Q3: h = 6.75 -> 6 + 0.75 = 6.75; IQR = 4.5;
        // fences -4.5 and 13.5: whiskers 1 and 8; one outlier on each side.
        std::vector<float> v{1, 2, 3, 4, 5, 6, 7, 8, 100, -50};
        const FiveNumberSummary s = summarize(v);
        QCOMPARE(s.q1, 2.25);
        QCOMPARE(s.q3, 6.75);
        QCOMPARE(s.median, 4.5);
        QCOMPARE(s.whiskerLo, 1.0);
        QCOMPARE(s.whiskerHi, 8.0);
        QCOMPARE(s.outliersLo, int64_t{1});
        QCOMPARE(s.outliersHi, int64_t{1});
        QCOMPARE(s.outliers.size(), size_t{2});
        QCOMPARE(s.mean, 8.6);
    }

    void singleValueAndEmpty()
    {
        const FiveNumberSummary one = summarize(std::vector<float>{2.5f});
        QCOMPARE(one.q1, 2.5);
        QCOMPARE(one.q3, 2.5);
        QCOMPARE(one.whiskerLo, 2.5);
        QCOMPARE(summarize(std::vector<float>{}).n, int64_t{0});
    }

    void channelsAlongAxisOne()
    {
        // [2, 3] with axis 1: channel c holds {x[0][c], x[1][c]}.
        const std::vector<float> v{1, 2, 3, 10, 20, 30};
        const auto q = channelQuartiles(v, ChannelLayout::of({2, 3}, 1));
        QCOMPARE(q.channels.size(), size_t{3});
        QCOMPARE(q.channels[1].min, 2.0);
        QCOMPARE(q.channels[1].max, 20.0);
        QCOMPARE(q.channels[1].median, 11.0);
    }

    void perChannelSqnrByHand()
    {
        // [3, 2] with axis 0: channel 0 = [1, 2] -> [1, 1]: signal 5, error 1 -> 10 log10 5 dB;
        // channel 1 = [0, 0] -> [0, 0]: exact; channel 2 = [0, 0] -> [0.5, 0]: -inf dB.
        const std::vector<float> x{1, 2, 0, 0, 0, 0};
        const std::vector<float> q{1, 1, 0, 0, 0.5f, 0};
        const auto s = perChannelSqnr(x, q, ChannelLayout::of({3, 2}, 0));
        QCOMPARE(s.size(), size_t{3});
        QVERIFY(std::fabs(*s[0] - 10 * std::log10(5.0)) < 1e-12);
        QVERIFY(!s[1]);
        QVERIFY(std::isinf(*s[2]) && *s[2] < 0);
        // The same numbers along axis 1 of the transposed [2, 3] tensor.
        const std::vector<float> xt{1, 0, 0, 2, 0, 0};
        const std::vector<float> qt{1, 0, 0.5f, 1, 0, 0};
        const auto st = perChannelSqnr(xt, qt, ChannelLayout::of({2, 3}, 1));
        QCOMPARE(*st[0], *s[0]);
        QVERIFY(!st[1]);
    }

    void errorMetricsByHand()
    {
        // x = [3, 4], x^ = [3, 0]: sum x^2 = 25, sum e^2 = 16, MSE 8, max 4, cosine 9/(5*3) = 0.6.
        const ErrorMetrics m = errorMetrics(std::vector<float>{3, 4}, std::vector<float>{3, 0});
        QVERIFY(std::fabs(*m.sqnrDb - 10 * std::log10(25.0 / 16)) < 1e-12);
        QCOMPARE(m.mse, 8.0);
        QCOMPARE(m.maxAbsError, 4.0);
        QVERIFY(std::fabs(m.cosine - 0.6) < 1e-15);
        // Cosine: 1 when both are zero, 0 when only one is.
        QCOMPARE(errorMetrics(std::vector<float>{0, 0}, std::vector<float>{0, 0}).cosine, 1.0);
        QCOMPARE(errorMetrics(std::vector<float>{0, 0}, std::vector<float>{1, 0}).cosine, 0.0);
        QCOMPARE(errorMetrics(std::vector<float>{1, 0}, std::vector<float>{0, 0}).cosine, 0.0);
    }

    void sharedBins()
    {
        // Union range [-1, 3], 4 bins of width 1: [-1,0) [0,1) [1,2) [2,3]; 3 falls in the last.
        const std::vector<float> a{-1, -0.5f, 0, 0.99f};
        const std::vector<float> b{1, 2, 3};
        const auto h = sharedHistograms({a, b}, 4);
        QCOMPARE(h[0].lo, -1.0);
        QCOMPARE(h[0].hi, 3.0);
        QCOMPARE(h[0].counts, (std::vector<int64_t>{2, 2, 0, 0}));
        QCOMPARE(h[1].counts, (std::vector<int64_t>{0, 0, 1, 2}));
        QCOMPARE(defaultBinCount(3), 8);
        QCOMPARE(defaultBinCount(8), 256);
        QCOMPARE(defaultBinCount(12), 256);
    }

    void jensenShannon()
    {
        // Disjoint supports: JS = 1 bit; identical: 0; p = (1,0), q = (1/2,1/2):
        // m = (3/4, 1/4); JS = 1/2*log2(4/3) + 1/2*(1/2*log2(2/3) + 1/2*log2(2)) = 0.311278...
        QCOMPARE(jensenShannonDivergence({5, 0}, {0, 5}), 1.0);
        QCOMPARE(jensenShannonDivergence({3, 4}, {6, 8}), 0.0);
        const double want = 0.5 * std::log2(4.0 / 3) + 0.5 * (0.5 * std::log2(2.0 / 3) + 0.5);
        QVERIFY(std::fabs(jensenShannonDivergence({2, 0}, {1, 1}) - want) < 1e-15);
    }
};

QTEST_GUILESS_MAIN(TestStatistics)
#include "test_statistics.moc"

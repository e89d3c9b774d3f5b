// The workbench's view data (quant/layer_views, confusion_view, accuracy_sweep, gaussian_limits,
// view_csv) against DESIGN.md's hand-checked example, values derived by hand in the comments,
// the DESIGN.md limits table, and PyTorch's predictions for the bundled sample.
#include <model/data/dataset.h>
#include <model/onnx_loader.h>
#include <quant/accuracy_sweep.h>
#include <quant/confusion_view.h>
#include <quant/gaussian_limits.h>
#include <quant/layer_views.h>
#include <quant/scheme_registry.h>
#include <quant/plan_search.h>
#include <quant/sensitivity.h>
#include <quant/view_csv.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>
#include <random>

using namespace bitlens;

namespace {

WeightLayer layerOf(std::vector<int64_t> dims, std::vector<float> values, int axis = 0)
{
    auto t = std::make_shared<Tensor>();
    t->name.assign(1, 'w'); // not = "w": GCC 12 -Wrestrict false positive
    t->dims = std::move(dims);
    t->floats.assign(values.begin(), values.end());
    WeightLayer l;
    l.name = t->name;
    l.op = "Gemm";
    l.axis = axis;
    l.tensor = t;
    return l;
}

std::vector<std::string> splitLine(const std::string& line)
{
    std::vector<std::string> out(1);
    for (char c : line) {
        if (c == ',')
            out.emplace_back();
        else
            out.back() += c;
    }
    return out;
}

std::vector<std::string> csvLines(const std::string& csv)
{
    std::vector<std::string> lines;
    size_t start = 0;
    for (size_t nl; (nl = csv.find('\n', start)) != std::string::npos; start = nl + 1)
        lines.push_back(csv.substr(start, nl - start));
    return lines;
}

const std::string kSample = BITLENS_SOURCE_DIR "/resources/sample/";

// Every field equal (the mean, summed in another order, to 1e-12); reports the first difference.
bool sameSummary(const FiveNumberSummary& got, const FiveNumberSummary& want)
{
    const std::pair<const char*, bool> fields[] = {
        {"n", got.n == want.n}, {"min", got.min == want.min}, {"q1", got.q1 == want.q1},
        {"median", got.median == want.median}, {"q3", got.q3 == want.q3}, {"max", got.max == want.max},
        {"whiskerLo", got.whiskerLo == want.whiskerLo}, {"whiskerHi", got.whiskerHi == want.whiskerHi},
        {"outliersLo", got.outliersLo == want.outliersLo}, {"outliersHi", got.outliersHi == want.outliersHi},
        {"outliers", got.outliers == want.outliers}, {"mean", std::fabs(got.mean - want.mean) < 1e-12}};
    for (const auto& [name, same] : fields)
        if (!same) {
            qWarning("summaries differ in %s", name);
            return false;
        }
    return true;
}

} // namespace

class TestViews : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // DESIGN.md's table, to its two decimals (0.005 dB plus rounding slack).
    void gaussianLimitsMatchDesignTable()
    {
        const double lloyd[] = {4.40, 9.30, 14.62, 20.22, 26.01, 31.91, 37.87, 43.85};
        const double uniform[] = {4.40, 9.25, 14.27, 19.38, 24.57, 29.83, 35.17, 40.57};
        const double rd[] = {6.02, 12.04, 18.06, 24.08, 30.10, 36.12, 42.14, 48.16};
        for (int b = 1; b <= 8; ++b) {
            QVERIFY2(std::fabs(lloydMaxSqnrDb(b) - lloyd[b - 1]) < 0.006, qPrintable(QString::number(lloydMaxSqnrDb(b))));
            QVERIFY2(std::fabs(bestUniformSqnrDb(b) - uniform[b - 1]) < 0.006, qPrintable(QString::number(bestUniformSqnrDb(b))));
            QVERIFY(std::fabs(rateDistortionSqnrDb(b) - rd[b - 1]) < 0.006);
        }
        // 1 bit: levels +-D/2; the best D/2 is E|X| = sqrt(2/pi), distortion 1 - 2/pi.
        QVERIFY(std::fabs(uniformGaussianDistortion(1, 2 * std::sqrt(2 / M_PI)) - (1 - 2 / M_PI)) < 1e-12);
    }

    // v = [-1, -0.2, 0, 0.3, 2] (DESIGN.md's example), one channel.
    void quartilesOfHandExample()
    {
        const WeightLayer l = layerOf({1, 5}, {-1.0f, -0.2f, 0.0f, 0.3f, 2.0f});
        ViewRequest r;
        r.focus = {Scheme::Asymmetric, Granularity::PerTensor, 2};
        r.schemes = {Scheme::Asymmetric, Scheme::Symmetric, Scheme::Pow2};
        const LayerViews v = computeLayerViews(l, r, PartQuartiles);
        QCOMPARE(v.parts, int(PartQuartiles));
        // Symmetric needs 2 bits, so all three are shown; FP32 first.
        QCOMPARE(v.quartiles.series.size(), size_t{4});
        QCOMPARE(v.quartiles.series[0], std::string("FP32"));
        QCOMPARE(v.quartiles.series[1], std::string("asymmetric 2-bit per-tensor"));
        // FP32, type 7: Q1 = x(2) = -0.2, median 0, Q3 = 0.3; IQR 0.5, fences -0.95 and 1.05, so -1 and
        // 2 are outliers and the whiskers end at -0.2 and 0.3.
        const FiveNumberSummary& f = v.quartiles.perSeries[0].channels.at(0);
        QCOMPARE(f.q1, double(-0.2f));
        QCOMPARE(f.median, 0.0);
        QCOMPARE(f.q3, double(0.3f));
        QCOMPARE(f.whiskerLo, double(-0.2f));
        QCOMPARE(f.whiskerHi, double(0.3f));
        QCOMPARE(f.outliersLo + f.outliersHi, int64_t{2});
        // Asymmetric 2 bits -> [-1, 0, 0, 0, 2]: box collapses on 0, mean 0.2.
        const FiveNumberSummary& a = v.quartiles.perSeries[1].channels.at(0);
        QCOMPARE(a.q1, 0.0);
        QCOMPARE(a.q3, 0.0);
        QCOMPARE(a.min, -1.0);
        QCOMPARE(a.max, 2.0);
        QVERIFY(std::fabs(a.mean - 0.2) < 1e-12);
        // pow2 2 bits: one exponent, e_max = 1; -1 -> e = 0 < e_min = 1 -> 0: x^ = [0, 0, 0, 0, 2].
        const FiveNumberSummary& p = v.quartiles.perSeries[3].channels.at(0);
        QCOMPARE(p.min, 0.0);
        QCOMPARE(p.max, 2.0);
        QCOMPARE(p.outliersHi, int64_t{1});
    }

    // The sorted-order shortcut against summarize() on each channel's own x^ (which sorts).
    void quartilesAgreeWithSortingEveryChannel()
    {
        std::mt19937 rng(7);
        std::student_t_distribution<float> heavy(3.0f);
        std::vector<float> values(6 * 50);
        for (float& x : values)
            x = heavy(rng) * 0.1f;
        const WeightLayer l = layerOf({50, 6}, values, 1); // Gemm transB=0: channels along axis 1
        for (Granularity g : {Granularity::PerTensor, Granularity::PerChannel}) {
            ViewRequest r;
            r.focus = {Scheme::KMeans, g, 3};
            for (const SchemeDescriptor& d : schemeRegistry())
                if (hasBitRange(d))
                    r.schemes.push_back(d.id);
            const LayerViews v = computeLayerViews(l, r, PartQuartiles);
            QCOMPARE(v.quartiles.perSeries.size(), size_t{7});
            for (size_t s = 1; s < v.quartiles.perSeries.size(); ++s) {
                const Scheme scheme = r.schemes[s - 1];
                const QuantizedTensor q = quantizeTensor(l.tensor->floats, l.tensor->dims, 1, {scheme, g, 3});
                for (int c = 0; c < 6; ++c) {
                    std::vector<float> channel;
                    for (int row = 0; row < 50; ++row)
                        channel.push_back(q.xhat[static_cast<size_t>(row * 6 + c)]);
                    QVERIFY(sameSummary(v.quartiles.perSeries[s].channels[static_cast<size_t>(c)], summarize(channel)));
                }
            }
        }
    }

    // Summaries from (value, count) pairs against summarize() on the expanded values.
    void summaryFromCounts()
    {
        std::mt19937 rng(3);
        for (int trial = 0; trial < 200; ++trial) {
            const int distinct = 1 + static_cast<int>(rng() % 9);
            std::vector<ValueCount> counts;
            std::vector<float> expanded;
            double v = -2.0 + static_cast<double>(rng() % 100) / 32; // float-exact, as x^ levels are
            for (int i = 0; i < distinct; ++i) {
                v += 0.125 * (1 + rng() % 8);
                const int64_t c = trial % 7 == 0 && i == 0 ? 1 : 1 + static_cast<int64_t>(rng() % (i == distinct / 2 ? 40 : 4));
                counts.push_back({v, c});
                expanded.insert(expanded.end(), static_cast<size_t>(c), static_cast<float>(v));
            }
            QVERIFY(sameSummary(summarizeCounts(counts), summarize(expanded)));
        }
        QCOMPARE(summarizeCounts({}).n, int64_t{0});
    }

    // Histograms binned from level counts against sharedHistograms() over every element of x^.
    void levelHistogramsMatchElementwise()
    {
        std::mt19937 rng(11);
        std::normal_distribution<float> normal(0.0f, 0.05f);
        std::vector<float> values(12 * 40);
        for (float& x : values)
            x = normal(rng);
        values[7] = 0.4f; // an outlier stretches the range
        const WeightLayer l = layerOf({12, 40}, values);
        for (Granularity g : {Granularity::PerTensor, Granularity::PerChannel}) {
            ViewRequest r;
            r.focus = {Scheme::Pow2, g, 4};
            for (const SchemeDescriptor& d : schemeRegistry())
                if (hasBitRange(d))
                    r.schemes.push_back(d.id);
            const LayerViews v = computeLayerViews(l, r, PartHistograms);
            std::vector<QuantizedTensor> q;
            for (Scheme s : r.schemes)
                q.push_back(quantizeTensor(values, l.tensor->dims, 0, {s, g, 4}));
            std::vector<std::span<const float>> series{values};
            for (const QuantizedTensor& t : q)
                series.emplace_back(t.xhat);
            const auto want = sharedHistograms(series, defaultBinCount(4));
            QCOMPARE(v.schemeHistograms.histograms.size(), want.size());
            for (size_t i = 0; i < want.size(); ++i) {
                QCOMPARE(v.schemeHistograms.histograms[i].counts, want[i].counts);
                QCOMPARE(v.schemeHistograms.histograms[i].lo, want[i].lo);
                QCOMPARE(v.schemeHistograms.histograms[i].hi, want[i].hi);
            }
            std::vector<QuantizedTensor> across;
            for (int b = 2; b <= 8; ++b)
                across.push_back(quantizeTensor(values, l.tensor->dims, 0, {Scheme::Pow2, g, b}));
            std::vector<std::span<const float>> acrossSeries{values};
            for (const QuantizedTensor& t : across)
                acrossSeries.emplace_back(t.xhat);
            const auto wantAcross = sharedHistograms(acrossSeries, 256);
            for (size_t i = 0; i < wantAcross.size(); ++i)
                QCOMPARE(v.bitHistograms.histograms[i].counts, wantAcross[i].counts);
        }
    }

    void histogramsShareBins()
    {
        const WeightLayer l = layerOf({1, 5}, {-1.0f, -0.2f, 0.0f, 0.3f, 2.0f});
        ViewRequest r;
        r.focus = {Scheme::Asymmetric, Granularity::PerTensor, 2};
        r.schemes = {Scheme::Asymmetric, Scheme::Pow2};
        const LayerViews v = computeLayerViews(l, r, PartHistograms);
        // 2 bits -> 4 bins over [-1, 2], width 0.75: [-1,-0.25) [-0.25,0.5) [0.5,1.25) [1.25,2].
        const auto& h = v.schemeHistograms.histograms;
        QCOMPARE(h.size(), size_t{3});
        QCOMPARE(h[0].counts, (std::vector<int64_t>{1, 3, 0, 1})); // FP32
        QCOMPARE(h[1].counts, (std::vector<int64_t>{1, 3, 0, 1})); // asymmetric [-1, 0, 0, 0, 2]
        QCOMPARE(h[2].counts, (std::vector<int64_t>{0, 4, 0, 1})); // pow2 [0, 0, 0, 0, 2]
        // Across bits 2..8 for asymmetric: FP32 and 7 series on 256 shared bins.
        QCOMPARE(v.bitHistograms.histograms.size(), size_t{8});
        QCOMPARE(v.bitHistograms.histograms[0].bins, 256);
        QCOMPARE(v.bitHistograms.series[1], std::string("asymmetric 2-bit per-tensor"));
        // CSV: header and the 4 rows of the bins.
        const auto lines = csvLines(histogramsCsv(v.schemeHistograms));
        QCOMPARE(lines.size(), size_t{5});
        QCOMPARE(lines[0], std::string("bin,lo,hi,FP32,asymmetric 2-bit per-tensor,pow2 2-bit per-tensor"));
        QCOMPARE(lines[1], std::string("0,-1,-0.25,1,1,0"));
        QCOMPARE(lines[4], std::string("3,1.25,2,1,1,1"));
    }

    // Two channels: [0, 0] and [1, 2.5]. Asymmetric 2-bit per-channel: channel 0 stays exact;
    // channel 1 has D = 2.5/3, 1 -> round(1.2) = 1 -> 0.8333, 2.5 -> 2.5: SQNR =
    // 10 log10(7.25 / (1/6)^2) = 10 log10(261) = 24.1664 dB.
    void perChannelSqnr()
    {
        const WeightLayer l = layerOf({2, 2}, {0.0f, 0.0f, 1.0f, 2.5f});
        ViewRequest r;
        r.focus = {Scheme::Asymmetric, Granularity::PerChannel, 2};
        r.schemes = {Scheme::Asymmetric};
        const LayerViews v = computeLayerViews(l, r, PartChannelSqnr);
        QCOMPARE(v.channelSqnr.perChannel.size(), size_t{2});
        QVERIFY(!v.channelSqnr.perChannel[0].has_value());
        QVERIFY(std::fabs(*v.channelSqnr.perChannel[1] - 10 * std::log10(261.0)) < 1e-4);
        QCOMPARE(v.channelSqnr.exact, int64_t{1});
        int64_t counted = 0;
        for (int64_t c : v.channelSqnr.histogram.counts)
            counted += c;
        QCOMPARE(counted, int64_t{1});
        QCOMPARE(csvLines(channelSqnrCsv(v.channelSqnr))[1], std::string("0,exact"));
    }

    // One channel that is not exact: its SQNR gets a 1 dB bin around it; all exact: no bins.
    void perChannelSqnrDegenerate()
    {
        ViewRequest r;
        r.focus = {Scheme::Asymmetric, Granularity::PerChannel, 2};
        r.schemes = {Scheme::Asymmetric};
        const LayerViews one = computeLayerViews(layerOf({1, 2}, {1.0f, 2.5f}), r, PartChannelSqnr);
        const Histogram& h = one.channelSqnr.histogram;
        QCOMPARE(h.bins, 1);
        QCOMPARE(h.counts, std::vector<int64_t>{1});
        QVERIFY(std::fabs(h.lo + 0.5 - 10 * std::log10(261.0)) < 1e-4);
        QVERIFY(std::fabs(h.hi - 0.5 - 10 * std::log10(261.0)) < 1e-4);
        const LayerViews exact = computeLayerViews(layerOf({2, 2}, {0.0f, 1.0f, 0.0f, 3.0f}), r, PartChannelSqnr);
        QCOMPARE(exact.channelSqnr.exact, int64_t{2});
        QCOMPARE(exact.channelSqnr.histogram.bins, 0);
    }

    // Asymmetric 2 bits on the example: error only at -0.2 and 0.3: SQNR = 10 log10(5.13/0.13).
    void bitEfficiencyLines()
    {
        const WeightLayer l = layerOf({1, 5}, {-1.0f, -0.2f, 0.0f, 0.3f, 2.0f});
        ViewRequest r;
        r.focus = {Scheme::Asymmetric, Granularity::PerTensor, 4};
        for (const SchemeDescriptor& d : schemeRegistry())
            if (hasBitRange(d))
                r.schemes.push_back(d.id);
        const LayerViews v = computeLayerViews(l, r, PartEfficiency);
        QCOMPARE(v.efficiency.lines.size(), size_t{6});
        const EfficiencyLine& asym = v.efficiency.lines[0];
        QCOMPARE(asym.scheme, Scheme::Asymmetric);
        QCOMPARE(asym.rows.size(), size_t{8}); // 1..8
        QCOMPARE(asym.rows[1].spec.bits, 2);
        QVERIFY(std::fabs(*asym.rows[1].error.sqnrDb - 10 * std::log10(5.13 / 0.13)) < 1e-5);
        // Symmetric starts at 2 bits; k-means at 3 bits keeps the 5 distinct values: exact.
        for (const EfficiencyLine& line : v.efficiency.lines) {
            QCOMPARE(int(line.rows.size()), 8 - schemeDescriptor(line.scheme).minBits + 1);
            if (line.scheme == Scheme::KMeans)
                QVERIFY(!line.rows[2].error.sqnrDb.has_value());
        }
        QCOMPARE(v.efficiency.limitBits.size(), size_t{8});
        const auto lines = csvLines(bitEfficiencyCsv(v.efficiency));
        QCOMPARE(splitLine(lines[0]).size(), size_t{9});
        bool kmeansExact = false;
        for (const std::string& line : lines)
            kmeansExact |= line.rfind("kmeans,per-tensor,3,exact,1,", 0) == 0;
        QVERIFY(kmeansExact);
        QCOMPARE(lines.back().substr(0, 28), std::string("rate-distortion bound,,8,48."));
    }

    void nonFiniteLayerShowsOnlyWarning()
    {
        const WeightLayer l = layerOf({1, 3}, {1.0f, NAN, 2.0f});
        ViewRequest r;
        r.schemes = {Scheme::Asymmetric};
        const LayerViews v = computeLayerViews(l, r);
        QCOMPARE(v.parts, 0);
        QCOMPARE(v.warnings.size(), size_t{1});
        QVERIFY(v.warnings[0].find("NaN") != std::string::npos);
    }

    void cancelStopsEarly()
    {
        std::vector<float> values(1000);
        for (size_t i = 0; i < values.size(); ++i)
            values[i] = static_cast<float>(std::sin(double(i)));
        const WeightLayer l = layerOf({10, 100}, values);
        ViewRequest r;
        r.schemes = {Scheme::Asymmetric, Scheme::KMeans};
        r.threads = 1; // one step at a time, so the count below is exact
        int calls = 0;
        const LayerViews v = computeLayerViews(l, r, PartAll, [&](int64_t, int64_t) { return ++calls < 2; });
        QCOMPARE(calls, 2);
        QCOMPARE(v.parts, 0);
    }

    // FP32 [[9,1],[2,8]] against quantized [[7,3],[2,8]]: difference [[-2,2],[0,0]].
    void confusionDifference()
    {
        const ConfusionView v = confusionView({{9, 1}, {2, 8}}, {{7, 3}, {2, 8}}, {"cat", "dog"}, "asymmetric 2-bit");
        QCOMPARE(v.difference, (CountMatrix{{-2, 2}, {0, 0}}));
        QCOMPARE(v.maxCount, int64_t{9});
        QCOMPARE(v.maxAbsDifference, int64_t{2});
        QCOMPARE(v.images, int64_t{20});
        QCOMPARE(v.fp32Top1, 17.0 / 20);
        QCOMPARE(v.quantizedTop1, 15.0 / 20);
        QCOMPARE(v.mostIncreased.size(), size_t{1});
        QCOMPARE(v.mostIncreased[0].trueClass, 0);
        QCOMPARE(v.mostIncreased[0].predicted, 1);
        QCOMPARE(v.mostIncreased[0].quantized, int64_t{3});
        const auto lines = csvLines(confusionCsv(v));
        QCOMPARE(lines.size(), size_t{1 + 12});
        QCOMPARE(lines[1], std::string("FP32,cat,cat,9"));
        QCOMPARE(lines[10], std::string("difference,cat,dog,2"));
        // Mismatched sizes give an empty view, never a crash; missing names become indices.
        QVERIFY(confusionView({{1}}, {{1, 0}, {0, 1}}, {}, "q").classes.empty());
        QCOMPARE(confusionView({{1, 0}, {0, 1}}, {{1, 0}, {0, 1}}, {"a"}, "q").classes[1], std::string("1"));
    }

    // QUENN eq. 1 per image, then the mean: rows (3,4) and (0,0) against zeros: (5 + 0)/2.
    void outputDistanceByHand()
    {
        QCOMPARE(meanRowDistance({3, 4, 0, 0}, {0, 0, 0, 0}, 2), 2.5);
        QCOMPARE(meanRowDistance({1, 1, 1}, {1, 1, 1}, 3), 0.0);
        QCOMPARE(meanRowDistance({1, 2}, {1}, 1), 0.0); // mismatched sizes: no distance, no crash
    }

    // Marginal analysis by hand: two layers at 2 bits cost 40; 10 more bits buy A's drop 10 -> 2
    // (gain 8/10) or B's 10 -> 8 (2/10); a 10x sensitivity on B makes B's gain 20/10 the larger.
    void bitAllocationByHand()
    {
        const std::vector<LayerCosts> costs{{"A", {2, 3}, {20, 30}, {10, 2}}, {"B", {2, 3}, {20, 30}, {10, 8}}};
        auto p = allocateBits(costs, {1, 1}, 50, Scheme::Asymmetric, Granularity::PerChannel);
        QVERIFY(p.has_value());
        QCOMPARE(p->specFor("A").bits, 3);
        QCOMPARE(p->specFor("B").bits, 2);
        p = allocateBits(costs, {1, 10}, 50, Scheme::Asymmetric, Granularity::PerChannel);
        QCOMPARE(p->specFor("A").bits, 2);
        QCOMPARE(p->specFor("B").bits, 3);
        p = allocateBits(costs, {1, 1}, 60, Scheme::Asymmetric, Granularity::PerChannel);
        QCOMPARE(p->specFor("A").bits + p->specFor("B").bits, 6);
        QVERIFY(!allocateBits(costs, {1, 1}, 35, Scheme::Asymmetric, Granularity::PerChannel).has_value());
    }

    void csvQuotesAndNumbers()
    {
        QCOMPARE(csvField("T-shirt/top"), std::string("T-shirt/top"));
        QCOMPARE(csvField("a,b"), std::string("\"a,b\""));
        QCOMPARE(csvField("say \"hi\""), std::string("\"say \"\"hi\"\"\""));
        QCOMPARE(csvNumber(0.1), std::string("0.1"));
        QCOMPARE(csvNumber(-INFINITY), std::string("-inf"));
    }

    // The sample on its first 200 bundled images: FP32 top-1 from PyTorch's predictions, and the
    // size of asymmetric 8-bit per-channel by DESIGN.md's storage rule: N*8 + 64 per channel.
    void sweepFillsTableAndCancels()
    {
        auto model = loadOnnxModel(kSample + "fashion_cnn.onnx");
        QVERIFY(model.ok());
        SweepInput in;
        in.model = std::make_shared<const Model>(std::move(*model));
        in.layers = findWeightLayers(*in.model);
        in.openData = [shape = inputShapeOf(*in.model)] { return openDataset(kSample, shape); };
        in.pre.mean = {0.2860f};
        in.pre.std = {0.3530f};
        in.options.limit = 200;

        QFile f(QString::fromStdString(kSample + "expected.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonArray torch = QJsonDocument::fromJson(f.readAll()).object()[QStringLiteral("predictions_first_2000")].toArray();
        auto labels = openDataset(kSample, inputShapeOf(*in.model));
        QVERIFY(labels.ok());

        std::vector<AccuracyCell> seen;
        auto table = runAccuracySweep(in, {Scheme::Asymmetric}, {8}, Granularity::PerChannel, false,
                                      [&](const AccuracyCell& c) { seen.push_back(c); });
        QVERIFY2(table.ok(), table.ok() ? "" : table.error().c_str());
        QCOMPARE(seen.size(), size_t{2});
        QVERIFY(table->fp32.has_value());
        QCOMPARE(table->fp32->images, int64_t{200});
        int64_t total = 0, hits = 0;
        for (size_t i = 0; i < table->fp32->confusion.size(); ++i)
            for (size_t j = 0; j < table->fp32->confusion.size(); ++j) {
                total += table->fp32->confusion[i][j];
                hits += i == j ? table->fp32->confusion[i][j] : 0;
            }
        QCOMPARE(total, int64_t{200});
        QCOMPARE(table->fp32->top1, double(hits) / 200);
        // PyTorch's predictions of the same 200 images against their labels (the first column of the
        // sample's confusion is rebuilt from them): the same hit count.
        const std::vector<int> truth = (*labels)->labels();
        int64_t torchHits = 0;
        for (int i = 0; i < 200; ++i)
            torchHits += torch[i].toInt() == truth[static_cast<size_t>(i)];
        QCOMPARE(hits, torchHits);

        int64_t want = 0;
        for (const WeightLayer& l : in.layers)
            want += l.parameters() * 8 + l.channels() * 64;
        const AccuracyCell* q = table->find(Scheme::Asymmetric, 8);
        QVERIFY(q);
        QCOMPARE(q->weightBits, want);
        QCOMPARE(table->fp32->weightBits, [&] { int64_t n = 0; for (const auto& l : in.layers) n += 32 * l.parameters(); return n; }());
        QVERIFY(std::fabs(q->top1 - table->fp32->top1) < 0.02); // 8-bit keeps accuracy

        // Cancel during the second configuration: only FP32 is reported, no error.
        seen.clear();
        auto cancelled = runAccuracySweep(in, {Scheme::Asymmetric}, {4, 8}, Granularity::PerChannel, false,
                                          [&](const AccuracyCell& c) { seen.push_back(c); },
                                          [](int64_t done, int64_t total) { return done < total / 3 + 1; });
        QVERIFY(cancelled.ok());
        QCOMPARE(seen.size(), size_t{1});
        QVERIFY(cancelled->fp32.has_value());
        QVERIFY(cancelled->cells.empty());
        const auto lines = csvLines(accuracyCsv(*table));
        QCOMPARE(lines.size(), size_t{3});
        QVERIFY(lines[1].rfind("fp32,,32,", 0) == 0);
    }
};

QTEST_GUILESS_MAIN(TestViews)
#include "test_views.moc"

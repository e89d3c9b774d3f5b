// Suggested class groups: average-linkage clustering by symmetric confusion rate and by cosine
// similarity of the last layer's weights, against hand-derived merges, and cuts into groups.
#include <model/data/dataset.h>
#include <model/onnx_loader.h>
#include <quant/accuracy_sweep.h>
#include <quant/class_clustering.h>
#include <quant/grouping_table.h>

#include <QTest>

#include <algorithm>
#include <cmath>

using namespace bitlens;

namespace {

// The classes of every cluster the dendrogram forms, in merge order.
std::vector<std::vector<int>> clusters(const Dendrogram& d)
{
    const int n = static_cast<int>(d.classes.size());
    std::vector<std::vector<int>> members;
    for (int c = 0; c < n; ++c)
        members.push_back({c});
    std::vector<std::vector<int>> formed;
    for (const Dendrogram::Merge& m : d.merges) {
        std::vector<int> both = members[static_cast<size_t>(m.a)];
        both.insert(both.end(), members[static_cast<size_t>(m.b)].begin(), members[static_cast<size_t>(m.b)].end());
        std::sort(both.begin(), both.end());
        members.push_back(both);
        formed.push_back(both);
    }
    return formed;
}

bool forms(const Dendrogram& d, const std::vector<int>& group)
{
    const auto all = clusters(d);
    return std::find(all.begin(), all.end(), group) != all.end();
}

} // namespace

class TestClassClustering : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // C = [[90,8,2],[6,92,2],[1,1,98]], 100 images a class:
    // s01 = (8+6)/200 = 0.07, s02 = (2+1)/200 = 0.015, s12 = (2+1)/200 = 0.015.
    // 0 and 1 merge first at 0.07 (cluster 3); then 2 joins at (0.015 + 0.015)/2 = 0.015.
    void confusionMerges()
    {
        const std::vector<std::vector<int64_t>> c{{90, 8, 2}, {6, 92, 2}, {1, 1, 98}};
        const auto s = confusionSimilarity(c);
        QCOMPARE(s[0][1], 0.07);
        QCOMPARE(s[1][0], 0.07);
        QCOMPARE(s[0][2], 0.015);
        QCOMPARE(s[0][0], 0.0);
        const Dendrogram d = averageLinkage(s, {"cat", "dog", "car"});
        QCOMPARE(d.merges.size(), size_t{2});
        QCOMPARE(d.merges[0].a, 0);
        QCOMPARE(d.merges[0].b, 1);
        QCOMPARE(d.merges[0].similarity, 0.07);
        QCOMPARE(d.merges[0].size, 2);
        QCOMPARE(d.merges[1].a, 2);
        QCOMPARE(d.merges[1].b, 3);
        QVERIFY(std::fabs(d.merges[1].similarity - 0.015) < 1e-15);
        QCOMPARE(d.merges[1].size, 3);

        // Cut at 0.05: {cat, dog} is "group 1", car stays alone; grouped confusion as DESIGN.md says.
        const ClassGroups g = groupsFromDendrogram(d, 0.05);
        QCOMPARE(g.cut, std::vector<std::string>{"group 1"});
        const Grouping grouping = groupingOf(g);
        QCOMPARE(grouping.groupOf, (std::vector<int>{0, 0, 1}));
        const auto cg = groupedConfusion(c, grouping);
        QCOMPARE(cg, (std::vector<std::vector<int64_t>>{{196, 4}, {2, 98}}));
        QCOMPARE(groupedAccuracy(cg), 294.0 / 300.0);
        // Above every merge: no groups; below every merge: one group of all.
        QVERIFY(groupsFromDendrogram(d, 0.5).cut.empty());
        QCOMPARE(groupingOf(groupsFromDendrogram(d, 0.0)).groupOf, (std::vector<int>{0, 0, 0}));
    }

    // The same 3-class dendrogram drawn: merges 0+1 at 0.07, then 2 at 0.015. The last merge's
    // children are a = 2 and b = 3 (the cluster {0, 1}), so the leaves read 2, 0, 1 left to right.
    // Cluster 3 stands at x = (x0 + x1)/2; leaves at 0.07 + 0.05 * (0.07 - 0.015) = 0.07275.
    void layout()
    {
        const std::vector<std::vector<int64_t>> c{{90, 8, 2}, {6, 92, 2}, {1, 1, 98}};
        const Dendrogram d = averageLinkage(confusionSimilarity(c), {"cat", "dog", "car"});
        const DendrogramLayout l = dendrogramLayout(d, 0.05);
        QCOMPARE(l.leafOrder, (std::vector<int>{2, 0, 1}));
        QCOMPARE(l.classX, (std::vector<double>{1, 2, 0}));
        QVERIFY(std::fabs(l.leafHeight - 0.07275) < 1e-12);
        QCOMPARE(l.links.size(), size_t{2});
        // Merge 0: from cat (x 1) and dog (x 2) at leaf height up to 0.07; it is group 0 {cat, dog}.
        QCOMPARE(l.links[0].xA, 1.0);
        QCOMPARE(l.links[0].xB, 2.0);
        QCOMPARE(l.links[0].heightA, l.leafHeight);
        QCOMPARE(l.links[0].height, 0.07);
        QCOMPARE(l.links[0].group, 0);
        // Merge 1: car (x 0) with cluster 3 (x 1.5) at 0.015, below the cut: no group.
        QCOMPARE(l.links[1].xA, 0.0);
        QCOMPARE(l.links[1].xB, 1.5);
        QCOMPARE(l.links[1].heightB, 0.07);
        QCOMPARE(l.links[1].group, -1);
        QCOMPARE(l.links[0].classes, (std::vector<int>{0, 1}));
        QCOMPARE(l.links[1].classes, (std::vector<int>{2, 0, 1}));
        const std::string csv = dendrogramCsv(dendrogramView(d, 0.05));
        QVERIFY(csv.find("1,\"cat; dog\",0.07,2,1,,0.05\n") != std::string::npos);
        QVERIFY(csv.find("2,\"car; cat; dog\",0.015") != std::string::npos);
        // The widest gap is between the only two merges: the cut goes to their middle.
        QVERIFY(std::fabs(suggestedCut(d) - (0.07 + 0.015) / 2) < 1e-15);
        // 4 classes, merges at 0.9, 0.8, 0.1: the widest gap leaving two groups is 0.8 -> 0.1.
        Dendrogram four;
        four.classes = {"a", "b", "c", "d"};
        four.merges = {{0, 1, 0.9, 2}, {2, 3, 0.8, 2}, {4, 5, 0.1, 4}};
        QVERIFY(std::fabs(suggestedCut(four) - 0.45) < 1e-15);
        QCOMPARE(groupingOf(groupsFromDendrogram(four, suggestedCut(four))).names.size(), size_t{2});
        QVERIFY(std::isnan(suggestedCut(Dendrogram{})));
    }

    // Rows [1,0], [1,0.1], [0,1]: cos01 = 1/sqrt(1.01), cos02 = 0, cos12 = 0.1/sqrt(1.01).
    void weightMerges()
    {
        Tensor w;
        w.dims = {3, 2};
        w.floats.assign({1.0f, 0.0f, 1.0f, 0.1f, 0.0f, 1.0f});
        auto s = weightSimilarity(w, 0);
        QVERIFY(s.ok());
        QVERIFY(std::fabs((*s)[0][1] - 1 / std::sqrt(1.01)) < 1e-7);
        QCOMPARE((*s)[0][2], 0.0);
        const Dendrogram d = averageLinkage(*s, {"a", "b", "c"});
        QCOMPARE(d.merges[0].b, 1);
        QVERIFY(std::fabs(d.merges[1].similarity - 0.1 / std::sqrt(1.01) / 2) < 1e-7);
        // The same classes along axis 1 (MatMul's [features x classes]).
        Tensor t;
        t.dims = {2, 3};
        t.floats.assign({1.0f, 1.0f, 0.0f, 0.0f, 0.1f, 1.0f});
        auto st = weightSimilarity(t, 1);
        QVERIFY(st.ok());
        QVERIFY(std::fabs((*st)[0][1] - (*s)[0][1]) < 1e-12);
        // Not a matrix: refused with a message.
        Tensor bad;
        bad.dims = {2, 2, 2};
        bad.floats.assign(8, 1.0f);
        QVERIFY(!weightSimilarity(bad, 0).ok());
    }

    // DESIGN.md: on Fashion-MNIST, quantization confuses the tops and the shoes, so the clustering
    // finds "Tops" (T-shirt/top 0, Pullover 2, Coat 4, Shirt 6) and "Footwear" (Sandal 5, Sneaker 7,
    // Ankle boot 9): from the confusion of the sample at 3 bits on its 2,000 images, and data-free
    // from the classifier's weights.
    void fashionMnistTopsAndFootwear()
    {
        const std::string sample = BITLENS_SOURCE_DIR "/resources/sample/";
        auto model = loadOnnxModel(sample + "fashion_cnn.onnx");
        QVERIFY(model.ok());
        SweepInput in;
        in.model = std::make_shared<const Model>(std::move(*model));
        in.layers = findWeightLayers(*in.model);
        in.openData = [sample, shape = inputShapeOf(*in.model)] { return openDataset(sample, shape); };
        in.pre.mean = {0.2860f};
        in.pre.std = {0.3530f};
        auto cell = evaluatePlan(in, Plan::uniform({Scheme::Asymmetric, Granularity::PerChannel, 3}));
        QVERIFY(cell.ok());
        std::vector<std::string> names(10);
        const Dendrogram byConfusion = averageLinkage(confusionSimilarity(cell->confusion), names);
        QVERIFY(forms(byConfusion, {0, 2, 4, 6}));
        QVERIFY(forms(byConfusion, {5, 7, 9}));
        auto w = weightSimilarity(*in.layers.back().tensor, in.layers.back().axis); // the class axis
        QVERIFY(w.ok());
        const Dendrogram byWeights = averageLinkage(*w, names);
        QVERIFY(forms(byWeights, {0, 2, 4, 6}));
        QVERIFY(forms(byWeights, {5, 7, 9}));
    }

    // The paper's Table 2 from a sweep's cells: top-1 before and after grouping {cat, dog}.
    // FP32: C = [[90,8,2],[6,92,2],[1,1,98]] -> top-1 280/300, grouped (196 + 98)/300.
    // asymmetric 3-bit: [[50,48,2],[40,58,2],[1,1,98]] -> top-1 206/300, grouped (196 + 98)/300.
    void table2()
    {
        AccuracyTable t;
        t.schemes = {Scheme::Asymmetric, Scheme::Pow2};
        AccuracyCell fp32;
        fp32.spec = {Scheme::Asymmetric, Granularity::PerChannel, kFp32Bits};
        fp32.confusion = {{90, 8, 2}, {6, 92, 2}, {1, 1, 98}};
        fp32.top1 = 280.0 / 300;
        t.add(fp32);
        AccuracyCell q;
        q.spec = {Scheme::Asymmetric, Granularity::PerChannel, 3};
        q.confusion = {{50, 48, 2}, {40, 58, 2}, {1, 1, 98}};
        q.top1 = 206.0 / 300;
        t.add(q);
        const Grouping g{{0, 0, 1}, {"pets", "car"}};
        const auto rows = groupedAccuracyTable(t, g, 3);
        QCOMPARE(rows.size(), size_t{2}); // pow2 has no cell at 3 bits
        QCOMPARE(rows[0].label, std::string("fp32"));
        QCOMPARE(rows[0].groupedTop1, 294.0 / 300);
        QCOMPARE(rows[1].label, std::string("asymmetric"));
        QCOMPARE(rows[1].top1, 206.0 / 300);
        QCOMPARE(rows[1].groupedTop1, 294.0 / 300);
        QVERIFY(groupedAccuracyCsv(rows).rfind("configuration,granularity,bits,top1,grouped_top1\nfp32,,32,", 0) == 0);
        // A grouping for another number of classes gives no rows rather than wrong ones.
        QVERIFY(groupedAccuracyTable(t, Grouping{{0, 1}, {"a", "b"}}, 3).empty());
    }

    // Equal similarities: the lowest cluster ids merge first, so the result never depends on order.
    void tiesAreDeterministic()
    {
        const std::vector<std::vector<double>> s(4, std::vector<double>(4, 0.5));
        const Dendrogram d = averageLinkage(s, {"a", "b", "c", "d"});
        QCOMPARE(d.merges[0].a, 0);
        QCOMPARE(d.merges[0].b, 1);
        QCOMPARE(d.merges[1].a, 2);
        QCOMPARE(d.merges[1].b, 3);
        QCOMPARE(d.merges[2].a, 4);
        QCOMPARE(d.merges[2].b, 5);
        // One class: no merges; none: nothing.
        QVERIFY(averageLinkage({{0.0}}, {"x"}).merges.empty());
        QVERIFY(averageLinkage({}, {}).merges.empty());
    }
};

QTEST_GUILESS_MAIN(TestClassClustering)
#include "test_class_clustering.moc"

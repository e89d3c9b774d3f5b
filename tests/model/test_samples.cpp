// Samples without labels (DESIGN.md "Datasets and preprocessing"): ONNX test-data folders, one NPY
// per graph input (both rank conventions), images with no class sub-folders, a labelled test set
// whose labels come along, synthetic seeded samples (deterministic, independent of batching,
// N(0,1) and integer ranges, symbolic dimensions from the user), stacking, and messages naming the
// file or input for each bad case.
#include <model/data/samples.h>
#include <model/onnx_loader.h>
#include <support/onnx_builder.h>

#include <QColor>
#include <QDir>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <cstring>

using namespace bitlens;

namespace {

// A version 1.0 .npy file (as test_datasets writes them).
std::string npy(const std::string& descr, const std::string& shape, const std::string& data)
{
    std::string dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    while ((10 + dict.size() + 1) % 64)
        dict += ' ';
    dict += '\n';
    std::string s = "\x93NUMPY";
    s += '\x01';
    s += '\x00';
    s += static_cast<char>(dict.size() & 0xff);
    s += static_cast<char>(dict.size() >> 8);
    return s + dict + data;
}

template <typename T>
std::string bytesOf(const std::vector<T>& v)
{
    return std::string(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}

const std::string kTransformers = BITLENS_TEST_DATA "/transformers/";

} // namespace

class TestSamples : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    Model m_twoInputs; // x: float [N, 3]; ids: int64 [N, seq]

    std::string path(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)).toStdString(); }

private Q_SLOTS:
    void initTestCase()
    {
        testsupport::OnnxBuilder b;
        b.addInput("x", {-1, 3});
        b.addInput("ids", {-1, -1});
        auto* ids = b.proto().mutable_graph()->mutable_input(1)->mutable_type()->mutable_tensor_type();
        ids->set_elem_type(onnx::TensorProto::INT64);
        ids->mutable_shape()->mutable_dim(1)->set_dim_param("seq");
        b.addOutput("y", {-1, 3});
        b.addNode("Identity", {"x"}, {"y"});
        QVERIFY(b.save(path("two.onnx")));
        auto m = loadOnnxModel(path("two.onnx"));
        QVERIFY2(m.ok(), m.ok() ? "" : m.error().c_str());
        m_twoInputs = std::move(*m);
    }

    // BERT's test_data_set_0 (two int64 inputs) and ViT's folder holding input_0.pb itself.
    void onnxTestData()
    {
        auto bert = loadOnnxModel(kTransformers + "bert_tiny/model.onnx");
        QVERIFY(bert.ok());
        auto s = openSamples(kTransformers + "bert_tiny", *bert);
        QVERIFY2(s.ok(), s.ok() ? "" : s.error().c_str());
        QCOMPARE((*s)->size(), int64_t{1});
        QVERIFY((*s)->labels().empty());
        auto b = (*s)->next(8);
        QVERIFY(b.ok());
        QCOMPARE(b->count(), int64_t{1});
        QCOMPARE(b->samples[0].size(), bert->inputs.size());
        QVERIFY(!b->samples[0][0].isFloat());
        QCOMPARE((*s)->next(8)->count(), int64_t{0});

        auto vit = loadOnnxModel(kTransformers + "vit_tiny/model.onnx");
        QVERIFY(vit.ok());
        auto v = openSamples(kTransformers + "vit_tiny/test_data_set_0", *vit);
        QVERIFY2(v.ok(), v.ok() ? "" : v.error().c_str());
        QCOMPARE((*v)->size(), int64_t{1});
        // BERT's folder for a model with another input count: the missing file is named.
        auto wrong = openSamples(kTransformers + "vit_tiny", *bert);
        QVERIFY(!wrong.ok());
        QVERIFY2(wrong.error().find("input_1.pb") != std::string::npos, wrong.error().c_str());
    }

    // x.npy shaped (4, 3) (the input's own rank: sample i is x[i:i+1]) and ids.npy shaped
    // (4, 1, 5) (rank + 1: sample i is ids[i]).
    void npyPerInput()
    {
        QDir().mkpath(m_dir.filePath(QStringLiteral("npy")));
        std::vector<float> x(12);
        for (size_t i = 0; i < x.size(); ++i)
            x[i] = static_cast<float>(i);
        std::vector<int32_t> ids(20);
        for (size_t i = 0; i < ids.size(); ++i)
            ids[i] = static_cast<int32_t>(100 + i);
        QVERIFY(testsupport::writeFile(path("npy/x.npy"), npy("<f4", "(4, 3)", bytesOf(x))));
        QVERIFY(testsupport::writeFile(path("npy/ids.npy"), npy("<i4", "(4, 1, 5)", bytesOf(ids))));
        auto s = openSamples(path("npy"), m_twoInputs);
        QVERIFY2(s.ok(), s.ok() ? "" : s.error().c_str());
        QCOMPARE((*s)->size(), int64_t{4});
        auto first = (*s)->next(3);
        QVERIFY2(first.ok(), first.ok() ? "" : first.error().c_str());
        QCOMPARE(first->count(), int64_t{3});
        const Tensor& x2 = first->samples[2][0];
        QCOMPARE(x2.dims, (std::vector<int64_t>{1, 3}));
        QCOMPARE(x2.floats[0], 6.0f);
        const Tensor& ids2 = first->samples[2][1];
        QCOMPARE(ids2.type, DataType::Int64);
        QCOMPARE(ids2.dims, (std::vector<int64_t>{1, 5}));
        QCOMPARE(ids2.ints[4], int64_t{114});
        QCOMPARE((*s)->next(3)->count(), int64_t{1});
        QVERIFY((*s)->rewind().ok());
        QCOMPARE((*s)->next(1)->samples[0][0].floats[1], 1.0f);

        // Stacked: samples 0..2 of x on the first axis.
        auto stacked = stackSamples(*first, 0, 3);
        QVERIFY(stacked.ok());
        QCOMPARE((*stacked)[0].dims, (std::vector<int64_t>{3, 3}));
        QCOMPARE((*stacked)[1].dims, (std::vector<int64_t>{3, 5}));
        QCOMPARE((*stacked)[1].ints[5], int64_t{105});

        // Float values for the integer input, and different sample counts: the file is named.
        QVERIFY(testsupport::writeFile(path("npy/ids.npy"), npy("<f4", "(4, 1, 5)", bytesOf(std::vector<float>(20, 1.0f)))));
        auto badType = openSamples(path("npy"), m_twoInputs);
        QVERIFY(badType.ok());
        auto batch = (*badType)->next(1);
        QVERIFY(!batch.ok());
        QVERIFY2(batch.error().find("ids.npy") != std::string::npos, batch.error().c_str());
        QVERIFY(testsupport::writeFile(path("npy/ids.npy"), npy("<i4", "(3, 1, 5)", bytesOf(std::vector<int32_t>(15, 1)))));
        auto badCount = openSamples(path("npy"), m_twoInputs);
        QVERIFY(!badCount.ok());
        QVERIFY2(badCount.error().find("ids.npy") != std::string::npos && badCount.error().find("3 samples") != std::string::npos,
                 badCount.error().c_str());
    }

    // A folder of images with no class sub-folders: unlabelled samples [1, C, H, W]; the labelled
    // sample set: its labels come along.
    void imagesWithAndWithoutLabels()
    {
        testsupport::OnnxBuilder b;
        b.addInput("image", {-1, 1, 4, 4});
        b.addOutput("out", {-1, 1, 4, 4});
        b.addNode("Identity", {"image"}, {"out"});
        QVERIFY(b.save(path("img.onnx")));
        auto model = loadOnnxModel(path("img.onnx"));
        QVERIFY(model.ok());
        QDir().mkpath(m_dir.filePath(QStringLiteral("imgs")));
        for (int i = 0; i < 3; ++i) {
            QImage im(4, 4, QImage::Format_Grayscale8);
            im.fill(QColor(i * 51, i * 51, i * 51)); // 0, 51, 102 -> 0, 0.2, 0.4 after /255
            QVERIFY(im.save(m_dir.filePath(QStringLiteral("imgs/%1.png").arg(i))));
        }
        auto s = openSamples(path("imgs"), *model);
        QVERIFY2(s.ok(), s.ok() ? "" : s.error().c_str());
        QCOMPARE((*s)->size(), int64_t{3});
        QVERIFY((*s)->labels().empty());
        auto batch = (*s)->next(5);
        QVERIFY(batch.ok());
        QCOMPARE(batch->count(), int64_t{3});
        QCOMPARE(batch->samples[2][0].dims, (std::vector<int64_t>{1, 1, 4, 4}));
        QVERIFY(std::fabs(batch->samples[2][0].floats[0] - 0.4f) < 1e-6);

        auto cnn = loadOnnxModel(BITLENS_SOURCE_DIR "/resources/sample/fashion_cnn.onnx");
        QVERIFY(cnn.ok());
        auto labelled = openSamples(BITLENS_SOURCE_DIR "/resources/sample/", *cnn);
        QVERIFY(labelled.ok());
        QCOMPARE((*labelled)->labels().size(), static_cast<size_t>((*labelled)->size()));
        // An empty folder: the message says what SAMPLES may be.
        QDir().mkpath(m_dir.filePath(QStringLiteral("empty")));
        auto none = openSamples(path("empty"), *model);
        QVERIFY(!none.ok());
        QVERIFY2(none.error().find("empty") != std::string::npos && none.error().find("image.npy") != std::string::npos,
                 none.error().c_str());
    }

    // Synthetic: N(0,1) floats and integers in the given range, the same values whatever the
    // batching, another seed other values; symbolic dimensions from the user.
    void synthetic()
    {
        SampleOptions o;
        o.seed = 7;
        o.dims["seq"] = 4;
        o.intRanges["ids"] = {5, 9};
        auto s = openSamples("synthetic:200", m_twoInputs, o);
        QVERIFY2(s.ok(), s.ok() ? "" : s.error().c_str());
        QCOMPARE((*s)->size(), int64_t{200});
        auto all = (*s)->next(200);
        QVERIFY(all.ok());
        double sum = 0, sq = 0;
        int64_t lo = 100, hi = -100;
        for (const auto& sample : all->samples) {
            QCOMPARE(sample[0].dims, (std::vector<int64_t>{1, 3}));
            QCOMPARE(sample[1].dims, (std::vector<int64_t>{1, 4}));
            for (float v : sample[0].floats) {
                sum += v;
                sq += static_cast<double>(v) * v;
            }
            for (int64_t v : sample[1].ints) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
        }
        // 600 draws of N(0,1): mean within 4 standard errors (4/sqrt(600) = 0.16), variance within 0.25.
        QVERIFY(std::fabs(sum / 600) < 0.16);
        QVERIFY(std::fabs(sq / 600 - 1) < 0.25);
        QCOMPARE(lo, int64_t{5}); // 800 draws of 5 values: every one appears
        QCOMPARE(hi, int64_t{9});
        // Batching does not change the values.
        QVERIFY((*s)->rewind().ok());
        QVERIFY((*s)->next(150).ok());
        auto later = (*s)->next(7);
        QVERIFY(later.ok());
        QCOMPARE(later->samples[3][0].floats[2], all->samples[153][0].floats[2]);
        QCOMPARE(later->samples[3][1].ints, all->samples[153][1].ints);
        o.seed = 8;
        auto other = openSamples("synthetic:1", m_twoInputs, o);
        QVERIFY(other.ok());
        QVERIFY((*other)->next(1)->samples[0][0].floats[0] != all->samples[0][0].floats[0]);
        // A whole shape by input name.
        o.shapes["ids"] = {2, 6};
        auto shaped = openSamples("synthetic:1", m_twoInputs, o);
        QVERIFY(shaped.ok());
        QCOMPARE((*shaped)->next(1)->samples[0][1].dims, (std::vector<int64_t>{2, 6}));
    }

    void syntheticErrorsNameTheInput_data()
    {
        QTest::addColumn<bool>("dims");
        QTest::addColumn<bool>("range");
        QTest::addColumn<QString>("samples");
        QTest::addColumn<QString>("expected");
        QTest::newRow("symbolic dimension") << false << true << QStringLiteral("synthetic") << QStringLiteral("'seq'");
        QTest::newRow("no integer range") << true << false << QStringLiteral("synthetic") << QStringLiteral("--int-range ids");
        QTest::newRow("bad count") << true << true << QStringLiteral("synthetic:0") << QStringLiteral("synthetic:N");
        QTest::newRow("missing path") << true << true << QStringLiteral("/nonexistent/samples") << QStringLiteral("not found");
    }

    void syntheticErrorsNameTheInput()
    {
        QFETCH(bool, dims);
        QFETCH(bool, range);
        QFETCH(QString, samples);
        QFETCH(QString, expected);
        SampleOptions o;
        if (dims)
            o.dims["seq"] = 4;
        if (range)
            o.intRanges[""] = {0, 10};
        auto s = openSamples(samples.toStdString(), m_twoInputs, o);
        QVERIFY(!s.ok());
        QVERIFY2(s.error().find(expected.toStdString()) != std::string::npos, s.error().c_str());
    }
};

QTEST_GUILESS_MAIN(TestSamples)
#include "test_samples.moc"

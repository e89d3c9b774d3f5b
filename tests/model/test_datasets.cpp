// Datasets (DESIGN.md "Datasets and preprocessing"): the bundled sample's 2,000 images written as
// NPY (uint8 NCHW, uint8 NHWC, float32 on the u8/255 scale) and as a PNG image folder must give
// exactly PyTorch's predictions (resources/sample/expected.json), like the IDX files do; DATA
// resolution; and bad NPY files and folders rejected with messages naming the file.
#include <model/data/dataset.h>
#include <model/data/npy_header.h>
#include <model/engine/session.h>
#include <model/evaluation.h>
#include <model/onnx_loader.h>
#include <support/onnx_builder.h>

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>

using namespace bitlens;

namespace {

const std::string kSample = BITLENS_SOURCE_DIR "/resources/sample/";

// A version 1.0 .npy file: magic, version, little-endian header length, dict, data.
std::string npy(const std::string& descr, const std::string& shape, const std::string& data,
                const std::string& order = "False")
{
    std::string dict = "{'descr': '" + descr + "', 'fortran_order': " + order + ", 'shape': " + shape + ", }";
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

struct Sample
{
    std::vector<uint8_t> pixels; // 2000 x 28 x 28
    std::vector<int32_t> labels;
};

Sample readSample()
{
    auto d = openDataset(kSample + "t10k-images-idx3-ubyte.gz");
    Sample s;
    if (!d)
        return s;
    auto b = (*d)->next(5000);
    if (b)
        s.pixels = b->bytes;
    s.labels = (*d)->labels();
    return s;
}

std::vector<int> torchPredictions()
{
    QFile f(QString::fromStdString(kSample + "expected.json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    std::vector<int> out;
    for (const QJsonValue& v : QJsonDocument::fromJson(f.readAll()).object()[QStringLiteral("predictions_first_2000")].toArray())
        out.push_back(v.toInt());
    return out;
}

} // namespace

class TestDatasets : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<engine::Session> m_session;
    Preprocessing m_pre;
    Sample m_sample;

    std::string path(const std::string& n) const { return m_dir.filePath(QString::fromStdString(n)).toStdString(); }

private Q_SLOTS:
    void initTestCase()
    {
        auto model = loadOnnxModel(kSample + "fashion_cnn.onnx");
        QVERIFY(model.ok());
        m_pre = **preprocessingFromMetadata(*model);
        auto s = engine::Session::create(std::make_shared<const Model>(std::move(*model)));
        QVERIFY(s.ok());
        m_session = std::move(*s);
        m_sample = readSample();
        QCOMPARE(m_sample.pixels.size(), size_t{2000 * 28 * 28});
        QCOMPARE(m_sample.labels.size(), size_t{2000});

        // The same images in every format the reader takes.
        const std::string labels = bytesOf(std::vector<int64_t>(m_sample.labels.begin(), m_sample.labels.end()));
        QDir().mkpath(QString::fromStdString(path("npy-nchw")));
        QVERIFY(testsupport::writeFile(path("npy-nchw/images.npy"), npy("|u1", "(2000, 1, 28, 28)", bytesOf(m_sample.pixels))));
        QVERIFY(testsupport::writeFile(path("npy-nchw/labels.npy"), npy("<i8", "(2000,)", labels)));
        // NHWC with 1 channel is ambiguous only without the model; with it, the last axis is C.
        QDir().mkpath(QString::fromStdString(path("npy-nhwc")));
        QVERIFY(testsupport::writeFile(path("npy-nhwc/images.npy"), npy("|u1", "(2000, 28, 28, 1)", bytesOf(m_sample.pixels))));
        std::vector<uint8_t> bigEndianLabels;
        for (int32_t l : m_sample.labels)
            for (int shift : {24, 16, 8, 0})
                bigEndianLabels.push_back(static_cast<uint8_t>((l >> shift) & 0xff));
        QVERIFY(testsupport::writeFile(path("npy-nhwc/labels.npy"), npy(">i4", "(2000, 1)", bytesOf(bigEndianLabels))));
        QDir().mkpath(QString::fromStdString(path("npy-float")));
        std::vector<float> unit;
        for (uint8_t p : m_sample.pixels)
            unit.push_back(static_cast<float>(p) / 255.0f);
        QVERIFY(testsupport::writeFile(path("npy-float/images.npy"), npy("<f4", "(2000, 28, 28)", bytesOf(unit))));
        QVERIFY(testsupport::writeFile(path("npy-float/labels.npy"), npy("|u1", "(2000,)",
                                                                         bytesOf(std::vector<uint8_t>(m_sample.labels.begin(), m_sample.labels.end())))));
        // PNG is lossless: an image folder holds the same pixels. Class folders sort like the labels.
        for (int i = 0; i < 2000; ++i) {
            const QString dir = QString::fromStdString(path("folder/class" + std::to_string(m_sample.labels[size_t(i)])));
            QDir().mkpath(dir);
            QImage img(m_sample.pixels.data() + i * 784, 28, 28, 28, QImage::Format_Grayscale8);
            QVERIFY(img.save(dir + QStringLiteral("/%1.png").arg(i, 4, 10, QLatin1Char('0'))));
        }
    }

    void everyFormatGivesPyTorchsPredictions_data()
    {
        QTest::addColumn<QString>("data");
        QTest::addColumn<bool>("ordered"); // the image folder reorders images by class
        QTest::newRow("IDX folder") << QString::fromStdString(kSample) << true;
        QTest::newRow("IDX card") << QString::fromStdString(kSample + "dataset.json") << true;
        QTest::newRow("NPY NCHW uint8") << QString::fromStdString(path("npy-nchw")) << true;
        QTest::newRow("NPY NHWC, big-endian labels") << QString::fromStdString(path("npy-nhwc/images.npy")) << true;
        QTest::newRow("NPY float32") << QString::fromStdString(path("npy-float")) << true;
        QTest::newRow("image folder") << QString::fromStdString(path("folder")) << false;
    }

    void everyFormatGivesPyTorchsPredictions()
    {
        QFETCH(QString, data);
        QFETCH(bool, ordered);
        auto d = openDataset(data.toStdString(), inputShapeOf(m_session->model()));
        QVERIFY2(d.ok(), d.ok() ? "" : d.error().c_str());
        QCOMPARE((*d)->size(), int64_t{2000});
        auto r = evaluate(*m_session, **d, m_pre, {.limit = -1, .batch = 64, .threads = 2});
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().c_str());
        const std::vector<int> torch = torchPredictions();
        QCOMPARE(torch.size(), size_t{2000});
        if (ordered) {
            QCOMPARE(r->predictions, torch);
            return;
        }
        // Folder order: class by class, then file name (= original index) within a class.
        std::vector<int> expected;
        for (int c = 0; c < 10; ++c)
            for (int i = 0; i < 2000; ++i)
                if (m_sample.labels[size_t(i)] == c)
                    expected.push_back(torch[size_t(i)]);
        QCOMPARE(r->predictions, expected);
        QCOMPARE((*d)->classNames().front(), std::string("class0"));
    }

    void imageFolderScalesAndConverts()
    {
        // A 56x56 colour image of one grey level becomes a 28x28 grey input of that level.
        const QString dir = QString::fromStdString(path("big/only"));
        QDir().mkpath(dir);
        QImage img(56, 56, QImage::Format_RGB32);
        img.fill(QColor(100, 100, 100));
        QVERIFY(img.save(dir + QStringLiteral("/a.png")));
        auto d = openDataset(path("big"), {1, 28, 28});
        QVERIFY2(d.ok(), d.ok() ? "" : d.error().c_str());
        auto b = (*d)->next(10);
        QVERIFY(b.ok());
        QCOMPARE(b->count, int64_t{1});
        QCOMPARE(b->bytes.size(), size_t{784});
        QCOMPARE(int(b->bytes[400]), 100);
        auto rgb = openDataset(path("big"), {3, 0, 0});
        QVERIFY(rgb.ok());
        QCOMPARE((*rgb)->height(), int64_t{56});
        QCOMPARE((*rgb)->channels(), int64_t{3});
    }

    void badNpyFiles_data()
    {
        QTest::addColumn<QByteArray>("images");
        QTest::addColumn<QByteArray>("labels");
        QTest::addColumn<QString>("needle");
        auto b = [](const std::string& s) { return QByteArray::fromStdString(s); };
        const std::string px(3 * 4, '\x10');
        const std::string good = npy("|u1", "(3,)", "\x01\x02\x03");
        QTest::newRow("bad magic") << b("\x93NUMPX" + px) << b(good) << QStringLiteral("bad magic");
        QTest::newRow("truncated data") << b(npy("|u1", "(3, 2, 2)", px.substr(0, 7))) << b(good)
                                        << QStringLiteral("needs 12 bytes of data but the file has 7");
        QTest::newRow("overflowing shape") << b(npy("|u1", "(3037000500, 3037000500, 2)", px)) << b(good)
                                           << QStringLiteral("overflows");
        QTest::newRow("fortran order") << b(npy("|u1", "(3, 2, 2)", px, "True")) << b(good) << QStringLiteral("Fortran");
        QTest::newRow("complex images") << b(npy("<c8", "(3, 2, 2)", px)) << b(good) << QStringLiteral("element type");
        QTest::newRow("int16 images") << b(npy("<i2", "(3, 2, 1)", px)) << b(good) << QStringLiteral("uint8 or float");
        QTest::newRow("count mismatch") << b(npy("|u1", "(3, 2, 2)", px)) << b(npy("|u1", "(2,)", "\x01\x02"))
                                        << QStringLiteral("3 images but");
        QTest::newRow("negative label") << b(npy("|u1", "(3, 2, 2)", px)) << b(npy("|i1", "(3,)", "\x01\xff\x03"))
                                        << QStringLiteral("label -1 of image 1 is out of range");
        QTest::newRow("float labels") << b(npy("|u1", "(3, 2, 2)", px)) << b(npy("<f4", "(3,)", std::string(12, '\0')))
                                      << QStringLiteral("labels must be integers");
        QTest::newRow("absurd dims") << b(npy("|u1", "(1, 100000, 1)", std::string(100000, '\0'))) << b(npy("|u1", "(1,)", "\x01"))
                                     << QStringLiteral("absurd image shape");
        QTest::newRow("5-D images") << b(npy("|u1", "(3, 1, 2, 2, 1)", px)) << b(good) << QStringLiteral("must be shaped");
        QTest::newRow("ambiguous layout") << b(npy("|u1", "(1, 5, 2, 5)", std::string(50, '\0'))) << b(npy("|u1", "(1,)", "\x01"))
                                          << QStringLiteral("cannot tell channels");
        QTest::newRow("long header") << b(std::string("\x93NUMPY\x02\x00\xff\xff\xff\x7f", 12)) << b(good)
                                     << QStringLiteral("implausibly long");
        QTest::newRow("version 9") << b(std::string("\x93NUMPY\x09\x00\x10\x00", 10)) << b(good) << QStringLiteral("version 9");
    }

    void badNpyFiles()
    {
        QFETCH(QByteArray, images);
        QFETCH(QByteArray, labels);
        QFETCH(QString, needle);
        QDir().mkpath(QString::fromStdString(path("bad")));
        QVERIFY(testsupport::writeFile(path("bad/images.npy"), images.toStdString()));
        QVERIFY(testsupport::writeFile(path("bad/labels.npy"), labels.toStdString()));
        auto d = openDataset(path("bad"));
        QVERIFY(!d.ok());
        QVERIFY2(d.error().find(".npy") != std::string::npos, d.error().c_str()); // names the file
        QVERIFY2(d.error().find(needle.toStdString()) != std::string::npos, d.error().c_str());
    }

    void badFoldersAndPaths_data()
    {
        QTest::addColumn<QString>("data");
        QTest::addColumn<QString>("needle");
        QDir().mkpath(QString::fromStdString(path("empty")));
        QDir().mkpath(QString::fromStdString(path("noimages/cat")));
        QVERIFY(testsupport::writeFile(path("noimages/cat/readme.txt"), "hello"));
        QDir().mkpath(QString::fromStdString(path("broken/cat")));
        QVERIFY(testsupport::writeFile(path("broken/cat/a.png"), "\x89PNG\r\n\x1a\n garbage"));
        QTest::newRow("no class folders") << QString::fromStdString(path("empty")) << QStringLiteral("no class sub-folders");
        QTest::newRow("no images") << QString::fromStdString(path("noimages")) << QStringLiteral("no readable images");
        QTest::newRow("undecodable") << QString::fromStdString(path("broken")) << QStringLiteral("cannot decode");
        QTest::newRow("missing") << QString::fromStdString(path("nothing-here")) << QStringLiteral("not found");
        QTest::newRow("model shape") << QString::fromStdString(kSample) << QStringLiteral("the model expects 3 x 32 x 32");
    }

    void badFoldersAndPaths()
    {
        QFETCH(QString, data);
        QFETCH(QString, needle);
        auto d = openDataset(data.toStdString(), data.contains(QLatin1String("sample")) ? InputShape{3, 32, 32} : InputShape{1, 28, 28});
        if (d.ok()) // a folder that opens must fail at its first batch
            QVERIFY(!(*d)->next(10).ok());
        const std::string error = d.ok() ? (*d)->next(10).error() : d.error();
        QVERIFY2(error.find(data.toStdString()) != std::string::npos, error.c_str());
        QVERIFY2(error.find(needle.toStdString()) != std::string::npos, error.c_str());
    }
};

QTEST_GUILESS_MAIN(TestDatasets)
#include "test_datasets.moc"

// The ONNX loader against files built here: every supported encoding, and malformed or hostile
// files that must come back as errors naming the file and the tensor, never a crash.
#include <model/onnx_loader.h>
#include <support/onnx_builder.h>

#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>
#include <random>

using namespace bitlens;
using testsupport::OnnxBuilder;
namespace fs = std::filesystem;

class TestLoader : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::string path(const char* name) const { return m_dir.filePath(QString::fromUtf8(name)).toStdString(); }

    // Loads `b` saved as `name` and expects an error containing every one of `needles`.
    void expectError(const OnnxBuilder& b, const char* name, std::initializer_list<const char*> needles)
    {
        QVERIFY(b.save(path(name)));
        auto r = loadOnnxModel(path(name));
        QVERIFY2(!r.ok(), name);
        QVERIFY2(r.error().find(name) != std::string::npos, r.error().c_str()); // names the file
        for (const char* n : needles)
            QVERIFY2(r.error().find(n) != std::string::npos, r.error().c_str());
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void loadsRawAndTypedFloats()
    {
        OnnxBuilder b;
        b.addInitializer("w_raw", {2, 3}, {1, 2, 3, 4, 5, 6}, true);
        b.addInitializer("w_typed", {3}, {-1.5f, 0.25f, 7}, false);
        b.addInput("x", {-1, 3});
        b.addOutput("y", {-1, 2});
        b.addNode("MatMul", {"x", "w_raw"}, {"y"}, "mm");
        QVERIFY(b.save(path("ok.onnx")));
        auto m = loadOnnxModel(path("ok.onnx"));
        QVERIFY2(m.ok(), m.ok() ? "" : m.error().c_str());
        QCOMPARE(m->defaultOpset, int64_t{13});
        QCOMPARE(m->inputs.size(), size_t{1});
        QCOMPARE(m->inputs[0].dimParams[0], std::string("N"));
        const Tensor* raw = m->constant("w_raw");
        QVERIFY(raw);
        QCOMPARE(raw->dims, (std::vector<int64_t>{2, 3}));
        QCOMPARE(std::vector<float>(raw->floats.begin(), raw->floats.end()), (std::vector<float>{1, 2, 3, 4, 5, 6}));
        QCOMPARE(std::vector<float>(m->constant("w_typed")->floats.begin(), m->constant("w_typed")->floats.end()), (std::vector<float>{-1.5f, 0.25f, 7}));
        QCOMPARE(m->nodes.size(), size_t{1});
        QCOMPARE(m->nodes[0].opType, std::string("MatMul"));
    }

    void loadsOtherDataTypes()
    {
        OnnxBuilder b;
        auto* g = b.proto().mutable_graph();
        // float16: 1.0 = 0x3C00, -2.0 = 0xC000, smallest denormal 2^-24 = 0x0001, as raw bytes.
        auto* h = g->add_initializer();
        h->set_name("half");
        h->set_data_type(onnx::TensorProto::FLOAT16);
        h->add_dims(3);
        const uint16_t hv[3] = {0x3C00, 0xC000, 0x0001};
        h->set_raw_data(std::string(reinterpret_cast<const char*>(hv), sizeof hv));
        // float16 in int32_data: 0.5 = 0x3800.
        auto* h2 = g->add_initializer();
        h2->set_name("half_typed");
        h2->set_data_type(onnx::TensorProto::FLOAT16);
        h2->add_dims(1);
        h2->add_int32_data(0x3800);
        auto* d = g->add_initializer();
        d->set_name("double");
        d->set_data_type(onnx::TensorProto::DOUBLE);
        d->add_dims(2);
        d->add_double_data(0.125);
        d->add_double_data(-3.0);
        auto* i8 = g->add_initializer();
        i8->set_name("int8");
        i8->set_data_type(onnx::TensorProto::INT8);
        i8->add_dims(2);
        i8->add_int32_data(-128);
        i8->add_int32_data(127);
        auto* u8 = g->add_initializer();
        u8->set_name("uint8");
        u8->set_data_type(onnx::TensorProto::UINT8);
        u8->add_dims(2);
        u8->set_raw_data(std::string("\x00\xff", 2));
        auto* i64 = g->add_initializer();
        i64->set_name("shape");
        i64->set_data_type(onnx::TensorProto::INT64);
        i64->add_dims(2);
        i64->add_int64_data(-1);
        i64->add_int64_data(10);
        QVERIFY(b.save(path("types.onnx")));
        auto m = loadOnnxModel(path("types.onnx"));
        QVERIFY2(m.ok(), m.ok() ? "" : m.error().c_str());
        QCOMPARE(std::vector<float>(m->constant("half")->floats.begin(), m->constant("half")->floats.end()), (std::vector<float>{1.0f, -2.0f, std::ldexp(1.0f, -24)}));
        QCOMPARE(std::vector<float>(m->constant("half_typed")->floats.begin(), m->constant("half_typed")->floats.end()), (std::vector<float>{0.5f}));
        QCOMPARE(std::vector<float>(m->constant("double")->floats.begin(), m->constant("double")->floats.end()), (std::vector<float>{0.125f, -3.0f}));
        QCOMPARE(m->constant("int8")->ints, (std::vector<int64_t>{-128, 127}));
        QCOMPARE(m->constant("uint8")->ints, (std::vector<int64_t>{0, 255}));
        QCOMPARE(m->constant("shape")->ints, (std::vector<int64_t>{-1, 10}));
    }

    void constantNodesBecomeConstants()
    {
        OnnxBuilder b;
        b.addConstant("w", {2}, {0.5f, -0.5f});
        auto* n = b.addNode("Constant", {}, {"k"}, "scalar");
        auto* a = n->add_attribute();
        a->set_name("value_ints");
        a->set_type(onnx::AttributeProto::INTS);
        a->add_ints(3);
        a->add_ints(4);
        QVERIFY(b.save(path("const.onnx")));
        auto m = loadOnnxModel(path("const.onnx"));
        QVERIFY2(m.ok(), m.ok() ? "" : m.error().c_str());
        QCOMPARE(std::vector<float>(m->constant("w")->floats.begin(), m->constant("w")->floats.end()), (std::vector<float>{0.5f, -0.5f}));
        QCOMPARE(m->constant("k")->ints, (std::vector<int64_t>{3, 4}));
        QCOMPARE(m->constant("k")->dims, (std::vector<int64_t>{2}));
    }

    void constantWithTwoValuesRejected()
    {
        // A uint8 `value` of dims [1000, 1] then `value_float` would leave dims [1000, 1] with one
        // float: later code trusting the dims would read out of bounds.
        OnnxBuilder b;
        auto* n = b.addNode("Constant", {}, {"w"}, "two_values");
        auto* a = n->add_attribute();
        a->set_name("value");
        a->set_type(onnx::AttributeProto::TENSOR);
        a->mutable_t()->set_data_type(onnx::TensorProto::UINT8);
        a->mutable_t()->add_dims(1000);
        a->mutable_t()->add_dims(1);
        a->mutable_t()->set_raw_data(std::string(1000, '\x01'));
        auto* f = n->add_attribute();
        f->set_name("value_float");
        f->set_type(onnx::AttributeProto::FLOAT);
        f->set_f(1.0f);
        expectError(b, "twovalues.onnx", {"two_values", "more than one value attribute"});
        OnnxBuilder e;
        e.addConstant("", {1}, {1.0f});
        expectError(e, "emptyname.onnx", {"empty output name"});
    }

    void decodedSizeCountsAgainstLimits()
    {
        // 200 uint8 values are 200 bytes on disk but 1,600 once decoded to int64.
        OnnxBuilder b;
        auto* t = b.proto().mutable_graph()->add_initializer();
        t->set_name("bytes");
        t->set_data_type(onnx::TensorProto::UINT8);
        t->add_dims(200);
        t->set_raw_data(std::string(200, '\x02'));
        QVERIFY(b.save(path("u8.onnx")));
        LoadLimits limits;
        limits.maxTensorBytes = 1000;
        auto m = loadOnnxModel(path("u8.onnx"), limits);
        QVERIFY(!m.ok());
        QVERIFY2(m.error().find("'bytes'") != std::string::npos, m.error().c_str());
        limits.maxTensorBytes = 1600;
        QVERIFY(loadOnnxModel(path("u8.onnx"), limits).ok());
    }

    void externalDataInsideFolder()
    {
        const fs::path dir = fs::path(path("ext"));
        fs::create_directories(dir / "weights");
        const float vals[4] = {1, -1, 2, -2};
        std::string blob(16, 'x'); // 16 bytes of padding before the tensor
        blob.append(reinterpret_cast<const char*>(vals), sizeof vals);
        QVERIFY(testsupport::writeFile((dir / "weights" / "data.bin").string(), blob));
        OnnxBuilder b;
        auto* t = b.proto().mutable_graph()->add_initializer();
        t->set_name("w_ext");
        t->set_data_type(onnx::TensorProto::FLOAT);
        t->add_dims(4);
        t->set_data_location(onnx::TensorProto::EXTERNAL);
        auto kv = [&](const char* k, const std::string& v) {
            auto* e = t->add_external_data();
            e->set_key(k);
            e->set_value(v);
        };
        kv("location", "weights/data.bin");
        kv("offset", "16");
        kv("length", "16");
        QVERIFY(b.save((dir / "model.onnx").string()));
        auto m = loadOnnxModel(dir / "model.onnx");
        QVERIFY2(m.ok(), m.ok() ? "" : m.error().c_str());
        QCOMPARE(std::vector<float>(m->constant("w_ext")->floats.begin(), m->constant("w_ext")->floats.end()), (std::vector<float>{1, -1, 2, -2}));
    }

    void externalDataEscapes_data()
    {
        QTest::addColumn<QString>("location");
        QTest::addColumn<QString>("needle");
        QTest::newRow("dotdot") << QStringLiteral("../secret.bin") << QStringLiteral("leaves the model's folder");
        QTest::newRow("nested dotdot") << QStringLiteral("sub/../../secret.bin") << QStringLiteral("..");
        QTest::newRow("absolute") << QStringLiteral("/etc/passwd") << QStringLiteral("absolute");
        QTest::newRow("symlink") << QStringLiteral("link.bin") << QStringLiteral("outside the model's folder");
        QTest::newRow("missing") << QStringLiteral("nothere.bin") << QStringLiteral("not found");
        QTest::newRow("directory") << QStringLiteral("sub") << QStringLiteral("not a regular file");
        QTest::newRow("empty") << QString() << QStringLiteral("empty location");
    }

    void externalDataEscapes()
    {
        QFETCH(QString, location);
        QFETCH(QString, needle);
        const fs::path outside = fs::path(path("outside"));
        const fs::path dir = outside / "model";
        fs::create_directories(dir / "sub");
        QVERIFY(testsupport::writeFile((outside / "secret.bin").string(), std::string(64, '\x01')));
        std::error_code ec;
        fs::remove(dir / "link.bin", ec);
        fs::create_symlink(outside / "secret.bin", dir / "link.bin");
        OnnxBuilder b;
        auto* t = b.proto().mutable_graph()->add_initializer();
        t->set_name("stolen");
        t->set_data_type(onnx::TensorProto::FLOAT);
        t->add_dims(4);
        t->set_data_location(onnx::TensorProto::EXTERNAL);
        auto* e = t->add_external_data();
        e->set_key("location");
        e->set_value(location.toStdString());
        QVERIFY(b.save((dir / "m.onnx").string()));
        auto m = loadOnnxModel(dir / "m.onnx");
        QVERIFY(!m.ok());
        QVERIFY2(m.error().find("stolen") != std::string::npos, m.error().c_str());
        QVERIFY2(m.error().find(needle.toStdString()) != std::string::npos, m.error().c_str());
    }

    void externalDataOutOfBounds()
    {
        const fs::path dir = fs::path(path("bounds"));
        fs::create_directories(dir);
        QVERIFY(testsupport::writeFile((dir / "d.bin").string(), std::string(20, '\0')));
        for (const auto& [offset, length, needle] :
             std::vector<std::tuple<std::string, std::string, std::string>>{
                 {"8", "16", "beyond the end"}, {"-4", "16", "negative"}, {"0", "12", "differs"},
                 {"9223372036854775807", "16", "beyond the end"}, {"abc", "16", "not an integer"}}) {
            OnnxBuilder b;
            auto* t = b.proto().mutable_graph()->add_initializer();
            t->set_name("w");
            t->set_data_type(onnx::TensorProto::FLOAT);
            t->add_dims(4);
            t->set_data_location(onnx::TensorProto::EXTERNAL);
            for (const auto& [k, v] : {std::pair<std::string, std::string>{"location", "d.bin"}, {"offset", offset},
                                       {"length", length}}) {
                auto* e = t->add_external_data();
                e->set_key(k);
                e->set_value(v);
            }
            QVERIFY(b.save((dir / "m.onnx").string()));
            auto m = loadOnnxModel(dir / "m.onnx");
            QVERIFY(!m.ok());
            QVERIFY2(m.error().find(needle) != std::string::npos, m.error().c_str());
        }
    }

    void malformedTensors()
    {
        {
            OnnxBuilder b;
            b.addInitializer("huge", {int64_t{1} << 40, int64_t{1} << 40}, {}, true);
            expectError(b, "huge.onnx", {"'huge'", "limit"});
        }
        {
            OnnxBuilder b;
            b.addInitializer("neg", {2, -3}, {}, true);
            expectError(b, "neg.onnx", {"'neg'", "negative dimension"});
        }
        {
            OnnxBuilder b;
            auto* t = b.addInitializer("short", {4, 4}, {1, 2, 3}, true);
            (void)t;
            expectError(b, "rawshort.onnx", {"'short'", "12 bytes of raw_data", "need 64"});
        }
        {
            OnnxBuilder b;
            b.addInitializer("typed", {5}, {1, 2}, false);
            expectError(b, "typedshort.onnx", {"'typed'", "2 values", "need 5"});
        }
        {
            OnnxBuilder b;
            auto* t = b.addInitializer("weird", {2}, {1, 2}, true);
            t->set_data_type(99);
            expectError(b, "unknowntype.onnx", {"'weird'", "unknown data type 99"});
        }
        {
            OnnxBuilder b;
            auto* t = b.addInitializer("text", {1}, {}, false);
            t->set_data_type(onnx::TensorProto::STRING);
            t->add_string_data("hello");
            expectError(b, "string.onnx", {"'text'", "STRING"});
        }
        {
            OnnxBuilder b;
            b.addInitializer("twice", {1}, {1}, true);
            b.addInitializer("twice", {1}, {2}, true);
            expectError(b, "dup.onnx", {"'twice'", "twice"});
        }
    }

    void badOpsets()
    {
        for (int64_t opset : {int64_t{1}, int64_t{99}}) {
            OnnxBuilder b(opset);
            expectError(b, opset == 1 ? "opset1.onnx" : "opset99.onnx", {"opset", "supported range"});
        }
        OnnxBuilder none;
        none.proto().clear_opset_import();
        expectError(none, "noopset.onnx", {"operator set"});
    }

    void garbageFiles()
    {
        QVERIFY(testsupport::writeFile(path("empty.onnx"), {}));
        auto e = loadOnnxModel(path("empty.onnx"));
        QVERIFY(!e.ok());
        QVERIFY(e.error().find("empty") != std::string::npos);

        std::mt19937 rng(7);
        std::string noise(4096, '\0');
        for (char& c : noise)
            c = static_cast<char>(rng());
        QVERIFY(testsupport::writeFile(path("noise.onnx"), noise));
        auto n = loadOnnxModel(path("noise.onnx"));
        QVERIFY(!n.ok());
        QVERIFY2(n.error().find("noise.onnx") != std::string::npos, n.error().c_str());

        auto missing = loadOnnxModel(path("does-not-exist.onnx"));
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().find("not found") != std::string::npos);
    }

    void truncatedFiles()
    {
        OnnxBuilder b;
        std::vector<float> w(300);
        for (size_t i = 0; i < w.size(); ++i)
            w[i] = static_cast<float>(i) * 0.01f - 1;
        b.addInitializer("conv.weight", {10, 3, 10}, w, true);
        b.addInitializer("fc.weight", {10, 10}, std::vector<float>(w.begin(), w.begin() + 100), false);
        b.addInput("x", {-1, 3, 10});
        b.addOutput("y", {-1, 10});
        b.addNode("Conv", {"x", "conv.weight"}, {"c"}, "conv");
        b.addNode("MatMul", {"c", "fc.weight"}, {"y"}, "fc");
        const std::string full = b.bytes();
        int failures = 0;
        // Every cut must load cleanly or fail with a message; most cuts must fail.
        for (size_t cut = 1; cut < full.size(); cut += 7) {
            QVERIFY(testsupport::writeFile(path("cut.onnx"), full.substr(0, cut)));
            auto m = loadOnnxModel(path("cut.onnx"));
            if (!m.ok()) {
                ++failures;
                QVERIFY(m.error().find("cut.onnx") != std::string::npos);
            }
        }
        QVERIFY(failures > 0);
        QVERIFY(testsupport::writeFile(path("whole.onnx"), full));
        QVERIFY(loadOnnxModel(path("whole.onnx")).ok());
    }

    void nodeLimit()
    {
        OnnxBuilder b;
        for (int i = 0; i < 50; ++i) // std::string("a").append(): "a" + s trips GCC 12's -Wrestrict false positive
            b.addNode("Relu", {std::string("a").append(std::to_string(i))}, {std::string("a").append(std::to_string(i + 1))});
        QVERIFY(b.save(path("many.onnx")));
        LoadLimits limits;
        limits.maxNodes = 20;
        auto m = loadOnnxModel(path("many.onnx"), limits);
        QVERIFY(!m.ok());
        QVERIFY2(m.error().find("more than 20 nodes") != std::string::npos, m.error().c_str());
        QVERIFY(loadOnnxModel(path("many.onnx")).ok());
        // Refused by the pre-scan of the wire format, before protobuf builds the nodes.
        limits.maxNodes = 1;
        auto tiny = loadOnnxModel(path("many.onnx"), limits);
        QVERIFY(!tiny.ok());
        QVERIFY(tiny.error().find("more than 1 nodes") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestLoader)
#include "test_loader.moc"

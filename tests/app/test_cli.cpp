// bitlens-cli as a user runs it: JSON shapes of info and stats, a hand-computed number, and exit
// status 2 with a one-line message naming the file on bad input.
#include <model/tensor_proto_io.h>
#include <support/onnx_builder.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

class TestCli : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_model;

    struct Run
    {
        int exitCode;
        QByteArray out, err;
    };

    Run cli(const QStringList& args)
    {
        QProcess p;
        p.start(QStringLiteral(BITLENS_CLI), args);
        // Generous: under ASan + UBSan `figures` takes minutes (not a speed check).
        if (!p.waitForFinished(600000))
            qFatal("bitlens-cli did not finish");
        return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }

private Q_SLOTS:
    // figures: every view as PDF/SVG/PNG + CSV with an index; a rerun writes the same bytes (Qt's
    // PDF creation date and QCustomPlot's hash order made deterministic). report: one HTML file with
    // the tables and inline SVG. A broken project fails with exit 2 naming the file.
    void figuresAndReport()
    {
        const QString project = QStringLiteral(BITLENS_SOURCE_DIR "/docs/example.bitlens");
        QTemporaryDir dir;
        const QString a = dir.filePath(QStringLiteral("a")), b = dir.filePath(QStringLiteral("b"));
        for (const QString& out : {a, b}) {
            const Run r = cli({QStringLiteral("figures"), project, QStringLiteral("--out"), out, QStringLiteral("--limit"),
                               QStringLiteral("100"), QStringLiteral("--dpi"), QStringLiteral("60")});
            QVERIFY2(r.exitCode == 0, r.err.constData());
        }
        const QStringList files = QDir(a).entryList(QDir::Files, QDir::Name);
        QCOMPARE(QDir(b).entryList(QDir::Files, QDir::Name), files);
        for (const QString& f : files) {
            QFile x(QDir(a).filePath(f)), y(QDir(b).filePath(f));
            QVERIFY(x.open(QIODevice::ReadOnly) && y.open(QIODevice::ReadOnly));
            QVERIFY2(x.readAll() == y.readAll(), qPrintable(f + QStringLiteral(" differs between two runs")));
        }
        // The sample has 5 weight layers x 5 views, then accuracy, 3 confusions, dendrogram,
        // sensitivity and Pareto: 32 figures, each in 3 formats + CSV; 4 tables; 2 index files.
        QCOMPARE(files.size(), 32 * 4 + 4 + 2);
        for (const char* name : {"quartiles-features.0.weight.pdf", "grouped-confusion.svg", "pareto.png",
                                 "sensitivity.csv", "size-table.csv", "grouped-accuracy.csv", "index.html"})
            QVERIFY2(files.contains(QString::fromLatin1(name)), name);
        QFile pdf(QDir(a).filePath(QStringLiteral("pareto.pdf")));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.readAll().contains("/CreationDate (D:20000101000000"));
        QFile index(QDir(a).filePath(QStringLiteral("index.md")));
        QVERIFY(index.open(QIODevice::ReadOnly));
        QVERIFY(index.readAll().contains("![Grouped confusion: FP32 and the plan](grouped-confusion.png)"));
        // Table 2 groups Tops and Footwear: its grouped top-1 is never below the plain one.
        QFile t2(QDir(a).filePath(QStringLiteral("grouped-accuracy.csv")));
        QVERIFY(t2.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = t2.readAll().trimmed().split('\n');
        QCOMPARE(lines.front(), QByteArray("configuration,granularity,bits,top1,grouped_top1"));
        QCOMPARE(lines.size(), 1 + 1 + 6); // FP32 and the six schemes at the project's 3 bits
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QList<QByteArray> cells = lines[i].split(',');
            QVERIFY(cells[4].toDouble() >= cells[3].toDouble());
        }

        const QString html = dir.filePath(QStringLiteral("r.html"));
        const Run r = cli({QStringLiteral("report"), project, QStringLiteral("--out"), html, QStringLiteral("--limit"),
                           QStringLiteral("100"), QStringLiteral("--no-sensitivity")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QFile report(html);
        QVERIFY(report.open(QIODevice::ReadOnly));
        const QByteArray text = report.readAll();
        for (const char* part : {"<h2>Plan</h2>", "Table 1", "Table 2", "Table 5", "<svg", "features.11.weight",
                                 "Sensitivity was not measured"})
            QVERIFY2(text.contains(part), part);
        QVERIFY(!text.contains("<img")); // self-contained: no external files

        QFile broken(dir.filePath(QStringLiteral("broken.bitlens")));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write(R"({"format":"bitlens-project","version":1,"model":"missing.onnx","plan":{}})");
        broken.close();
        const Run bad = cli({QStringLiteral("figures"), broken.fileName(), QStringLiteral("--out"), dir.filePath(QStringLiteral("c"))});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("broken.bitlens"), bad.err.constData());
    }

    void initTestCase()
    {
        testsupport::OnnxBuilder b;
        // MatMul weight [5, 1]: one output channel holding DESIGN.md's example vector.
        b.addInitializer("fc.weight", {5, 1}, {-1.0f, -0.2f, 0.0f, 0.3f, 2.0f});
        b.addInitializer("conv.weight", {2, 1, 1, 2}, {0.5f, -0.25f, 1.0f, 0.75f});
        b.addInput("x", {-1, 1, 1, 2});
        b.addOutput("y", {-1, 1});
        b.addNode("Conv", {"x", "conv.weight"}, {"c"}, "conv");
        b.addNode("MatMul", {"c", "fc.weight"}, {"y"}, "fc");
        auto* meta = b.proto().add_metadata_props();
        meta->set_key("bitlens.mean");
        meta->set_value("[0.5]");
        m_model = m_dir.filePath(QStringLiteral("tiny.onnx"));
        QVERIFY(b.save(m_model.toStdString()));
    }

    void infoJson()
    {
        const Run r = cli({QStringLiteral("info"), m_model, QStringLiteral("--json"), QStringLiteral("-")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        const QJsonArray layers = o[QStringLiteral("layers")].toArray();
        QCOMPARE(layers.size(), 2);
        QCOMPARE(layers[0][QStringLiteral("name")].toString(), QStringLiteral("conv.weight"));
        QCOMPARE(layers[0][QStringLiteral("axis")].toInt(), 0);
        QCOMPARE(layers[1][QStringLiteral("op")].toString(), QStringLiteral("MatMul"));
        QCOMPARE(layers[1][QStringLiteral("axis")].toInt(), 1);
        QCOMPARE(layers[1][QStringLiteral("parameters")].toInt(), 5);
        QCOMPARE(o[QStringLiteral("op_histogram")][QStringLiteral("Conv")].toInt(), 1);
        QCOMPARE(o[QStringLiteral("inputs")][0][QStringLiteral("shape")][0].toString(), QStringLiteral("N"));
        QCOMPARE(o[QStringLiteral("metadata")][QStringLiteral("bitlens.mean")].toString(), QStringLiteral("[0.5]"));
        QCOMPARE(o[QStringLiteral("weight_parameters")].toInt(), 9);
    }

    void infoHuman()
    {
        const Run r = cli({QStringLiteral("info"), m_model});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("fc.weight"));
        QVERIFY(r.out.contains("Weight layers (2)"));
    }

    void statsJson()
    {
        const Run r = cli({QStringLiteral("stats"), m_model, QStringLiteral("--schemes"), QStringLiteral("asymmetric,pow2"),
                           QStringLiteral("--bits"), QStringLiteral("1,2"), QStringLiteral("--granularity"),
                           QStringLiteral("per-tensor"), QStringLiteral("--json"), QStringLiteral("-")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray layers = QJsonDocument::fromJson(r.out).object()[QStringLiteral("layers")].toArray();
        QCOMPARE(layers.size(), 2);
        const QJsonObject fc = layers[1].toObject();
        QCOMPARE(fc[QStringLiteral("name")].toString(), QStringLiteral("fc.weight"));
        QCOMPARE(fc[QStringLiteral("shape")].toArray(), (QJsonArray{5, 1}));
        const QJsonArray results = fc[QStringLiteral("results")].toArray();
        QCOMPARE(results.size(), 3); // asymmetric 1, 2; pow2 2 (pow2 needs 2 bits)
        const char* keys[]{"scheme", "granularity", "bits", "sqnr_db", "mse", "max_abs_error", "cosine",
                               "range_coverage", "level_utilization", "entropy_efficiency", "density_fidelity",
                               "sqnr_efficiency", "code_bits", "overhead_bits", "zstd_bytes", "zlib_bytes",
                               "entropy_bound_bits", "effective_bits"};
        for (const QJsonValue& v : results)
            for (const char* k : keys)
                QVERIFY2(v.toObject().contains(QLatin1String(k)), k);
        // Asymmetric 2 bits gives [-1, 0, 0, 0, 2]: sum x^2 = 5.13, sum e^2 = 0.2^2 + 0.3^2 = 0.13.
        const QJsonObject a2 = results[1].toObject();
        QCOMPARE(a2[QStringLiteral("bits")].toInt(), 2);
        QVERIFY(std::fabs(a2[QStringLiteral("sqnr_db")].toDouble() - 10 * std::log10(5.13 / 0.13)) < 1e-5);
        QCOMPARE(a2[QStringLiteral("code_bits")].toInt(), 10);
        QCOMPARE(a2[QStringLiteral("overhead_bits")].toInt(), 64);
        QVERIFY(a2[QStringLiteral("effective_bits")].isNull());
        QCOMPARE(results[2][QStringLiteral("scheme")].toString(), QStringLiteral("pow2"));
        QVERIFY(!results[2][QStringLiteral("effective_bits")].isNull());
    }

    // fc.weight is MatMul [5, 1]: its reduction axis 0 holds DESIGN.md's example as one block.
    // nvfp4 -> [-1, -1/6, 0, 1/3, 2]: sum e^2 = 2 (1/30)^2; 20 code bits, 8 (block) + 32 (tensor).
    // q4_0 -> [-1, -0.25, 0, 0.25, 2]: sum e^2 = 2 (0.05)^2; 20 code bits + 16 (fp16 d).
    void statsNamedFormats()
    {
        const Run r = cli({QStringLiteral("stats"), m_model, QStringLiteral("--formats"), QStringLiteral("nvfp4,q4_0"),
                           QStringLiteral("--json"), QStringLiteral("-")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject doc = QJsonDocument::fromJson(r.out).object();
        const QJsonArray results = doc[QStringLiteral("layers")][1][QStringLiteral("results")].toArray();
        QCOMPARE(results.size(), 2);
        const QJsonObject nv = results[0].toObject(), q4 = results[1].toObject();
        QCOMPARE(nv[QStringLiteral("format")].toString(), QStringLiteral("nvfp4"));
        QCOMPARE(nv[QStringLiteral("scheme")].toString(), QStringLiteral("fp4-e2m1"));
        QCOMPARE(nv[QStringLiteral("granularity")].toString(), QStringLiteral("per-block"));
        QCOMPARE(nv[QStringLiteral("block")].toInt(), 16);
        QCOMPARE(nv[QStringLiteral("scale")].toString(), QStringLiteral("ue4m3"));
        QCOMPARE(nv[QStringLiteral("code_bits")].toInt(), 20);
        QCOMPARE(nv[QStringLiteral("overhead_bits")].toInt(), 40);
        QCOMPARE(nv[QStringLiteral("bits_per_weight")].toDouble(), 12.0);
        QVERIFY(std::fabs(nv[QStringLiteral("sqnr_db")].toDouble() - 10 * std::log10(5.13 / (2.0 / 900))) < 1e-4);
        QCOMPARE(q4[QStringLiteral("format")].toString(), QStringLiteral("q4_0"));
        QCOMPARE(q4[QStringLiteral("overhead_bits")].toInt(), 16);
        QCOMPARE(q4[QStringLiteral("bits_per_weight")].toDouble(), 36.0 / 5);
        QVERIFY(std::fabs(q4[QStringLiteral("sqnr_db")].toDouble() - 10 * std::log10(5.13 / 0.005)) < 1e-4);
        // Totals carry the same settings and bits per weight over both layers (9 weights).
        const QJsonArray totals = doc[QStringLiteral("totals")].toArray();
        QCOMPARE(totals.size(), 2);
        QCOMPARE(totals[1][QStringLiteral("format")].toString(), QStringLiteral("q4_0"));
    }

    // Symmetric 3 bits per block of 2: fc.weight [-1, -0.2 | 0, 0.3 | 2] -> [-1, -1/3 | 0, 0.3 | 2],
    // sum e^2 = (0.2 - 1/3)^2, 3 blocks x 32 scale bits; conv.weight has one input channel, so its
    // blocks are single weights, kept exactly.
    void statsPerBlock()
    {
        const Run r = cli({QStringLiteral("stats"), m_model, QStringLiteral("--schemes"), QStringLiteral("symmetric"),
                           QStringLiteral("--bits"), QStringLiteral("3"), QStringLiteral("--granularity"),
                           QStringLiteral("per-block"), QStringLiteral("--block"), QStringLiteral("2"),
                           QStringLiteral("--json"), QStringLiteral("-")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray layers = QJsonDocument::fromJson(r.out).object()[QStringLiteral("layers")].toArray();
        const QJsonObject conv = layers[0][QStringLiteral("results")][0].toObject();
        QVERIFY(conv[QStringLiteral("sqnr_db")].isNull()); // exact
        const QJsonObject fc = layers[1][QStringLiteral("results")][0].toObject();
        QCOMPARE(fc[QStringLiteral("block")].toInt(), 2);
        QCOMPARE(fc[QStringLiteral("overhead_bits")].toInt(), 96);
        const double e = 0.2 - 1.0 / 3;
        QVERIFY(std::fabs(fc[QStringLiteral("sqnr_db")].toDouble() - 10 * std::log10(5.13 / (e * e))) < 1e-4);
        // A bad block size and a scale the scheme cannot take are refused with the option named.
        const Run bad = cli({QStringLiteral("stats"), m_model, QStringLiteral("--granularity"), QStringLiteral("per-block"),
                             QStringLiteral("--block"), QStringLiteral("1")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("--block: 1 is outside 2.."), bad.err.constData());
        const Run none = cli({QStringLiteral("stats"), m_model, QStringLiteral("--schemes"), QStringLiteral("pow2"),
                              QStringLiteral("--scale"), QStringLiteral("fp16")});
        QCOMPARE(none.exitCode, 2);
    }

    void statsDefaultsCoverEverything()
    {
        const Run r = cli({QStringLiteral("stats"), m_model, QStringLiteral("--json"), QStringLiteral("-")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray layers = QJsonDocument::fromJson(r.out).object()[QStringLiteral("layers")].toArray();
        // Six schemes, two granularities: asymmetric/kmeans/gaussian 1..8, others 2..8 -> (3*8 + 3*7) * 2.
        QCOMPARE(layers[0][QStringLiteral("results")].toArray().size(), 90);
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("needle");
        QTest::newRow("missing model") << QStringList{QStringLiteral("info"), QStringLiteral("/nonexistent/m.onnx")}
                                       << QStringLiteral("/nonexistent/m.onnx");
        QTest::newRow("unknown scheme") << QStringList{QStringLiteral("stats"), QStringLiteral("M"),
                                                       QStringLiteral("--schemes"), QStringLiteral("ternary")}
                                        << QStringLiteral("ternary");
        QTest::newRow("bits out of range") << QStringList{QStringLiteral("stats"), QStringLiteral("M"),
                                                          QStringLiteral("--bits"), QStringLiteral("0,4")}
                                           << QStringLiteral("outside");
        QTest::newRow("bad granularity") << QStringList{QStringLiteral("stats"), QStringLiteral("M"),
                                                        QStringLiteral("--granularity"), QStringLiteral("per-row")}
                                         << QStringLiteral("per-row");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << QStringLiteral("frobnicate");
        QTest::newRow("no model") << QStringList{QStringLiteral("stats")} << QStringLiteral("MODEL");
        QTest::newRow("garbage model") << QStringList{QStringLiteral("info"), QStringLiteral("GARBAGE")}
                                       << QStringLiteral("garbage.onnx");
    }

    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, needle);
        const QString garbage = m_dir.filePath(QStringLiteral("garbage.onnx"));
        QVERIFY(testsupport::writeFile(garbage.toStdString(), "this is not a protobuf \xff\xff\xff"));
        for (QString& a : args) {
            if (a == QLatin1String("M"))
                a = m_model;
            else if (a == QLatin1String("GARBAGE"))
                a = garbage;
        }
        const Run r = cli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(needle.toUtf8()), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1); // one line
        QVERIFY(r.out.isEmpty());
    }

    void evalJsonOnSample()
    {
        const QString sample = QStringLiteral(BITLENS_SOURCE_DIR "/resources/sample/");
        const Run r = cli({QStringLiteral("eval"), sample + QStringLiteral("fashion_cnn.onnx"), QStringLiteral("--data"), sample,
                           QStringLiteral("--limit"), QStringLiteral("300"), QStringLiteral("--scheme"),
                           QStringLiteral("asymmetric"), QStringLiteral("--bits"), QStringLiteral("8"),
                           QStringLiteral("--json"), QStringLiteral("-")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        for (const char* k : {"images", "top1", "top5", "grouped_top1", "confusion", "per_class_recall", "weight_bits",
                              "seconds", "images_per_second"})
            QVERIFY2(o.contains(QLatin1String(k)), k);
        QCOMPARE(o[QStringLiteral("images")].toInt(), 300);
        QCOMPARE(o[QStringLiteral("confusion")].toArray().size(), 10);
        QVERIFY(o[QStringLiteral("top1")].toDouble() > 0.85);
        // 8 bits per weight plus 64 bits (scale, zero point) per output channel of each layer:
        // 111,520 weights; channels 32 + 64 + 80 + 64 + 10 = 250.
        QCOMPARE(o[QStringLiteral("weight_bits")].toInteger(), qint64{111520 * 8 + 250 * 64});
    }

    // A named format and the same setting spelled out give the same evaluation; bad settings are
    // refused with the option named.
    void evalNamedFormat()
    {
        const QString sample = QStringLiteral(BITLENS_SOURCE_DIR "/resources/sample/");
        const QStringList common{QStringLiteral("eval"), sample + QStringLiteral("fashion_cnn.onnx"), QStringLiteral("--data"), sample,
                                 QStringLiteral("--limit"), QStringLiteral("100"), QStringLiteral("--json"), QStringLiteral("-")};
        const Run named = cli(common + QStringList{QStringLiteral("--format"), QStringLiteral("mxfp4")});
        QCOMPARE(named.exitCode, 0);
        const Run spelled = cli(common + QStringList{QStringLiteral("--scheme"), QStringLiteral("fp4-e2m1"), QStringLiteral("--granularity"),
                                                     QStringLiteral("per-block"), QStringLiteral("--block"), QStringLiteral("32"),
                                                     QStringLiteral("--scale"), QStringLiteral("e8m0")});
        QCOMPARE(spelled.exitCode, 0);
        const QJsonObject a = QJsonDocument::fromJson(named.out).object(), b = QJsonDocument::fromJson(spelled.out).object();
        QCOMPARE(a[QStringLiteral("top1")].toDouble(), b[QStringLiteral("top1")].toDouble());
        QCOMPARE(a[QStringLiteral("weight_bits")].toInteger(), b[QStringLiteral("weight_bits")].toInteger());
        // 4 bits a weight plus an 8-bit scale a block of at most 32: at least 4.25 bits a weight.
        QVERIFY(a[QStringLiteral("weight_bits")].toInteger() >= qint64{111520 * 4 + 111520 / 32 * 8});
        QVERIFY(a[QStringLiteral("top1")].toDouble() > 0.5);
        const Run unknown = cli(common + QStringList{QStringLiteral("--format"), QStringLiteral("mxfp5")});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains("--format: expected one of mxfp8"), unknown.err.constData());
        const Run scale = cli(common + QStringList{QStringLiteral("--scheme"), QStringLiteral("pow2"), QStringLiteral("--bits"),
                                                   QStringLiteral("4"), QStringLiteral("--scale"), QStringLiteral("fp16")});
        QCOMPARE(scale.exitCode, 2);
        QVERIFY2(scale.err.contains("scale fp16 does not apply to pow2"), scale.err.constData());
    }

    void sweepTableOnSample()
    {
        const QString sample = QStringLiteral(BITLENS_SOURCE_DIR "/resources/sample/");
        const Run r = cli({QStringLiteral("sweep"), sample + QStringLiteral("fashion_cnn.onnx"), QStringLiteral("--data"),
                           sample, QStringLiteral("--limit"), QStringLiteral("200"), QStringLiteral("--schemes"),
                           QStringLiteral("asymmetric,pow2"), QStringLiteral("--bits"), QStringLiteral("2,8"),
                           QStringLiteral("--granularity"), QStringLiteral("per-channel"), QStringLiteral("--json"),
                           QStringLiteral("-")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray rows = QJsonDocument::fromJson(r.out).object()[QStringLiteral("rows")].toArray();
        QCOMPARE(rows.size(), 5); // FP32, then 2 schemes x 2 bit-widths
        QCOMPARE(rows[0][QStringLiteral("scheme")].toString(), QStringLiteral("fp32"));
        QCOMPARE(rows[0][QStringLiteral("weight_bits")].toInteger(), qint64{111520 * 32});
        // The sweep's rows agree with separate eval runs on the same images.
        const Run e = cli({QStringLiteral("eval"), sample + QStringLiteral("fashion_cnn.onnx"), QStringLiteral("--data"),
                           sample, QStringLiteral("--limit"), QStringLiteral("200"), QStringLiteral("--scheme"),
                           QStringLiteral("pow2"), QStringLiteral("--bits"), QStringLiteral("2"), QStringLiteral("--json"),
                           QStringLiteral("-")});
        QCOMPARE(rows[3][QStringLiteral("scheme")].toString(), QStringLiteral("pow2"));
        QCOMPARE(rows[3][QStringLiteral("bits")].toInt(), 2);
        QCOMPARE(rows[3][QStringLiteral("top1")].toDouble(),
                 QJsonDocument::fromJson(e.out).object()[QStringLiteral("top1")].toDouble());
    }

    void evalGroupedOnSample()
    {
        // DESIGN.md's Fashion-MNIST grouping: Tops {0,2,4,6} and Footwear {5,7,9}.
        const QString groups = m_dir.filePath(QStringLiteral("fashion.bitlens-groups.json"));
        QFile g(groups);
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.write(R"({"format":"bitlens-groups","version":1,"classes":["T-shirt/top","Trouser","Pullover","Dress",
            "Coat","Sandal","Shirt","Sneaker","Bag","Ankle boot"],"tree":{"name":"all","children":[
            {"name":"Tops","children":[0,2,4,6]},{"name":"Footwear","children":[5,7,9]},1,3,8]},"cut":["Tops","Footwear"]})");
        g.close();
        const QString sample = QStringLiteral(BITLENS_SOURCE_DIR "/resources/sample/");
        const Run r = cli({QStringLiteral("eval"), sample + QStringLiteral("fashion_cnn.onnx"), QStringLiteral("--data"), sample,
                           QStringLiteral("--limit"), QStringLiteral("300"), QStringLiteral("--scheme"), QStringLiteral("pow2"),
                           QStringLiteral("--bits"), QStringLiteral("3"), QStringLiteral("--groups"), groups,
                           QStringLiteral("--json"), QStringLiteral("-")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        // trace(CG)/N recomputed here from the ungrouped matrix: a prediction counts when it falls
        // in the label's group.
        const int groupOf[10] = {0, 1, 0, 3, 0, 5, 0, 5, 8, 5};
        const QJsonArray c = o[QStringLiteral("confusion")].toArray();
        qint64 hits = 0, total = 0;
        for (int i = 0; i < 10; ++i)
            for (int j = 0; j < 10; ++j) {
                const qint64 v = c[i].toArray()[j].toInteger();
                total += v;
                hits += groupOf[i] == groupOf[j] ? v : 0;
            }
        QCOMPARE(total, qint64{300});
        QCOMPARE(o[QStringLiteral("grouped_top1")].toDouble(), static_cast<double>(hits) / 300.0);
        QVERIFY(o[QStringLiteral("grouped_top1")].toDouble() >= o[QStringLiteral("top1")].toDouble());

        // A grouping for another number of classes is refused.
        QFile three(m_dir.filePath(QStringLiteral("three.json")));
        QVERIFY(three.open(QIODevice::WriteOnly));
        three.write(R"({"format":"bitlens-groups","version":1,"classes":["a","b","c"],"tree":{"name":"r","children":[0,1,2]}})");
        three.close();
        const Run bad = cli({QStringLiteral("eval"), sample + QStringLiteral("fashion_cnn.onnx"), QStringLiteral("--data"), sample,
                             QStringLiteral("--limit"), QStringLiteral("10"), QStringLiteral("--groups"), three.fileName()});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("names 3 classes but the model has 10"), bad.err.constData());
    }

    void evalBadData()
    {
        const Run r = cli({QStringLiteral("eval"), m_model, QStringLiteral("--data"), QStringLiteral("/nonexistent/folder")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("/nonexistent/folder"), r.err.constData());
    }

    // compare (DESIGN.md "Fidelity without labels", "Which layer hurts") on the sample set at 4
    // bits: the prediction confusion holds every image and its diagonal share is the agreement; the
    // first weight layer's local SQNR equals its cumulative one (its input is the FP32 input
    // itself); the node computing the graph output has the output's SQNR; and the lockstep
    // (unfused) run gives the same output numbers as the plain fused one.
    void compareOnSample()
    {
        const QString sample = QStringLiteral(BITLENS_SOURCE_DIR "/resources/sample/");
        const QStringList common{QStringLiteral("compare"), sample + QStringLiteral("fashion_cnn.onnx"), QStringLiteral("--samples"),
                                 sample, QStringLiteral("--limit"), QStringLiteral("200"), QStringLiteral("--scheme"),
                                 QStringLiteral("asymmetric"), QStringLiteral("--bits"), QStringLiteral("4"),
                                 QStringLiteral("--json"), QStringLiteral("-")};
        const Run layers = cli(common + QStringList{QStringLiteral("--layers")});
        QVERIFY2(layers.exitCode == 0, layers.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(layers.out).object();
        QCOMPARE(o[QStringLiteral("samples")].toInt(), 200);
        const QJsonObject out = o[QStringLiteral("outputs")].toArray()[0].toObject();
        QCOMPARE(out[QStringLiteral("classes")].toInt(), 10);
        const QJsonArray confusion = out[QStringLiteral("prediction_confusion")].toArray();
        QCOMPARE(confusion.size(), 10);
        int total = 0, diagonal = 0;
        for (int i = 0; i < 10; ++i)
            for (int j = 0; j < 10; ++j) {
                const int v = confusion[i].toArray()[j].toInt();
                total += v;
                diagonal += i == j ? v : 0;
            }
        QCOMPARE(total, 200);
        QCOMPARE(out[QStringLiteral("top1_agreement")].toDouble(), diagonal / 200.0);
        QVERIFY(out[QStringLiteral("sqnr_db")].toDouble() > 0);
        QVERIFY(o.contains(QStringLiteral("fp32_top1")) && o.contains(QStringLiteral("top1")));

        const QJsonArray nodes = o[QStringLiteral("layers")].toArray();
        QVERIFY(nodes.size() > 5);
        bool sawFirstLayer = false, sawOutput = false;
        for (const QJsonValue& v : nodes) {
            const QJsonObject n = v.toObject();
            if (n.contains(QStringLiteral("weights")) && !sawFirstLayer) {
                sawFirstLayer = true;
                QCOMPARE(n[QStringLiteral("local_sqnr_db")].toDouble(), n[QStringLiteral("cumulative_sqnr_db")].toDouble());
            }
            if (n[QStringLiteral("tensor")].toString() == out[QStringLiteral("name")].toString()) {
                sawOutput = true;
                QVERIFY(std::fabs(n[QStringLiteral("cumulative_sqnr_db")].toDouble() - out[QStringLiteral("sqnr_db")].toDouble()) < 1e-9);
            }
        }
        QVERIFY(sawFirstLayer && sawOutput);

        // The same nodes as CSV, in graph order.
        QStringList csvArgs = common.mid(0, common.size() - 2);
        const Run csv = cli(csvArgs + QStringList{QStringLiteral("--layers"), QStringLiteral("--csv"), QStringLiteral("-")});
        QCOMPARE(csv.exitCode, 0);
        const QList<QByteArray> rows = csv.out.trimmed().split('\n');
        QCOMPARE(rows.size(), nodes.size() + 1);
        QVERIFY(rows[0].startsWith("index,node,op,tensor,elements,cumulative_sqnr_db,local_sqnr_db,weights"));
        QVERIFY(rows[1].contains(nodes[0].toObject()[QStringLiteral("tensor")].toString().toUtf8()));

        const Run plain = cli(common);
        QCOMPARE(plain.exitCode, 0);
        const QJsonObject p = QJsonDocument::fromJson(plain.out).object()[QStringLiteral("outputs")].toArray()[0].toObject();
        for (const char* k : {"sqnr_db", "mse", "max_abs_error", "mean_cosine", "top1_agreement", "mean_kl"})
            QCOMPARE(p[QLatin1String(k)].toDouble(), out[QLatin1String(k)].toDouble());
    }

    // Any model: BERT's ONNX test data (two int64 inputs) with every node's SQNR; synthetic
    // samples need the range of integer inputs, and the message names the input.
    void compareTransformerAndBadSamples()
    {
        const QString bert = QStringLiteral(BITLENS_TEST_DATA "/transformers/bert_tiny/");
        const Run r = cli({QStringLiteral("compare"), bert + QStringLiteral("model.onnx"), QStringLiteral("--samples"), bert,
                           QStringLiteral("--bits"), QStringLiteral("4"), QStringLiteral("--scheme"), QStringLiteral("symmetric"),
                           QStringLiteral("--layers"), QStringLiteral("--json"), QStringLiteral("-")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o[QStringLiteral("samples")].toInt(), 1);
        QVERIFY(o[QStringLiteral("outputs")].toArray().size() >= 1);
        QVERIFY(o[QStringLiteral("layers")].toArray().size() > 10);

        const Run bad = cli({QStringLiteral("compare"), bert + QStringLiteral("model.onnx"), QStringLiteral("--samples"),
                             QStringLiteral("synthetic:2"), QStringLiteral("--bits"), QStringLiteral("4")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("'sequence'") && bad.err.contains("--shape"), bad.err.constData());
        const Run noRange = cli({QStringLiteral("compare"), bert + QStringLiteral("model.onnx"), QStringLiteral("--samples"),
                                 QStringLiteral("synthetic:2"), QStringLiteral("--shape"), QStringLiteral("sequence=8"),
                                 QStringLiteral("--bits"), QStringLiteral("4")});
        QCOMPARE(noRange.exitCode, 2);
        QVERIFY2(noRange.err.contains("'input_ids'") && noRange.err.contains("--int-range"), noRange.err.constData());
        const Run synthetic = cli({QStringLiteral("compare"), bert + QStringLiteral("model.onnx"), QStringLiteral("--samples"),
                                   QStringLiteral("synthetic:4"), QStringLiteral("--shape"), QStringLiteral("sequence=8"),
                                   QStringLiteral("--int-range"), QStringLiteral("input_ids=0,99"), QStringLiteral("--int-range"),
                                   QStringLiteral("attention_mask=1,1"), QStringLiteral("--bits"), QStringLiteral("6"),
                                   QStringLiteral("--json"), QStringLiteral("-")});
        QVERIFY2(synthetic.exitCode == 0, synthetic.err.constData());
        QCOMPARE(QJsonDocument::fromJson(synthetic.out).object()[QStringLiteral("samples")].toInt(), 4);
        const Run noSamples = cli({QStringLiteral("compare"), bert + QStringLiteral("model.onnx")});
        QCOMPARE(noSamples.exitCode, 2);
        QVERIFY2(noSamples.err.contains("--samples"), noSamples.err.constData());
        // Nothing quantized would compare FP32 with itself: refused, naming what to give.
        const Run noPlan = cli({QStringLiteral("compare"), bert + QStringLiteral("model.onnx"), QStringLiteral("--samples"), bert});
        QCOMPARE(noPlan.exitCode, 2);
        QVERIFY2(noPlan.err.contains("--plan") && noPlan.err.contains("--bits"), noPlan.err.constData());
    }

    void runWritesOutputs()
    {
        // Debian's conformance case for Relu, through `run`, against its expected output bytes.
        const QString dir = QStringLiteral("/usr/share/libonnx-testdata/data/node/test_relu/");
        const QString out = m_dir.filePath(QStringLiteral("relu-out"));
        const Run r = cli({QStringLiteral("run"), dir + QStringLiteral("model.onnx"), QStringLiteral("--inputs"),
                           dir + QStringLiteral("test_data_set_0/input_0.pb"), QStringLiteral("--out"), out});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(QFile::exists(out + QStringLiteral("/output_0.pb")));
    }

    void runWithoutInputsAndInDeclaredTypes()
    {
        // A model without inputs (Debian's test_constant) runs with no --inputs; a bool output
        // (test_equal) is written as BOOL; both equal the shipped outputs.
        const QString root = QStringLiteral("/usr/share/libonnx-testdata/data/node/");
        for (const QString& name : {QStringLiteral("test_constant"), QStringLiteral("test_equal")}) {
            const QString dir = root + name + QLatin1Char('/');
            const QString out = m_dir.filePath(name + QStringLiteral("-out"));
            QStringList args{QStringLiteral("run"), dir + QStringLiteral("model.onnx"), QStringLiteral("--out"), out};
            if (QFile::exists(dir + QStringLiteral("test_data_set_0/input_0.pb")))
                args << QStringLiteral("--inputs") << dir + QStringLiteral("test_data_set_0/input_0.pb")
                     << dir + QStringLiteral("test_data_set_0/input_1.pb");
            const Run r = cli(args);
            QVERIFY2(r.exitCode == 0, r.err.constData());
            auto got = bitlens::readTensorProtoFile(QString(out + QStringLiteral("/output_0.pb")).toStdString());
            auto want = bitlens::readTensorProtoFile(QString(dir + QStringLiteral("test_data_set_0/output_0.pb")).toStdString());
            QVERIFY(got.ok() && want.ok());
            QCOMPARE(got->type, want->type);
            QCOMPARE(got->dims, want->dims);
            QVERIFY(got->ints == want->ints);
            QVERIFY(std::equal(got->floats.begin(), got->floats.end(), want->floats.begin(), want->floats.end()));
        }
        // A model with inputs and none given: the message names them.
        const Run missing = cli({QStringLiteral("run"), root + QStringLiteral("test_relu/model.onnx"), QStringLiteral("--out"),
                                 m_dir.filePath(QStringLiteral("none"))});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains("has 1 input(s) (x); give them with --inputs"), missing.err.constData());
    }

    // DESIGN.md's example in fc.weight (one channel): quartiles and shared-bin histograms by hand.
    void viewsOfHandExample()
    {
        const QStringList common{QStringLiteral("views"), m_model, QStringLiteral("--layer"), QStringLiteral("fc.weight"),
                                 QStringLiteral("--granularity"), QStringLiteral("per-tensor"), QStringLiteral("--bits"),
                                 QStringLiteral("2"), QStringLiteral("--schemes"), QStringLiteral("asymmetric,pow2")};
        Run r = cli(common + QStringList{QStringLiteral("--view"), QStringLiteral("quartiles")});
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 4);
        auto numbers = [](const QByteArray& line) {
            QList<double> out;
            const QList<QByteArray> f = line.split(',');
            for (qsizetype i = 1; i < f.size(); ++i)
                out << f[i].toDouble();
            return out;
        };
        const float m02 = -0.2f, p03 = 0.3f;
        // channel, n, min, whisker_lo, q1, median, q3, whisker_hi, max, mean, outliers below, above.
        // FP32: Q1 -0.2, Q3 0.3, fences -0.95 and 1.05: -1 and 2 are outliers.
        const QList<double> fp32{0, 5, -1, m02, m02, 0, p03, p03, 2, (-1.0 + m02 + 0 + p03 + 2) / 5, 1, 1};
        // Asymmetric 2 bits: [-1, 0, 0, 0, 2]; pow2 2 bits: [0, 0, 0, 0, 2].
        const QList<double> asym{0, 5, -1, 0, 0, 0, 0, 0, 2, 0.2, 1, 1};
        const QList<double> pow2{0, 5, 0, 0, 0, 0, 0, 0, 2, 0.4, 0, 1};
        QVERIFY(lines[1].startsWith("FP32,"));
        QVERIFY(lines[2].startsWith("asymmetric 2-bit per-tensor,"));
        QVERIFY(lines[3].startsWith("pow2 2-bit per-tensor,"));
        const QList<double> want[] = {fp32, asym, pow2};
        for (int s = 0; s < 3; ++s) {
            const QList<double> got = numbers(lines[s + 1]);
            QCOMPARE(got.size(), want[s].size());
            for (qsizetype i = 0; i < got.size(); ++i)
                QVERIFY2(qAbs(got[i] - want[s][i]) < 1e-9, qPrintable(QStringLiteral("%1 field %2").arg(s).arg(i)));
        }
        // 2 bits: 4 bins of 0.75 over [-1, 2].
        r = cli(common + QStringList{QStringLiteral("--view"), QStringLiteral("histogram-schemes")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray("bin,lo,hi,FP32,asymmetric 2-bit per-tensor,pow2 2-bit per-tensor\n"
                                   "0,-1,-0.25,1,1,0\n1,-0.25,0.5,3,3,4\n2,0.5,1.25,0,0,0\n3,1.25,2,1,1,1\n"));
        // Every view into a folder; an unknown layer names the file.
        const QString out = m_dir.filePath(QStringLiteral("views"));
        r = cli(common + QStringList{QStringLiteral("--out"), out});
        QCOMPARE(r.exitCode, 0);
        for (const char* name : {"quartiles", "histogram-schemes", "histogram-bits", "bit-efficiency", "channel-sqnr"})
            QVERIFY(QFile::exists(out + QStringLiteral("/fc.weight-") + QLatin1String(name) + QStringLiteral(".csv")));
        // A layer name from the file never leaves the output folder.
        testsupport::OnnxBuilder evil;
        evil.addInitializer("../../escape/w", {2, 1}, {1.0f, -1.0f});
        evil.addInput("x", {-1, 2});
        evil.addOutput("y", {-1, 1});
        evil.addNode("MatMul", {"x", "../../escape/w"}, {"y"}, "fc");
        const QString evilModel = m_dir.filePath(QStringLiteral("evil.onnx"));
        QVERIFY(evil.save(evilModel.toStdString()));
        const QString inner = m_dir.filePath(QStringLiteral("a/b/out"));
        r = cli({QStringLiteral("views"), evilModel, QStringLiteral("--out"), inner});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(QFile::exists(inner + QStringLiteral("/_.._.._escape_w-quartiles.csv")));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("a/escape"))));
        r = cli({QStringLiteral("views"), m_model, QStringLiteral("--layer"), QStringLiteral("nope"), QStringLiteral("--view"),
                 QStringLiteral("quartiles")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("tiny.onnx") && r.err.contains("nope"));
    }

    // One layer at a time. K-means per channel at 8 bits keeps every channel of at most 256 values
    // exactly (DESIGN.md), so features.0 (9 values a channel) and the classifier (64) must show
    // no output distance and no drop; larger channels must show some distance.
    void sensitivityOnSample()
    {
        const QString sample = QStringLiteral(BITLENS_SOURCE_DIR "/resources/sample");
        Run r = cli({QStringLiteral("sensitivity"), sample + QStringLiteral("/fashion_cnn.onnx"), QStringLiteral("--data"), sample,
                     QStringLiteral("--scheme"), QStringLiteral("kmeans"), QStringLiteral("--bits"), QStringLiteral("8"),
                     QStringLiteral("--limit"), QStringLiteral("200"), QStringLiteral("--json"), QStringLiteral("-")});
        QCOMPARE(r.exitCode, 0);
        QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o[QStringLiteral("images")].toInt(), 200);
        const double fp32 = o[QStringLiteral("fp32_top1")].toDouble();
        QJsonArray layers = o[QStringLiteral("layers")].toArray();
        QCOMPARE(layers.size(), 5);
        for (const QJsonValue& v : layers) {
            const QJsonObject l = v.toObject();
            const QString name = l[QStringLiteral("name")].toString();
            QCOMPARE(l[QStringLiteral("top1_drop")].toDouble(), fp32 - l[QStringLiteral("top1")].toDouble());
            if (name == QLatin1String("features.0.weight") || name == QLatin1String("classifier.weight")) {
                QCOMPARE(l[QStringLiteral("output_distance")].toDouble(), 0.0);
                QCOMPARE(l[QStringLiteral("top1_drop")].toDouble(), 0.0);
            } else {
                QVERIFY2(l[QStringLiteral("output_distance")].toDouble() > 0, qPrintable(name));
            }
        }
        // At 2 bits every layer moves the output; the most sensitive layer comes first.
        r = cli({QStringLiteral("sensitivity"), sample + QStringLiteral("/fashion_cnn.onnx"), QStringLiteral("--data"), sample,
                 QStringLiteral("--scheme"), QStringLiteral("asymmetric"), QStringLiteral("--bits"), QStringLiteral("2"),
                 QStringLiteral("--limit"), QStringLiteral("200"), QStringLiteral("--json"), QStringLiteral("-")});
        QCOMPARE(r.exitCode, 0);
        layers = QJsonDocument::fromJson(r.out).object()[QStringLiteral("layers")].toArray();
        QCOMPARE(layers.size(), 5);
        for (qsizetype i = 0; i < layers.size(); ++i) {
            QVERIFY(layers[i].toObject()[QStringLiteral("output_distance")].toDouble() > 0);
            if (i > 0)
                QVERIFY(layers[i - 1].toObject()[QStringLiteral("top1_drop")].toDouble() >=
                        layers[i].toObject()[QStringLiteral("top1_drop")].toDouble());
        }
        // Symmetric has no 1-bit form.
        r = cli({QStringLiteral("sensitivity"), sample + QStringLiteral("/fashion_cnn.onnx"), QStringLiteral("--data"), sample,
                 QStringLiteral("--scheme"), QStringLiteral("symmetric"), QStringLiteral("--bits"), QStringLiteral("1")});
        QCOMPARE(r.exitCode, 2);

        // QUENN Figure 6 for a plan that quantizes only features.8 (all else FP32): the activations
        // before it are FP32's exactly (distance 0), from it on they differ.
        QTemporaryDir dir;
        const QString planFile = dir.filePath(QStringLiteral("p.bitlens-plan.json"));
        QFile f(planFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\":\"bitlens-plan\",\"version\":1,\"defaults\":{\"bits\":32},"
                "\"layers\":{\"features.8.weight\":{\"scheme\":\"asymmetric\",\"granularity\":\"per-channel\",\"bits\":2}}}");
        f.close();
        r = cli({QStringLiteral("sensitivity"), sample + QStringLiteral("/fashion_cnn.onnx"), QStringLiteral("--data"), sample,
                 QStringLiteral("--plan"), planFile, QStringLiteral("--limit"), QStringLiteral("50"), QStringLiteral("--json"),
                 QStringLiteral("-")});
        QCOMPARE(r.exitCode, 0);
        o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o[QStringLiteral("images")].toInt(), 50);
        layers = o[QStringLiteral("layers")].toArray();
        QCOMPARE(layers.size(), 5);
        for (qsizetype i = 0; i < layers.size(); ++i) {
            const double d = layers[i].toObject()[QStringLiteral("distance")].toDouble();
            QVERIFY2(i < 2 ? d == 0 : d > 0, qPrintable(layers[i].toObject()[QStringLiteral("name")].toString()));
        }
        r = cli({QStringLiteral("sensitivity"), sample + QStringLiteral("/fashion_cnn.onnx"), QStringLiteral("--data"), sample,
                 QStringLiteral("--plan"), planFile, QStringLiteral("--bits"), QStringLiteral("2")});
        QCOMPARE(r.exitCode, 2);
    }

    // export: both forms pass ONNX's checker, and the exported files evaluate (as plain models) to
    // the accuracy `eval --plan` reports for the plan.
    void exportEvaluatesLikeThePlan()
    {
        const QString sample = QStringLiteral(BITLENS_SOURCE_DIR "/resources/sample");
        const QString model = sample + QStringLiteral("/fashion_cnn.onnx");
        QTemporaryDir dir;
        const QString planFile = dir.filePath(QStringLiteral("p.bitlens-plan.json"));
        QFile f(planFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\":\"bitlens-plan\",\"version\":1,\"defaults\":{\"scheme\":\"asymmetric\",\"granularity\":"
                "\"per-channel\",\"bits\":4},\"layers\":{\"features.8.weight\":{\"scheme\":\"kmeans\",\"granularity\":"
                "\"per-channel\",\"bits\":3},\"classifier.weight\":{\"scheme\":\"pow2\",\"granularity\":\"per-tensor\",\"bits\":5}}}");
        f.close();
        Run want = cli({QStringLiteral("eval"), model, QStringLiteral("--data"), sample, QStringLiteral("--plan"), planFile,
                        QStringLiteral("--limit"), QStringLiteral("500"), QStringLiteral("--json"), QStringLiteral("-")});
        QCOMPARE(want.exitCode, 0);
        const QJsonObject w = QJsonDocument::fromJson(want.out).object();
        for (const QString& format : {QStringLiteral("fakequant"), QStringLiteral("qdq")}) {
            const QString out = dir.filePath(format + QStringLiteral(".onnx"));
            Run r = cli({QStringLiteral("export"), model, QStringLiteral("--plan"), planFile, QStringLiteral("--format"), format,
                         QStringLiteral("--out"), out, QStringLiteral("--json"), QStringLiteral("-")});
            QVERIFY2(r.exitCode == 0, r.err.constData());
            QCOMPARE(QJsonDocument::fromJson(r.out).object()[QStringLiteral("onnx_checker")].toString(), QStringLiteral("ok"));
            Run e = cli({QStringLiteral("eval"), out, QStringLiteral("--data"), sample, QStringLiteral("--mean"), QStringLiteral("0.2860"),
                         QStringLiteral("--std"), QStringLiteral("0.3530"), QStringLiteral("--limit"), QStringLiteral("500"),
                         QStringLiteral("--json"), QStringLiteral("-")});
            QVERIFY2(e.exitCode == 0, e.err.constData());
            const QJsonObject g = QJsonDocument::fromJson(e.out).object();
            QCOMPARE(g[QStringLiteral("top1")].toDouble(), w[QStringLiteral("top1")].toDouble());
            QCOMPARE(g[QStringLiteral("confusion")].toArray(), w[QStringLiteral("confusion")].toArray());
        }
        // Bad arguments and bad plans: exit 2 with a message.
        Run bad = cli({QStringLiteral("export"), model, QStringLiteral("--plan"), planFile, QStringLiteral("--format"),
                       QStringLiteral("tflite"), QStringLiteral("--out"), dir.filePath(QStringLiteral("x.onnx"))});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.err.contains("tflite"));
    }

    // DESIGN.md's acceptance test for plan: on the ResNet-20-style model, a proposal at the size of
    // uniform 4-bit per-channel asymmetric is at least as accurate as that uniform plan, stays within
    // the budget, and the written plan evaluates to the same numbers.
    void planWithinBudgetAndAtLeastUniform()
    {
        const QString model = QStringLiteral(BITLENS_TEST_DATA "/resnet20.onnx");
        const QString data = QStringLiteral(BITLENS_SOURCE_DIR "/resources/sample");
        // 100 images: the plan evaluates every candidate on ResNet-20 (28 s of CPU on 500 images in
        // a release build, over Qt Test's limits under the sanitizers).
        const QStringList limit{QStringLiteral("--data"), data, QStringLiteral("--limit"), QStringLiteral("100")};
        Run r = cli(QStringList{QStringLiteral("eval"), model, QStringLiteral("--scheme"), QStringLiteral("asymmetric"),
                                QStringLiteral("--bits"), QStringLiteral("4"), QStringLiteral("--json"), QStringLiteral("-")} + limit);
        QCOMPARE(r.exitCode, 0);
        const QJsonObject uniform = QJsonDocument::fromJson(r.out).object();
        const qint64 budget = (uniform[QStringLiteral("weight_bits")].toInteger() + 7) / 8;
        const QString planFile = m_dir.filePath(QStringLiteral("proposed.bitlens-plan.json"));
        r = cli(QStringList{QStringLiteral("plan"), model, QStringLiteral("--budget-bytes"), QString::number(budget),
                            QStringLiteral("--out"), planFile, QStringLiteral("--json"), QStringLiteral("-")} + limit);
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        double chosenTop1 = -1;
        qint64 chosenBits = 0;
        for (const QJsonValue& v : o[QStringLiteral("candidates")].toArray()) {
            const QJsonObject c = v.toObject();
            QVERIFY(c[QStringLiteral("size_bytes")].toInteger() <= budget);
            if (c[QStringLiteral("how")].toString() == o[QStringLiteral("chosen")].toString()) {
                chosenTop1 = c[QStringLiteral("top1")].toDouble();
                chosenBits = c[QStringLiteral("weight_bits")].toInteger();
            }
        }
        QVERIFY(chosenTop1 >= uniform[QStringLiteral("top1")].toDouble());
        // The written plan reads back and evaluates to the chosen candidate's numbers.
        r = cli(QStringList{QStringLiteral("eval"), model, QStringLiteral("--plan"), planFile, QStringLiteral("--json"),
                            QStringLiteral("-")} + limit);
        QCOMPARE(r.exitCode, 0);
        const QJsonObject back = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(back[QStringLiteral("top1")].toDouble(), chosenTop1);
        QCOMPARE(back[QStringLiteral("weight_bits")].toInteger(), chosenBits);
        // A budget below two bits everywhere cannot be met: a message, status 2.
        r = cli(QStringList{QStringLiteral("plan"), model, QStringLiteral("--budget-bytes"), QStringLiteral("1000")} + limit);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("budget"));
    }

    void helpForEachCommand()
    {
        for (const QString& cmd : {QStringLiteral("info"), QStringLiteral("stats"), QStringLiteral("eval"), QStringLiteral("run"),
                                   QStringLiteral("sweep"), QStringLiteral("views"), QStringLiteral("sensitivity"),
                                   QStringLiteral("plan"), QStringLiteral("compare")}) {
            const Run r = cli({cmd, QStringLiteral("--help")});
            QCOMPARE(r.exitCode, 0);
            QVERIFY(r.out.contains("Usage:") && r.out.contains("MODEL"));
            // Issue 17: the usage line names the subcommand; Qt's own options are not offered.
            QVERIFY2(r.out.contains(QByteArray(QByteArray("Usage: bitlens-cli ") + cmd.toUtf8() + " [options]")), r.out.constData());
            QVERIFY2(!r.out.contains("--help-all"), r.out.constData());
        }
        for (const QString& cmd : {QStringLiteral("eval"), QStringLiteral("views"), QStringLiteral("sensitivity"), QStringLiteral("plan")}) {
            const Run r = cli({cmd, QStringLiteral("--help")});
            QVERIFY2(r.out.simplified().contains("asymmetric, symmetric, pow2, dfxp, kmeans, gaussian"), r.out.constData()); // wrapped
        }
        // A wrong scheme name is quoted with the valid ones.
        const Run bad = cli({QStringLiteral("views"), m_model, QStringLiteral("--view"), QStringLiteral("quartiles"),
                             QStringLiteral("--scheme"), QStringLiteral("ternary")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("'ternary'") && bad.err.contains("kmeans"), bad.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"

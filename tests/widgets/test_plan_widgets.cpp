// The plan editor's widgets: the plan table model (QAbstractItemModelTester; a changed setting
// updates rows in place, a new layer list resets; edits are reported, never applied; bits a scheme
// cannot take are refused), its delegate's choices, the three plots (CSV rows, the hover text at a
// known bar or point, empty data) and the plan CSVs against hand-written text.
#include <quant/plan_csv.h>
#include <quant/view_csv.h>
#include <widgets/layer_fidelity_plot.h>
#include <widgets/pareto_plot.h>
#include <widgets/plan_distance_plot.h>
#include <widgets/plan_table_delegate.h>
#include <widgets/plan_table_model.h>
#include <widgets/qcp.h>
#include <widgets/sensitivity_plot.h>

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTest>

#include <memory>

using namespace bitlens;

namespace {

// conv1: 16 channels of 3x3x3 = 432 weights at the defaults' asymmetric 8-bit per-channel:
// 432*8 = 3456 code bits, 16*64 = 1024 overhead bits; measured sensitivity and plan distance.
PlanLayerRow conv1()
{
    PlanLayerRow r;
    r.layer = "conv1.weight";
    r.node = "Conv_0";
    r.op = "Conv";
    r.shape = {16, 3, 3, 3};
    r.parameters = 432;
    r.spec = {Scheme::Asymmetric, Granularity::PerChannel, 8};
    r.fromDefaults = true;
    r.codeBits = 3456;
    r.overheadBits = 1024;
    r.zstdBytes = 400;
    r.sqnrDb = 41.25;
    r.sensitivity = LayerSensitivity{"conv1.weight", 0.9, 0.99, 0.0125, 0.5};
    r.planDistance = 0.25;
    return r;
}

// fc: 640 weights set to asymmetric 1-bit per-tensor for this layer: 640 code bits + 64, exact.
PlanLayerRow fc()
{
    PlanLayerRow r;
    r.layer = "fc.weight";
    r.node = "Gemm_5";
    r.op = "Gemm";
    r.shape = {10, 64};
    r.parameters = 640;
    r.spec = {Scheme::Asymmetric, Granularity::PerTensor, 1};
    r.fromDefaults = false;
    r.codeBits = 640;
    r.overheadBits = 64;
    r.zstdBytes = 80;
    return r;
}

// bad: NaN/Inf, so FP32 (32*100 bits, 4*100 bytes) whatever the defaults say.
PlanLayerRow bad()
{
    PlanLayerRow r;
    r.layer = "bad.weight";
    r.node = "Conv_9";
    r.op = "Conv";
    r.shape = {100};
    r.parameters = 100;
    r.spec = {Scheme::Asymmetric, Granularity::PerChannel, 8};
    r.fromDefaults = true;
    r.codeBits = 3200;
    r.zstdBytes = 400;
    r.excluded = true;
    return r;
}

SensitivityView sensitivity()
{
    SensitivityView v;
    v.spec = {Scheme::Asymmetric, Granularity::PerChannel, 4};
    v.images = 1000;
    v.fp32Top1 = 0.92;
    v.layers = {{"layer2.0.conv1.weight", 0.85, 0.98, 0.07, 2.5},
                {"conv1.weight", 0.9, 0.99, 0.02, 1.0},
                {"fc.weight", 0.915, 0.995, 0.005, 0.25}};
    return v;
}

PlanDistanceView planDistance()
{
    PlanDistanceView v;
    v.planName = "mixed, 4-bit";
    v.images = 100;
    v.layers = {"conv1.weight", "layer1.weight", "fc.weight"};
    v.distance = {0.5, 1.5, 3};
    v.relative = {0.01, 0.05, 0.2};
    return v;
}

// The proposal (3.5 bits, 90.5 %) dominates uniform 4-bit (4.32 bits, 90 %); the rest are on the front.
ParetoView pareto()
{
    ParetoView v;
    v.points = {{"uniform 8-bit", ParetoKind::Uniform, 8320, 8.32, 0.918, true},
                {"uniform 4-bit", ParetoKind::Uniform, 4320, 4.32, 0.9, false},
                {"proposal", ParetoKind::Proposal, 3500, 3.5, 0.905, true},
                {"my plan", ParetoKind::User, 5000, 5.0, 0.91, true}};
    v.fp32Top1 = 0.92;
    v.current = 3;
    return v;
}

// CSV text as a QString, so a failed comparison prints both sides.
QString qs(const std::string& s) { return QString::fromStdString(s); }

int csvLines(const QByteArray& csv) { return static_cast<int>(csv.count('\n')); }

QPoint pixel(QCPAxis* x, double xc, QCPAxis* y, double yc)
{
    return {qRound(x->coordToPixel(xc)), qRound(y->coordToPixel(yc))};
}

// A plot at a fixed size, laid out, so pixels map to known coordinates.
template <class Plot>
std::unique_ptr<Plot> shownPlot()
{
    auto w = std::make_unique<Plot>();
    w->resize(800, 500);
    w->show();
    if (!QTest::qWaitForWindowExposed(w.get()))
        return nullptr;
    return w;
}

} // namespace

class TestPlanWidgets : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void planCsv()
    {
        SensitivityView s;
        s.spec = {Scheme::Asymmetric, Granularity::PerChannel, 4};
        s.images = 1000;
        s.fp32Top1 = 0.92;
        s.layers = {{"a,b", 0.85, 0.98, 0.07, 2.5}};
        QCOMPARE(qs(sensitivityCsv(s)),
                 qs("rank,layer,scheme,granularity,bits,images,fp32_top1,top1,top5,top1_drop,output_distance\n"
                    "1,\"a,b\",asymmetric,per-channel,4,1000,0.92,0.85,0.98,0.07,2.5\n"));

        QCOMPARE(qs(planDistanceCsv(planDistance())),
                 qs("plan,index,layer,images,distance,relative\n"
                    "\"mixed, 4-bit\",0,conv1.weight,100,0.5,0.01\n"
                    "\"mixed, 4-bit\",1,layer1.weight,100,1.5,0.05\n"
                    "\"mixed, 4-bit\",2,fc.weight,100,3,0.2\n"));

        // size_bytes = ceil(weight_bits / 8): 3500 bits -> 438 bytes.
        QCOMPARE(qs(paretoCsv(pareto())),
                 qs("label,kind,weight_bits,size_bytes,bits_per_weight,top1,on_front,current\n"
                    "uniform 8-bit,uniform,8320,1040,8.32,0.918,true,false\n"
                    "uniform 4-bit,uniform,4320,540,4.32,0.9,false,false\n"
                    "proposal,proposal,3500,438,3.5,0.905,true,false\n"
                    "my plan,user,5000,625,5,0.91,true,true\n"
                    "FP32,fp32,,,32,0.92,,false\n"));

        // An FP32 row is written as accuracyCsv writes FP32: scheme "fp32", no granularity, bits 32.
        PlanLayerRow head;
        head.layer = "head.weight";
        head.node = "Gemm_9";
        head.op = "Gemm";
        head.shape = {2, 5};
        head.parameters = 10;
        head.spec = {Scheme::Symmetric, Granularity::PerTensor, kFp32Bits};
        head.fromDefaults = false;
        head.codeBits = 320;
        head.zstdBytes = 40;
        const QString header = QStringLiteral("layer,node,op,shape,parameters,scheme,granularity,bits,from_defaults,"
                                              "excluded,code_bits,overhead_bits,zstd_bytes,sqnr_db,top1,top1_drop,"
                                              "output_distance,plan_distance\n");
        QCOMPARE(qs(planTableCsv({conv1(), fc(), bad(), head})),
                 QString(header + qs("conv1.weight,Conv_0,Conv,16x3x3x3,432,asymmetric,per-channel,8,true,false,3456,1024,"
                                     "400,41.25,0.9,0.0125,0.5,0.25\n"
                                     "fc.weight,Gemm_5,Gemm,10x64,640,asymmetric,per-tensor,1,false,false,640,64,80,exact,,,,\n"
                                     "bad.weight,Conv_9,Conv,100,100,asymmetric,per-channel,8,true,true,3200,0,400,,,,,\n"
                                     "head.weight,Gemm_9,Gemm,2x5,10,fp32,,32,false,false,320,0,40,,,,,\n")));
        QCOMPARE(qs(planTableCsv({})), header);
    }

    void tableShowsRows()
    {
        PlanTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRows({conv1(), fc(), bad()});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(PlanTableModel::ColumnCount));
        const auto text = [&](int row, int column) {
            return model.data(model.index(row, column), Qt::DisplayRole).toString();
        };
        const auto tip = [&](int row, int column) {
            return model.data(model.index(row, column), Qt::ToolTipRole).toString();
        };
        const auto headerTip = [&](int column) {
            return model.headerData(column, Qt::Horizontal, Qt::ToolTipRole).toString();
        };
        QCOMPARE(text(0, PlanTableModel::Shape), QStringLiteral("[16, 3, 3, 3]"));
        QCOMPARE(text(0, PlanTableModel::SchemeColumn), QStringLiteral("asymmetric"));
        QCOMPARE(text(1, PlanTableModel::GranularityColumn), QStringLiteral("per-tensor"));
        QCOMPARE(text(0, PlanTableModel::Bits), QStringLiteral("8"));
        // (3456 + 1024) bits / 8 = 560 bytes = 0.546875 KiB; zstd 400 bytes = 0.390625 KiB.
        QCOMPARE(text(0, PlanTableModel::Size), QStringLiteral("0.55"));
        QCOMPARE(text(0, PlanTableModel::Zstd), QStringLiteral("0.39"));
        QCOMPARE(text(0, PlanTableModel::Sqnr), QStringLiteral("41.25"));
        QCOMPARE(text(1, PlanTableModel::Sqnr), QStringLiteral("exact"));
        QCOMPARE(text(2, PlanTableModel::Sqnr), QStringLiteral("FP32"));
        QCOMPARE(text(0, PlanTableModel::Sensitivity), QStringLiteral("1.25")); // 100 * 0.0125 points
        QCOMPARE(text(0, PlanTableModel::OutputDistance), QStringLiteral("0.5"));
        QCOMPARE(text(0, PlanTableModel::PlanDistance), QStringLiteral("0.25"));
        QCOMPARE(text(1, PlanTableModel::Sensitivity), QString());

        // Defaults in italics, with a tooltip saying so; the excluded layer warns on every cell.
        QVERIFY(model.data(model.index(0, PlanTableModel::Bits), Qt::FontRole).value<QFont>().italic());
        QVERIFY(!model.data(model.index(1, PlanTableModel::Bits), Qt::FontRole).value<QFont>().italic());
        QVERIFY(tip(0, PlanTableModel::SchemeColumn).contains(QStringLiteral("from the plan's defaults")));
        QVERIFY(!tip(1, PlanTableModel::SchemeColumn).contains(QStringLiteral("defaults")));
        QVERIFY(tip(2, PlanTableModel::Size).contains(QStringLiteral("NaN")));
        QVERIFY(headerTip(PlanTableModel::Size).contains(QStringLiteral("N·n + overhead")));
        QVERIFY(headerTip(PlanTableModel::Sqnr).contains(QStringLiteral("10·log10")));

        QVERIFY(model.flags(model.index(0, PlanTableModel::Bits)) & Qt::ItemIsEditable);
        QVERIFY(model.flags(model.index(0, PlanTableModel::SchemeColumn)) & Qt::ItemIsEditable);
        QVERIFY(!(model.flags(model.index(0, PlanTableModel::Layer)) & Qt::ItemIsEditable));
        QVERIFY(!(model.flags(model.index(2, PlanTableModel::Bits)) & Qt::ItemIsEditable));

        // Numbers sort as numbers: 4480 bits > 704 bits; unmeasured sensitivities sort last.
        QCOMPARE(model.data(model.index(0, PlanTableModel::Size), PlanTableModel::SortRole).toLongLong(),
                 qlonglong{4480});
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(PlanTableModel::SortRole);
        proxy.sort(PlanTableModel::Parameters, Qt::DescendingOrder); // 640 before 432 before 100
        QCOMPARE(proxy.data(proxy.index(0, PlanTableModel::Layer)).toString(), QStringLiteral("fc.weight"));
        proxy.sort(PlanTableModel::Sensitivity, Qt::DescendingOrder);
        QCOMPARE(proxy.data(proxy.index(0, PlanTableModel::Layer)).toString(), QStringLiteral("conv1.weight"));
    }

    void settingChangeKeepsSelection()
    {
        PlanTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
        std::vector<PlanLayerRow> rows{conv1(), fc(), bad()};
        model.setRows(rows);
        QCOMPARE(resets.count(), 1);
        QItemSelectionModel selection(&model);
        selection.select(model.index(1, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);

        // The same layers with fc at symmetric 4-bit: one row changes in place.
        rows[1].spec = {Scheme::Symmetric, Granularity::PerTensor, 4};
        rows[1].codeBits = 2560;
        rows[1].overheadBits = 32;
        model.setRows(rows);
        QCOMPARE(resets.count(), 1);
        QCOMPARE(changes.count(), 1);
        QCOMPARE(changes[0][0].value<QModelIndex>().row(), 1);
        QCOMPARE(changes[0][1].value<QModelIndex>().row(), 1);
        QVERIFY(selection.isRowSelected(1, {}));
        QCOMPARE(model.data(model.index(1, PlanTableModel::SchemeColumn), Qt::DisplayRole).toString(),
                 QStringLiteral("symmetric"));
        model.setRows(rows); // nothing new
        QCOMPARE(changes.count(), 1);

        // Another layer list (a layer fewer, then another order) resets.
        model.setRows({rows[0], rows[1]});
        QCOMPARE(resets.count(), 2);
        QCOMPARE(model.rowCount(), 2);
        model.setRows({rows[1], rows[0]});
        QCOMPARE(resets.count(), 3);
        model.setRows({});
        QCOMPARE(model.rowCount(), 0);
    }

    void editsAreReportedNotApplied()
    {
        PlanTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        std::vector<PlanLayerRow> rows{conv1(), fc(), bad()};
        model.setRows(rows);
        std::vector<std::pair<int, QuantSpec>> edits;
        connect(&model, &PlanTableModel::settingEdited, this,
                [&](int row, QuantSpec spec) { edits.emplace_back(row, spec); });
        const auto set = [&](int row, int column, const QVariant& v) {
            return model.setData(model.index(row, column), v, Qt::EditRole);
        };

        QVERIFY(set(0, PlanTableModel::Bits, 4));
        QCOMPARE(edits.size(), size_t{1});
        QCOMPARE(edits[0].first, 0);
        QVERIFY(edits[0].second == (QuantSpec{Scheme::Asymmetric, Granularity::PerChannel, 4}));
        QCOMPARE(model.rows()[0].spec.bits, 8); // the document decides; the table shows what it is given
        QCOMPARE(model.data(model.index(0, PlanTableModel::Bits), Qt::DisplayRole).toString(), QStringLiteral("8"));

        QVERIFY(set(0, PlanTableModel::Bits, QStringLiteral("FP32")));
        QVERIFY(edits.back().second == (QuantSpec{Scheme::Asymmetric, Granularity::PerChannel, kFp32Bits}));
        QVERIFY(set(0, PlanTableModel::SchemeColumn, QStringLiteral("kmeans")));
        QVERIFY(edits.back().second == (QuantSpec{Scheme::KMeans, Granularity::PerChannel, 8}));
        QVERIFY(set(1, PlanTableModel::GranularityColumn, QStringLiteral("per-channel")));
        QCOMPARE(edits.back().first, 1);
        QVERIFY(edits.back().second == (QuantSpec{Scheme::Asymmetric, Granularity::PerChannel, 1}));
        QCOMPARE(edits.size(), size_t{4});

        // Refused: symmetric has no 1-bit code (fc is at 1 bit), bits out of range, unknown names,
        // the excluded layer, a column that is not a setting.
        QVERIFY(!set(1, PlanTableModel::SchemeColumn, QStringLiteral("symmetric")));
        QVERIFY(!set(0, PlanTableModel::Bits, 17));
        QVERIFY(!set(0, PlanTableModel::Bits, 0));
        QVERIFY(!set(0, PlanTableModel::Bits, QStringLiteral("many")));
        QVERIFY(!set(0, PlanTableModel::SchemeColumn, QStringLiteral("ternary")));
        QVERIFY(!set(2, PlanTableModel::Bits, 4));
        QVERIFY(!set(0, PlanTableModel::Layer, QStringLiteral("renamed")));
        rows[1].spec = {Scheme::Symmetric, Granularity::PerTensor, 4};
        model.setRows(rows);
        QVERIFY(!set(1, PlanTableModel::Bits, 1));
        QCOMPARE(edits.size(), size_t{4});
        // Setting what is already there is accepted and reports nothing.
        QVERIFY(set(0, PlanTableModel::Bits, 8));
        QCOMPARE(edits.size(), size_t{4});
        QCOMPARE(model.rows()[0].spec, conv1().spec);
    }

    void delegateOffersAllowedSettings()
    {
        PlanTableModel model;
        std::vector<PlanLayerRow> rows{conv1(), fc()};
        rows[0].spec = {Scheme::Symmetric, Granularity::PerChannel, 4};
        model.setRows(rows);
        std::vector<QuantSpec> edits;
        connect(&model, &PlanTableModel::settingEdited, this, [&](int, QuantSpec spec) { edits.push_back(spec); });
        PlanTableDelegate delegate;
        QWidget parent;

        // Symmetric: bits 2..16 and FP32.
        const QModelIndex bits = model.index(0, PlanTableModel::Bits);
        std::unique_ptr<QWidget> editor(delegate.createEditor(&parent, QStyleOptionViewItem(), bits));
        auto* combo = qobject_cast<QComboBox*>(editor.get());
        QVERIFY(combo);
        QCOMPARE(combo->count(), 16);
        QCOMPARE(combo->itemData(0).toInt(), 2);
        QCOMPARE(combo->itemData(combo->count() - 1).toInt(), kFp32Bits);
        delegate.setEditorData(combo, bits);
        QCOMPARE(combo->currentData().toInt(), 4);
        combo->setCurrentIndex(combo->findData(6));
        delegate.setModelData(combo, &model, bits);
        QCOMPARE(edits.size(), size_t{1});
        QVERIFY(edits[0] == (QuantSpec{Scheme::Symmetric, Granularity::PerChannel, 6}));

        // fc is at 1 bit: the schemes without a 1-bit code are listed but cannot be chosen.
        const QModelIndex scheme = model.index(1, PlanTableModel::SchemeColumn);
        editor.reset(delegate.createEditor(&parent, QStyleOptionViewItem(), scheme));
        combo = qobject_cast<QComboBox*>(editor.get());
        QVERIFY(combo);
        auto* items = qobject_cast<QStandardItemModel*>(combo->model());
        QVERIFY(items);
        const int symmetric = combo->findData(QStringLiteral("symmetric"));
        const int kmeans = combo->findData(QStringLiteral("kmeans"));
        QVERIFY(symmetric >= 0 && kmeans >= 0);
        QVERIFY(!items->item(symmetric)->isEnabled());
        QVERIFY(items->item(kmeans)->isEnabled());
        delegate.setEditorData(combo, scheme);
        QCOMPARE(combo->currentText(), QStringLiteral("asymmetric"));
    }

    void sensitivityPlot()
    {
        auto w = shownPlot<SensitivityPlot>();
        QVERIFY(w);
        QVERIFY(!w->hasData());
        const SensitivityView v = sensitivity();
        w->setData(v);
        QVERIFY(w->hasData());
        QCOMPARE(w->exportName(), QStringLiteral("sensitivity"));
        const QByteArray csv = w->csv();
        QVERIFY(csv.startsWith("rank,layer,scheme,granularity,bits,images,fp32_top1,top1,top5,top1_drop,output_distance\n"));
        QCOMPARE(csvLines(csv), 4);
        w->plot()->replot();
        // The drop chart is the rect whose value axis says so, the distance chart the other.
        const QList<QCPAxisRect*> rects = w->plot()->axisRects();
        QCOMPARE(rects.size(), 2);
        const bool dropFirst = rects[0]->axis(QCPAxis::atBottom)->label().contains(QStringLiteral("drop"));
        QCPAxisRect* drop = rects[dropFirst ? 0 : 1];
        QCPAxisRect* distance = rects[dropFirst ? 1 : 0];
        // The second bar of the drop chart (conv1, 2 points) at half its length.
        const auto at = [](QCPAxisRect* r, double value, double layer) {
            return pixel(r->axis(QCPAxis::atBottom), value, r->axis(QCPAxis::atLeft), layer);
        };
        QString text = w->hoverText(at(drop, 1.0, 1));
        QVERIFY2(text.startsWith(QStringLiteral("<b>conv1.weight</b>")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("2.00 percentage points")));
        QVERIFY(text.contains(QStringLiteral("(1/N) Σ ||y_fp32 − y_q||_F")));
        // The third bar of the distance chart (fc, 0.25).
        text = w->hoverText(at(distance, 0.1, 2));
        QVERIFY2(text.startsWith(QStringLiteral("<b>fc.weight</b>")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("0.25")));
        QVERIFY(w->hoverText(QPoint(0, 0)).isEmpty());

        w->setData({});
        QVERIFY(!w->hasData());
        QCOMPARE(csvLines(w->csv()), 1);
    }

    void planDistancePlot()
    {
        auto w = shownPlot<PlanDistancePlot>();
        QVERIFY(w);
        QVERIFY(!w->hasData());
        w->setData(planDistance());
        QVERIFY(w->hasData());
        QCOMPARE(w->exportName(), QStringLiteral("plan-distance"));
        QCOMPARE(w->csv(), QByteArray::fromStdString(planDistanceCsv(planDistance())));
        QCOMPARE(csvLines(w->csv()), 4);
        w->plot()->replot();
        const QString text = w->hoverText(pixel(w->plot()->xAxis, 1, w->plot()->yAxis, 0.75));
        QVERIFY2(text.startsWith(QStringLiteral("<b>layer1.weight</b>")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("distance: 1.5")));
        QVERIFY(text.contains(QStringLiteral("5.00 %"))); // relative 0.05

        w->setData({});
        QVERIFY(!w->hasData());
        QVERIFY(w->hoverText(QPoint(400, 250)).isEmpty());
    }

    // Which layer hurts: the cumulative line over every node, the local points on weight layers'
    // nodes, exact values said in words; the CSV is nodeFidelityCsv's. Set BITLENS_TEST_EXPORT_DIR
    // to keep the PNG for a look.
    void layerFidelityPlot()
    {
        auto w = shownPlot<LayerFidelityPlot>();
        QVERIFY(w);
        QVERIFY(!w->hasData());
        LayerFidelityView v;
        v.planName = "4-bit asymmetric";
        v.samples = 200;
        auto node = [](const char* name, const char* op, std::optional<double> cumulative, std::vector<std::string> layers,
                       std::optional<double> local) {
            NodeFidelity n;
            n.node = name;
            n.op = op;
            n.tensor = std::string(name) + "_out";
            n.elements = 100;
            n.cumulativeSqnrDb = cumulative;
            n.layers = std::move(layers);
            n.localSqnrDb = local;
            return n;
        };
        v.nodes = {node("conv1", "Conv", 24.5, {"conv1.weight"}, 24.5), node("relu1", "Relu", 23.0, {}, std::nullopt),
                   node("conv2", "Conv", 14.25, {"conv2.weight"}, 26.0), node("add", "Add", 15.0, {}, std::nullopt),
                   node("fc", "Gemm", std::nullopt, {"fc.weight"}, std::nullopt)};
        w->setData(v);
        QVERIFY(w->hasData());
        QCOMPARE(w->exportName(), QStringLiteral("layer-fidelity"));
        QCOMPARE(w->csv(), QByteArray::fromStdString(nodeFidelityCsv(v.nodes)));
        QCOMPARE(csvLines(w->csv()), 6);
        w->plot()->replot();
        const QString conv2 = w->hoverText(pixel(w->plot()->xAxis, 2, w->plot()->yAxis, 20));
        QVERIFY2(conv2.startsWith(QStringLiteral("<b>conv2</b> (Conv), node 3 of 5")), qPrintable(conv2));
        QVERIFY2(conv2.contains(QStringLiteral("cumulative SQNR: 14.25 dB")) && conv2.contains(QStringLiteral("local SQNR: 26.00 dB")) &&
                     conv2.contains(QStringLiteral("conv2.weight")),
                 qPrintable(conv2));
        const QString relu = w->hoverText(pixel(w->plot()->xAxis, 1, w->plot()->yAxis, 20));
        QVERIFY2(!relu.contains(QStringLiteral("local")), qPrintable(relu));
        const QString fc = w->hoverText(pixel(w->plot()->xAxis, 4, w->plot()->yAxis, 20));
        QVERIFY2(fc.contains(QStringLiteral("cumulative SQNR: exact (no error)")), qPrintable(fc));
        // The exact values are drawn above the largest finite one (26 dB): at 30 dB.
        QCOMPARE(w->plot()->yAxis->range().upper, 35.0);

        QTemporaryDir dir;
        const QString keep = qEnvironmentVariable("BITLENS_TEST_EXPORT_DIR");
        const QString png = QDir(keep.isEmpty() ? dir.path() : keep).filePath(QStringLiteral("layer-fidelity.png"));
        ExportOptions o;
        o.format = ExportFormat::Png;
        o.widthMm = 200;
        o.dpi = 150;
        QString error;
        QVERIFY2(w->exportTo(png, o, &error), qPrintable(error));
        QVERIFY(QFileInfo(png).size() > 1000);

        w->setData({});
        QVERIFY(!w->hasData());
        QVERIFY(w->hoverText(QPoint(400, 250)).isEmpty());
    }

    void paretoPlot()
    {
        auto w = shownPlot<ParetoPlot>();
        QVERIFY(w);
        QVERIFY(!w->hasData());
        w->setData(pareto());
        QVERIFY(w->hasData());
        QCOMPARE(w->exportName(), QStringLiteral("pareto"));
        QCOMPARE(csvLines(w->csv()), 6); // header, four plans, FP32
        w->plot()->replot();
        QCPAxis* x = w->plot()->xAxis;
        QCPAxis* y = w->plot()->yAxis;
        // The proposal at 3.5 bits per weight, 90.5 %: 3500 bits = 0.4 KiB.
        const QPoint proposal = pixel(x, 3.5, y, 90.5);
        QString text = w->hoverText(proposal);
        QVERIFY2(text.startsWith(QStringLiteral("<b>proposal</b>")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("3.500 bits per weight")));
        QVERIFY(text.contains(QStringLiteral("0.4 KiB")));
        QVERIFY(text.contains(QStringLiteral("90.50 %")));
        QVERIFY(text.contains(QStringLiteral("Pareto front")));
        text = w->hoverText(pixel(x, 5.0, y, 91) + QPoint(3, -2)); // a few pixels off still finds it
        QVERIFY2(text.startsWith(QStringLiteral("<b>my plan</b>")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("being edited")));
        text = w->hoverText(pixel(x, 4.32, y, 90));
        QVERIFY(text.startsWith(QStringLiteral("<b>uniform 4-bit</b>")));
        QVERIFY(!text.contains(QStringLiteral("Pareto front")));
        QVERIFY(w->hoverText(pixel(x, 6.5, y, 90)).isEmpty()); // far from every point

        QSignalSpy activated(w.get(), &ParetoPlot::pointActivated);
        QTest::mouseClick(w->plot(), Qt::LeftButton, {}, proposal);
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated[0][0].toInt(), 2);

        w->setData({});
        QVERIFY(!w->hasData());
        QCOMPARE(csvLines(w->csv()), 1);
    }
};

QTEST_MAIN(TestPlanWidgets)
#include "test_plan_widgets.moc"

// The layer list model: QAbstractItemModelTester, display strings and numeric sorting.
#include <widgets/layer_table_model.h>

#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace bitlens;

class TestLayerTable : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void modelContract()
    {
        LayerTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        LayerOverview a;
        a.name = "conv1.weight";
        a.op = "Conv";
        a.shape = {16, 1, 3, 3};
        a.parameters = 144;
        a.min = -0.5;
        a.max = 0.75;
        a.sqnrDb = 41.25;
        a.bitsPerWeight = 4 + 16.0 / 32; // e.g. q4_0: 4 code bits and an fp16 scale a block of 32
        LayerOverview b = a;
        b.name = "fc.weight";
        b.parameters = 2000;
        b.sqnrDb = std::nullopt; // exact
        LayerOverview c = a;
        c.name = "bad.weight";
        c.excluded = true;
        c.warning = "layer 'bad.weight' has 1 NaN";
        model.setLayers({a, b, c});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.data(model.index(0, LayerTableModel::Shape), Qt::DisplayRole).toString(),
                 QStringLiteral("[16, 1, 3, 3]"));
        QCOMPARE(model.data(model.index(0, LayerTableModel::Sqnr), Qt::DisplayRole).toString(), QStringLiteral("41.25"));
        QCOMPARE(model.data(model.index(1, LayerTableModel::Sqnr), Qt::DisplayRole).toString(), QStringLiteral("exact"));
        QCOMPARE(model.data(model.index(0, LayerTableModel::BitsPerWeight), Qt::DisplayRole).toString(), QStringLiteral("4.500"));
        QCOMPARE(model.data(model.index(2, LayerTableModel::BitsPerWeight), Qt::DisplayRole).toString(), QStringLiteral("32"));
        QCOMPARE(model.data(model.index(2, LayerTableModel::Sqnr), Qt::ToolTipRole).toString(),
                 QStringLiteral("layer 'bad.weight' has 1 NaN"));

        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(LayerTableModel::SortRole);
        proxy.sort(LayerTableModel::Parameters, Qt::DescendingOrder); // 2000 before 144, numerically
        QCOMPARE(proxy.data(proxy.index(0, LayerTableModel::Name)).toString(), QStringLiteral("fc.weight"));
        model.setLayers({});
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TestLayerTable)
#include "test_layer_table.moc"

// The accuracy table model (the paper's Table 1): QAbstractItemModelTester while the sweep fills
// it progressively and when its shape changes, display strings and the values behind them.
#include <widgets/accuracy_table_model.h>

#include <QAbstractItemModelTester>
#include <QTest>

using namespace bitlens;

class TestAccuracyTable : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fillsProgressively()
    {
        AccuracyTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        AccuracyTable t;
        t.schemes = {Scheme::Asymmetric, Scheme::Symmetric};
        t.bits = {1, 2, 8};
        model.setTable(t);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), 3);
        QCOMPARE(model.headerData(0, Qt::Vertical, Qt::DisplayRole).toString(), QStringLiteral("FP32"));
        QCOMPARE(model.headerData(2, Qt::Vertical, Qt::DisplayRole).toString(), QStringLiteral("symmetric"));
        QCOMPARE(model.headerData(2, Qt::Horizontal, Qt::DisplayRole).toString(), QStringLiteral("8 bits"));
        // Not yet evaluated: an ellipsis; symmetric at 1 bit is not allowed: a dash.
        QCOMPARE(model.data(model.index(1, 0), Qt::DisplayRole).toString(), QStringLiteral("…"));
        QCOMPARE(model.data(model.index(2, 0), Qt::DisplayRole).toString(), QStringLiteral("–"));

        AccuracyCell fp32;
        fp32.spec = {Scheme::Asymmetric, Granularity::PerChannel, kFp32Bits};
        fp32.top1 = 0.9197;
        fp32.top5 = 0.999;
        fp32.weightBits = 32 * 1000;
        t.add(fp32);
        model.setTable(t);
        AccuracyCell c;
        c.spec = {Scheme::Symmetric, Granularity::PerChannel, 8};
        c.top1 = 0.91234;
        c.top5 = 0.998;
        c.weightBits = 8 * 1000 + 32 * 10; // 1000 codes + 10 scales
        t.add(c);
        model.setTable(t);
        QCOMPARE(model.data(model.index(0, 1), Qt::DisplayRole).toString(), QStringLiteral("91.97 %"));
        QCOMPARE(model.data(model.index(2, 2), Qt::DisplayRole).toString(), QStringLiteral("91.23 %"));
        QCOMPARE(model.data(model.index(2, 2), Qt::UserRole).toDouble(), 0.91234);
        model.setShown(AccuracyTableModel::Size);
        QCOMPARE(model.data(model.index(2, 2), Qt::UserRole).toLongLong(), qlonglong{8320});
        QVERIFY(model.data(model.index(2, 2), Qt::DisplayRole).toString().contains(QStringLiteral("1")));
        model.setShown(AccuracyTableModel::Top5);
        QCOMPARE(model.data(model.index(2, 2), Qt::DisplayRole).toString(), QStringLiteral("99.80 %"));
        // A new sweep with other bit-widths resets the model.
        t.bits = {4};
        model.setTable(t);
        QCOMPARE(model.columnCount(), 1);
        QCOMPARE(model.data(model.index(2, 0), Qt::DisplayRole).toString(), QStringLiteral("…"));
    }
};

QTEST_MAIN(TestAccuracyTable)
#include "test_accuracy_table.moc"

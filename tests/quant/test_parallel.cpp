// parallelFor: every index once, early stop, and an exception thrown on a worker thread reaching
// the caller after every worker has joined (left on the worker it would end the program).
#include <quant/parallel.h>

#include <QtTest>

#include <atomic>
#include <stdexcept>
#include <vector>

class TestParallel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyIndexOnce()
    {
        std::vector<std::atomic<int>> hits(1000);
        bitlens::parallelFor(1000, 4, [&](int64_t i) {
            ++hits[static_cast<size_t>(i)];
            return true;
        });
        for (const auto& h : hits)
            QCOMPARE(h.load(), 1);
    }

    void exceptionReachesTheCaller_data()
    {
        QTest::addColumn<int>("threads");
        QTest::addColumn<int>("throwAt");
        QTest::newRow("one thread") << 1 << 5;
        QTest::newRow("on a worker") << 4 << 700;
        QTest::newRow("first index") << 3 << 0;
    }

    void exceptionReachesTheCaller()
    {
        QFETCH(int, threads);
        QFETCH(int, throwAt);
        bool caught = false;
        try {
            bitlens::parallelFor(1000, threads, [&](int64_t i) {
                if (i == throwAt)
                    throw std::length_error("index " + std::to_string(i));
                return true;
            });
        } catch (const std::length_error& e) {
            caught = true;
            QCOMPARE(QString::fromStdString(e.what()), QStringLiteral("index %1").arg(throwAt));
        }
        QVERIFY(caught);
    }
};

QTEST_GUILESS_MAIN(TestParallel)
#include "test_parallel.moc"

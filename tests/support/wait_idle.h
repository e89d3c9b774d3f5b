#pragma once
// Waits until the window's document has no job running, after the posted results were delivered:
// a job's results and its "finished" are posted before its future stops running, and a result may
// start another job (the plan's re-evaluation also starts after a short coalescing delay). One
// check after delivering the events raced with such a follow-up job; this loops until it settles.
#include <app/workbench_document.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTest>

namespace testsupport {

inline bool waitIdle(bitlens::WorkbenchDocument* d, int timeoutMs = 300000)
{
    QElapsedTimer t;
    t.start();
    QTest::qWait(200);
    do {
        while (d->busy() && t.elapsed() < timeoutMs)
            QTest::qWait(20);
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
    } while (d->busy() && t.elapsed() < timeoutMs);
    return !d->busy();
}

} // namespace testsupport

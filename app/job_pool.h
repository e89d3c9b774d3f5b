#pragma once
// The thread pool BitLens's background jobs run on, instead of QThreadPool::globalInstance():
// Qt's raster painting hands work to the global pool and waits for it, so jobs that filled it
// froze the window (a progress bar's repaint waited seconds for a layer's views to finish).
#include <QThreadPool>

namespace bitlens {

QThreadPool* jobPool();

} // namespace bitlens

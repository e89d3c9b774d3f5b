#include "job_pool.h"

namespace bitlens {

QThreadPool* jobPool()
{
    static QThreadPool* pool = [] {
        auto* p = new QThreadPool; // lives until exit, like the global pool
        p->setMaxThreadCount(QThread::idealThreadCount());
        return p;
    }();
    return pool;
}

} // namespace bitlens

#pragma once
// A minimal parallel-for: `threads` workers take indices 0..count-1 from a shared counter.
// Workers block (join), never spin. The callback returns false to stop early. An exception
// thrown by the callback on any worker stops the others and is rethrown on the calling thread
// after every worker has joined (an exception leaving a std::thread would terminate the program).
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace bitlens {

inline int defaultThreadCount() { return std::max(1u, std::thread::hardware_concurrency()); }

template <class Fn>
void parallelFor(int64_t count, int threads, Fn&& fn)
{
    std::atomic<int64_t> next{0};
    std::atomic<bool> stop{false};
    std::exception_ptr failure;
    std::mutex failureMutex;
    auto work = [&] {
        try {
            for (int64_t i; !stop.load(std::memory_order_relaxed) && (i = next.fetch_add(1)) < count;)
                if (!fn(i))
                    stop = true;
        } catch (...) {
            std::lock_guard lock(failureMutex);
            if (!failure)
                failure = std::current_exception();
            stop = true;
        }
    };
    const int n = static_cast<int>(std::clamp<int64_t>(threads, 1, std::max<int64_t>(count, 1)));
    std::vector<std::thread> pool;
    for (int t = 1; t < n; ++t) {
        try {
            pool.emplace_back(work);
        } catch (const std::system_error&) { // no more threads: the ones started share the work
            break;
        }
    }
    work();
    for (auto& t : pool)
        t.join();
    if (failure)
        std::rethrow_exception(failure);
}

} // namespace bitlens

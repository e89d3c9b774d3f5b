#pragma once
// A minimal parallel-for: `threads` workers take indices 0..count-1 from a shared counter.
// Workers block (join), never spin. The callback returns false to stop early.
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

namespace bitlens {

inline int defaultThreadCount() { return std::max(1u, std::thread::hardware_concurrency()); }

template <class Fn>
void parallelFor(int64_t count, int threads, Fn&& fn)
{
    std::atomic<int64_t> next{0};
    std::atomic<bool> stop{false};
    auto work = [&] {
        for (int64_t i; !stop.load(std::memory_order_relaxed) && (i = next.fetch_add(1)) < count;)
            if (!fn(i))
                stop = true;
    };
    const int n = static_cast<int>(std::clamp<int64_t>(threads, 1, std::max<int64_t>(count, 1)));
    std::vector<std::thread> pool;
    for (int t = 1; t < n; ++t)
        pool.emplace_back(work);
    work();
    for (auto& t : pool)
        t.join();
}

} // namespace bitlens

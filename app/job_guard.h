#pragma once
// Background jobs run their body through runGuarded: an exception it throws (out of memory, a
// bug) becomes a message for the job's error channel. Left alone it would be stored in the
// QFuture and rethrown on the GUI thread by result(), ending the program.
#include <exception>
#include <new>
#include <string>

namespace bitlens {

// Empty when `body` returned normally, else what it threw, as a sentence.
template <class Body>
std::string runGuarded(Body&& body) noexcept
{
    try {
        body();
        return {};
    } catch (const std::bad_alloc&) {
        return "out of memory";
    } catch (const std::exception& e) {
        return std::string("internal error: ") + e.what();
    } catch (...) {
        return "internal error";
    }
}

} // namespace bitlens

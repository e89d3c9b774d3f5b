#pragma once
// The cancel flag every background job of the documents polls: setting it tells the job's loop to
// stop; the latest request of a kind gets a fresh flag and stops the one before.
#include <atomic>
#include <memory>

namespace bitlens {

using CancelFlag = std::shared_ptr<std::atomic<bool>>;

// Stops the job behind `flag` and hands out a fresh flag for the next one.
inline CancelFlag replaceFlag(CancelFlag& flag)
{
    if (flag)
        *flag = true;
    flag = std::make_shared<std::atomic<bool>>(false);
    return flag;
}

} // namespace bitlens

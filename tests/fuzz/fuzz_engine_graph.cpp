// libFuzzer target: see fuzzentry::engineGraph in fuzz_entries.h. Built by scripts/fuzz.sh.
#include "fuzz_entries.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    fuzzentry::engineGraph(data, size);
    return 0;
}

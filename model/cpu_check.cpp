// BitLens is built for x86-64-v3 (AVX2 + FMA; CMake option BITLENS_X86_64_V3): Eigen picks its
// SIMD kernels at compile time and AVX2+FMA runs inference about twice as fast as SSE2. On an older
// CPU the program would die of SIGILL somewhere; this check runs before any other constructor of
// the program, is itself compiled for baseline x86-64, and says what is wrong instead.
// It is compiled into every executable that links bitlens_model (an INTERFACE source).
#if defined(BITLENS_X86_64_V3) && defined(__x86_64__)
#include <unistd.h>

namespace {

__attribute__((constructor(101), target("arch=x86-64"))) void requireX86_64_v3()
{
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("bmi2"))
        return;
    static const char message[] =
        "BitLens: this build needs an x86-64-v3 CPU (AVX2, FMA, BMI2; Intel Haswell or AMD Excavator and newer).\n"
        "Rebuild with: cmake -DBITLENS_X86_64_V3=OFF (runs everywhere, inference about 2x slower).\n";
    [[maybe_unused]] auto n = write(2, message, sizeof message - 1);
    _exit(2);
}

} // namespace
#endif

#pragma once
// One descriptor per quantization scheme (ggml's type_traits[] idea): tests, the CLI and the UI
// loop over this table, so a new scheme is picked up everywhere by adding one row. The named
// deployment formats (DESIGN.md "Named formats") are a second table of scheme + granularity +
// scale rows over the same schemes.
#include "quantizers.h"
#include "scheme.h"

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace bitlens {

struct FloatFormat;

// A bit mask of ScaleEncodings.
constexpr unsigned scaleBit(ScaleEncoding e) { return 1u << static_cast<unsigned>(e); }
inline constexpr unsigned kAnyScale = 0x1F;

struct SchemeDescriptor
{
    Scheme id;
    std::string_view name;    // plan/CLI spelling
    std::string_view label;   // for people
    int minBits;
    int maxBits;              // equal to minBits for the element formats: their bits are implied
    bool uniform;             // evenly spaced levels (QDQ-exportable as DequantizeLinear)
    bool needsSortedValues;   // prepare SortedValues once per group (k-means)
    QuantizeGroupFn quantize; // the scalar reference implementation
    std::string_view formula; // one line, for tooltips and --help
    unsigned scales = scaleBit(ScaleEncoding::Fp32); // encodings its scale may take (fp32 only: own parameters)
    ScaleEncoding defaultScale = ScaleEncoding::Fp32;
    IdealScaleFn idealScale = nullptr;   // scaled schemes: the scale before encoding (ue4m3's tensor scale)
    const FloatFormat* element = nullptr; // floating-point element formats: the grid
};

std::span<const SchemeDescriptor> schemeRegistry();
const SchemeDescriptor& schemeDescriptor(Scheme s);
inline bool bitsAllowed(Scheme s, int bits)
{
    const auto& d = schemeDescriptor(s);
    return bits >= d.minBits && bits <= d.maxBits;
}
inline bool scaleAllowed(Scheme s, ScaleEncoding e) { return (schemeDescriptor(s).scales & scaleBit(e)) != 0; }
// The six schemes with a choice of bits (DESIGN.md "Quantizers"): the default of every sweep.
inline bool hasBitRange(const SchemeDescriptor& d) { return d.minBits < d.maxBits; }

struct NamedFormat
{
    std::string_view name;  // plan ("format") and CLI (--format) spelling
    std::string_view label; // for people
    QuantSpec spec;
};

std::span<const NamedFormat> namedFormats();
std::optional<QuantSpec> parseFormat(std::string_view name);
// The named format a spec is, if any.
std::optional<std::string_view> formatName(const QuantSpec& spec);

// "" when the spec is valid, else why not: bits outside the scheme's range ("N is not allowed for
// S (range, or 32 for FP32)"; 32 keeps FP32), a
// scale encoding the scheme does not use, a block size below 2 or without per-block granularity.
std::string specProblem(const QuantSpec& spec);
// A short name for people and CSV: the named format, else "scheme n-bit granularity[ B][ scale]".
std::string specLabel(const QuantSpec& spec);

} // namespace bitlens

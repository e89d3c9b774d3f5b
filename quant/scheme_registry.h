#pragma once
// One descriptor per quantization scheme (ggml's type_traits[] idea): tests, the CLI and the UI
// loop over this table, so a new scheme is picked up everywhere by adding one row.
#include "quantizers.h"
#include "scheme.h"

#include <span>
#include <string_view>

namespace bitlens {

struct SchemeDescriptor
{
    Scheme id;
    std::string_view name;    // plan/CLI spelling
    std::string_view label;   // for people
    int minBits;
    int maxBits;
    bool uniform;             // evenly spaced levels (QDQ-exportable as DequantizeLinear)
    bool needsSortedValues;   // prepare SortedValues once per group (k-means)
    QuantizeGroupFn quantize; // the scalar reference implementation
    std::string_view formula; // one line, for tooltips and --help
};

std::span<const SchemeDescriptor> schemeRegistry();
const SchemeDescriptor& schemeDescriptor(Scheme s);
inline bool bitsAllowed(Scheme s, int bits)
{
    const auto& d = schemeDescriptor(s);
    return bits >= d.minBits && bits <= d.maxBits;
}

} // namespace bitlens

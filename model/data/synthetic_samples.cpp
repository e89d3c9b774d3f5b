// Synthetic samples (DESIGN.md "Datasets and preprocessing"): seeded N(0,1) for float inputs and
// uniform integers in [lo, hi] for integer inputs (bool: 0 or 1 unless a range is given), in the
// declared shapes with symbolic dimensions from the user. Sample i of input k depends only on the
// seed, i and k (not on how samples are batched), from splitmix64 and Box-Muller, which are the
// same on every platform (std::normal_distribution is not).
#include "sample_sources.h"

#include <cmath>
#include <numbers>

namespace bitlens {
namespace {

constexpr int64_t kMaxSampleElements = int64_t{1} << 28;

uint64_t splitmix64(uint64_t& state)
{
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// Uniform in (0, 1]: never 0, so log() in Box-Muller is finite.
double unitOpen(uint64_t& state)
{
    return (static_cast<double>(splitmix64(state) >> 11) + 1.0) * 0x1.0p-53;
}

struct SyntheticInput
{
    ValueInfo info;
    std::vector<int64_t> dims;
    int64_t elements = 0;
    int64_t lo = 0, hi = 0; // integer inputs
};

class SyntheticSamples : public SampleSource
{
public:
    SyntheticSamples(std::vector<SyntheticInput> inputs, int64_t count, uint64_t seed)
        : m_inputs(std::move(inputs)), m_seed(seed)
    {
        m_size = count;
        m_description = "synthetic (" + std::to_string(count) + " samples, seed " + std::to_string(seed) + ")";
    }

    Result<SampleBatch> next(int64_t count) override
    {
        SampleBatch b;
        for (; count > 0 && m_read < m_size; --count, ++m_read) {
            std::vector<Tensor> sample;
            for (size_t k = 0; k < m_inputs.size(); ++k)
                sample.push_back(make(m_inputs[k], static_cast<uint64_t>(m_read), k));
            b.samples.push_back(std::move(sample));
        }
        return b;
    }
    Result<bool> rewind() override
    {
        m_read = 0;
        return true;
    }

private:
    Tensor make(const SyntheticInput& in, uint64_t sample, size_t k) const
    {
        uint64_t state = m_seed;
        state = splitmix64(state) ^ (sample * 0xD1B54A32D192ED03ull);
        state = splitmix64(state) ^ (static_cast<uint64_t>(k) * 0x8CB92BA72F3D8DD7ull);
        Tensor t;
        t.name = in.info.name;
        t.type = in.info.type;
        t.dims = in.dims;
        const auto n = static_cast<size_t>(in.elements);
        if (isFloatType(in.info.type)) {
            t.floats.resize(n);
            for (size_t i = 0; i < n; i += 2) { // Box-Muller: two normals per pair of uniforms
                const double r = std::sqrt(-2.0 * std::log(unitOpen(state)));
                const double a = 2.0 * std::numbers::pi * unitOpen(state);
                t.floats[i] = static_cast<float>(r * std::cos(a));
                if (i + 1 < n)
                    t.floats[i + 1] = static_cast<float>(r * std::sin(a));
            }
            roundToStoredType(t);
        } else {
            t.ints.resize(n);
            const auto span = static_cast<uint64_t>(in.hi - in.lo) + 1;
            for (size_t i = 0; i < n; ++i)
                t.ints[i] = in.lo + static_cast<int64_t>(splitmix64(state) % span);
        }
        return t;
    }

    std::vector<SyntheticInput> m_inputs;
    uint64_t m_seed;
    int64_t m_read = 0;
};

} // namespace

Result<std::unique_ptr<SampleSource>> openSyntheticSamples(int64_t count, const Model& model, const SampleOptions& options)
{
    std::vector<SyntheticInput> inputs;
    for (const ValueInfo& v : model.inputs) {
        SyntheticInput in;
        in.info = v;
        const std::string who = "input '" + v.name + "'";
        if (!isFloatType(v.type) && !isIntegerType(v.type))
            return fail(who + " is " + std::string(dataTypeName(v.type)) + "; synthetic samples are float or integer");
        if (auto given = options.shapes.find(v.name); given != options.shapes.end()) {
            in.dims = given->second;
            if (!v.dims.empty() && in.dims.size() != v.dims.size())
                return fail("--shape " + v.name + ": rank " + std::to_string(in.dims.size()) + ", but the model declares " +
                            shapeString(v.dims));
            for (size_t a = 0; a < in.dims.size() && !v.dims.empty(); ++a)
                if (v.dims[a] >= 0 && v.dims[a] != in.dims[a])
                    return fail("--shape " + v.name + ": " + shapeString(in.dims) + " disagrees with the declared " +
                                shapeString(v.dims));
        } else {
            for (size_t a = 0; a < v.dims.size(); ++a) {
                if (v.dims[a] >= 0) {
                    in.dims.push_back(v.dims[a]);
                    continue;
                }
                const std::string& param = v.dimParams[a];
                if (auto d = options.dims.find(param); !param.empty() && d != options.dims.end())
                    in.dims.push_back(d->second);
                else if (a == 0)
                    in.dims.push_back(1); // the batch axis: one sample per run
                else
                    return fail(who + " has the symbolic dimension " + (param.empty() ? "(unnamed)" : "'" + param + "'") +
                                " at axis " + std::to_string(a) + "; give its size (--shape " +
                                (param.empty() ? v.name + "=" + shapeString(v.dims) : param + "=N") + ")");
            }
        }
        in.elements = 1;
        for (int64_t d : in.dims) {
            if (d < 0 || (d > 0 && in.elements > kMaxSampleElements / d))
                return fail(who + ": a sample of shape " + shapeString(in.dims) + " is over " +
                            std::to_string(kMaxSampleElements) + " elements");
            in.elements *= d;
        }
        if (isIntegerType(v.type)) {
            auto range = options.intRanges.find(v.name);
            if (range == options.intRanges.end())
                range = options.intRanges.find("");
            if (range != options.intRanges.end()) {
                in.lo = range->second.first;
                in.hi = range->second.second;
            } else if (v.type == DataType::Bool) {
                in.hi = 1;
            } else {
                return fail(who + " is " + std::string(dataTypeName(v.type)) +
                            ": give the range of its values (--int-range " + v.name + "=LO,HI, e.g. token ids)");
            }
            if (in.hi < in.lo || in.hi - in.lo > (int64_t{1} << 62))
                return fail(who + ": the integer range [" + std::to_string(in.lo) + ", " + std::to_string(in.hi) + "] is empty or too wide");
        }
        inputs.push_back(std::move(in));
    }
    std::unique_ptr<SampleSource> s = std::make_unique<SyntheticSamples>(std::move(inputs), count, options.seed);
    return s;
}

} // namespace bitlens

// Samples as one NPY file per graph input (<input name>.npy), samples on the first axis: an array
// of rank r+1 for an input of rank r gives samples arr[i]; an array of the input's own rank gives
// arr[i:i+1] (the input's first axis is the batch). Read sample by sample from the files; the
// header parser and element conversion are NpyDataset's (npy_header.h).
#include "npy_header.h"
#include "sample_sources.h"

#include <cmath>
#include <fstream>

namespace fs = std::filesystem;

namespace bitlens {
namespace {

struct NpyInput
{
    fs::path path;
    NpyHeader header;
    std::vector<int64_t> sampleDims; // one sample as the input takes it
    int64_t sampleElements = 0;
    std::ifstream file;
};

class NpySamples : public SampleSource
{
public:
    NpySamples(std::vector<NpyInput> files, const Model& model, const fs::path& folder)
        : m_files(std::move(files)), m_inputs(model.inputs)
    {
        m_size = m_files.empty() ? 0 : m_files.front().header.shape[0];
        m_description = "NPY per input " + folder.string();
    }

    Result<SampleBatch> next(int64_t count) override
    {
        SampleBatch b;
        std::vector<uint8_t> raw;
        std::vector<double> values;
        for (; count > 0 && m_read < m_size; --count, ++m_read) {
            std::vector<Tensor> inputs;
            for (size_t k = 0; k < m_files.size(); ++k) {
                NpyInput& in = m_files[k];
                raw.resize(static_cast<size_t>(in.sampleElements * in.header.itemSize));
                if (!in.file.read(reinterpret_cast<char*>(raw.data()), static_cast<std::streamsize>(raw.size())))
                    return fail(in.path.string() + ": ends after " + std::to_string(m_read) + " samples");
                values.resize(static_cast<size_t>(in.sampleElements));
                npyToDouble(in.header, raw.data(), in.sampleElements, values.data());
                Tensor t;
                t.name = m_inputs[k].name;
                t.dims = in.sampleDims;
                const std::string where = in.path.string() + ": sample " + std::to_string(m_read);
                if (in.header.kind == 'f') {
                    t.type = DataType::Float;
                    t.floats.resize(values.size());
                    for (size_t i = 0; i < values.size(); ++i) {
                        if (!std::isfinite(values[i]))
                            return fail(where + " has a NaN or infinite value");
                        t.floats[i] = static_cast<float>(values[i]);
                    }
                } else {
                    // Integers convert exactly up to 2^53 (token ids, masks, class indices).
                    t.type = DataType::Int64;
                    t.ints.resize(values.size());
                    for (size_t i = 0; i < values.size(); ++i)
                        t.ints[i] = static_cast<int64_t>(values[i]);
                    if (isFloatType(m_inputs[k].type)) { // integer data for a float input: its values
                        t.type = DataType::Float;
                        t.floats.assign(values.begin(), values.end());
                        t.ints.clear();
                    }
                }
                auto typed = asInputType(std::move(t), m_inputs[k], where);
                if (!typed)
                    return Error{typed.error()};
                inputs.push_back(std::move(*typed));
            }
            if (auto ok = checkSample(m_inputs, inputs, m_description + ": sample " + std::to_string(m_read)); !ok)
                return Error{ok.error()};
            b.samples.push_back(std::move(inputs));
        }
        return b;
    }

    Result<bool> rewind() override
    {
        for (NpyInput& in : m_files) {
            in.file.clear();
            in.file.seekg(in.header.dataOffset);
            if (!in.file)
                return fail(in.path.string() + ": cannot rewind");
        }
        m_read = 0;
        return true;
    }

private:
    std::vector<NpyInput> m_files;
    std::vector<ValueInfo> m_inputs;
    int64_t m_read = 0;
};

} // namespace

Result<std::unique_ptr<SampleSource>> openNpySamples(const fs::path& folder, const Model& model)
{
    std::vector<NpyInput> files;
    for (const ValueInfo& v : model.inputs) {
        NpyInput in;
        in.path = folder / npyFileNameFor(v.name);
        auto h = readNpyHeader(in.path);
        if (!h)
            return fail(h.error() + " (the file for input '" + v.name + "')");
        in.header = *h;
        const auto& s = in.header.shape;
        if (s.empty())
            return fail(in.path.string() + ": a scalar; samples are on the first axis");
        if (!v.dims.empty() && s.size() == v.dims.size() + 1)
            in.sampleDims.assign(s.begin() + 1, s.end());
        else if (v.dims.empty() || s.size() == v.dims.size()) {
            in.sampleDims = s;
            in.sampleDims[0] = 1;
        } else
            return fail(in.path.string() + ": shaped " + shapeString(s) + " for input '" + v.name + "' of rank " +
                        std::to_string(v.dims.size()) + " (expected rank " + std::to_string(v.dims.size()) + " or " +
                        std::to_string(v.dims.size() + 1) + ", samples on the first axis)");
        // The header's element count is checked against the file's size, so this product is bounded.
        in.sampleElements = 1;
        for (int64_t d : in.sampleDims)
            in.sampleElements *= d;
        if (!files.empty() && s[0] != files.front().header.shape[0])
            return fail(in.path.string() + ": " + std::to_string(s[0]) + " samples but " +
                        files.front().path.filename().string() + " has " + std::to_string(files.front().header.shape[0]));
        in.file.open(in.path, std::ios::binary);
        if (!in.file)
            return fail(in.path.string() + ": cannot open");
        in.file.seekg(in.header.dataOffset);
        files.push_back(std::move(in));
    }
    if (files.empty())
        return fail(folder.string() + ": the model takes no inputs, so there is nothing to read");
    if (files.front().header.shape[0] == 0)
        return fail(files.front().path.string() + ": holds no samples");
    std::unique_ptr<SampleSource> src = std::make_unique<NpySamples>(std::move(files), model, folder);
    return src;
}

} // namespace bitlens

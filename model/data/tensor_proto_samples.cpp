// Samples as ONNX test data (the format of Debian's libonnx-testdata and of `bitlens-cli run`): each
// test_data_set_* folder (in the order of its number) is one sample whose input_<i>.pb is graph
// input i; a folder holding input_<i>.pb itself is one sample. Files are read when their sample is.
#include "sample_sources.h"

#include <model/tensor_proto_io.h>

#include <algorithm>

namespace fs = std::filesystem;

namespace bitlens {
namespace {

constexpr int64_t kMaxSets = 1'000'000;

class TensorProtoSamples : public SampleSource
{
public:
    TensorProtoSamples(std::vector<fs::path> sets, const Model& model, const fs::path& folder)
        : m_sets(std::move(sets)), m_inputs(model.inputs)
    {
        m_size = static_cast<int64_t>(m_sets.size());
        m_description = "ONNX test data " + folder.string();
    }

    Result<SampleBatch> next(int64_t count) override
    {
        SampleBatch b;
        for (; count > 0 && m_read < m_size; --count, ++m_read) {
            const fs::path& set = m_sets[static_cast<size_t>(m_read)];
            std::vector<Tensor> inputs;
            for (size_t k = 0; k < m_inputs.size(); ++k) {
                const fs::path file = set / ("input_" + std::to_string(k) + ".pb");
                auto t = readTensorProtoFile(file);
                if (!t)
                    return Error{t.error()};
                auto typed = asInputType(std::move(*t), m_inputs[k], file.string());
                if (!typed)
                    return Error{typed.error()};
                inputs.push_back(std::move(*typed));
            }
            if (auto ok = checkSample(m_inputs, inputs, set.string()); !ok)
                return Error{ok.error()};
            b.samples.push_back(std::move(inputs));
        }
        return b;
    }
    Result<bool> rewind() override
    {
        m_read = 0;
        return true;
    }

private:
    std::vector<fs::path> m_sets;
    std::vector<ValueInfo> m_inputs;
    int64_t m_read = 0;
};

// "test_data_set_12" -> 12; -1 if the rest is not a number.
int64_t setNumber(const std::string& name)
{
    const std::string digits = name.substr(std::string("test_data_set_").size());
    if (digits.empty() || digits.size() > 9 || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return -1;
    return std::stoll(digits);
}

} // namespace

Result<std::unique_ptr<SampleSource>> openTensorProtoSamples(const fs::path& folder, const Model& model)
{
    std::vector<std::pair<int64_t, fs::path>> numbered;
    std::error_code ec;
    for (auto it = fs::directory_iterator(folder, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (it->is_directory(ec) && name.rfind("test_data_set_", 0) == 0) {
            numbered.emplace_back(setNumber(name), it->path());
            if (static_cast<int64_t>(numbered.size()) > kMaxSets)
                return fail(folder.string() + ": more than " + std::to_string(kMaxSets) + " test data sets");
        }
    }
    if (ec)
        return fail(folder.string() + ": cannot list the folder (" + ec.message() + ")");
    std::sort(numbered.begin(), numbered.end());
    std::vector<fs::path> sets;
    for (auto& [n, p] : numbered)
        sets.push_back(std::move(p));
    if (sets.empty())
        sets.push_back(folder);
    // Every file must be there before the first is read: a missing one is a message, not a late failure.
    for (const fs::path& set : sets)
        for (size_t k = 0; k < model.inputs.size(); ++k)
            if (const fs::path file = set / ("input_" + std::to_string(k) + ".pb"); !fs::is_regular_file(file, ec))
                return fail(file.string() + ": missing (the model takes " + std::to_string(model.inputs.size()) +
                            " input(s); input_" + std::to_string(k) + ".pb is '" + model.inputs[k].name + "')");
    std::unique_ptr<SampleSource> s = std::make_unique<TensorProtoSamples>(std::move(sets), model, folder);
    return s;
}

} // namespace bitlens

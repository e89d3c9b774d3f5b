#include "samples.h"

#include "image_folder_dataset.h"
#include "sample_sources.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace fs = std::filesystem;

namespace bitlens {

std::string npyFileNameFor(const std::string& inputName)
{
    std::string name = inputName;
    for (char& c : name)
        if (c == '/' || c == '\\' || c == ':')
            c = '_';
    return name + ".npy";
}

bool takesBatches(const Model& model)
{
    if (model.inputs.empty())
        return false;
    return std::all_of(model.inputs.begin(), model.inputs.end(),
                       [](const ValueInfo& v) { return !v.dims.empty() && v.dims[0] < 0; });
}

Result<Tensor> asInputType(Tensor t, const ValueInfo& input, const std::string& where)
{
    const DataType want = input.type;
    if (want == DataType::Undefined || want == t.type)
        return t;
    if (isFloatType(want) && t.isFloat()) {
        t.type = want;
        roundToStoredType(t);
        return t;
    }
    if (isIntegerType(want) && isIntegerType(t.type)) {
        t.type = want;
        return t;
    }
    return fail(where + ": holds " + std::string(dataTypeName(t.type)) + " values but input '" + input.name + "' is " +
                std::string(dataTypeName(want)));
}

Result<bool> checkSample(const std::vector<ValueInfo>& declared, const std::vector<Tensor>& inputs, const std::string& where)
{
    if (inputs.size() != declared.size())
        return fail(where + ": " + std::to_string(inputs.size()) + " input(s) for a model that takes " +
                    std::to_string(declared.size()));
    for (size_t k = 0; k < inputs.size(); ++k) {
        const ValueInfo& v = declared[k];
        const Tensor& t = inputs[k];
        if (v.type != DataType::Undefined && (isFloatType(v.type) != t.isFloat() || isIntegerType(v.type) != isIntegerType(t.type)))
            return fail(where + ": input '" + v.name + "' is " + std::string(dataTypeName(v.type)) + ", not " +
                        std::string(dataTypeName(t.type)));
        if (v.dims.empty()) // the file declares no shape
            continue;
        bool same = v.dims.size() == t.dims.size();
        for (size_t a = 0; same && a < v.dims.size(); ++a)
            same = v.dims[a] < 0 || v.dims[a] == t.dims[a];
        if (!same)
            return fail(where + ": input '" + v.name + "' is " + shapeString(t.dims) + " but the model declares " +
                        shapeString(v.dims));
    }
    return true;
}

Result<std::vector<Tensor>> stackSamples(const SampleBatch& batch, int64_t lo, int64_t hi)
{
    std::vector<Tensor> out;
    if (lo >= hi)
        return out;
    const auto& first = batch.samples[static_cast<size_t>(lo)];
    for (size_t k = 0; k < first.size(); ++k) {
        Tensor t;
        t.name = first[k].name;
        t.type = first[k].type;
        t.dims = first[k].dims;
        if (t.dims.empty())
            return fail("input " + std::to_string(k) + " is a scalar; its samples cannot be stacked");
        t.dims[0] = 0;
        for (int64_t i = lo; i < hi; ++i) {
            const Tensor& s = batch.samples[static_cast<size_t>(i)][k];
            if (s.dims.size() != first[k].dims.size() || !std::equal(s.dims.begin() + 1, s.dims.end(), first[k].dims.begin() + 1))
                return fail("input " + std::to_string(k) + ": sample " + std::to_string(i) + " is " + shapeString(s.dims) +
                            ", sample " + std::to_string(lo) + " " + shapeString(first[k].dims) + "; they cannot be stacked");
            t.dims[0] += s.dims[0];
            if (t.isFloat())
                t.floats.insert(t.floats.end(), s.floats.begin(), s.floats.end());
            else
                t.ints.insert(t.ints.end(), s.ints.begin(), s.ints.end());
        }
        out.push_back(std::move(t));
    }
    return out;
}

namespace {

// Images of a test set, preprocessed as for evaluation, one [1, C, H, W] sample each.
class ImageSamples : public SampleSource
{
public:
    ImageSamples(std::unique_ptr<Dataset> images, const ValueInfo& input, const Preprocessing& pre)
        : m_images(std::move(images)), m_input(input), m_pre(pre)
    {
        m_size = m_images->size();
        if (m_images->labelled())
            m_labels = m_images->labels();
        m_classNames = m_images->classNames();
        m_description = m_images->description();
    }

    Result<SampleBatch> next(int64_t count) override
    {
        auto images = m_images->next(count);
        if (!images)
            return Error{images.error()};
        SampleBatch b;
        for (int64_t i = 0; i < images->count; ++i) {
            auto t = asInputType(images->toInput(i, i + 1, m_pre), m_input, m_images->description());
            if (!t)
                return Error{t.error()};
            b.samples.push_back({std::move(*t)});
        }
        return b;
    }
    Result<bool> rewind() override { return m_images->rewind(); }

private:
    std::unique_ptr<Dataset> m_images;
    ValueInfo m_input;
    Preprocessing m_pre;
};

bool startsWith(const std::string& s, const std::string& prefix)
{
    return s.compare(0, prefix.size(), prefix) == 0;
}

} // namespace

Result<std::unique_ptr<SampleSource>> imageSamples(std::unique_ptr<Dataset> images, const Model& model, const Preprocessing& pre)
{
    if (model.inputs.size() != 1 || !isFloatType(model.inputs[0].type))
        return fail(images->description() + ": images feed a model with one float input; " + model.path.string() +
                    " takes " + std::to_string(model.inputs.size()) + " input(s) (give one NPY file per input instead)");
    std::unique_ptr<SampleSource> s = std::make_unique<ImageSamples>(std::move(images), model.inputs[0], pre);
    return s;
}

Result<std::unique_ptr<SampleSource>> openSamples(const std::string& samples, const Model& model, const SampleOptions& options)
{
    if (samples == "synthetic" || startsWith(samples, "synthetic:")) {
        int64_t count = options.syntheticCount;
        if (samples.size() > 10) {
            const std::string n = samples.substr(10);
            char* end = nullptr;
            const long long v = std::strtoll(n.c_str(), &end, 10);
            if (n.empty() || *end != 0 || v < 1 || v > (int64_t{1} << 31))
                return fail("--samples " + samples + ": expected synthetic:N with N a positive count");
            count = v;
        }
        return openSyntheticSamples(count, model, options);
    }
    const fs::path path = samples;
    std::error_code ec;
    if (!fs::exists(path, ec))
        return fail(samples + ": not found");
    if (fs::is_directory(path, ec)) {
        bool testData = fs::exists(path / "input_0.pb", ec);
        for (auto it = fs::directory_iterator(path, ec); !testData && !ec && it != fs::directory_iterator(); it.increment(ec))
            testData = it->is_directory(ec) && startsWith(it->path().filename().string(), "test_data_set_");
        if (testData)
            return openTensorProtoSamples(path, model);
        if (!model.inputs.empty() && fs::exists(path / npyFileNameFor(model.inputs[0].name), ec))
            return openNpySamples(path, model);
    }
    // A test set (its labels come along), else a folder of images without class sub-folders.
    auto labelled = openDataset(path, inputShapeOf(model));
    if (!labelled && fs::is_directory(path, ec)) {
        auto unlabelled = ImageFolderDataset::open(path, inputShapeOf(model), ImageFolderDataset::Labels::Optional);
        if (unlabelled && !(*unlabelled)->labelled())
            return imageSamples(std::move(*unlabelled), model, options.pre);
        return fail(samples + ": no samples found: expected test_data_set_*/input_0.pb, input_0.pb, " +
                    (model.inputs.empty() ? std::string("<input>.npy") : npyFileNameFor(model.inputs[0].name)) +
                    ", images or a test set (" + (unlabelled ? labelled.error() : unlabelled.error()) + ")");
    }
    if (!labelled)
        return Error{labelled.error()};
    return imageSamples(std::move(*labelled), model, options.pre);
}

} // namespace bitlens

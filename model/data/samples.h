#pragma once
// Samples for any model, labels not needed (DESIGN.md "Datasets and preprocessing", samples
// without labels): one tensor per graph input for each sample, read batch by batch so memory stays
// bounded whatever the set's size. Sources:
// - a folder of ONNX test data: test_data_set_*/input_<i>.pb (one sample per data set), or
//   input_<i>.pb directly in the folder (one sample);
// - one NPY file per graph input, <input name>.npy, samples on the first axis;
// - images: a labelled test set as openDataset() reads it (its labels come along), or a folder of
//   images with no class sub-folders, preprocessed as for evaluation;
// - synthetic: seeded N(0,1) for float inputs, uniform integers in a range the user gives for
//   integer inputs, in the declared shapes with symbolic dimensions given by the user.
#include <model/data/preprocessing.h>
#include <model/model.h>
#include <model/result.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace bitlens {

struct SampleBatch
{
    // samples[i][k]: graph input k of sample i, in the shape the model takes (an image sample is
    // [1, C, H, W]) and the input's declared type.
    std::vector<std::vector<Tensor>> samples;
    int64_t count() const { return static_cast<int64_t>(samples.size()); }
};

class SampleSource
{
public:
    virtual ~SampleSource() = default;

    int64_t size() const { return m_size; }
    // Per sample, when the source is a labelled test set; empty otherwise.
    const std::vector<int32_t>& labels() const { return m_labels; }
    const std::vector<std::string>& classNames() const { return m_classNames; }
    // What the samples are, for the user ("NPY per input /data/x", "synthetic (seed 1)").
    const std::string& description() const { return m_description; }

    // The next up to `count` samples; fewer at the end, none when done. Errors name the file.
    virtual Result<SampleBatch> next(int64_t count) = 0;
    virtual Result<bool> rewind() = 0;

protected:
    int64_t m_size = 0;
    std::vector<int32_t> m_labels;
    std::vector<std::string> m_classNames;
    std::string m_description;
};

struct SampleOptions
{
    // Images take this preprocessing (the caller resolves it: metadata, card, command line).
    Preprocessing pre;
    // Synthetic samples ("synthetic" or "synthetic:N"; N defaults to `syntheticCount`).
    int64_t syntheticCount = 16;
    uint64_t seed = 0;
    // Sizes for symbolic dimensions: a whole input's shape by input name, or one dimension by its
    // symbolic name (dim_param). A symbolic first axis left open is 1 (one sample per run).
    std::map<std::string, std::vector<int64_t>> shapes;
    std::map<std::string, int64_t> dims;
    // Uniform integers in [lo, hi] for integer inputs, by input name; "" applies to every one.
    std::map<std::string, std::pair<int64_t, int64_t>> intRanges;
};

// SAMPLES as the command line takes it: "synthetic[:N]", a folder of ONNX test data, a folder of
// <input name>.npy files, a folder of images without class sub-folders, or any DATA openDataset()
// accepts (then the labels come along). The sample tensors are checked against the model's inputs
// (count, type, rank and fixed dimensions) as they are read, with messages naming the file.
Result<std::unique_ptr<SampleSource>> openSamples(const std::string& samples, const Model& model,
                                                  const SampleOptions& options = {});

// The file name of an input's NPY file: its name with '/', '\\' and ':' as '_'.
std::string npyFileNameFor(const std::string& inputName);

// Samples [lo, hi) of a batch concatenated on the first axis, one tensor per graph input (to run
// them in one call); an error if their shapes beyond the first axis differ.
Result<std::vector<Tensor>> stackSamples(const SampleBatch& batch, int64_t lo, int64_t hi);

// True when every graph input's first dimension is symbolic, so samples may be run stacked.
bool takesBatches(const Model& model);

// Checks one sample against the model's inputs (count, type, rank, fixed dimensions); `where`
// names the file(s) in the message.
Result<bool> checkSample(const std::vector<ValueInfo>& declared, const std::vector<Tensor>& inputs, const std::string& where);

} // namespace bitlens

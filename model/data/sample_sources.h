#pragma once
// The sample sources behind openSamples() (samples.cpp), one file each; internal to model/data.
#include "dataset.h"
#include "samples.h"

namespace bitlens {

// A folder of ONNX test data: test_data_set_*/input_<i>.pb, or input_<i>.pb directly.
Result<std::unique_ptr<SampleSource>> openTensorProtoSamples(const std::filesystem::path& folder, const Model& model);
// <input name>.npy for every graph input in `folder`, samples on the first axis.
Result<std::unique_ptr<SampleSource>> openNpySamples(const std::filesystem::path& folder, const Model& model);
// Seeded samples in the declared input shapes.
Result<std::unique_ptr<SampleSource>> openSyntheticSamples(int64_t count, const Model& model, const SampleOptions& options);
// Images of a test set (labelled or not) for a model with one image input.
Result<std::unique_ptr<SampleSource>> imageSamples(std::unique_ptr<Dataset> images, const Model& model,
                                                   const Preprocessing& pre);

// A decoded tensor as graph input `k` takes it: its declared type (float types held in float32 and
// rounded to the type, integers exactly), or an error naming `where`.
Result<Tensor> asInputType(Tensor t, const ValueInfo& input, const std::string& where);

} // namespace bitlens

#pragma once
// What each fuzz target does with one input. The libFuzzer targets (fuzz_*.cpp, built with
// clang by scripts/fuzz.sh) and the corpus replay in the normal suite (test_fuzz_replay) call the
// same functions, so every input the fuzzers kept is rerun on every build, under ASan too.
#include <cstddef>
#include <cstdint>

namespace fuzzentry {

// The bytes as model.onnx beside a small weights.bin: load, find the weights, summarise, build an
// engine session, run it when the inputs are small, and compute the views of small layers.
void onnxModel(const uint8_t* data, size_t size);
// The first two bytes (little-endian) are the length of the images file; the rest is the labels
// file. Opens both and reads every image, then rewinds and reads one batch again.
void idxDataset(const uint8_t* data, size_t size);
// As idxDataset, for images.npy and labels.npy; also parses the images header from memory.
void npyDataset(const uint8_t* data, size_t size);
// The bytes as a small graph of registered operators with fuzzed attributes, constants (shape
// tensors included) and input shape, built past the loader: create a session, run it once.
void engineGraph(const uint8_t* data, size_t size);
// The bytes as a project, a plan (with and without known layers) and a class-groups file.
void projectFiles(const uint8_t* data, size_t size);

} // namespace fuzzentry

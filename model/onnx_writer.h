#pragma once
// Writes ONNX files (DESIGN.md "Files", quantized model export): a copy of a loaded model whose
// constants (initializers or Constant node values) are replaced, e.g. every weight by its x^ for
// the fake-quant export, with metadata added; and ONNX's own checker on a written file. All data
// is written inline (a model that read external data gets it inline; past protobuf's 2 GiB the
// export is refused). Protobuf types stay inside onnx_writer.cpp.
#include "model.h"
#include "result.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace bitlens {

// A node to add: op type, inputs, outputs and integer attributes (default domain).
struct OnnxNode
{
    std::string name, op;
    std::vector<std::string> inputs, outputs;
    std::vector<std::pair<std::string, int64_t>> intAttributes;
};

// What computes a constant instead of storing it: new initializers (float, int8, uint8 or int64
// tensors, named) and nodes, the last of which outputs the constant's name.
struct ConstantSubgraph
{
    std::vector<Tensor> initializers;
    std::vector<OnnxNode> nodes;
};

struct OnnxWriteOptions
{
    std::map<std::string, std::shared_ptr<const Tensor>> constants;   // name -> new float value (same dims)
    std::map<std::string, ConstantSubgraph> computed;                  // name -> nodes computing it (QDQ)
    int64_t minOpset = 0;                                              // refuse models below this opset
    std::vector<std::pair<std::string, std::string>> metadata;         // added to metadata_props (replacing a key)
    std::string producerName = "BitLens";
};

// Re-reads model.path, applies the options, writes `outPath` atomically.
Result<bool> writeModelWithConstants(const Model& model, const OnnxWriteOptions& options, const std::string& outPath);

// onnx::checker::check_model on the file; the checker's message on failure.
Result<bool> checkOnnxFile(const std::string& path);

} // namespace bitlens

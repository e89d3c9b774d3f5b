#pragma once
// The graph as BitLens sees it, free of protobuf types: nodes, attributes, graph inputs and
// outputs, and every constant (initializers and Constant-node outputs) decoded and validated.
#include "tensor.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace bitlens {

struct Graph;

struct Attribute
{
    enum class Kind { Float, Int, String, Tensor, Graph, Floats, Ints, Strings, Other };
    std::string name;
    Kind kind = Kind::Other;
    double f = 0;
    int64_t i = 0;
    std::string s;
    std::vector<double> floats;
    std::vector<int64_t> ints;
    std::vector<std::string> strings;
    std::shared_ptr<const Tensor> tensor;
    std::shared_ptr<const Graph> graph; // kind Graph: an If branch, a Loop or Scan body
};

struct Node
{
    std::string name;
    std::string opType;
    std::string domain;
    std::vector<std::string> inputs;
    std::vector<std::string> outputs;
    std::vector<Attribute> attributes;
    // Names its subgraphs (If, Loop, Scan) read from the enclosing graphs: the node depends on
    // them as on its inputs (ordering, liveness), though they are not listed in `inputs`.
    std::vector<std::string> outerScopeReads;

    const Attribute* attribute(std::string_view attrName) const;
    int64_t intAttribute(std::string_view attrName, int64_t fallback) const;
    double floatAttribute(std::string_view attrName, double fallback) const;
};

struct ValueInfo
{
    std::string name;
    DataType type = DataType::Undefined;
    // One entry per axis: a fixed size, or -1 with the symbolic name in dimParams.
    std::vector<int64_t> dims;
    std::vector<std::string> dimParams;
};

// A control-flow subgraph: its formal inputs and outputs, its nodes (sorted like the main graph)
// and its own constants; `outerReads` are the names it takes from the enclosing scopes.
struct Graph
{
    std::string name;
    std::string path; // where it sits, for messages and layer names: "/If_3 / then_branch"
    std::vector<ValueInfo> inputs;
    std::vector<ValueInfo> outputs;
    std::vector<Node> nodes;
    std::map<std::string, std::shared_ptr<const Tensor>> constants;
    std::vector<std::string> outerReads;
};

struct Model
{
    std::filesystem::path path;
    int64_t irVersion = 0;
    std::string producerName;
    std::string producerVersion;
    std::vector<std::pair<std::string, int64_t>> opsets; // domain ("" = ai.onnx), version
    int64_t defaultOpset = 0;
    std::vector<std::pair<std::string, std::string>> metadata;
    std::vector<ValueInfo> inputs;  // graph inputs that are not initializers
    std::vector<ValueInfo> outputs;
    std::vector<Node> nodes;
    // Initializers and Constant-node outputs, by tensor name.
    std::map<std::string, std::shared_ptr<const Tensor>> constants;
    int64_t fileBytes = 0;

    const Tensor* constant(const std::string& name) const;
    const std::string* metadataValue(std::string_view key) const;
};

} // namespace bitlens

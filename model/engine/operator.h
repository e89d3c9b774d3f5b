#pragma once
// The interface every engine operator implements (one operator or one small family per file in
// model/ops/, registered in model/ops/registry.cpp): built once per node with its attributes
// checked, then run on input tensors. Errors are messages naming the node; nothing throws.
#include <model/model.h>
#include <model/result.h>

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bitlens::engine {

// Empty on success, else what went wrong (the session adds the node's name).
using Status = std::string;

// The largest tensor an operator may allocate, in elements (default 2^30: 4 GiB of float32).
// Beyond it a run fails naming the node instead of exhausting memory. The fuzz targets lower it.
int64_t maxTensorElements();
void setMaxTensorElements(int64_t elements);

// The most multiply-adds one operator may do in one run (default: no limit). The fuzz targets
// lower it so that a tiny graph asking for hours of arithmetic is a finding, not a hang.
int64_t maxOperatorWork();
void setMaxOperatorWork(int64_t multiplyAdds);

class Operator
{
public:
    virtual ~Operator() = default;
    // inputs[i] is null for an omitted optional input; outputs are sized to the node's outputs.
    virtual Status run(std::span<const Tensor* const> inputs, std::span<Tensor> outputs) const = 0;
    // True if run() handles channels-last inputs (Tensor::channelsLast); otherwise the session
    // hands it NCHW copies.
    virtual bool acceptsChannelsLast() const { return false; }
    // Control-flow operators own their subgraphs' constants: they replace one by name (false if
    // they have none of that name) and say whether they hold it.
    virtual Result<bool> overrideConstant(const std::string& /*name*/, const std::shared_ptr<const Tensor>& /*value*/)
    {
        return false;
    }
    virtual bool hasConstant(const std::string& /*name*/) const { return false; }
};

using OperatorFactory = Result<std::unique_ptr<Operator>> (*)(const Node& node, int64_t opset);

struct OperatorInfo
{
    std::string_view opType;
    OperatorFactory make;
};

// Null if BitLens has no kernel for this op type (default domain only).
const OperatorInfo* findOperator(std::string_view opType);
std::vector<std::string> supportedOperators();

} // namespace bitlens::engine

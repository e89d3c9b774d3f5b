#pragma once
// A quantization plan (DESIGN.md "Files", *.bitlens-plan.json): defaults and per-layer settings;
// a layer absent from `layers` takes the defaults; bits 32 keeps it FP32. Version 2 adds per-block
// granularity ("block"), scale encodings ("scale"), the element formats and named formats
// ("format"); version 1 files read as before.
#include "scheme.h"

#include <model/result.h>
#include <model/weights.h>

#include <QByteArray>
#include <QJsonObject>

#include <map>
#include <string>

namespace bitlens {

struct Plan
{
    QuantSpec defaults{Scheme::Asymmetric, Granularity::PerChannel, 8};
    bool foldBatchNorm = false;
    std::string modelSha256;
    std::map<std::string, QuantSpec> layers;

    QuantSpec specFor(const std::string& layer) const;
    static Plan uniform(const QuantSpec& spec);
};

// Reads and validates a plan: format, version (a newer one is refused), field types, bits
// allowed for the scheme (or 32), and every layer name among `known` (if given).
Result<Plan> readPlan(const std::string& path, const std::vector<WeightLayer>* known = nullptr);
// The same checks on an object already read (e.g. embedded in a project); errors start with `where`.
Result<Plan> planFromJson(const QJsonObject& object, const std::vector<WeightLayer>* known, const std::string& where);

// One spec object ({"scheme", "granularity", "bits", "block", "scale"} or {"format"}) over `base`,
// with the plan's checks; errors start with `where` + "." + the key.
Result<QuantSpec> specFromJson(const QJsonObject& object, const QuantSpec& base, const std::string& where);

// Code bits plus parameter overhead of every weight layer under the plan, FP32 layers at 32 bits
// per weight (eval's weight_bits).
int64_t planWeightBits(const Plan& plan, const std::vector<WeightLayer>& layers);
// The plan in DESIGN.md's format (readPlan reads it back), and written atomically (QSaveFile).
QByteArray planJson(const Plan& plan);
Result<bool> writePlan(const Plan& plan, const std::string& path);

} // namespace bitlens

#include "plan_csv.h"

#include "view_csv.h"

namespace bitlens {

namespace {

std::string flag(bool b) { return b ? "true" : "false"; }

// A setting as three fields. FP32 follows accuracyCsv: scheme "fp32", no granularity, bits 32.
std::string specFields(const QuantSpec& spec)
{
    if (spec.bits == kFp32Bits)
        return "fp32,," + std::to_string(kFp32Bits);
    return std::string(schemeName(spec.scheme)) + ',' + std::string(granularityName(spec.granularity)) + ',' +
           std::to_string(spec.bits);
}

// "16x1x3x3": no comma, so the field needs no quotes.
std::string shapeField(const std::vector<int64_t>& shape)
{
    std::string out;
    for (size_t i = 0; i < shape.size(); ++i) {
        if (i)
            out += 'x';
        out += std::to_string(shape[i]);
    }
    return out;
}

std::string optionalNumber(const std::optional<double>& x) { return x ? csvNumber(*x) : std::string(); }

std::string kindName(ParetoKind kind)
{
    switch (kind) {
    case ParetoKind::Proposal: return "proposal";
    case ParetoKind::User: return "user";
    case ParetoKind::Uniform: return "uniform";
    }
    return "?";
}

} // namespace

std::string sensitivityCsv(const SensitivityView& v)
{
    std::string out = "rank,layer,scheme,granularity,bits,images,fp32_top1,top1,top5,top1_drop,output_distance\n";
    const std::string common = specFields(v.spec) + ',' + std::to_string(v.images) + ',' + csvNumber(v.fp32Top1);
    for (size_t i = 0; i < v.layers.size(); ++i) {
        const LayerSensitivity& l = v.layers[i];
        out += std::to_string(i + 1) + ',' + csvField(l.layer) + ',' + common + ',' + csvNumber(l.top1) + ',' +
               csvNumber(l.top5) + ',' + csvNumber(l.top1Drop) + ',' + csvNumber(l.outputDistance) + '\n';
    }
    return out;
}

std::string planDistanceCsv(const PlanDistanceView& v)
{
    std::string out = "plan,index,layer,images,distance,relative\n";
    const std::string plan = csvField(v.planName);
    for (size_t i = 0; i < v.layers.size(); ++i)
        out += plan + ',' + std::to_string(i) + ',' + csvField(v.layers[i]) + ',' + std::to_string(v.images) + ',' +
               (i < v.distance.size() ? csvNumber(v.distance[i]) : std::string()) + ',' +
               (i < v.relative.size() ? csvNumber(v.relative[i]) : std::string()) + '\n';
    return out;
}

std::string paretoCsv(const ParetoView& v)
{
    std::string out = "label,kind,weight_bits,size_bytes,bits_per_weight,top1,on_front,current\n";
    for (size_t i = 0; i < v.points.size(); ++i) {
        const ParetoPoint& p = v.points[i];
        out += csvField(p.label) + ',' + kindName(p.kind) + ',' + std::to_string(p.weightBits) + ',' +
               std::to_string((p.weightBits + 7) / 8) + ',' + csvNumber(p.bitsPerWeight) + ',' + csvNumber(p.top1) +
               ',' + flag(p.onFront) + ',' + flag(static_cast<int>(i) == v.current) + '\n';
    }
    if (v.fp32Top1)
        out += "FP32,fp32,,," + std::to_string(kFp32Bits) + ',' + csvNumber(*v.fp32Top1) + ",,false\n";
    return out;
}

std::string planTableCsv(const std::vector<PlanLayerRow>& rows)
{
    std::string out = "layer,node,op,shape,parameters,scheme,granularity,bits,from_defaults,excluded,code_bits,"
                      "overhead_bits,zstd_bytes,sqnr_db,top1,top1_drop,output_distance,plan_distance\n";
    for (const PlanLayerRow& r : rows) {
        // SQNR: empty where nothing is quantized (FP32, or excluded for NaN/Inf), "exact" as elsewhere.
        const bool fp32 = r.spec.bits == kFp32Bits || r.excluded;
        const std::string sqnr = fp32 ? std::string() : r.sqnrDb ? csvNumber(*r.sqnrDb) : std::string("exact");
        const auto& s = r.sensitivity;
        out += csvField(r.layer) + ',' + csvField(r.node) + ',' + csvField(r.op) + ',' + shapeField(r.shape) + ',' +
               std::to_string(r.parameters) + ',' + specFields(r.spec) + ',' + flag(r.fromDefaults) + ',' +
               flag(r.excluded) + ',' + std::to_string(r.codeBits) + ',' + std::to_string(r.overheadBits) + ',' +
               std::to_string(r.zstdBytes) + ',' + sqnr + ',' + (s ? csvNumber(s->top1) : std::string()) + ',' +
               (s ? csvNumber(s->top1Drop) : std::string()) + ',' + (s ? csvNumber(s->outputDistance) : std::string()) +
               ',' + optionalNumber(r.planDistance) + '\n';
    }
    return out;
}

} // namespace bitlens

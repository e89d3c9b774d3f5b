#include "plan.h"

#include "quantize_tensor.h"
#include "scheme_registry.h"
#include "versioned_json.h"

#include <QFile>
#include <QSaveFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <optional>

namespace bitlens {

QuantSpec Plan::specFor(const std::string& layer) const
{
    auto it = layers.find(layer);
    return it == layers.end() ? defaults : it->second;
}

Plan Plan::uniform(const QuantSpec& spec)
{
    Plan p;
    p.defaults = spec;
    return p;
}

namespace {

std::string schemeList()
{
    std::string names;
    for (const SchemeDescriptor& d : schemeRegistry())
        names += (names.empty() ? "" : ", ") + std::string(d.name);
    return names;
}

std::string formatList()
{
    std::string names;
    for (const NamedFormat& f : namedFormats())
        names += (names.empty() ? "" : ", ") + std::string(f.name);
    return names;
}

// An integer in [lo, hi], or nullopt.
std::optional<int> intIn(const QJsonValue& v, double lo, double hi)
{
    const double b = v.toDouble(-1);
    // Range first: converting an out-of-range double to int is undefined (found by fuzzing).
    if (!v.isDouble() || !(b >= lo && b <= hi) || b != std::floor(b))
        return std::nullopt;
    return static_cast<int>(b);
}

// Version 1 keys (scheme, granularity, bits) and version 2's (block, scale, format), on top of
// `base` (the defaults, for a layer). "format" sets all of a named format's fields first; a scheme
// with implied bits takes them unless bits are given; a scheme that cannot use the inherited
// scale takes its own.
Result<QuantSpec> readSpec(const QJsonObject& o, const QuantSpec& base, const std::string& where)
{
    QuantSpec s = base;
    if (o.contains(QStringLiteral("format"))) {
        const QJsonValue v = o.value(QStringLiteral("format"));
        auto f = v.isString() ? parseFormat(v.toString().toStdString()) : std::nullopt;
        if (!f)
            return fail(where + ".format: expected one of " + formatList() + ", got " + jsonValueText(v));
        s = *f;
    }
    if (o.contains(QStringLiteral("scheme"))) {
        const QJsonValue v = o.value(QStringLiteral("scheme"));
        auto scheme = v.isString() ? parseScheme(v.toString().toStdString()) : std::nullopt;
        if (!scheme)
            return fail(where + ".scheme: expected one of " + schemeList() + ", got " + jsonValueText(v));
        s.scheme = *scheme;
        const SchemeDescriptor& d = schemeDescriptor(s.scheme);
        if (d.minBits == d.maxBits && s.bits != kFp32Bits)
            s.bits = d.minBits;
        if (!scaleAllowed(s.scheme, s.scale))
            s.scale = d.defaultScale;
    }
    if (o.contains(QStringLiteral("granularity"))) {
        const QJsonValue v = o.value(QStringLiteral("granularity"));
        auto g = v.isString() ? parseGranularity(v.toString().toStdString()) : std::nullopt;
        if (!g)
            return fail(where + ".granularity: expected per-tensor, per-channel or per-block, got " + jsonValueText(v));
        s.granularity = *g;
    }
    if (o.contains(QStringLiteral("block"))) {
        const QJsonValue v = o.value(QStringLiteral("block"));
        auto b = intIn(v, kMinBlock, kMaxBlock);
        if (!b)
            return fail(where + ".block: expected an integer in " + std::to_string(kMinBlock) + ".." +
                        std::to_string(kMaxBlock) + ", got " + jsonValueText(v));
        if (s.granularity != Granularity::PerBlock)
            return fail(where + ".block: a block size needs \"granularity\": \"per-block\"");
        s.block = *b;
    }
    if (s.granularity != Granularity::PerBlock)
        s.block = 0;
    else if (s.block == 0)
        return fail(where + ": per-block granularity needs \"block\" (2.." + std::to_string(kMaxBlock) + ")");
    if (o.contains(QStringLiteral("scale"))) {
        const QJsonValue v = o.value(QStringLiteral("scale"));
        auto e = v.isString() ? parseScaleEncoding(v.toString().toStdString()) : std::nullopt;
        if (!e)
            return fail(where + ".scale: expected one of fp32, fp16, bf16, e8m0, ue4m3, got " + jsonValueText(v));
        s.scale = *e;
    }
    if (o.contains(QStringLiteral("bits"))) {
        const QJsonValue v = o.value(QStringLiteral("bits"));
        auto b = intIn(v, 0, 1024);
        if (!b)
            return fail(where + ".bits: expected an integer, got " + jsonValueText(v));
        s.bits = *b;
    }
    if (const std::string problem = specProblem(s); !problem.empty())
        return fail(where + (s.bits != kFp32Bits && !bitsAllowed(s.scheme, s.bits) ? ".bits: " : ": ") + problem);
    return s;
}

// Whether the spec needs version 2's fields.
bool needsVersion2(const QuantSpec& s)
{
    return s.granularity == Granularity::PerBlock || s.scale != ScaleEncoding::Fp32 || !hasBitRange(schemeDescriptor(s.scheme));
}

} // namespace

Result<QuantSpec> specFromJson(const QJsonObject& object, const QuantSpec& base, const std::string& where)
{
    return readSpec(object, base, where);
}

Result<Plan> readPlan(const std::string& path, const std::vector<WeightLayer>* known)
{
    auto read = readVersionedJson(path, {"bitlens-plan", 2, int64_t{64} << 20, "plan", "plan"});
    if (!read)
        return Error{read.error()};
    return planFromJson(*read, known, path);
}

Result<Plan> planFromJson(const QJsonObject& o, const std::vector<WeightLayer>* known, const std::string& path)
{
    Plan p;
    if (o.contains(QStringLiteral("model_sha256")))
        p.modelSha256 = o.value(QStringLiteral("model_sha256")).toString().toStdString();
    if (o.contains(QStringLiteral("fold_batchnorm"))) {
        if (!o.value(QStringLiteral("fold_batchnorm")).isBool())
            return fail(path + ": fold_batchnorm: expected true or false");
        p.foldBatchNorm = o.value(QStringLiteral("fold_batchnorm")).toBool();
    }
    if (o.contains(QStringLiteral("defaults"))) {
        if (!o.value(QStringLiteral("defaults")).isObject())
            return fail(path + ": defaults: expected an object");
        auto d = readSpec(o.value(QStringLiteral("defaults")).toObject(), p.defaults, path + ": defaults");
        if (!d)
            return Error{d.error()};
        p.defaults = *d;
    }
    const QJsonValue layers = o.value(QStringLiteral("layers"));
    if (!layers.isUndefined() && !layers.isObject())
        return fail(path + ": layers: expected an object");
    const QJsonObject lo = layers.toObject();
    for (auto it = lo.begin(); it != lo.end(); ++it) {
        const std::string name = it.key().toStdString();
        // Tensor names in real models are far shorter; a huge key is a broken or hostile file.
        constexpr size_t kMaxLayerName = 4096;
        if (name.size() > kMaxLayerName)
            return fail(path + ": layers: a layer name longer than " + std::to_string(kMaxLayerName) + " characters");
        if (known && std::none_of(known->begin(), known->end(), [&](const WeightLayer& l) { return l.name == name; }))
            return fail(path + ": layers: the model has no weight layer '" + name.substr(0, 200) + "'");
        if (!it.value().isObject())
            return fail(path + ": layers." + name.substr(0, 200) + ": expected an object");
        auto s = readSpec(it.value().toObject(), p.defaults, path + ": layers." + name.substr(0, 200));
        if (!s)
            return Error{s.error()};
        p.layers[name] = *s;
    }
    return p;
}

int64_t planWeightBits(const Plan& plan, const std::vector<WeightLayer>& layers)
{
    int64_t bits = 0;
    for (const WeightLayer& l : layers) {
        const QuantSpec s = plan.specFor(l.name);
        if (s.bits == kFp32Bits) {
            bits += 32 * l.parameters();
            continue;
        }
        bits += l.parameters() * s.bits + quantizeLayer(l, s, OutputStatsOnly).overheadBits;
    }
    return bits;
}

} // namespace bitlens

namespace bitlens {

QByteArray planJson(const Plan& plan)
{
    // A named format is written by name (with bits 32 beside it if the layer stays FP32); other
    // specs by their fields, block and scale only where they matter.
    bool version2 = needsVersion2(plan.defaults);
    for (const auto& [name, s] : plan.layers)
        version2 = version2 || needsVersion2(s);
    // A layer is read over the defaults: in version 2 its scale is always written, so an fp32
    // layer under e8m0 defaults stays fp32.
    auto spec = [version2](const QuantSpec& s) {
        QuantSpec quantized = s;
        if (s.bits == kFp32Bits) {
            const SchemeDescriptor& d = schemeDescriptor(s.scheme);
            quantized.bits = d.minBits == d.maxBits ? d.minBits : s.bits;
        }
        if (auto f = formatName(quantized); f && needsVersion2(quantized)) {
            QJsonObject o{{QStringLiteral("format"), QString::fromUtf8(f->data(), static_cast<qsizetype>(f->size()))}};
            if (s.bits == kFp32Bits)
                o.insert(QStringLiteral("bits"), s.bits);
            return o;
        }
        QJsonObject o{{QStringLiteral("scheme"), QString::fromUtf8(schemeName(s.scheme).data())},
                      {QStringLiteral("granularity"), QString::fromUtf8(granularityName(s.granularity).data())},
                      {QStringLiteral("bits"), s.bits}};
        if (s.granularity == Granularity::PerBlock)
            o.insert(QStringLiteral("block"), s.block);
        if (version2 || s.scale != ScaleEncoding::Fp32)
            o.insert(QStringLiteral("scale"), QString::fromUtf8(scaleEncodingName(s.scale).data()));
        return o;
    };
    QJsonObject layers;
    for (const auto& [name, s] : plan.layers)
        layers.insert(QString::fromStdString(name), spec(s));
    // Version 1 while the plan uses none of version 2's fields, so older BitLens still reads it.
    const QJsonObject o{{QStringLiteral("format"), QStringLiteral("bitlens-plan")},
                        {QStringLiteral("version"), version2 ? 2 : 1},
                        {QStringLiteral("model_sha256"), QString::fromStdString(plan.modelSha256)},
                        {QStringLiteral("defaults"), spec(plan.defaults)},
                        {QStringLiteral("fold_batchnorm"), plan.foldBatchNorm},
                        {QStringLiteral("layers"), layers}};
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

Result<bool> writePlan(const Plan& plan, const std::string& path)
{
    QSaveFile f(QString::fromStdString(path));
    const QByteArray bytes = planJson(plan);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        return Error{path + ": cannot write the plan (" + f.errorString().toStdString() + ")"};
    return true;
}

} // namespace bitlens

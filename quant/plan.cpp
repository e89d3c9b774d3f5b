#include "plan.h"

#include "quantize_tensor.h"
#include "scheme_registry.h"
#include "versioned_json.h"

#include <QFile>
#include <QSaveFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

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

Result<QuantSpec> readSpec(const QJsonObject& o, const QuantSpec& base, const std::string& where)
{
    QuantSpec s = base;
    if (o.contains(QStringLiteral("scheme"))) {
        const QJsonValue v = o.value(QStringLiteral("scheme"));
        auto scheme = v.isString() ? parseScheme(v.toString().toStdString()) : std::nullopt;
        if (!scheme)
            return fail(where + ".scheme: expected one of asymmetric, symmetric, pow2, dfxp, kmeans, gaussian, got " +
                        jsonValueText(v));
        s.scheme = *scheme;
    }
    if (o.contains(QStringLiteral("granularity"))) {
        const QJsonValue v = o.value(QStringLiteral("granularity"));
        auto g = v.isString() ? parseGranularity(v.toString().toStdString()) : std::nullopt;
        if (!g)
            return fail(where + ".granularity: expected per-tensor or per-channel, got " + jsonValueText(v));
        s.granularity = *g;
    }
    if (o.contains(QStringLiteral("bits"))) {
        const QJsonValue v = o.value(QStringLiteral("bits"));
        const double b = v.toDouble(-1);
        // Range first: converting an out-of-range double to int is undefined (found by fuzzing).
        if (!v.isDouble() || !(b >= 0 && b <= 1024) || b != std::floor(b))
            return fail(where + ".bits: expected an integer, got " + jsonValueText(v));
        s.bits = static_cast<int>(b);
    }
    if (s.bits != kFp32Bits && !bitsAllowed(s.scheme, s.bits))
        return fail(where + ".bits: " + std::to_string(s.bits) + " is not allowed for " +
                    std::string(schemeName(s.scheme)) + " (nor 32 for FP32)");
    return s;
}

} // namespace

Result<Plan> readPlan(const std::string& path, const std::vector<WeightLayer>* known)
{
    auto read = readVersionedJson(path, {"bitlens-plan", 1, int64_t{64} << 20, "plan", "plan"});
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
        const PreparedTensor p(l.tensor->floats, l.tensor->dims, l.axis, s.granularity,
                               schemeDescriptor(s.scheme).needsSortedValues);
        bits += l.parameters() * s.bits + quantizeTensor(p, s.scheme, s.bits, OutputStatsOnly).overheadBits;
    }
    return bits;
}

} // namespace bitlens

namespace bitlens {

QByteArray planJson(const Plan& plan)
{
    auto spec = [](const QuantSpec& s) {
        return QJsonObject{{QStringLiteral("scheme"), QString::fromUtf8(schemeName(s.scheme).data())},
                           {QStringLiteral("granularity"), QString::fromUtf8(granularityName(s.granularity).data())},
                           {QStringLiteral("bits"), s.bits}};
    };
    QJsonObject layers;
    for (const auto& [name, s] : plan.layers)
        layers.insert(QString::fromStdString(name), spec(s));
    const QJsonObject o{{QStringLiteral("format"), QStringLiteral("bitlens-plan")},
                        {QStringLiteral("version"), 1},
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

#include "project.h"

#include "versioned_json.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <cmath>

namespace bitlens {

namespace {

constexpr int64_t kMaxProjectBytes = int64_t{64} << 20;
constexpr qsizetype kMaxPathChars = 4096;
constexpr qsizetype kMaxListValues = 4096;

Result<std::string> readString(const QJsonObject& o, const char* key, const std::string& where, bool required)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) {
        if (required)
            return fail(where + ": " + key + ": missing");
        return std::string();
    }
    if (!v.isString())
        return fail(where + ": " + key + ": expected a string");
    if (v.toString().size() > kMaxPathChars)
        return fail(where + ": " + key + ": longer than " + std::to_string(kMaxPathChars) + " characters");
    return v.toString().toStdString();
}

Result<std::optional<std::vector<float>>> readFloats(const QJsonObject& o, const char* key, const std::string& where)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull())
        return std::optional<std::vector<float>>();
    if (!v.isArray() || v.toArray().isEmpty() || v.toArray().size() > kMaxListValues)
        return fail(where + ": " + key + ": expected a non-empty array of numbers");
    std::vector<float> out;
    for (const QJsonValue& x : v.toArray()) {
        if (!x.isDouble() || !std::isfinite(x.toDouble()))
            return fail(where + ": " + key + ": expected finite numbers");
        out.push_back(static_cast<float>(x.toDouble()));
    }
    return std::optional<std::vector<float>>(std::move(out));
}

QJsonArray floatsJson(const std::vector<float>& v)
{
    QJsonArray a;
    for (float x : v)
        a.append(static_cast<double>(x));
    return a;
}

} // namespace

std::string resolveProjectPath(const std::string& projectFile, const std::string& stored)
{
    if (stored.empty())
        return stored;
    const QString s = QString::fromStdString(stored);
    if (QFileInfo(s).isAbsolute())
        return stored;
    return QDir::cleanPath(QFileInfo(QString::fromStdString(projectFile)).absoluteDir().filePath(s)).toStdString();
}

std::string relativeProjectPath(const std::string& projectFile, const std::string& target)
{
    if (target.empty())
        return target;
    const QDir dir = QFileInfo(QString::fromStdString(projectFile)).absoluteDir();
    return dir.relativeFilePath(QFileInfo(QString::fromStdString(target)).absoluteFilePath()).toStdString();
}

Result<Project> readProject(const std::string& path)
{
    auto read = readVersionedJson(path, {"bitlens-project", 1, kMaxProjectBytes, "project", "project"});
    if (!read)
        return Error{read.error()};
    const QJsonObject& o = *read;
    Project p;
    auto model = readString(o, "model", path, true);
    if (!model)
        return Error{model.error()};
    p.model = *model;
    if (p.model.empty())
        return fail(path + ": model: empty");
    auto sha = readString(o, "model_sha256", path, false);
    auto dataset = readString(o, "dataset", path, false);
    if (!sha || !dataset)
        return Error{!sha ? sha.error() : dataset.error()};
    p.modelSha256 = *sha;
    p.dataset = *dataset;

    const QJsonValue pre = o.value(QStringLiteral("preprocessing"));
    if (!pre.isUndefined() && !pre.isNull()) {
        if (!pre.isObject())
            return fail(path + ": preprocessing: expected an object");
        auto mean = readFloats(pre.toObject(), "mean", path + ": preprocessing");
        auto sd = readFloats(pre.toObject(), "std", path + ": preprocessing");
        if (!mean || !sd)
            return Error{!mean ? mean.error() : sd.error()};
        if (mean->has_value() != sd->has_value())
            return fail(path + ": preprocessing: mean and std go together");
        if (sd->has_value())
            for (size_t i = 0; i < (*sd)->size(); ++i)
                if (!((**sd)[i] > 0) || !std::isfinite((**sd)[i]))
                    return fail(path + ": preprocessing.std[" + std::to_string(i) + "]: every value must be positive and finite, got " +
                                jsonValueText(pre.toObject().value(QStringLiteral("std")).toArray().at(static_cast<qsizetype>(i))));
        p.mean = *mean;
        p.std = *sd;
    }

    const QJsonValue plan = o.value(QStringLiteral("plan"));
    if (!plan.isUndefined() && !plan.isNull()) {
        if (!plan.isObject())
            return fail(path + ": plan: expected an object");
        auto pl = planFromJson(plan.toObject(), nullptr, path + ": plan");
        if (!pl)
            return Error{pl.error()};
        p.plan = *pl;
    }

    const QJsonValue groups = o.value(QStringLiteral("groups"));
    if (!groups.isUndefined() && !groups.isNull()) {
        if (!groups.isObject())
            return fail(path + ": groups: expected an object");
        if (auto g = classGroupsFromJson(groups.toObject(), path + ": groups"); !g)
            return Error{g.error()};
        p.groups = groups.toObject();
    }

    const QJsonValue view = o.value(QStringLiteral("view"));
    if (!view.isUndefined() && !view.isNull()) {
        if (!view.isObject())
            return fail(path + ": view: expected an object");
        const QJsonObject v = view.toObject();
        const std::string where = path + ": view";
        // The setting uses the plan's spec reader: same names, same checks.
        QJsonObject asPlan{{QStringLiteral("defaults"), v}};
        auto s = planFromJson(asPlan, nullptr, where);
        if (!s)
            return Error{s.error()};
        p.view.setting = s->defaults;
        if (p.view.setting.bits == kFp32Bits || p.view.setting.bits > 8)
            return fail(where + ".bits: expected 1..8");
        auto layer = readString(v, "layer", where, false);
        auto tab = readString(v, "tab", where, false);
        if (!layer || !tab)
            return Error{!layer ? layer.error() : tab.error()};
        p.view.layer = *layer;
        if (!tab->empty()) {
            static const char* const tabs[] = {"quartiles", "histograms", "efficiency", "accuracy", "confusion", "plan", "sensitivity", "proposal", "groups"};
            if (std::none_of(std::begin(tabs), std::end(tabs), [&](const char* t) { return *tab == t; }))
                return fail(where + ".tab: expected quartiles, histograms, efficiency, accuracy, confusion, plan, sensitivity or proposal");
            p.view.tab = *tab;
        }
        const QJsonValue compared = v.value(QStringLiteral("compared"));
        if (!compared.isUndefined()) {
            if (!compared.isArray() || compared.toArray().size() > 64)
                return fail(where + ".compared: expected an array of scheme names");
            for (const QJsonValue& c : compared.toArray()) {
                auto scheme = c.isString() ? parseScheme(c.toString().toStdString()) : std::nullopt;
                if (!scheme)
                    return fail(where + ".compared: expected scheme names (asymmetric, symmetric, pow2, dfxp, kmeans, gaussian)");
                p.view.compared.push_back(*scheme);
            }
        }
        const QJsonValue bins = v.value(QStringLiteral("histogram_bins"));
        if (!bins.isUndefined()) {
            const double b = bins.toDouble(-1);
            if (!bins.isDouble() || b != std::floor(b) || b < 0 || b > 4096)
                return fail(where + ".histogram_bins: expected an integer 0..4096");
            p.view.histogramBins = static_cast<int>(b);
        }
    }
    return p;
}

QByteArray projectJson(const Project& p)
{
    QJsonObject o{{QStringLiteral("format"), QStringLiteral("bitlens-project")},
                  {QStringLiteral("version"), 1},
                  {QStringLiteral("model"), QString::fromStdString(p.model)},
                  {QStringLiteral("model_sha256"), QString::fromStdString(p.modelSha256)},
                  {QStringLiteral("dataset"), QString::fromStdString(p.dataset)}};
    if (p.mean && p.std)
        o.insert(QStringLiteral("preprocessing"),
                 QJsonObject{{QStringLiteral("mean"), floatsJson(*p.mean)}, {QStringLiteral("std"), floatsJson(*p.std)}});
    QJsonObject plan = QJsonDocument::fromJson(planJson(p.plan)).object();
    plan.remove(QStringLiteral("format"));
    plan.remove(QStringLiteral("version"));
    o.insert(QStringLiteral("plan"), plan);
    if (p.groups)
        o.insert(QStringLiteral("groups"), *p.groups);
    QJsonArray compared;
    for (Scheme s : p.view.compared)
        compared.append(QString::fromUtf8(schemeName(s).data()));
    o.insert(QStringLiteral("view"),
             QJsonObject{{QStringLiteral("scheme"), QString::fromUtf8(schemeName(p.view.setting.scheme).data())},
                         {QStringLiteral("granularity"), QString::fromUtf8(granularityName(p.view.setting.granularity).data())},
                         {QStringLiteral("bits"), p.view.setting.bits},
                         {QStringLiteral("layer"), QString::fromStdString(p.view.layer)},
                         {QStringLiteral("compared"), compared},
                         {QStringLiteral("histogram_bins"), p.view.histogramBins},
                         {QStringLiteral("tab"), QString::fromStdString(p.view.tab)}});
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

Result<bool> writeProject(const Project& project, const std::string& path)
{
    QSaveFile f(QString::fromStdString(path));
    const QByteArray bytes = projectJson(project);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        return Error{path + ": cannot write the project (" + f.errorString().toStdString() + ")"};
    return true;
}

} // namespace bitlens

#include "preprocessing.h"

#include <QByteArray>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <cmath>

namespace bitlens {
namespace {

Result<std::vector<float>> floatsFromJson(const QJsonValue& v, const std::string& what)
{
    if (!v.isArray() || v.toArray().isEmpty())
        return fail(what + " is not a non-empty JSON array of numbers");
    std::vector<float> out;
    for (const QJsonValue& x : v.toArray()) {
        if (!x.isDouble())
            return fail(what + " holds a value that is not a number");
        out.push_back(static_cast<float>(x.toDouble()));
    }
    return out;
}

// `where` starts every message (it names the file); `source` is what the status bar shows.
Result<std::optional<Preprocessing>> fromValues(const QJsonValue& mean, const QJsonValue& std_, const std::string& where,
                                                const std::string& source)
{
    if (mean.isUndefined() && std_.isUndefined())
        return std::optional<Preprocessing>();
    auto m = floatsFromJson(mean, where + " mean");
    if (!m)
        return Error{m.error()};
    auto s = floatsFromJson(std_, where + " std");
    if (!s)
        return Error{s.error()};
    if (m->size() != s->size())
        return fail(where + ": mean has " + std::to_string(m->size()) + " values but std has " + std::to_string(s->size()));
    for (size_t i = 0; i < s->size(); ++i)
        if (!((*s)[i] > 0) || !std::isfinite((*s)[i]))
            return fail(where + ": std[" + std::to_string(i) + "] is " +
                        QJsonDocument(QJsonArray{std_.toArray().at(static_cast<qsizetype>(i))}).toJson(QJsonDocument::Compact).mid(1).chopped(1).toStdString() +
                        "; std values must be positive and finite");
    Preprocessing p;
    p.mean = *m;
    p.std = *s;
    p.source = source;
    return std::optional<Preprocessing>(p);
}

} // namespace

Result<std::vector<float>> parseFloatList(const std::string& text, const std::string& what)
{
    QString t = QString::fromStdString(text).trimmed();
    if (!t.startsWith(QLatin1Char('[')))
        t = QLatin1Char('[') + t + QLatin1Char(']');
    const QJsonDocument doc = QJsonDocument::fromJson(t.toUtf8());
    return floatsFromJson(doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(), what);
}

Result<std::optional<Preprocessing>> preprocessingFromMetadata(const Model& model)
{
    const std::string* mean = model.metadataValue("bitlens.mean");
    const std::string* std_ = model.metadataValue("bitlens.std");
    if (!mean && !std_)
        return std::optional<Preprocessing>();
    if (!mean || !std_)
        return fail(model.path.string() + ": metadata has only one of bitlens.mean and bitlens.std");
    auto m = parseFloatList(*mean, "bitlens.mean");
    auto s = parseFloatList(*std_, "bitlens.std");
    if (!m || !s)
        return fail(model.path.string() + ": " + (!m ? m.error() : s.error()));
    QJsonArray ma, sa;
    for (float v : *m)
        ma.append(static_cast<double>(v));
    for (float v : *s)
        sa.append(static_cast<double>(v));
    return fromValues(ma, sa, model.path.string() + ": metadata", model.path.filename().string() + " metadata");
}

Result<QJsonObject> readDatasetCard(const std::filesystem::path& card)
{
    QFile f(QString::fromStdString(card.string()));
    if (f.size() > (1 << 20) || !f.open(QIODevice::ReadOnly))
        return fail(card.string() + ": cannot read the dataset card");
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &err);
    if (!doc.isObject())
        return fail(card.string() + ": not a JSON object (" + err.errorString().toStdString() + ")");
    return doc.object();
}

Result<std::optional<Preprocessing>> preprocessingFromCard(const std::filesystem::path& card)
{
    if (!QFile::exists(QString::fromStdString(card.string())))
        return std::optional<Preprocessing>();
    auto o = readDatasetCard(card);
    if (!o)
        return Error{o.error()};
    return fromValues(o->value(QStringLiteral("mean")), o->value(QStringLiteral("std")), card.string(), card.filename().string());
}

std::vector<std::string> classNamesFromMetadata(const Model& model)
{
    std::vector<std::string> names;
    if (const std::string* c = model.metadataValue("bitlens.classes")) {
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(*c));
        for (const QJsonValue& v : doc.array())
            names.push_back(v.toString().toStdString());
    }
    return names;
}


} // namespace bitlens

namespace bitlens {

Result<Preprocessing> preprocessingFor(const Model& model, const std::filesystem::path& card)
{
    auto fromMeta = preprocessingFromMetadata(model);
    if (!fromMeta)
        return Error{fromMeta.error()};
    if (*fromMeta)
        return **fromMeta;
    auto fromCard = preprocessingFromCard(card);
    if (!fromCard)
        return Error{fromCard.error()};
    if (*fromCard)
        return **fromCard;
    return Preprocessing{};
}

} // namespace bitlens

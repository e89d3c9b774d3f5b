#include "versioned_json.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace bitlens {

Result<QJsonObject> readVersionedJson(const std::string& path, const VersionedJsonSpec& spec)
{
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly))
        return fail(path + ": cannot open");
    if (f.size() > spec.maxBytes)
        return fail(path + ": larger than " + std::to_string(spec.maxBytes >> 20) + " MiB; not a " + spec.what);
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &err);
    if (err.error != QJsonParseError::NoError)
        return fail(path + ": not JSON (" + err.errorString().toStdString() + " at byte " + std::to_string(err.offset) + ")");
    if (!doc.isObject())
        return fail(path + ": expected a JSON object, not " + (doc.isArray() ? "an array" : "a bare value") + "; not a " + spec.what);
    const QJsonObject o = doc.object();
    if (o.value(QStringLiteral("format")).toString() != QString::fromStdString(spec.format))
        return fail(path + ": format is not \"" + spec.format + "\"");
    const QJsonValue version = o.value(QStringLiteral("version"));
    if (!version.isDouble())
        return fail(path + ": version: expected a number");
    if (version.toDouble() > spec.maxVersion)
        return fail(path + ": " + spec.versionOf + " version " + std::to_string(version.toInt()) +
                    " is newer than this BitLens reads (" + std::to_string(spec.maxVersion) + ")");
    return o;
}

std::string jsonValueText(const QJsonValue& v)
{
    std::string text;
    if (v.isUndefined())
        text = "nothing";
    else if (v.isArray())
        text = QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact).toStdString();
    else if (v.isObject())
        text = QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact).toStdString();
    else // a bare value: wrap it in an array to print it as JSON, then drop the brackets
        text = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact).toStdString().substr(1), text.pop_back();
    if (text.size() > 60)
        text = text.substr(0, 57) + "...";
    return text;
}

} // namespace bitlens

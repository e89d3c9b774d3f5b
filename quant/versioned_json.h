#pragma once
// The envelope every BitLens file shares (plans, class groups, and projects to come): a JSON
// object of bounded size with "format": "<format>" and a numeric "version" no newer than this
// BitLens reads. Errors name the file.
#include <model/result.h>

#include <QJsonObject>

#include <cstdint>
#include <string>

namespace bitlens {

struct VersionedJsonSpec
{
    std::string format;     // e.g. "bitlens-plan"
    int maxVersion = 1;
    int64_t maxBytes = 0;
    std::string what;       // for "larger than N MiB; not a <what>"
    std::string versionOf;  // for "<versionOf> version N is newer ..."
};

Result<QJsonObject> readVersionedJson(const std::string& path, const VersionedJsonSpec& spec);

// A JSON value as the file wrote it, shortened to at most 60 characters, for messages that
// quote what they refuse (`got "ternary"`).
std::string jsonValueText(const QJsonValue& v);

} // namespace bitlens

#include "sample_model.h"

#include <quant/project.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

namespace bitlens {

namespace {

QString sampleDir()
{
    static QTemporaryDir dir; // removed when the process exits
    static const QString path = [] {
        const QDir src(QStringLiteral(":/sample"));
        if (!dir.isValid() || src.entryList(QDir::Files).isEmpty())
            return QString(); // no resources in this program, or no temporary folder
        for (const QString& name : src.entryList(QDir::Files)) {
            const QString target = dir.filePath(name);
            if (!QFile::copy(src.filePath(name), target))
                return QString();
            QFile::setPermissions(target, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        }
        return dir.path();
    }();
    return path;
}

bool isSampleEntry(const std::string& stored) { return stored.rfind(kBundledSamplePrefix, 0) == 0; }

} // namespace

QString bundledSampleModelPath()
{
    const QString dir = sampleDir();
    return dir.isEmpty() ? QString() : QDir(dir).filePath(QStringLiteral("fashion_cnn.onnx"));
}

std::string storedProjectPath(const std::string& projectFile, const std::string& target)
{
    const QString dir = sampleDir();
    if (!target.empty() && !dir.isEmpty()) {
        const QFileInfo file(QString::fromStdString(target));
        if (file.absolutePath() == QFileInfo(dir).absoluteFilePath())
            return kBundledSamplePrefix + file.fileName().toStdString();
    }
    return relativeProjectPath(projectFile, target);
}

std::string resolvedProjectPath(const std::string& projectFile, const std::string& stored)
{
    if (!isSampleEntry(stored))
        return resolveProjectPath(projectFile, stored);
    const QString name = QString::fromStdString(stored.substr(sizeof(kBundledSamplePrefix) - 1));
    const QString dir = sampleDir();
    // Only a plain file name of the sample: "bundled-sample:../x" must not leave its folder.
    if (dir.isEmpty() || name.isEmpty() || name.contains(QLatin1Char('/')) || name.startsWith(QLatin1Char('.')))
        return {};
    return QDir(dir).filePath(name).toStdString();
}

std::string projectPathForDisplay(const std::string& projectFile, const std::string& stored)
{
    if (isSampleEntry(stored))
        return "bundled sample " + stored.substr(sizeof(kBundledSamplePrefix) - 1);
    return resolveProjectPath(projectFile, stored);
}

} // namespace bitlens

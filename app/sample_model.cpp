#include "sample_model.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

namespace bitlens {

QString bundledSampleModelPath()
{
    static QTemporaryDir dir; // removed when the process exits
    static const QString path = [] {
        if (!dir.isValid())
            return QString();
        const QDir src(QStringLiteral(":/sample"));
        for (const QString& name : src.entryList(QDir::Files)) {
            const QString target = dir.filePath(name);
            if (!QFile::copy(src.filePath(name), target))
                return QString();
            QFile::setPermissions(target, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        }
        return dir.filePath(QStringLiteral("fashion_cnn.onnx"));
    }();
    return path;
}

} // namespace bitlens

#include "project_session.h"

#include "grouping_document.h"

#include "app_settings.h"
#include "main_window.h"
#include "plan_document.h"
#include "sample_model.h"
#include "workbench_document.h"
#include "workbench_views.h"

#include <model/data/preprocessing.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QStandardPaths>
#include <QStatusBar>
#include <QUndoStack>

#include <signal.h>

namespace bitlens {

namespace {

const char* const kTabNames[] = {"quartiles", "histograms", "efficiency", "accuracy", "confusion", "plan", "sensitivity", "proposal", "groups"};

// This process's files: autosave-PID.bitlens and autosave-PID.source (the project it belongs to).
QString recoveryProject(qint64 pid = QCoreApplication::applicationPid())
{
    return QDir(ProjectSession::recoveryDir()).filePath(QStringLiteral("autosave-%1.bitlens").arg(pid));
}
QString recoverySource(qint64 pid = QCoreApplication::applicationPid())
{
    return QDir(ProjectSession::recoveryDir()).filePath(QStringLiteral("autosave-%1.source").arg(pid));
}

// The newest file left by a process that is no longer running (a crash or kill -9), if any.
std::optional<qint64> orphanedRecovery()
{
    const QFileInfoList files = QDir(ProjectSession::recoveryDir())
                                    .entryInfoList({QStringLiteral("autosave-*.bitlens")}, QDir::Files, QDir::Time);
    for (const QFileInfo& f : files) {
        bool ok = false;
        const qint64 pid = f.completeBaseName().mid(9).toLongLong(&ok);
        if (!ok)
            continue;
        const bool running = pid != QCoreApplication::applicationPid() && ::kill(static_cast<pid_t>(pid), 0) == 0;
        if (!running && pid != QCoreApplication::applicationPid())
            return pid;
    }
    return std::nullopt;
}

} // namespace

ProjectSession::ProjectSession(MainWindow* window, WorkbenchDocument* document)
    : QObject(window), m_window(window), m_document(document)
{
    // Unsaved work reaches the recovery folder a few seconds after the last edit.
    m_autosaveTimer.setSingleShot(true);
    m_autosaveTimer.setInterval(5000);
    connect(&m_autosaveTimer, &QTimer::timeout, this, &ProjectSession::autosaveNow);
    PlanDocument* plan = m_document->planDocument();
    connect(plan->undoStack(), &QUndoStack::indexChanged, this, [this] {
        m_autosaveTimer.start();
        Q_EMIT modifiedChanged();
    });
    connect(m_document, &WorkbenchDocument::modelLoaded, this, [this] {
        if (m_pending && QFileInfo(m_document->modelPath()).absoluteFilePath() != m_pendingModel) {
            m_pending.reset(); // the user opened another model meanwhile
            m_recoveringFor.reset();
        }
        if (m_pending) {
            // After the document has finished with the new model (its test set comes next).
            QMetaObject::invokeMethod(this, &ProjectSession::applyPending, Qt::QueuedConnection);
            return;
        }
        // Another model: a new, unsaved project.
        m_path.clear();
        m_otherChanges = false;
        Q_EMIT pathChanged(m_path);
        Q_EMIT modifiedChanged();
    });
    connect(m_document, &WorkbenchDocument::loadFailed, this, [this] {
        m_pending.reset();
        m_recoveringFor.reset();
    });
}

bool ProjectSession::isModified() const
{
    return m_otherChanges || !m_document->planDocument()->undoStack()->isClean();
}

void ProjectSession::markModified()
{
    if (!m_document->loaded().model)
        return;
    m_otherChanges = true;
    m_autosaveTimer.start();
    Q_EMIT modifiedChanged();
}

QString ProjectSession::tabName() const
{
    const int i = m_window->views()->currentIndex();
    return i >= 0 && i < static_cast<int>(std::size(kTabNames)) ? QString::fromLatin1(kTabNames[i]) : QStringLiteral("quartiles");
}

void ProjectSession::setTabByName(const std::string& name)
{
    for (int i = 0; i < static_cast<int>(std::size(kTabNames)); ++i)
        if (name == kTabNames[i])
            m_window->views()->setCurrentIndex(i);
}

Project ProjectSession::currentProject(const QString& projectFile) const
{
    const std::string file = projectFile.toStdString();
    Project p;
    p.model = storedProjectPath(file, m_document->modelPath().toStdString());
    p.modelSha256 = m_document->loaded().sha256;
    if (m_document->hasTestSet())
        p.dataset = storedProjectPath(file, m_document->testSet().path.toStdString());
    if (m_document->testSet().preFromUser) {
        p.mean = m_document->testSet().pre.mean;
        p.std = m_document->testSet().pre.std;
    }
    p.plan = m_document->planDocument()->plan();
    p.plan.modelSha256 = p.modelSha256;
    if (const GroupingDocument* g = m_document->groupingDocument(); g->hasGroups())
        p.groups = classGroupsJson(g->groups());
    p.view.setting = m_document->spec();
    p.view.layer = m_document->selectedLayer().toStdString();
    p.view.compared = m_document->compared();
    p.view.histogramBins = m_document->histogramBins();
    p.view.tab = tabName().toStdString();
    return p;
}

bool ProjectSession::save()
{
    if (m_path.isEmpty())
        return false; // MainWindow asks for a path and calls saveAs
    return saveAs(m_path);
}

bool ProjectSession::saveAs(const QString& path)
{
    if (!m_document->loaded().model) {
        m_window->showError(tr("Cannot save project"), tr("Open a model first."));
        return false;
    }
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (auto r = writeProject(currentProject(absolute), absolute.toStdString()); !r) {
        m_window->showError(tr("Cannot save project"), QString::fromStdString(r.error()));
        return false;
    }
    m_path = absolute;
    m_otherChanges = false;
    m_document->planDocument()->undoStack()->setClean();
    rememberRecentModel(absolute, RecentList::Projects);
    discardRecovery();
    Q_EMIT pathChanged(m_path);
    Q_EMIT modifiedChanged();
    m_window->statusBar()->showMessage(tr("Saved %1").arg(absolute), 5000);
    return true;
}

bool ProjectSession::open(const QString& path)
{
    auto project = readProject(path.toStdString());
    if (!project) {
        m_window->showError(tr("Cannot open project"), QString::fromStdString(project.error()));
        return false;
    }
    const QString model = QString::fromStdString(resolvedProjectPath(path.toStdString(), project->model));
    if (!QFileInfo(model).isFile()) {
        offerToLocateModel(path, *project, model);
        return false;
    }
    openWithModel(path, *project, model, false);
    return true;
}

void ProjectSession::offerToLocateModel(const QString& path, const Project& project, const QString& missing)
{
    const QString stored = QString::fromStdString(project.model);
    QMessageBox* box = m_window->showError(
        tr("Cannot open project"),
        tr("%1: model: %2 does not exist. Locate the model file to open the project with it (saving then stores the "
           "new location).")
            .arg(path, missing.isEmpty() ? stored : missing));
    QPushButton* locate = box->addButton(tr("Locate Model…"), QMessageBox::ActionRole);
    locate->setObjectName(QStringLiteral("locateModel"));
    connect(locate, &QPushButton::clicked, this, [this, path, project, stored] {
        const QString chosen = m_modelLocator ? m_modelLocator(stored)
                                              : QFileDialog::getOpenFileName(m_window, tr("Locate %1").arg(QFileInfo(stored).fileName()),
                                                                             QFileInfo(path).absolutePath(),
                                                                             tr("ONNX models (*.onnx);;All files (*)"));
        if (!chosen.isEmpty())
            openWithModel(path, project, chosen, true);
    });
}

void ProjectSession::openWithModel(const QString& path, const Project& project, const QString& model, bool relocated)
{
    m_pending = project;
    m_pendingRelocated = relocated;
    m_pendingFile = QFileInfo(path).absoluteFilePath();
    m_pendingModel = QFileInfo(model).absoluteFilePath();
    const QString data = QString::fromStdString(resolvedProjectPath(path.toStdString(), project.dataset));
    m_document->setDefaultTestSet(data);
    m_document->openModel(model);
}

void ProjectSession::applyPending()
{
    if (!m_pending)
        return;
    const Project p = *m_pending;
    const QString file = m_pendingFile;
    const bool relocated = m_pendingRelocated;
    m_pending.reset();
    QString error;
    bool refused = false; // then saving must not silently replace what the file holds
    if (p.mean && p.std) {
        auto join = [](const std::vector<float>& v) {
            QStringList parts;
            for (float x : v)
                parts << QString::number(static_cast<double>(x), 'g', 9);
            return parts.join(QLatin1Char(','));
        };
        if (!m_document->setPreprocessing(join(*p.mean), join(*p.std), &error)) {
            m_window->showError(tr("Cannot open project"), tr("%1: preprocessing: %2").arg(file, error));
            refused = true;
        }
    }
    checkModelChecksum(p.modelSha256, file);
    // The plan's layers must be layers of this model.
    QStringList unknown;
    for (const auto& [name, spec] : p.plan.layers)
        if (std::none_of(m_document->loaded().layers.begin(), m_document->loaded().layers.end(),
                         [&](const WeightLayer& l) { return l.name == name; }))
            unknown << QString::fromStdString(name);
    if (!unknown.isEmpty()) {
        m_window->showError(tr("Cannot open project"),
                            tr("%1: plan.layers: %2 not a weight layer of the model; the plan was not loaded")
                                .arg(file, unknown.join(QStringLiteral(", "))));
        refused = true;
    } else {
        m_document->planDocument()->loadPlan(p.plan);
    }
    if (p.groups) {
        QString why;
        auto groups = classGroupsFromJson(*p.groups, file.toStdString() + ": groups");
        if (!groups || !m_document->groupingDocument()->loadGroups(*groups, &why)) {
            m_window->showError(tr("Cannot open project"),
                                groups ? tr("%1: groups: %2; the groups were not loaded").arg(file, why)
                                       : QString::fromStdString(groups.error()));
            refused = true;
        }
    }
    m_window->setSetting(p.view.setting);
    m_document->setCompared(p.view.compared.empty() ? m_document->compared() : p.view.compared);
    m_document->setHistogramBins(p.view.histogramBins);
    if (!p.view.layer.empty())
        m_document->selectLayer(QString::fromStdString(p.view.layer));
    setTabByName(p.view.tab);
    m_document->planDocument()->undoStack()->setClean();
    if (m_recoveringFor) {
        // Recovered work belongs to the project it was autosaved for (or none) and is unsaved.
        m_path = *m_recoveringFor;
        m_recoveringFor.reset();
        m_otherChanges = true;
    } else if (refused) {
        m_path.clear(); // Save asks for a new file instead of overwriting the one partly read
        m_otherChanges = true;
    } else {
        m_path = file;
        m_otherChanges = relocated; // the project names the model where it no longer is: Save updates it
        rememberRecentModel(file, RecentList::Projects);
    }
    if (relocated)
        m_window->statusBar()->showMessage(tr("Opened %1 with the model %2; save to keep the new location")
                                               .arg(file, m_document->modelPath()), 10000);
    Q_EMIT pathChanged(m_path);
    Q_EMIT modifiedChanged();
}

bool ProjectSession::checkModelChecksum(const std::string& expected, const QString& what)
{
    const std::string& actual = m_document->loaded().sha256;
    if (expected.empty() || actual.empty() || expected == actual)
        return true;
    m_window->showError(tr("Model changed"),
                        tr("%1 was saved for a model with sha256 %2…, but %3 has sha256 %4…. Layer names are checked; "
                           "accuracies and sizes may differ from those recorded.")
                            .arg(what, QString::fromStdString(expected.substr(0, 12)), m_document->modelPath(),
                                 QString::fromStdString(actual.substr(0, 12))));
    return false;
}

bool ProjectSession::importPlan(const QString& path)
{
    if (!m_document->loaded().model) {
        m_window->showError(tr("Cannot import plan"), tr("Open a model first."));
        return false;
    }
    auto plan = readPlan(path.toStdString(), &m_document->loaded().layers);
    if (!plan) {
        m_window->showError(tr("Cannot import plan"), QString::fromStdString(plan.error()));
        return false;
    }
    checkModelChecksum(plan->modelSha256, path);
    m_document->planDocument()->applyPlan(*plan, tr("Import plan %1").arg(QFileInfo(path).fileName()));
    return true;
}

bool ProjectSession::exportPlan(const QString& path)
{
    Plan plan = m_document->planDocument()->plan();
    plan.modelSha256 = m_document->loaded().sha256;
    if (auto r = writePlan(plan, path.toStdString()); !r) {
        m_window->showError(tr("Cannot export plan"), QString::fromStdString(r.error()));
        return false;
    }
    m_window->statusBar()->showMessage(tr("Wrote %1").arg(path), 5000);
    return true;
}

QString ProjectSession::recoveryDir()
{
    const QString env = qEnvironmentVariable("BITLENS_RECOVERY_DIR");
    if (!env.isEmpty())
        return env;
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("recovery"));
}

void ProjectSession::autosaveNow()
{
    if (!isModified() || !m_document->loaded().model)
        return;
    QDir().mkpath(recoveryDir());
    // Absolute paths: the recovery file lives elsewhere than the project.
    Project p = currentProject(recoveryProject());
    p.model = QFileInfo(m_document->modelPath()).absoluteFilePath().toStdString();
    if (m_document->hasTestSet())
        p.dataset = QFileInfo(m_document->testSet().path).absoluteFilePath().toStdString();
    if (auto r = writeProject(p, recoveryProject().toStdString()); !r) {
        m_window->statusBar()->showMessage(tr("Autosave failed: %1").arg(QString::fromStdString(r.error())), 8000);
        return;
    }
    QSaveFile source(recoverySource());
    if (source.open(QIODevice::WriteOnly)) {
        source.write(m_path.toUtf8());
        source.commit();
    }
}

bool ProjectSession::recoveryAvailable() const { return orphanedRecovery().has_value(); }

bool ProjectSession::recover()
{
    const std::optional<qint64> pid = orphanedRecovery();
    if (!pid)
        return false;
    // Adopt the files as this process's own: they stay until the work is saved or discarded.
    QFile::remove(recoveryProject());
    QFile::remove(recoverySource());
    QFile::rename(recoveryProject(*pid), recoveryProject());
    QFile::rename(recoverySource(*pid), recoverySource());
    QFile source(recoverySource());
    const QString original = source.open(QIODevice::ReadOnly) ? QString::fromUtf8(source.readAll()) : QString();
    if (!open(recoveryProject()))
        return false;
    m_recoveringFor = original;
    return true;
}

void ProjectSession::discardRecovery()
{
    QFile::remove(recoveryProject());
    QFile::remove(recoverySource());
}

} // namespace bitlens

#pragma once
// The open project (*.bitlens): save and open it (model, test set, preprocessing, plan, class
// groups, view settings), import and export plans (*.bitlens-plan.json), flag a model whose sha256
// differs from the one the project or plan was saved with, autosave the unsaved work to a recovery
// folder and offer it back after a crash, and keep the recent-projects list. Every write is
// atomic (QSaveFile, through quant/project and quant/plan).
#include <quant/project.h>

#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>
#include <optional>

namespace bitlens {

class MainWindow;
class WorkbenchDocument;

class ProjectSession : public QObject
{
    Q_OBJECT
public:
    ProjectSession(MainWindow* window, WorkbenchDocument* document);

    QString path() const { return m_path; }
    // Unsaved edits: the plan's undo stack is not at its saved state, or the test set, the
    // preprocessing or the model changed since.
    bool isModified() const;
    // A project of the current state, its paths relative to `projectFile`.
    Project currentProject(const QString& projectFile) const;

    bool save(); // asks for a path when there is none
    bool saveAs(const QString& path);
    // Reads the project and opens its model; the rest is applied when the model has loaded.
    bool open(const QString& path);
    bool importPlan(const QString& path);
    bool exportPlan(const QString& path);

    // Crash recovery: the folder is $BITLENS_RECOVERY_DIR or the app's data folder/recovery. Each
    // running BitLens writes its own file (named by process id); what a process that is no longer
    // running left there is offered back.
    static QString recoveryDir();
    bool recoveryAvailable() const;
    bool recover();
    void autosaveNow();
    void discardRecovery();
    void setAutosaveDelay(int ms) { m_autosaveTimer.setInterval(ms); }
    // A change outside the plan (test set, preprocessing) the project should save.
    void markModified();
    // What "Locate Model…" asks when a project's model is missing (default: a file dialog); tests
    // answer it. Gets the path as stored; returns the chosen file or "" to give up.
    void setModelLocator(std::function<QString(const QString& stored)> locator) { m_modelLocator = std::move(locator); }

Q_SIGNALS:
    void pathChanged(const QString& path);
    void modifiedChanged();

private:
    void applyPending();
    void offerToLocateModel(const QString& path, const Project& project, const QString& missing);
    void openWithModel(const QString& path, const Project& project, const QString& model, bool relocated);
    bool checkModelChecksum(const std::string& expected, const QString& what);
    QString tabName() const;
    void setTabByName(const std::string& name);

    MainWindow* m_window;
    WorkbenchDocument* m_document;
    QString m_path;
    bool m_otherChanges = false;
    std::optional<Project> m_pending;      // applied when its model has loaded
    QString m_pendingFile;
    QString m_pendingModel;                // the model it waits for (another model cancels it)
    bool m_pendingRelocated = false;       // its model was located by the user, elsewhere than stored
    std::function<QString(const QString&)> m_modelLocator;
    std::optional<QString> m_recoveringFor; // a recovered state belongs to this project file ("" for none)
    QTimer m_autosaveTimer;
};

} // namespace bitlens

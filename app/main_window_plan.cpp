// MainWindow's plan editor part: the Plan, Sensitivity and Proposal tabs, the Edit menu with
// undo/redo and the undo history dock, and their wiring to the PlanDocument.
#include "main_window.h"

#include "pareto_tab.h"
#include "plan_document.h"
#include "plan_tab.h"
#include "project_session.h"
#include "sensitivity_tab.h"
#include "app_settings.h"
#include "workbench_document.h"
#include "workbench_views.h"

#include <widgets/pareto_plot.h>
#include <widgets/plan_distance_plot.h>
#include <widgets/sensitivity_plot.h>
#include <widgets/confusion_plot.h>

#include <QAction>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>
#include <QUndoStack>
#include <QUndoView>

namespace bitlens {

void MainWindow::createPlanTabs()
{
    m_planTab = new PlanTab;
    m_sensitivityTab = new SensitivityTab;
    m_paretoTab = new ParetoTab;
    m_views->addExtraTab(m_planTab, tr("&Plan"),
                         tr("The per-layer plan: edit settings, see size, accuracy and confusion update — Ctrl+6"),
                         {m_planTab->confusionPlot()});
    m_views->addExtraTab(m_sensitivityTab, tr("&Sensitivity"),
                         tr("One layer at a time (QUENN) and the plan's per-layer activation distance — Ctrl+7"),
                         {m_sensitivityTab->sensitivityPlot(), m_sensitivityTab->distancePlot()});
    m_views->addExtraTab(m_paretoTab, tr("P&roposal"),
                         tr("Plans proposed for a size budget and accuracy against size of every plan — Ctrl+8"),
                         {m_paretoTab->plot()});
    const int budget = QSettings().value(QStringLiteral("plan/cacheBudgetMb"), 1024).toInt();
    m_document->planDocument()->setCacheBudgetMb(budget);
    m_planTab->setCacheBudgetMb(budget);
}

void MainWindow::createEditMenu()
{
    QUndoStack* stack = m_document->planDocument()->undoStack();
    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    menuBar()->insertMenu(menuBar()->actions().at(1), edit); // after File
    QAction* undo = stack->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = stack->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();

    auto* history = new QUndoView(stack);
    history->setObjectName(QStringLiteral("undoHistory"));
    history->setEmptyLabel(tr("<opened plan>"));
    history->setToolTip(tr("Every edit of the plan; click one to go back to it"));
    auto* dock = new QDockWidget(tr("Undo History"), this);
    dock->setObjectName(QStringLiteral("undoDock"));
    dock->setWidget(history);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    dock->hide();
    QAction* showHistory = dock->toggleViewAction();
    showHistory->setText(tr("Undo &History"));
    showHistory->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_Z));
    edit->addAction(showHistory);

    QMenu* run = nullptr;
    for (QAction* a : menuBar()->actions())
        if (a->menu() && a->menu()->objectName() == QLatin1String("runMenu"))
            run = a->menu();
    if (run) {
        run->addSeparator();
        QAction* evaluate = run->addAction(tr("&Evaluate Plan"), this, [this] { m_document->planDocument()->evaluate(); });
        evaluate->setShortcut(QKeySequence(Qt::Key_F6));
        evaluate->setToolTip(tr("Accuracy, top-5 and confusion of the current plan on the test set (F6)"));
        QAction* sens = run->addAction(tr("Layer &Sensitivity"), this, [this] {
            m_views->showPage(m_sensitivityTab);
            m_document->planDocument()->runSensitivity(m_sensitivityTab->spec());
        });
        sens->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
        QAction* propose = run->addAction(tr("&Propose Plan for Budget"), this, [this] {
            m_views->showPage(m_paretoTab);
            m_document->planDocument()->propose(m_paretoTab->budgetBits(), Scheme::Asymmetric, Granularity::PerChannel);
        });
        propose->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    }
}

void MainWindow::connectPlanDocument()
{
    PlanDocument* plan = m_document->planDocument();
    connect(m_planTab, &PlanTab::layersEdited, plan,
            [plan](const std::vector<std::string>& layers, const std::optional<QuantSpec>& spec, int serial) {
                plan->setLayers(layers, spec, serial);
            });
    connect(m_planTab, &PlanTab::defaultsRequested, plan, &PlanDocument::setDefaults);
    connect(m_planTab, &PlanTab::presetRequested, plan, [plan](int p) { plan->applyPreset(static_cast<PlanPreset>(p)); });
    connect(m_planTab, &PlanTab::cacheBudgetChanged, this, [plan](int mb) {
        plan->setCacheBudgetMb(mb);
        QSettings().setValue(QStringLiteral("plan/cacheBudgetMb"), mb);
    });
    connect(plan, &PlanDocument::rowsChanged, this, [this](const std::vector<PlanLayerRow>& rows, const PlanSize& size) {
        m_planTab->setRows(rows, size);
        m_paretoTab->setParameters(size.parameters);
    });
    connect(plan, &PlanDocument::scoreChanged, m_planTab, &PlanTab::setScore);
    connect(plan, &PlanDocument::scoreCleared, this, [this] { m_planTab->clearScore(m_document->hasTestSet()); });
    connect(plan, &PlanDocument::confusionReady, m_planTab, &PlanTab::setConfusion);
    connect(plan, &PlanDocument::evaluationStopped, m_planTab, &PlanTab::showStopped);
    connect(plan, &PlanDocument::sensitivityChanged, m_sensitivityTab, &SensitivityTab::setSensitivity);
    connect(plan, &PlanDocument::distancesChanged, m_sensitivityTab, &SensitivityTab::setDistances);
    connect(plan, &PlanDocument::paretoChanged, this, [this](const ParetoView& view) {
        m_paretoTab->setPareto(view);
        // The uniform plans of every compared scheme come from the sweep: say where they are.
        if (m_document->accuracyTable().cells.empty())
            m_paretoTab->setHint(tr("The uniform plans of every compared scheme and width join this view after "
                                    "Run ▸ Accuracy Sweep (F5)."));
        else
            m_paretoTab->setHint({});
    });
    connect(plan, &PlanDocument::proposalApplied, this, [this](const QString& summary) {
        m_paretoTab->setMessage(tr("Applied: %1. Undo (Ctrl+Z) goes back to your plan.").arg(summary));
        statusBar()->showMessage(summary, 8000);
    });
    connect(m_sensitivityTab, &SensitivityTab::sensitivityRequested, plan, &PlanDocument::runSensitivity);
    connect(m_sensitivityTab, &SensitivityTab::distancesRequested, plan, &PlanDocument::measureDistances);
    connect(m_paretoTab, &ParetoTab::proposeRequested, plan, &PlanDocument::propose);
    connect(m_paretoTab, &ParetoTab::curveRequested, plan, &PlanDocument::proposeCurve);
    connect(plan, &PlanDocument::jobFailed, this, [this](const QString& message) { showError(tr("BitLens"), message); });
    connect(plan->undoStack(), &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);
}

} // namespace bitlens

// ---- projects ----

namespace bitlens {

void MainWindow::addProjectActions(QMenu* file)
{
    file->addSeparator();
    QAction* save = file->addAction(tr("&Save Project"), this, [this] {
        if (m_project->path().isEmpty())
            saveProjectAs();
        else
            m_project->save();
    });
    save->setShortcut(QKeySequence::Save);
    save->setToolTip(tr("Model, test set, preprocessing, plan and view settings as a *.bitlens project (Ctrl+S)"));
    QAction* saveAs = file->addAction(tr("Save Project &As…"), this, [this] { saveProjectAs(); });
    saveAs->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    m_recentProjectsMenu = file->addMenu(tr("Recent &Projects"));
    connect(m_recentProjectsMenu, &QMenu::aboutToShow, this, [this] {
        fillRecentModelsMenu(m_recentProjectsMenu, [this](const QString& path) { openModel(path); }, RecentList::Projects);
    });
    file->addSeparator();
    QAction* importPlan = file->addAction(tr("&Import Plan…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import Plan"), QString(),
                                                          tr("BitLens plans (*.bitlens-plan.json *.json);;All files (*)"));
        if (!path.isEmpty())
            m_project->importPlan(path);
    });
    importPlan->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    importPlan->setToolTip(tr("Replace the plan by one from a *.bitlens-plan.json file (one undo step)"));
    QAction* exportPlan = file->addAction(tr("Export P&lan…"), this, [this] {
        QString path = QFileDialog::getSaveFileName(this, tr("Export Plan"), QStringLiteral("plan.bitlens-plan.json"),
                                                    tr("BitLens plans (*.bitlens-plan.json)"));
        if (!path.isEmpty())
            m_project->exportPlan(path);
    });
    exportPlan->setToolTip(tr("The plan in DESIGN.md's format, for bitlens-cli eval --plan and export"));
    connect(m_project, &ProjectSession::pathChanged, this, &MainWindow::updateTitle);
    connect(m_project, &ProjectSession::modifiedChanged, this, &MainWindow::updateTitle);
}

bool MainWindow::saveProjectAs(const QString& caption)
{
    QString suggestion = m_project->path();
    if (suggestion.isEmpty() && !m_document->modelPath().isEmpty())
        suggestion = QFileInfo(m_document->modelPath()).completeBaseName() + QStringLiteral(".bitlens");
    QString path = QFileDialog::getSaveFileName(this, caption.isEmpty() ? tr("Save Project") : caption, suggestion, tr("BitLens projects (*.bitlens)"));
    if (path.isEmpty())
        return false;
    if (!path.endsWith(QLatin1String(".bitlens")))
        path += QStringLiteral(".bitlens");
    return m_project->saveAs(path);
}

bool MainWindow::maybeSave()
{
    if (!m_project->isModified())
        return true;
    QMessageBox box(QMessageBox::Question, tr("Unsaved changes"),
                    tr("The project has unsaved changes. Save them first?"),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("maybeSaveDialog"));
    switch (box.exec()) {
    case QMessageBox::Save: return m_project->path().isEmpty() ? saveProjectAs() : m_project->save();
    case QMessageBox::Discard: return true;
    default: return false;
    }
}

bool MainWindow::offerRecovery()
{
    QMessageBox box(QMessageBox::Question, tr("Recover unsaved work?"),
                    tr("BitLens did not close normally last time. Open the work it saved automatically?"),
                    QMessageBox::Open | QMessageBox::Discard, this);
    box.setObjectName(QStringLiteral("recoveryDialog"));
    if (box.exec() == QMessageBox::Open)
        return m_project->recover();
    m_project->discardRecovery();
    return false;
}

void MainWindow::updateTitle()
{
    if (!m_project || !m_document)
        return; // being destroyed
    const QString model = m_document->modelPath().isEmpty() ? QString() : QFileInfo(m_document->modelPath()).fileName();
    const QString project = m_project->path().isEmpty() ? QString() : QFileInfo(m_project->path()).fileName();
    QString title = tr("BitLens");
    if (!project.isEmpty())
        title += QStringLiteral(" — %1 (%2)").arg(project, model);
    else if (!model.isEmpty())
        title += QStringLiteral(" — %1").arg(model);
    setWindowTitle(title + QStringLiteral("[*]"));
    setWindowModified(m_project->isModified());
}

} // namespace bitlens

// File ▸ Write Report: the project's HTML report, as `bitlens-cli report` writes it. The numbers are
// computed from the saved project in the background with a progress dialog and Cancel; the
// figures are drawn on the GUI thread when they are ready.
#include "job_guard.h"
#include "job_pool.h"
#include "main_window.h"

#include "project_session.h"
#include "workbench_document.h"

#include <app/figures/figure_writer.h>

#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <QStatusBar>
#include <QtConcurrent>

#include <atomic>
#include <memory>

namespace bitlens {

void MainWindow::writeReport()
{
    // The report describes a saved project (it names the file and reads its settings), so a
    // project never saved is saved first, with a dialog that says why.
    if (m_project->path().isEmpty() && !saveProjectAs(tr("Save the Project the Report Describes")))
        return;
    QString suggestion = m_project->path();
    suggestion = suggestion.isEmpty() ? QStringLiteral("report.html")
                                      : QFileInfo(suggestion).path() + QLatin1Char('/') + QFileInfo(suggestion).completeBaseName() +
                                            QStringLiteral("-report.html");
    const QString path = QFileDialog::getSaveFileName(this, tr("Write Report"), suggestion, tr("HTML (*.html)"));
    if (!path.isEmpty())
        writeReportTo(path);
}

void MainWindow::writeReportTo(const QString& path)
{
    // The report is of the saved project, so unsaved edits are saved first (or the user cancels).
    if (m_project->path().isEmpty() || m_project->isModified()) {
        const bool saved = m_project->path().isEmpty() ? saveProjectAs(tr("Save the Project the Report Describes"))
                                                       : m_project->save();
        if (!saved)
            return;
    }
    const std::string project = m_project->path().toStdString();
    FigureOptions options;
    options.limit = m_document->evaluationLimit();
    // The window's finished sweep was measured on the saved test set, preprocessing and limit:
    // the report uses it rather than measuring Table 1 again (computeFigureData checks it is whole).
    if (!m_document->sweepRunning() && m_document->hasTestSet())
        options.sweep = m_document->accuracyTable();
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    auto* dialog = new QProgressDialog(tr("Computing the report's figures…"), tr("Cancel"), 0, 1000, this);
    dialog->setObjectName(QStringLiteral("reportProgress"));
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setMinimumDuration(300);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QProgressDialog::canceled, this, [cancel] { *cancel = true; });
    QPointer<QProgressDialog> guard(dialog);
    auto* watcher = new QFutureWatcher<Result<FigureData>>(this);
    connect(watcher, &QFutureWatcher<Result<FigureData>>::finished, this, [this, watcher, guard, cancel, path] {
        watcher->deleteLater();
        const bool cancelled = *cancel;
        if (guard) {
            guard->disconnect(this); // closing a QProgressDialog emits canceled()
            guard->close();
        }
        if (cancelled)
            return;
        const Result<FigureData> data = watcher->result();
        if (!data) {
            showError(tr("Write Report"), QString::fromStdString(data.error()));
            return;
        }
        if (auto written = bitlens::writeReport(*data, path); !written) {
            showError(tr("Write Report"), QString::fromStdString(written.error()));
            return;
        }
        statusBar()->showMessage(tr("Wrote the report %1").arg(path), 8000);
        Q_EMIT reportWritten(path);
    });
    watcher->setFuture(QtConcurrent::run(jobPool(), [project, options, cancel, guard]() -> Result<FigureData> {
        Result<FigureData> data = fail("");
        const std::string thrown = runGuarded([&] { data = computeFigureData(project, options, [cancel, guard](const std::string& step, int64_t done, int64_t total) {
            const QString label = QString::fromStdString(step);
            const int value = total > 0 ? static_cast<int>(1000 * done / total) : 0;
            QMetaObject::invokeMethod(qApp, [guard, label, value] {
                if (guard) {
                    guard->setLabelText(QObject::tr("Computing the report: %1").arg(label));
                    guard->setValue(std::min(value, 999));
                }
            });
            return !*cancel;
        }); });
        if (!thrown.empty())
            return fail(project + ": " + thrown);
        return data;
    }));
}

} // namespace bitlens

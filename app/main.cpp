// bitlens [MODEL] [--data DATA]: the workbench window, on the bundled sample by default.
#include "app_settings.h"
#include "main_window.h"
#include "plan_document.h"
#include "project_session.h"
#include "sensitivity_tab.h"
#include "workbench_document.h"
#include "workbench_views.h"

#include <quant/scheme_registry.h>
#include <widgets/plot_widget.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLocale>
#include <QTimer>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("BitLens"));
    QApplication::setOrganizationName(QStringLiteral("BitLens"));
    QApplication::setApplicationVersion(QStringLiteral(BITLENS_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Shows what quantization does to a trained network."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("MODEL"), QStringLiteral("ONNX model to open (default: the bundled sample)."));
    const QCommandLineOption data(QStringLiteral("data"),
                                  QStringLiteral("Labelled test set: a folder, file or dataset card (default for the "
                                                 "sample: Debian's Fashion-MNIST if installed, else the bundled 2,000 images)."),
                                  QStringLiteral("DATA"));
    const QCommandLineOption tab(QStringLiteral("tab"),
                                 QStringLiteral("View to show first: quartiles, histograms, efficiency, accuracy, confusion, plan, sensitivity, proposal, groups."),
                                 QStringLiteral("NAME"));
    const QCommandLineOption dark(QStringLiteral("dark"), QStringLiteral("Use the dark theme."));
    const QCommandLineOption sweep(QStringLiteral("sweep"), QStringLiteral("Start the accuracy sweep once the model is open."));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Render the window to FILE once every job has finished, then quit."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption exportViews(QStringLiteral("export-views"),
                                         QStringLiteral("Write every view as PDF, SVG, PNG and CSV into DIR once every "
                                                        "job has finished, then quit."),
                                         QStringLiteral("DIR"));
    const QCommandLineOption language(QStringLiteral("language"),
                                      QStringLiteral("User interface language, e.g. de or en (default: the one chosen in "
                                                     "View ▸ Language, else the system's)."),
                                      QStringLiteral("CODE"));
    const QCommandLineOption layer(QStringLiteral("layer"), QStringLiteral("Weight layer to select first."), QStringLiteral("NAME"));
    const QCommandLineOption setting(QStringLiteral("setting"),
                                     QStringLiteral("Scheme, granularity and bits to start with, e.g. asymmetric,per-channel,4."),
                                     QStringLiteral("S,G,N"));
    const QCommandLineOption plan(QStringLiteral("plan"), QStringLiteral("Import this *.bitlens-plan.json once the model is open."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption measure(QStringLiteral("measure"),
                                     QStringLiteral("Once the model is open, run: sensitivity (one layer at a time at the "
                                                    "Sensitivity tab's setting), distances (of the plan), curve (proposals "
                                                    "at several budgets); comma-separated."),
                                     QStringLiteral("LIST"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Window size, e.g. 1280x800 (screenshots)."),
                                  QStringLiteral("WxH"));
    parser.addOptions({data, tab, dark, sweep, layer, setting, screenshot, exportViews, language, plan, measure, size});
    parser.process(app);

    // Before the window: widgets take their texts when they are created. The translations are
    // compiled into the binary (translations/*.ts -> :/i18n/*.qm).
    bitlens::installTranslators(bitlens::startupLocale(parser.value(language)));

    bitlens::MainWindow window;
    if (parser.isSet(dark))
        window.setDarkTheme(true);
    if (parser.isSet(tab)) {
        const QStringList tabs{QStringLiteral("quartiles"), QStringLiteral("histograms"), QStringLiteral("efficiency"),
                               QStringLiteral("accuracy"), QStringLiteral("confusion"), QStringLiteral("plan"),
                               QStringLiteral("sensitivity"), QStringLiteral("proposal"), QStringLiteral("groups")};
        const int index = static_cast<int>(tabs.indexOf(parser.value(tab)));
        if (index < 0) {
            std::fprintf(stderr, "bitlens: --tab: expected one of %s\n", qPrintable(tabs.join(QStringLiteral(", "))));
            return 2;
        }
        window.views()->setCurrentIndex(index);
    }
    if (parser.isSet(setting)) {
        // SCHEME,GRANULARITY,BITS[,BLOCK] or a named format.
        const QStringList parts = parser.value(setting).split(QLatin1Char(','));
        const auto format = parts.size() == 1 ? bitlens::parseFormat(parts[0].toStdString()) : std::nullopt;
        const bool shaped = parts.size() == 3 || parts.size() == 4;
        const auto scheme = shaped ? bitlens::parseScheme(parts[0].toStdString()) : std::nullopt;
        const auto granularity = shaped ? bitlens::parseGranularity(parts[1].toStdString()) : std::nullopt;
        bool ok = false, blockOk = parts.size() == 3;
        const int bits = shaped ? parts[2].toInt(&ok) : 0;
        const int block = parts.size() == 4 ? parts[3].toInt(&blockOk) : 0;
        bitlens::QuantSpec spec{scheme.value_or(bitlens::Scheme::Asymmetric), granularity.value_or(bitlens::Granularity::PerChannel), bits, block};
        if (scheme)
            spec.scale = bitlens::schemeDescriptor(*scheme).defaultScale;
        if (format)
            spec = *format;
        else if (!scheme || !granularity || !ok || !blockOk || bits < 1 || bits > 8 || !bitlens::specProblem(spec).empty()) {
            std::fprintf(stderr, "bitlens: --setting: expected SCHEME,GRANULARITY,BITS[,BLOCK] such as asymmetric,per-channel,4 "
                                 "or symmetric,per-block,4,32, or a named format such as mxfp4\n");
            return 2;
        }
        window.setSetting(spec);
    }
    if (parser.isSet(layer))
        window.document()->selectLayer(parser.value(layer));
    if (parser.isSet(size)) {
        const QStringList wh = parser.value(size).split(QLatin1Char('x'));
        bool okW = false, okH = false;
        const int w = wh.value(0).toInt(&okW), h = wh.value(1).toInt(&okH);
        if (wh.size() != 2 || !okW || !okH || w < 200 || h < 200 || w > 16384 || h > 16384) {
            std::fprintf(stderr, "bitlens: --size: expected WxH such as 1280x800, not %s\n", qPrintable(parser.value(size)));
            return 2;
        }
        window.resize(w, h);
    }
    window.show();
    if (parser.isSet(data))
        window.useTestSet(parser.value(data));
    const bool scripted = parser.isSet(screenshot) || parser.isSet(exportViews);
    if (parser.positionalArguments().isEmpty() && !scripted && window.project()->recoveryAvailable() && window.offerRecovery())
        ; // the recovered project opens its own model
    else if (parser.positionalArguments().isEmpty())
        window.openSample();
    else
        window.openModel(parser.positionalArguments().first());
    if (parser.isSet(plan) || parser.isSet(measure)) {
        const QString planFile = parser.value(plan);
        const QStringList jobs = parser.value(measure).split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const QString& j : jobs)
            if (j != QLatin1String("sensitivity") && j != QLatin1String("distances") && j != QLatin1String("curve")) {
                std::fprintf(stderr, "bitlens: --measure: expected sensitivity, distances or curve, not %s\n", qPrintable(j));
                return 2;
            }
        QObject::connect(
            window.document(), &bitlens::WorkbenchDocument::modelLoaded, &window,
            [&window, planFile, jobs] {
                bitlens::PlanDocument* plan = window.document()->planDocument();
                if (!planFile.isEmpty())
                    window.project()->importPlan(planFile);
                for (const QString& j : jobs) {
                    if (j == QLatin1String("sensitivity"))
                        plan->runSensitivity(window.sensitivityTab()->spec());
                    else if (j == QLatin1String("distances"))
                        plan->measureDistances();
                    else
                        plan->proposeCurve(bitlens::Scheme::Asymmetric, bitlens::Granularity::PerChannel);
                }
            },
            Qt::ConnectionType(Qt::QueuedConnection | Qt::SingleShotConnection));
    }
    if (parser.isSet(sweep))
        QObject::connect(window.document(), &bitlens::WorkbenchDocument::modelLoaded, &window,
                         [&window] { window.document()->runSweep(); },
                         Qt::ConnectionType(Qt::QueuedConnection | Qt::SingleShotConnection)); // the first model only

    if (parser.isSet(screenshot) || parser.isSet(exportViews)) {
        const QString file = parser.value(screenshot), dir = parser.value(exportViews);
        QObject::connect(window.document(), &bitlens::WorkbenchDocument::idle, &window, [&window, file, dir] {
            // Let pending layout requests (status bar, column widths) run before grabbing; a job
            // started meanwhile brings another idle.
            QTimer::singleShot(300, &window, [&window, file, dir] {
                if (window.document()->busy())
                    return;
                int status = 0;
                if (!file.isEmpty() && !window.grab().save(file)) {
                    std::fprintf(stderr, "bitlens: cannot write %s\n", qPrintable(file));
                    status = 1;
                }
                if (!dir.isEmpty()) {
                    QDir().mkpath(dir);
                    for (bitlens::PlotWidget* p : window.views()->plots())
                        for (auto f : {bitlens::ExportFormat::Pdf, bitlens::ExportFormat::Svg, bitlens::ExportFormat::Png,
                                       bitlens::ExportFormat::Csv}) {
                            bitlens::ExportOptions o;
                            o.format = f;
                            o.dpi = 150;
                            o.widthMm = p->defaultExportSizeMm().width();
                            o.heightMm = p->defaultExportSizeMm().height();
                            QString error;
                            if (p->hasData() &&
                                !p->exportTo(QDir(dir).filePath(p->exportName() + QLatin1Char('.') + bitlens::formatSuffix(f)), o, &error)) {
                                std::fprintf(stderr, "bitlens: %s\n", qPrintable(error));
                                status = 1;
                            }
                        }
                }
                QApplication::exit(status);
            });
        });
    }
    return app.exec();
}

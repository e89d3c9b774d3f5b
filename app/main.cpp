// bitlens [MODEL]: the workbench window, on the bundled sample by default.
#include "main_window.h"
#include "workbench_document.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLocale>
#include <QTimer>
#include <QTranslator>

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
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Render the window to FILE once the model is shown, then quit."),
                                        QStringLiteral("FILE"));
    parser.addOption(screenshot);
    const QCommandLineOption language(QStringLiteral("language"),
                                      QStringLiteral("User interface language, e.g. de or en (default: the system's)."),
                                      QStringLiteral("CODE"));
    parser.addOption(language);
    parser.process(app);

    // Translations are compiled into the binary (translations/*.ts -> :/i18n/*.qm).
    QTranslator translator;
    const QLocale locale = parser.isSet(language) ? QLocale(parser.value(language)) : QLocale();
    if (translator.load(locale, QStringLiteral("bitlens"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);

    bitlens::MainWindow window;
    window.show();
    if (parser.positionalArguments().isEmpty())
        window.openSample();
    else
        window.openModel(parser.positionalArguments().first());

    if (parser.isSet(screenshot)) {
        const QString file = parser.value(screenshot);
        QObject::connect(window.document(), &bitlens::WorkbenchDocument::idle, &window, [&window, file] {
            // Let pending layout requests (status bar, column widths) run before grabbing.
            QTimer::singleShot(200, &window, [&window, file] {
                if (!window.grab().save(file))
                    qWarning("cannot write %s", qPrintable(file));
                QApplication::quit();
            });
        });
    }
    return app.exec();
}

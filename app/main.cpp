// bitlens [MODEL]: the workbench window, on the bundled sample by default.
#include "main_window.h"
#include "workbench_document.h"

#include <QApplication>
#include <QCommandLineParser>

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
    parser.process(app);

    bitlens::MainWindow window;
    window.show();
    if (parser.positionalArguments().isEmpty())
        window.openSample();
    else
        window.openModel(parser.positionalArguments().first());

    if (parser.isSet(screenshot)) {
        const QString file = parser.value(screenshot);
        QObject::connect(window.document(), &bitlens::WorkbenchDocument::idle, &window, [&window, file] {
            window.grab().save(file);
            QApplication::quit();
        });
    }
    return app.exec();
}

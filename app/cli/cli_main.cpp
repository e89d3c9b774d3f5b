// bitlens-cli: every number the GUI shows, headless. Exit status 0 on success, 2 on bad
// arguments or bad input (one line on stderr naming the file and the problem).
#include "cli_commands.h"
#include "cli_common.h"

#include <QApplication>
#include <QHashFunctions>

#include <memory>

#include <cstdio>
#include <cstring>
#include <exception>
#include <new>

namespace {

void printUsage()
{
    std::printf("Usage: bitlens-cli COMMAND [options]\n\n"
                "Commands:\n"
                "  info MODEL     inputs, outputs, opsets, weight layers, parameter counts, op histogram\n"
                "  stats MODEL    every per-layer quantization metric for each scheme, granularity, bit-width\n"
                "  eval MODEL     accuracy and confusion matrix of the FP32 or quantized model on a test set\n"
                "  run MODEL      one inference on serialized TensorProto inputs\n"
                "  compare MODEL  fidelity of the quantized model against FP32 on samples without labels, per output and node\n"
                "  sweep MODEL    accuracy and size of every scheme x bit-width x granularity (Table 1)\n"
                "  views MODEL    the numbers behind the workbench's layer views (quartiles, histograms, ...)\n"
                "  sensitivity MODEL  one layer at a time: accuracy drop and output distance (QUENN)\n"
                "  plan MODEL     a mixed-precision plan for a size budget\n"
                "  export MODEL   the model quantized by a plan as ONNX (fake-quant or QDQ), or the plan for other tools\n"
                "  figures PROJECT  every view of a saved project as PDF/SVG/PNG + CSV with an index\n"
                "  report PROJECT   a self-contained HTML report of a saved project\n\n"
                "Run 'bitlens-cli COMMAND --help' for the options of a command.\n");
}

// The offscreen platform's notice about XDG_RUNTIME_DIR (unset in containers and CI) would break
// the contract of one line on stderr for an error; every other Qt message goes through.
void qtMessages(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (type == QtWarningMsg && message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR not set")))
        return;
    std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, message)));
}

} // namespace

int main(int argc, char** argv)
{
    qInstallMessageHandler(qtMessages);
    // figures and report draw with the window's plot widgets: a QApplication, offscreen unless
    // the user chose a platform.
    const bool drawing = argc > 1 && (std::strcmp(argv[1], "figures") == 0 || std::strcmp(argv[1], "report") == 0);
    if (drawing && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // QCustomPlot keeps axes in QHashes; with Qt's per-process random seed their drawing order,
    // and so the SVG and PDF bytes, would change from run to run.
    if (drawing)
        QHashSeed::setDeterministicGlobalSeed();
    std::unique_ptr<QCoreApplication> app = drawing ? std::make_unique<QApplication>(argc, argv)
                                                    : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bitlens-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BITLENS_VERSION));
    QStringList args = QCoreApplication::arguments();
    if (args.size() < 2 || args[1] == QLatin1String("--help") || args[1] == QLatin1String("-h")) {
        printUsage();
        return args.size() < 2 ? bitlens::cli::kExitBadInput : bitlens::cli::kExitOk;
    }
    if (args[1] == QLatin1String("--version")) {
        std::printf("bitlens-cli %s\n", BITLENS_VERSION);
        return 0;
    }
    const QString command = args[1];
    QStringList rest = args.mid(2);
    rest.prepend(args[0] + QLatin1Char(' ') + command);
    try {
        if (command == QLatin1String("info"))
            return bitlens::cli::runInfo(rest);
        if (command == QLatin1String("stats"))
            return bitlens::cli::runStats(rest);
        if (command == QLatin1String("eval"))
            return bitlens::cli::runEval(rest);
        if (command == QLatin1String("compare"))
            return bitlens::cli::runCompare(rest);
        if (command == QLatin1String("run"))
            return bitlens::cli::runRun(rest);
        if (command == QLatin1String("sweep"))
            return bitlens::cli::runSweep(rest);
        if (command == QLatin1String("views"))
            return bitlens::cli::runViews(rest);
        if (command == QLatin1String("sensitivity"))
            return bitlens::cli::runSensitivity(rest);
        if (command == QLatin1String("plan"))
            return bitlens::cli::runPlan(rest);
        if (command == QLatin1String("export"))
            return bitlens::cli::runExport(rest);
        if (command == QLatin1String("figures"))
            return bitlens::cli::runFigures(rest);
        if (command == QLatin1String("report"))
            return bitlens::cli::runReport(rest);
    } catch (const std::bad_alloc&) {
        return bitlens::cli::failWith(QStringLiteral("%1: out of memory").arg(rest.size() > 1 ? rest[1] : command));
    } catch (const std::exception& e) {
        return bitlens::cli::failWith(QStringLiteral("%1: %2").arg(command, QString::fromUtf8(e.what())));
    }
    return bitlens::cli::failWith(QStringLiteral("unknown command '%1' (run bitlens-cli --help)").arg(command));
}

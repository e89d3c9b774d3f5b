#pragma once
#include <QStringList>

namespace bitlens::cli {

// Each takes the arguments after the subcommand name (argv[0] first, as QCommandLineParser wants).
int runInfo(const QStringList& args);
int runStats(const QStringList& args);
int runEval(const QStringList& args);
int runRun(const QStringList& args);
int runSweep(const QStringList& args);
int runViews(const QStringList& args);
int runSensitivity(const QStringList& args);
int runPlan(const QStringList& args);
int runExport(const QStringList& args);
int runCompare(const QStringList& args);
// cli_figures.cpp: these two need a QApplication (the plots are widgets).
int runFigures(const QStringList& args);
int runReport(const QStringList& args);

} // namespace bitlens::cli

// bitlens-cli figures PROJECT --out DIR [--formats pdf,svg,png] [--dpi N] [--limit N] [--threads N]
// [--no-sensitivity]: every view of a saved project as files plus CSV and an index; and
// bitlens-cli report PROJECT --out FILE.html: the self-contained HTML report.
#include "cli_commands.h"
#include "cli_common.h"

#include <app/figures/figure_writer.h>

#include <QCommandLineParser>

#include <cstdio>

namespace bitlens::cli {

namespace {

struct FigureArgs
{
    QString project, out;
    FigureOptions options;
    std::vector<ExportFormat> formats{ExportFormat::Pdf, ExportFormat::Svg, ExportFormat::Png};
    int dpi = 150;
};

// Parses the options both commands share; returns an exit code on error or help.
std::optional<int> parse(const QStringList& args, bool figures, FigureArgs* a)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        figures ? QStringLiteral("Writes every view of a saved project (quartiles, histograms, bit efficiency and per-channel "
                                 "SQNR of each layer; accuracy curve; confusion FP32/setting/plan/grouped; dendrogram; "
                                 "sensitivity; Pareto) as PDF, SVG and PNG with the CSV behind each, the plan, size, accuracy "
                                 "and grouped-accuracy tables as CSV, and index.md/index.html. A rerun gives the same bytes.")
                : QStringLiteral("Writes a self-contained HTML report of a saved project: model summary, plan, accuracy "
                                 "(Table 1), grouped accuracy (Table 2), sizes (Table 5) and the key figures inline as SVG."));
    addHelp(p);
    p.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("A *.bitlens project."));
    const QCommandLineOption out(QStringLiteral("out"), figures ? QStringLiteral("The folder to write.") : QStringLiteral("The HTML file to write."),
                                 figures ? QStringLiteral("DIR") : QStringLiteral("FILE"));
    const QCommandLineOption formats(QStringLiteral("formats"), QStringLiteral("Figure formats (default pdf,svg,png)."), QStringLiteral("LIST"));
    const QCommandLineOption dpi(QStringLiteral("dpi"), QStringLiteral("PNG resolution (default 150)."), QStringLiteral("N"));
    const QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("Use at most N images of the test set."), QStringLiteral("N"));
    const QCommandLineOption threads(QStringLiteral("threads"), QStringLiteral("Worker threads (default: all cores)."), QStringLiteral("N"));
    const QCommandLineOption noSensitivity(QStringLiteral("no-sensitivity"),
                                           QStringLiteral("Skip the one-layer-at-a-time sensitivity (one evaluation per layer)."));
    p.addOptions({out, limit, threads, noSensitivity});
    if (figures)
        p.addOptions({formats, dpi});
    if (!p.parse(args))
        return failWith(p.errorText());
    if (p.isSet(QStringLiteral("help")))
        return printHelp(p, args);
    if (p.positionalArguments().size() != 1 || !p.isSet(out))
        return failWith(figures ? QStringLiteral("figures: expected PROJECT --out DIR (see --help)")
                                : QStringLiteral("report: expected PROJECT --out FILE.html (see --help)"));
    a->project = p.positionalArguments().first();
    a->out = p.value(out);
    const auto positive = [&](const QCommandLineOption& o, int64_t max, int64_t* v) {
        bool ok = false;
        *v = p.value(o).toLongLong(&ok);
        return ok && *v > 0 && *v <= max;
    };
    int64_t v = 0;
    if (p.isSet(limit)) {
        if (!positive(limit, int64_t{1} << 40, &v))
            return failWith(QStringLiteral("--limit: expected a positive integer"));
        a->options.limit = v;
    }
    if (p.isSet(threads)) {
        if (!positive(threads, 1024, &v))
            return failWith(QStringLiteral("--threads: expected 1..1024"));
        a->options.threads = static_cast<int>(v);
    }
    a->options.sensitivity = !p.isSet(noSensitivity);
    if (figures && p.isSet(dpi)) {
        if (!positive(dpi, 2400, &v) || v < 10)
            return failWith(QStringLiteral("--dpi: expected 10..2400"));
        a->dpi = static_cast<int>(v);
    }
    if (figures && p.isSet(formats)) {
        a->formats.clear();
        for (const QString& f : parseList(p.value(formats))) {
            ExportFormat format;
            if (!formatFromSuffix(QStringLiteral("x.") + f, &format) || format == ExportFormat::Csv)
                return failWith(QStringLiteral("--formats: expected pdf, svg or png, not '%1'").arg(f));
            a->formats.push_back(format);
        }
        if (a->formats.empty())
            return failWith(QStringLiteral("--formats: expected at least one of pdf, svg, png"));
    }
    return std::nullopt;
}

Result<FigureData> compute(const FigureArgs& a)
{
    const bool terminal = stderrIsTerminal();
    return computeFigureData(a.project.toStdString(), a.options, [terminal](const std::string& step, int64_t done, int64_t total) {
        if (terminal && total > 0)
            std::fprintf(stderr, "\r%s: %lld/%lld   ", step.c_str(), static_cast<long long>(done), static_cast<long long>(total));
        return true;
    });
}

} // namespace

int runFigures(const QStringList& args)
{
    FigureArgs a;
    if (auto code = parse(args, true, &a))
        return *code;
    auto data = compute(a);
    if (stderrIsTerminal())
        std::fprintf(stderr, "\n");
    if (!data)
        return failWith(data.error());
    auto index = writeFigures(*data, a.out, a.formats, a.dpi);
    if (!index)
        return failWith(index.error());
    std::printf("wrote %zu figures and %zu tables into %s (index.html, index.md)\n", index->figures.size(),
                index->tables.size(), qPrintable(a.out));
    return kExitOk;
}

int runReport(const QStringList& args)
{
    FigureArgs a;
    if (auto code = parse(args, false, &a))
        return *code;
    auto data = compute(a);
    if (stderrIsTerminal())
        std::fprintf(stderr, "\n");
    if (!data)
        return failWith(data.error());
    if (auto w = writeReport(*data, a.out); !w)
        return failWith(w.error());
    std::printf("wrote %s\n", qPrintable(a.out));
    return kExitOk;
}

} // namespace bitlens::cli

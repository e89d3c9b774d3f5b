// The self-contained HTML report (figure_writer.h): tables as HTML, the key figures inline as SVG,
// so the one file can be mailed or attached to a review.
#include "figure_writer.h"

#include <app/sample_model.h>

#include <quant/scheme_registry.h>

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QTemporaryDir>

#include <cmath>

namespace bitlens {

namespace {

QString esc(const std::string& s) { return QString::fromStdString(s).toHtmlEscaped(); }
QString pct(double v) { return QString::number(100 * v, 'f', 2) + QStringLiteral(" %"); }
QString kib(double bytes) { return QString::number(bytes / 1024.0, 'f', 1) + QStringLiteral(" KiB"); }

QString settingText(const QuantSpec& s)
{
    return s.bits >= 32 ? QStringLiteral("FP32") : QString::fromStdString(seriesLabel(s));
}

QString row(const QStringList& cells, bool header = false)
{
    const QString tag = header ? QStringLiteral("th") : QStringLiteral("td");
    QString r = QStringLiteral("<tr>");
    for (const QString& c : cells)
        r += QStringLiteral("<%1>%2</%1>").arg(tag, c);
    return r + QStringLiteral("</tr>\n");
}

// The plot as inline SVG (its XML declaration dropped), through the same exporter as the files.
QString inlineSvg(PlotWidget* plot, QTemporaryDir& tmp, QString* error)
{
    ExportOptions o;
    o.format = ExportFormat::Svg;
    o.widthMm = plot->defaultExportSizeMm().width();
    o.heightMm = plot->defaultExportSizeMm().height();
    const QString path = tmp.filePath(plot->exportName() + QStringLiteral(".svg"));
    if (!plot->exportTo(path, o, error))
        return {};
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = path + QStringLiteral(": cannot read back");
        return {};
    }
    QString svg = QString::fromUtf8(f.readAll());
    const qsizetype start = svg.indexOf(QStringLiteral("<svg"));
    return start >= 0 ? svg.mid(start) : svg;
}

} // namespace

Result<bool> writeReport(const FigureData& d, const QString& path)
{
    const QString name = QFileInfo(QString::fromStdString(d.projectFile)).fileName();
    QString h = QStringLiteral(
                    "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>BitLens report: %1</title>\n<style>"
                    "body{font-family:sans-serif;max-width:64em;margin:2em auto;color:#222}"
                    "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.2em .6em;"
                    "text-align:right}td:first-child,th:first-child{text-align:left}th{background:#f3f3f3}"
                    "figure{margin:1em 0}svg{max-width:100%;height:auto}.note{color:#666}</style></head><body>\n"
                    "<h1>BitLens report: %1</h1>\n")
                    .arg(name.toHtmlEscaped());

    // Model summary.
    h += QStringLiteral("<h2>Model</h2>\n<table>\n");
    // As the project names them: never the temporary folder the bundled sample is unpacked to.
    h += row({QStringLiteral("Model file"), esc(projectPathForDisplay(d.projectFile, d.project.model))});
    if (!d.project.modelSha256.empty())
        h += row({QStringLiteral("sha256"), esc(d.project.modelSha256)});
    h += row({QStringLiteral("Nodes"), QString::number(d.summary.nodeCount)});
    h += row({QStringLiteral("Weight layers"), QString::number(d.summary.layers.size())});
    h += row({QStringLiteral("Weights"), QString::number(d.summary.weightParameters)});
    h += row({QStringLiteral("All float constants"), QString::number(d.summary.constantParameters)});
    QStringList ops;
    for (const auto& [op, count] : d.summary.opHistogram)
        ops << QStringLiteral("%1 × %2").arg(esc(op)).arg(count);
    h += row({QStringLiteral("Operators"), ops.join(QStringLiteral(", "))});
    h += row({QStringLiteral("Test set"), d.dataFile.empty() ? QStringLiteral("none") : esc(projectPathForDisplay(d.projectFile, d.project.dataset))});
    h += QStringLiteral("</table>\n");
    for (const std::string& n : d.notes)
        h += QStringLiteral("<p class=\"note\">%1</p>\n").arg(esc(n));

    // The plan.
    h += QStringLiteral("<h2>Plan</h2>\n<p>Defaults: %1. Average %2 bits per weight; weights %3 packed, %4 with zstd "
                        "(FP32: %5).</p>\n<table>\n")
             .arg(settingText(d.project.plan.defaults))
             .arg(d.planSize.parameters ? static_cast<double>(d.planSize.weightBits()) / static_cast<double>(d.planSize.parameters) : 0.0, 0, 'f', 3)
             .arg(kib(static_cast<double>(d.planSize.weightBits()) / 8), kib(static_cast<double>(d.planSize.zstdBytes)),
                  kib(4.0 * static_cast<double>(d.planSize.parameters)));
    h += row({QStringLiteral("Layer"), QStringLiteral("Op"), QStringLiteral("Weights"), QStringLiteral("Setting"),
              QStringLiteral("Size (bits)"), QStringLiteral("SQNR (dB)")},
             true);
    for (const PlanLayerRow& r : d.planRows)
        h += row({esc(r.layer) + (r.fromDefaults ? QString() : QStringLiteral(" *")), esc(r.op), QString::number(r.parameters),
                  settingText(r.spec), QString::number(r.codeBits + r.overheadBits),
                  r.sqnrDb ? QString::number(*r.sqnrDb, 'f', 2) : (r.spec.bits >= 32 ? QStringLiteral("—") : QStringLiteral("exact"))});
    h += QStringLiteral("</table>\n<p class=\"note\">* the layer's own setting; the others take the defaults.</p>\n");

    // Accuracy (Table 1) and Table 2.
    if (d.sweep && d.sweep->fp32) {
        h += QStringLiteral("<h2>Accuracy (Table 1)</h2>\n<p>Top-1 on %1 images, %2; FP32 %3.</p>\n<table>\n")
                 .arg(d.sweep->fp32->images)
                 .arg(QString::fromUtf8(granularityName(d.sweep->granularity).data()), pct(d.sweep->fp32->top1));
        QStringList head{QStringLiteral("Scheme")};
        for (int b : d.sweep->bits)
            head << QStringLiteral("%1 bits").arg(b);
        h += row(head, true);
        for (Scheme s : d.sweep->schemes) {
            QStringList cells{QString::fromUtf8(schemeName(s).data())};
            for (int b : d.sweep->bits) {
                const AccuracyCell* c = d.sweep->find(s, b);
                cells << (c ? pct(c->top1) : QStringLiteral("—"));
            }
            h += row(cells);
        }
        h += QStringLiteral("</table>\n");
    }
    if (d.planConfusion)
        h += QStringLiteral("<p>The plan: top-1 <b>%1</b> (FP32 %2).</p>\n").arg(pct(d.planConfusion->quantizedTop1), pct(d.planConfusion->fp32Top1));
    if (!d.table2.empty()) {
        h += QStringLiteral("<h2>Grouped accuracy (Table 2)</h2>\n<table>\n");
        h += row({QStringLiteral("Scheme"), QStringLiteral("Top-1"), QStringLiteral("Grouped top-1")}, true);
        for (const GroupedAccuracyRow& r : d.table2)
            h += row({r.label == "fp32" ? QStringLiteral("FP32") : settingText(r.spec), pct(r.top1), pct(r.groupedTop1)});
        h += QStringLiteral("</table>\n");
    }

    // Sizes (Table 5).
    h += QStringLiteral("<h2>Sizes (Table 5)</h2>\n<table>\n");
    h += row({QStringLiteral("Setting"), QStringLiteral("FP32"), QStringLiteral("Packed"), QStringLiteral("zstd"),
              QStringLiteral("zlib"), QStringLiteral("Entropy bound"), QStringLiteral("Saving")},
             true);
    for (const SizeTableRow& r : d.sizeTable)
        h += row({esc(r.label), kib(static_cast<double>(r.totals.fp32Bits) / 8), kib(static_cast<double>(r.packedBytes())),
                  r.totals.zstdBytes ? kib(static_cast<double>(*r.totals.zstdBytes)) : QStringLiteral("—"),
                  r.totals.zlibBytes ? kib(static_cast<double>(*r.totals.zlibBytes)) : QStringLiteral("—"),
                  kib(r.totals.entropyBoundBits / 8), pct(r.packedSaving())});
    h += QStringLiteral("</table>\n");

    // Key figures, inline.
    QTemporaryDir tmp;
    if (!tmp.isValid())
        return fail(path.toStdString() + ": no temporary folder for the figures");
    std::vector<Figure> figures = buildFigures(d);
    const std::string selected = d.project.view.layer.empty() && !d.summary.layers.empty() ? d.summary.layers.front().name
                                                                                           : d.project.view.layer;
    h += QStringLiteral("<h2>Figures</h2>\n");
    for (Figure& f : figures) {
        // Of the per-layer figures, only the selected layer's quartiles and histograms.
        if (f.section == QLatin1String("Layers") && !f.title.endsWith(QStringLiteral(": ") + QString::fromStdString(selected)))
            continue;
        if (f.base.startsWith(QStringLiteral("channel-sqnr")) || f.base.startsWith(QStringLiteral("histogram-bits")))
            continue;
        QString error;
        const QString svg = inlineSvg(f.plot.get(), tmp, &error);
        if (svg.isEmpty())
            return fail(error.toStdString());
        h += QStringLiteral("<figure>\n%1\n<figcaption>%2</figcaption></figure>\n").arg(svg, f.title.toHtmlEscaped());
    }
    h += QStringLiteral("<p class=\"note\">Written by BitLens %1 from %2.</p>\n</body></html>\n")
             .arg(QStringLiteral(BITLENS_VERSION), name.toHtmlEscaped());

    QSaveFile out(path);
    const QByteArray bytes = h.toUtf8();
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit())
        return fail(path.toStdString() + ": cannot write the report (" + out.errorString().toStdString() + ")");
    return true;
}

} // namespace bitlens

#include "figure_writer.h"

#include <quant/plan_csv.h>
#include <quant/view_csv.h>
#include <widgets/accuracy_curve_plot.h>
#include <widgets/channel_sqnr_plot.h>
#include <widgets/confusion_plot.h>
#include <widgets/dendrogram_plot.h>
#include <widgets/efficiency_plot.h>
#include <widgets/histogram_plot.h>
#include <widgets/pareto_plot.h>
#include <widgets/quartile_plot.h>
#include <widgets/sensitivity_plot.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSaveFile>

#include <memory>

namespace bitlens {

namespace {

// A layer name as a file name: letters, digits, '.', '-' and '_' kept, anything else '_'.
QString fileSafe(const std::string& name)
{
    QString out;
    for (const QChar c : QString::fromStdString(name))
        out += (c.isLetterOrNumber() && c.unicode() < 128) || c == QLatin1Char('.') || c == QLatin1Char('-') ||
                       c == QLatin1Char('_')
                   ? c
                   : QLatin1Char('_');
    return out;
}

// Overwrites `text` at every match of `pattern` (group 1) with `replacement`, character by
// character, where the replacement has a character; the length never changes, so the PDF's
// cross-reference offsets stay right.
void overwrite(QByteArray& pdf, const QRegularExpression& pattern, const QByteArray& replacement)
{
    const QString text = QString::fromLatin1(pdf);
    auto it = pattern.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const qsizetype start = m.capturedStart(1), length = m.capturedLength(1);
        for (qsizetype i = 0; i < length && i < replacement.size(); ++i)
            pdf[start + i] = replacement[i];
    }
}

Result<bool> writeBytes(const QString& path, const QByteArray& bytes)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        return fail(path.toStdString() + ": cannot write (" + f.errorString().toStdString() + ")");
    return true;
}


} // namespace

std::vector<Figure> buildFigures(const FigureData& d)
{
    std::vector<Figure> out;
    const auto add = [&](PlotWidget* p, QString title, QString section, QString base) {
        out.push_back({std::unique_ptr<PlotWidget>(p), std::move(title), std::move(section), std::move(base)});
    };
    for (const LayerViews& v : d.layerViews) {
        const QString layer = QString::fromStdString(v.layer), safe = fileSafe(v.layer);
        if (!v.warnings.empty())
            continue; // NaN/Inf: nothing but FP32 to show (the note lists it)
        auto* q = new QuartilePlot;
        q->setData(v.quartiles);
        add(q, QStringLiteral("Per-channel quartiles: %1").arg(layer), QStringLiteral("Layers"), QStringLiteral("quartiles-") + safe);
        auto* h = new HistogramPlot(QStringLiteral("histogram-schemes"));
        h->setData(v.schemeHistograms, QStringLiteral("%1: FP32 and %2 on shared bins").arg(layer, QString::fromStdString(v.schemeHistograms.setting)));
        add(h, QStringLiteral("Histograms by scheme: %1").arg(layer), QStringLiteral("Layers"), QStringLiteral("histogram-schemes-") + safe);
        auto* hb = new HistogramPlot(QStringLiteral("histogram-bits"), HistogramPlot::SmallMultiples);
        hb->setData(v.bitHistograms, QStringLiteral("%1: %2 across bit-widths, FP32 shaded").arg(layer, QString::fromStdString(v.bitHistograms.setting)));
        add(hb, QStringLiteral("Histograms by bit-width: %1").arg(layer), QStringLiteral("Layers"), QStringLiteral("histogram-bits-") + safe);
        auto* e = new EfficiencyPlot;
        e->setData(v.efficiency);
        add(e, QStringLiteral("Bit efficiency: %1").arg(layer), QStringLiteral("Layers"), QStringLiteral("bit-efficiency-") + safe);
        auto* c = new ChannelSqnrPlot;
        c->setData(v.channelSqnr);
        add(c, QStringLiteral("Per-channel SQNR: %1").arg(layer), QStringLiteral("Layers"), QStringLiteral("channel-sqnr-") + safe);
    }
    if (d.sweep) {
        auto* a = new AccuracyCurvePlot;
        a->setData(*d.sweep);
        add(a, QStringLiteral("Accuracy against bits (Table 1)"), QStringLiteral("Accuracy"), QStringLiteral("accuracy-curve"));
    }
    const auto confusion = [&](const std::optional<ConfusionView>& v, const QString& title, const QString& base) {
        if (!v)
            return;
        auto* c = new ConfusionPlot(nullptr, base);
        c->setData(*v);
        add(c, title, QStringLiteral("Confusion"), base);
    };
    confusion(d.settingConfusion, QStringLiteral("Confusion: FP32 and the setting"), QStringLiteral("confusion"));
    confusion(d.planConfusion, QStringLiteral("Confusion: FP32 and the plan"), QStringLiteral("plan-confusion"));
    confusion(d.groupedConfusion, QStringLiteral("Grouped confusion: FP32 and the plan"), QStringLiteral("grouped-confusion"));
    if (d.dendrogram) {
        auto* g = new DendrogramPlot;
        g->setData(*d.dendrogram);
        add(g, QStringLiteral("Suggested class groups (dendrogram)"), QStringLiteral("Classes"), QStringLiteral("dendrogram"));
    }
    if (d.sensitivity) {
        auto* s = new SensitivityPlot;
        s->setData(*d.sensitivity);
        add(s, QStringLiteral("Layer sensitivity (one layer at a time)"), QStringLiteral("Plan"), QStringLiteral("sensitivity"));
    }
    if (d.pareto) {
        auto* p = new ParetoPlot;
        p->setData(*d.pareto);
        add(p, QStringLiteral("Accuracy against size (Pareto)"), QStringLiteral("Plan"), QStringLiteral("pareto"));
    }
    return out;
}

namespace {
QString htmlEscape(const QString& s) { return s.toHtmlEscaped(); }
} // namespace

bool normalizePdf(QByteArray& pdf)
{
    if (!pdf.startsWith("%PDF-"))
        return false;
    static const QRegularExpression creation(QStringLiteral("/CreationDate \\(D:([0-9]{14})"));
    static const QRegularExpression xmpDate(QStringLiteral("xmp:(?:Create|Modify)Date=\"([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2})"));
    static const QRegularExpression id(QStringLiteral("/ID \\[ ?<([0-9A-Fa-f]+)> ?<([0-9A-Fa-f]+)>"));
    overwrite(pdf, creation, "20000101000000");
    overwrite(pdf, xmpDate, "2000-01-01T00:00:00");
    // The id: first zeroed, then the hash of the whole file (so different figures keep different ids).
    QByteArray zeros(64, '0');
    overwrite(pdf, id, zeros);
    static const QRegularExpression id2(QStringLiteral("/ID \\[ ?<[0-9A-Fa-f]+> ?<([0-9A-Fa-f]+)>"));
    overwrite(pdf, id2, zeros);
    const QByteArray hash = QCryptographicHash::hash(pdf, QCryptographicHash::Sha256).toHex();
    overwrite(pdf, id, hash);
    overwrite(pdf, id2, hash);
    return true;
}

Result<FigureIndex> writeFigures(const FigureData& data, const QString& dir, const std::vector<ExportFormat>& formats, int dpi)
{
    if (!QDir().mkpath(dir))
        return fail(dir.toStdString() + ": cannot create the folder");
    const QDir out(dir);
    FigureIndex index;
    std::vector<Figure> figures = buildFigures(data);
    for (Figure& f : figures) {
        FigureFile file{f.title, f.section, f.base, {}};
        for (ExportFormat format : formats) {
            ExportOptions o;
            o.format = format;
            o.dpi = dpi;
            o.widthMm = f.plot->defaultExportSizeMm().width();
            o.heightMm = f.plot->defaultExportSizeMm().height();
            const QString name = f.base + QLatin1Char('.') + formatSuffix(format);
            QString error;
            if (!f.plot->exportTo(out.filePath(name), o, &error))
                return fail(error.toStdString());
            if (format == ExportFormat::Pdf) {
                QFile pdf(out.filePath(name));
                if (!pdf.open(QIODevice::ReadOnly))
                    return fail(out.filePath(name).toStdString() + ": cannot read back");
                QByteArray bytes = pdf.readAll();
                pdf.close();
                normalizePdf(bytes);
                if (auto w = writeBytes(out.filePath(name), bytes); !w)
                    return Error{w.error()};
            }
            file.files.push_back(name);
        }
        const QString csv = f.base + QStringLiteral(".csv");
        if (auto w = writeBytes(out.filePath(csv), f.plot->csv()); !w)
            return Error{w.error()};
        file.files.push_back(csv);
        index.figures.push_back(std::move(file));
    }
    // The tables.
    const auto table = [&](const QString& title, const QString& name, const std::string& csv) -> Result<bool> {
        if (auto w = writeBytes(out.filePath(name), QByteArray::fromStdString(csv)); !w)
            return w;
        index.tables.emplace_back(title, name);
        return true;
    };
    if (auto w = table(QStringLiteral("Plan (per layer)"), QStringLiteral("plan-table.csv"), planTableCsv(data.planRows)); !w)
        return Error{w.error()};
    if (auto w = table(QStringLiteral("Table 5: sizes"), QStringLiteral("size-table.csv"), sizeTableCsv(data.sizeTable)); !w)
        return Error{w.error()};
    if (data.sweep)
        if (auto w = table(QStringLiteral("Table 1: accuracy"), QStringLiteral("accuracy-table.csv"), accuracyCsv(*data.sweep)); !w)
            return Error{w.error()};
    if (!data.table2.empty())
        if (auto w = table(QStringLiteral("Table 2: grouped accuracy"), QStringLiteral("grouped-accuracy.csv"),
                           groupedAccuracyCsv(data.table2));
            !w)
            return Error{w.error()};

    // The index, in Markdown and HTML: PNG shown where written, else links.
    const bool png = std::find(formats.begin(), formats.end(), ExportFormat::Png) != formats.end();
    const QString project = QString::fromStdString(data.projectFile);
    // Paths as the project stores them (relative to it), so the index does not depend on where it ran.
    QString md = QStringLiteral("# BitLens figures: %1\n\nModel `%2`").arg(QFileInfo(project).fileName(),
                                                                          QString::fromStdString(data.project.model));
    if (!data.dataFile.empty())
        md += QStringLiteral(", test set `%1`").arg(QString::fromStdString(data.project.dataset));
    md += QStringLiteral(".\n");
    QString html = QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>BitLens figures: %1</title>\n"
                                  "<style>body{font-family:sans-serif;max-width:70em;margin:2em auto}img{max-width:100%;"
                                  "border:1px solid #ddd}figure{margin:1.5em 0}</style></head><body>\n<h1>BitLens figures: %1</h1>\n")
                       .arg(htmlEscape(QFileInfo(project).fileName()));
    for (const std::string& n : data.notes) {
        md += QStringLiteral("\n> %1\n").arg(QString::fromStdString(n));
        html += QStringLiteral("<p><em>%1</em></p>\n").arg(htmlEscape(QString::fromStdString(n)));
    }
    QString section;
    for (const FigureFile& f : index.figures) {
        if (f.section != section) {
            section = f.section;
            md += QStringLiteral("\n## %1\n").arg(section);
            html += QStringLiteral("<h2>%1</h2>\n").arg(htmlEscape(section));
        }
        QStringList links, htmlLinks;
        for (const QString& file : f.files) {
            links << QStringLiteral("[%1](%2)").arg(QFileInfo(file).suffix().toUpper(), file);
            htmlLinks << QStringLiteral("<a href=\"%2\">%1</a>").arg(QFileInfo(file).suffix().toUpper(), htmlEscape(file));
        }
        md += QStringLiteral("\n### %1\n\n").arg(f.title);
        html += QStringLiteral("<figure><figcaption><b>%1</b> — %2</figcaption>\n").arg(htmlEscape(f.title), htmlLinks.join(QStringLiteral(" · ")));
        if (png) {
            md += QStringLiteral("![%1](%2.png)\n\n").arg(f.title, f.base);
            html += QStringLiteral("<img src=\"%1.png\" alt=\"%2\">\n").arg(htmlEscape(f.base), htmlEscape(f.title));
        }
        md += links.join(QStringLiteral(" · ")) + QLatin1Char('\n');
        html += QStringLiteral("</figure>\n");
    }
    md += QStringLiteral("\n## Tables\n\n");
    html += QStringLiteral("<h2>Tables</h2>\n<ul>\n");
    for (const auto& [title, file] : index.tables) {
        md += QStringLiteral("- [%1](%2)\n").arg(title, file);
        html += QStringLiteral("<li><a href=\"%2\">%1</a></li>\n").arg(htmlEscape(title), htmlEscape(file));
    }
    html += QStringLiteral("</ul>\n</body></html>\n");
    if (auto w = writeBytes(out.filePath(QStringLiteral("index.md")), md.toUtf8()); !w)
        return Error{w.error()};
    if (auto w = writeBytes(out.filePath(QStringLiteral("index.html")), html.toUtf8()); !w)
        return Error{w.error()};
    return index;
}

} // namespace bitlens

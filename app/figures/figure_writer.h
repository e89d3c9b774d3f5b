#pragma once
// Writes FigureData as files: every view as PDF, SVG and/or PNG through the same plot widgets and
// exporter the window uses, the numbers behind each as CSV, the tables as CSV, and an index
// (index.md and index.html) that shows them. The same data gives the same bytes on a rerun: PNG
// and SVG carry no time, and the PDF's creation date and document id (which Qt stamps with the
// clock and a random id) are replaced, at the same length, by fixed values derived from the file's
// contents. Needs a QApplication (the plots are widgets); bitlens-cli runs it offscreen.
#include "figure_data.h"

#include <widgets/plot_export.h>
#include <widgets/plot_widget.h>

#include <QString>

#include <memory>
#include <vector>

namespace bitlens {



struct FigureFile
{
    QString title;   // "Quartiles: features.0.weight"
    QString section; // "Layers", "Accuracy", ...
    QString base;    // file name without suffix, e.g. "quartiles-features.0.weight"
    std::vector<QString> files; // as written, relative to the folder
};

struct FigureIndex
{
    std::vector<FigureFile> figures;
    std::vector<std::pair<QString, QString>> tables; // title, CSV file
};

// The project's plots, each with its data, title, section and file name (without suffix).
struct Figure
{
    std::unique_ptr<PlotWidget> plot;
    QString title, section, base;
};
std::vector<Figure> buildFigures(const FigureData& data);

// Writes into `dir` (created if needed). Errors name the file that could not be written.
Result<FigureIndex> writeFigures(const FigureData& data, const QString& dir, const std::vector<ExportFormat>& formats,
                                 int dpi);

// Makes a PDF written by Qt reproducible (see above); returns false if it is not a PDF.
bool normalizePdf(QByteArray& pdf);

// The self-contained HTML report: model summary, plan, accuracy and size tables, the key figures
// inline as SVG. Written atomically.
Result<bool> writeReport(const FigureData& data, const QString& path);

} // namespace bitlens

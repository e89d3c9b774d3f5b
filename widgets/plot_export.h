#pragma once
// Writes a QCustomPlot to PNG, SVG (QSvgGenerator) or vector PDF (QPdfWriter) at a physical size
// in millimetres and a resolution in dots per inch. The plot is laid out as if it were a widget of
// the same physical size on a 96-dpi screen, so fonts keep their size relative to the figure:
// a 160 x 100 mm figure is laid out at 605 x 378 logical pixels and scaled to the device. The PNG
// has mm/25.4*dpi pixels and records the dpi; SVG and PDF are vector at the physical size.
#include <QColor>
#include <QSize>
#include <QString>

class QCustomPlot;

namespace bitlens {

enum class ExportFormat { Png, Svg, Pdf, Csv };

struct ExportOptions
{
    ExportFormat format = ExportFormat::Pdf;
    double widthMm = 160, heightMm = 100;
    int dpi = 300;
    QSize pixelSize() const; // the PNG's size: mm / 25.4 * dpi, rounded
};

// The format a file name's suffix names (.png, .svg, .pdf, .csv), if any.
bool formatFromSuffix(const QString& path, ExportFormat* format);
QString formatSuffix(ExportFormat format);

// Returns false and fills *error (naming the file) when the file cannot be written; writes
// atomically (QSaveFile) so a failed export never leaves half a file.
bool exportPlot(QCustomPlot* plot, const QString& path, const ExportOptions& options, const QColor& background,
                QString* error);
bool exportText(const QByteArray& text, const QString& path, QString* error);

} // namespace bitlens

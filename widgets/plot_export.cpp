#include "plot_export.h"

#include "qcp.h"

#include <QBuffer>
#include <QFileInfo>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <cmath>

namespace bitlens {

namespace {

constexpr double kMmPerInch = 25.4;
constexpr double kScreenDpi = 96;

QSize logicalSize(const ExportOptions& o)
{
    return {std::max(1, static_cast<int>(std::lround(o.widthMm / kMmPerInch * kScreenDpi))),
            std::max(1, static_cast<int>(std::lround(o.heightMm / kMmPerInch * kScreenDpi)))};
}

void setDotsPerInch(QImage& image, double dpi)
{
    const int dpm = static_cast<int>(std::lround(dpi / 0.0254));
    image.setDotsPerMeterX(dpm);
    image.setDotsPerMeterY(dpm);
}

// Renders the plot laid out at `logical` size onto `device`, scaled to fill `deviceSize`.
void render(QCustomPlot* plot, QPaintDevice* device, QSize logical, QSizeF deviceSize, bool vector, const QColor& background)
{
    QCPPainter painter(device);
    if (vector)
        painter.setMode(QCPPainter::pmVectorized);
    painter.setMode(QCPPainter::pmNoCaching);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    painter.scale(deviceSize.width() / logical.width(), deviceSize.height() / logical.height());
    painter.fillRect(QRect(QPoint(0, 0), logical), background);
    plot->toPainter(&painter, logical.width(), logical.height());
    plot->replot(); // toPainter leaves the layout at the export size; hover needs the widget's
}

bool commit(QSaveFile& file, const QString& path, QString* error)
{
    if (!file.commit()) {
        *error = QObject::tr("%1: cannot write the file (%2)").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace

QSize ExportOptions::pixelSize() const
{
    return {std::max(1, static_cast<int>(std::lround(widthMm / kMmPerInch * dpi))),
            std::max(1, static_cast<int>(std::lround(heightMm / kMmPerInch * dpi)))};
}

bool formatFromSuffix(const QString& path, ExportFormat* format)
{
    const QString s = QFileInfo(path).suffix().toLower();
    if (s == QLatin1String("png"))
        *format = ExportFormat::Png;
    else if (s == QLatin1String("svg"))
        *format = ExportFormat::Svg;
    else if (s == QLatin1String("pdf"))
        *format = ExportFormat::Pdf;
    else if (s == QLatin1String("csv"))
        *format = ExportFormat::Csv;
    else
        return false;
    return true;
}

QString formatSuffix(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Png: return QStringLiteral("png");
    case ExportFormat::Svg: return QStringLiteral("svg");
    case ExportFormat::Pdf: return QStringLiteral("pdf");
    case ExportFormat::Csv: return QStringLiteral("csv");
    }
    return {};
}

bool exportText(const QByteArray& text, const QString& path, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QObject::tr("%1: cannot open for writing (%2)").arg(path, file.errorString());
        return false;
    }
    file.write(text);
    return commit(file, path, error);
}

bool exportPlot(QCustomPlot* plot, const QString& path, const ExportOptions& options, const QColor& background,
                QString* error)
{
    if (!(options.widthMm > 0 && options.heightMm > 0 && options.widthMm <= 2000 && options.heightMm <= 2000 &&
          options.dpi >= 10 && options.dpi <= 2400)) {
        *error = QObject::tr("%1: the size must be 1-2000 mm and the resolution 10-2400 dpi").arg(path);
        return false;
    }
    const QSize logical = logicalSize(options);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QObject::tr("%1: cannot open for writing (%2)").arg(path, file.errorString());
        return false;
    }
    switch (options.format) {
    case ExportFormat::Png: {
        const QSize px = options.pixelSize();
        if (static_cast<int64_t>(px.width()) * px.height() > int64_t{400} * 1000 * 1000) {
            *error = QObject::tr("%1: %2 x %3 pixels is too large").arg(path).arg(px.width()).arg(px.height());
            file.cancelWriting();
            return false;
        }
        QImage image(px, QImage::Format_ARGB32);
        image.fill(background);
        // Fonts are sized for a 96-dpi device while drawing (the painter scales everything up to the
        // asked resolution); the file then records the asked resolution.
        setDotsPerInch(image, kScreenDpi);
        render(plot, &image, logical, QSizeF(px), false, background);
        setDotsPerInch(image, options.dpi);
        if (!image.save(&file, "PNG")) {
            *error = QObject::tr("%1: cannot encode the PNG").arg(path);
            file.cancelWriting();
            return false;
        }
        break;
    }
    case ExportFormat::Svg: {
        // Coordinates in 96-dpi units (fonts keep their size); width and height in millimetres.
        QSvgGenerator svg;
        svg.setOutputDevice(&file);
        svg.setResolution(static_cast<int>(kScreenDpi));
        svg.setSize(logical);
        svg.setViewBox(QRect(QPoint(0, 0), logical));
        svg.setTitle(plot->windowTitle());
        render(plot, &svg, logical, QSizeF(logical), true, background);
        break;
    }
    case ExportFormat::Pdf: {
        QPdfWriter pdf(&file);
        pdf.setCreator(QStringLiteral("BitLens"));
        pdf.setPageSize(QPageSize(QSizeF(options.widthMm, options.heightMm), QPageSize::Millimeter));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        // Vector output: the resolution only sets the coordinate unit; at 96 dpi fonts keep their size.
        pdf.setResolution(static_cast<int>(kScreenDpi));
        const QSizeF device(pdf.width(), pdf.height());
        render(plot, &pdf, logical, device, true, background);
        break;
    }
    case ExportFormat::Csv:
        *error = QObject::tr("%1: CSV is written from the view's numbers, not the plot").arg(path);
        file.cancelWriting();
        return false;
    }
    return commit(file, path, error);
}

} // namespace bitlens

#pragma once
// Asks how to export a view: which plot (when a tab holds several), the format, the physical size
// and the resolution; shows the PNG's pixel size as it follows.
#include <widgets/plot_export.h>

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace bitlens {

class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    // `sizes` (mm) per plot: choosing a plot sets its size; `initial` gives format and dpi.
    ExportDialog(const QStringList& plotNames, const QList<QSizeF>& sizes, const ExportOptions& initial,
                 QWidget* parent = nullptr);
    int plotIndex() const;
    ExportOptions options() const;

private:
    void updatePixels();
    QComboBox* m_plot;
    QComboBox* m_format;
    QDoubleSpinBox* m_width;
    QDoubleSpinBox* m_height;
    QSpinBox* m_dpi;
    QLabel* m_pixels;
};

} // namespace bitlens

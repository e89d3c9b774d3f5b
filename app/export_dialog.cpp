#include "export_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>

namespace bitlens {

ExportDialog::ExportDialog(const QStringList& plotNames, const QList<QSizeF>& sizes, const ExportOptions& initial,
                           QWidget* parent)
    : QDialog(parent), m_plot(new QComboBox(this)), m_format(new QComboBox(this)), m_width(new QDoubleSpinBox(this)),
      m_height(new QDoubleSpinBox(this)), m_dpi(new QSpinBox(this)), m_pixels(new QLabel(this))
{
    setWindowTitle(tr("Export View"));
    m_plot->addItems(plotNames);
    m_format->addItem(tr("PDF (vector)"), static_cast<int>(ExportFormat::Pdf));
    m_format->addItem(tr("SVG (vector)"), static_cast<int>(ExportFormat::Svg));
    m_format->addItem(tr("PNG (bitmap)"), static_cast<int>(ExportFormat::Png));
    m_format->addItem(tr("CSV (the numbers)"), static_cast<int>(ExportFormat::Csv));
    m_format->setCurrentIndex(std::max(0, m_format->findData(static_cast<int>(initial.format))));
    for (QDoubleSpinBox* box : {m_width, m_height}) {
        box->setRange(10, 2000);
        box->setDecimals(1);
        box->setSuffix(tr(" mm"));
    }
    auto sizeOf = [this, sizes](int plot) {
        if (plot >= 0 && plot < sizes.size()) {
            m_width->setValue(sizes[plot].width());
            m_height->setValue(sizes[plot].height());
        }
    };
    m_width->setValue(initial.widthMm);
    m_height->setValue(initial.heightMm);
    sizeOf(0);
    connect(m_plot, &QComboBox::currentIndexChanged, this, sizeOf);
    m_dpi->setRange(10, 2400);
    m_dpi->setValue(initial.dpi);
    m_dpi->setSuffix(tr(" dpi"));
    m_dpi->setToolTip(tr("Resolution of the PNG, and of the SVG's and PDF's coordinates"));
    auto* form = new QFormLayout(this);
    if (plotNames.size() > 1)
        form->addRow(tr("&Plot:"), m_plot);
    else
        m_plot->hide();
    form->addRow(tr("&Format:"), m_format);
    form->addRow(tr("&Width:"), m_width);
    form->addRow(tr("&Height:"), m_height);
    form->addRow(tr("&Resolution:"), m_dpi);
    form->addRow(tr("PNG size:"), m_pixels);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QDoubleSpinBox* box : {m_width, m_height})
        connect(box, &QDoubleSpinBox::valueChanged, this, &ExportDialog::updatePixels);
    connect(m_dpi, &QSpinBox::valueChanged, this, &ExportDialog::updatePixels);
    updatePixels();
}

int ExportDialog::plotIndex() const { return m_plot->currentIndex(); }

ExportOptions ExportDialog::options() const
{
    ExportOptions o;
    o.format = static_cast<ExportFormat>(m_format->currentData().toInt());
    o.widthMm = m_width->value();
    o.heightMm = m_height->value();
    o.dpi = m_dpi->value();
    return o;
}

void ExportDialog::updatePixels()
{
    const QSize px = options().pixelSize();
    m_pixels->setText(tr("%1 × %2 pixels").arg(px.width()).arg(px.height()));
}

} // namespace bitlens

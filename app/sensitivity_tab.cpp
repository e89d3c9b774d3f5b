#include "sensitivity_tab.h"

#include <quant/scheme_registry.h>
#include <widgets/display_labels.h>
#include <widgets/plan_distance_plot.h>
#include <widgets/sensitivity_plot.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

namespace bitlens {

SensitivityTab::SensitivityTab(QWidget* parent)
    : QWidget(parent), m_scheme(new QComboBox), m_granularity(new QComboBox), m_bits(new QSpinBox),
      m_sensitivity(new SensitivityPlot), m_distances(new PlanDistancePlot)
{
    for (const SchemeDescriptor& d : schemeRegistry()) {
        m_scheme->addItem(schemeLabel(d.id), static_cast<int>(d.id));
        m_scheme->setItemData(m_scheme->count() - 1, QString::fromUtf8(d.formula.data(), static_cast<qsizetype>(d.formula.size())),
                              Qt::ToolTipRole);
    }
    m_granularity->addItem(tr("Per channel"), static_cast<int>(Granularity::PerChannel));
    m_granularity->addItem(tr("Per tensor"), static_cast<int>(Granularity::PerTensor));
    m_bits->setRange(1, kMaxBits);
    m_bits->setValue(3);
    m_bits->setSuffix(tr(" bits"));
    connect(m_scheme, &QComboBox::currentIndexChanged, this, [this] {
        const SchemeDescriptor& d = schemeDescriptor(static_cast<Scheme>(m_scheme->currentData().toInt()));
        m_bits->setRange(d.minBits, d.maxBits);
    });
    auto* measure = new QPushButton(tr("&Measure Sensitivity"));
    measure->setObjectName(QStringLiteral("measureSensitivity"));
    measure->setToolTip(tr("Quantize one layer at a time at this setting, every other layer FP32: top-1 drop and "
                           "output distance (1/N) Σ ||y_fp32 − y_q||_F (QUENN eq. 1). Esc cancels"));
    auto* distances = new QPushButton(tr("Activation &Distance of the Plan"));
    distances->setObjectName(QStringLiteral("measureDistances"));
    distances->setToolTip(tr("FP32 and the whole current plan on the same images: at each layer's output, "
                             "(1/N) Σ ||a_fp32 − a_plan||_F (QUENN Figure 6)"));
    connect(measure, &QPushButton::clicked, this, [this] { Q_EMIT sensitivityRequested(spec()); });
    connect(distances, &QPushButton::clicked, this, &SensitivityTab::distancesRequested);

    auto* controls = new QHBoxLayout;
    // The scheme's long names would set the row's (and the tab's) minimum width: the combo may
    // shrink to ~14 characters and shows the whole name when open.
    m_scheme->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_scheme->setMinimumContentsLength(14);
    controls->addWidget(new QLabel(tr("One layer at a time at")));
    controls->addWidget(m_scheme);
    controls->addWidget(m_granularity);
    controls->addWidget(m_bits);
    controls->addWidget(measure);
    controls->addStretch(1);
    controls->addWidget(distances);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(m_sensitivity);
    split->addWidget(m_distances);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addWidget(split, 1);
}

QuantSpec SensitivityTab::spec() const
{
    return {static_cast<Scheme>(m_scheme->currentData().toInt()), static_cast<Granularity>(m_granularity->currentData().toInt()),
            m_bits->value()};
}

void SensitivityTab::setSensitivity(const SensitivityView& view) { m_sensitivity->setData(view); }
void SensitivityTab::setDistances(const PlanDistanceView& view) { m_distances->setData(view); }

} // namespace bitlens

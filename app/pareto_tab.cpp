#include "pareto_tab.h"

#include <quant/scheme_registry.h>
#include <widgets/display_labels.h>
#include <widgets/pareto_plot.h>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>

namespace bitlens {

namespace {
enum Unit { BitsPerWeight, KiB, Bytes };
}

ParetoTab::ParetoTab(QWidget* parent)
    : QWidget(parent), m_budget(new QDoubleSpinBox), m_unit(new QComboBox), m_scheme(new QComboBox), m_granularity(new QComboBox),
      m_message(new QLabel), m_hint(new QLabel), m_plot(new ParetoPlot)
{
    m_budget->setObjectName(QStringLiteral("budget"));
    m_budget->setDecimals(2);
    m_budget->setRange(0.01, 1e12);
    m_budget->setValue(4.25);
    m_budget->setToolTip(tr("The size budget: weight bits = Σ (N·n + parameter overhead) must stay within it"));
    m_unit->addItem(tr("bits/weight"), BitsPerWeight);
    m_unit->addItem(tr("KiB"), KiB);
    m_unit->addItem(tr("bytes"), Bytes);
    for (const SchemeDescriptor& d : schemeRegistry())
        m_scheme->addItem(schemeLabel(d.id), static_cast<int>(d.id));
    m_granularity->addItem(tr("Per channel"), static_cast<int>(Granularity::PerChannel));
    m_granularity->addItem(tr("Per tensor"), static_cast<int>(Granularity::PerTensor));
    auto* propose = new QPushButton(tr("&Propose Plan"));
    propose->setObjectName(QStringLiteral("proposePlan"));
    propose->setToolTip(tr("Measure each layer's sensitivity at 3 bits, give bits where they lower the output "
                           "distance most per byte (marginal analysis), evaluate that plan, a weight-SQNR plan and the "
                           "largest uniform plan within the budget, and apply the most accurate (one undo step)"));
    auto* curve = new QPushButton(tr("Proposal &Curve"));
    curve->setToolTip(tr("Proposals at the size of every uniform plan from 2 to 8 bits and halfway between the lower "
                         "ones, each with that uniform plan, shown on the Pareto view (the plan is not changed)"));
    connect(propose, &QPushButton::clicked, this, [this] {
        Q_EMIT proposeRequested(budgetBits(), static_cast<Scheme>(m_scheme->currentData().toInt()),
                                static_cast<Granularity>(m_granularity->currentData().toInt()));
    });
    connect(curve, &QPushButton::clicked, this, [this] {
        Q_EMIT curveRequested(static_cast<Scheme>(m_scheme->currentData().toInt()),
                              static_cast<Granularity>(m_granularity->currentData().toInt()));
    });
    auto* controls = new QHBoxLayout;
    m_scheme->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon); // see SensitivityTab
    m_scheme->setMinimumContentsLength(14);
    controls->addWidget(new QLabel(tr("Budget")));
    controls->addWidget(m_budget);
    controls->addWidget(m_unit);
    controls->addWidget(m_scheme);
    controls->addWidget(m_granularity);
    controls->addWidget(propose);
    controls->addWidget(curve);
    controls->addStretch(1);
    m_message->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addWidget(m_message);
    m_hint->setObjectName(QStringLiteral("paretoHint"));
    m_hint->setWordWrap(true);
    m_hint->setEnabled(false); // greyed: a hint, not a result
    m_hint->setVisible(false);
    layout->addWidget(m_hint);
    layout->addWidget(m_plot, 1);
}

int64_t ParetoTab::budgetBits() const
{
    const double v = m_budget->value();
    switch (m_unit->currentData().toInt()) {
    case KiB: return static_cast<int64_t>(std::floor(v * 1024 * 8));
    case Bytes: return static_cast<int64_t>(std::floor(v)) * 8;
    default: return static_cast<int64_t>(std::floor(v * static_cast<double>(m_parameters)));
    }
}

void ParetoTab::setBudgetBitsPerWeight(double bits)
{
    m_unit->setCurrentIndex(m_unit->findData(BitsPerWeight));
    m_budget->setValue(bits);
}

void ParetoTab::setPareto(const ParetoView& view) { m_plot->setData(view); }
void ParetoTab::setMessage(const QString& text) { m_message->setText(text); }

void ParetoTab::setHint(const QString& text)
{
    m_hint->setText(text);
    m_hint->setVisible(!text.isEmpty());
}

} // namespace bitlens

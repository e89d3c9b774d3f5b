#include "test_set_dialog.h"

#include "workbench_document.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace bitlens {

QString floatListText(const std::vector<float>& values)
{
    QStringList parts;
    for (float v : values)
        parts << QString::number(static_cast<double>(v), 'g', 7);
    return parts.join(QStringLiteral(", "));
}

TestSetDialog::TestSetDialog(const TestSet& current, QWidget* parent)
    : QDialog(parent), m_path(new QLineEdit(current.path, this)), m_mean(new QLineEdit(this)), m_std(new QLineEdit(this))
{
    setWindowTitle(tr("Test Set and Preprocessing"));
    m_path->setObjectName(QStringLiteral("testSetPath"));
    m_initialMean = floatListText(current.pre.mean);
    m_initialStd = floatListText(current.pre.std);
    m_mean->setText(m_initialMean);
    m_std->setText(m_initialStd);
    const QString formula = tr("x = (u8/255 − mean) / std, per input channel: one value, or one per channel");
    m_mean->setToolTip(formula);
    m_std->setToolTip(formula);
    m_path->setToolTip(tr("A folder (MNIST-style IDX files, images.npy + labels.npy, or one sub-folder per class), "
                          "a file, or a dataset.json card"));
    auto* folder = new QPushButton(tr("Folder…"), this);
    auto* file = new QPushButton(tr("File…"), this);
    connect(folder, &QPushButton::clicked, this, [this] {
        const QString d = QFileDialog::getExistingDirectory(this, tr("Test Set Folder"), m_path->text());
        if (!d.isEmpty())
            m_path->setText(d);
    });
    connect(file, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Test Set File"), m_path->text(),
                                                       tr("Datasets (*.json *.npy *.gz *-ubyte);;All files (*)"));
        if (!f.isEmpty())
            m_path->setText(f);
    });
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(folder);
    pathRow->addWidget(file);
    auto* form = new QFormLayout(this);
    // A label with a buddy: with a layout as the field, QFormLayout shows "&Test set:" literally.
    auto* pathLabel = new QLabel(tr("&Test set:"), this);
    pathLabel->setBuddy(m_path);
    form->addRow(pathLabel, pathRow);
    form->addRow(tr("Contents:"), new QLabel(current.description.isEmpty() ? tr("none chosen") : current.description, this));
    form->addRow(tr("&Mean:"), m_mean);
    form->addRow(tr("&Std:"), m_std);
    form->addRow(tr("Source:"), new QLabel(QString::fromStdString(current.pre.source), this));
    form->addRow(new QLabel(formula, this));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(640, sizeHint().height());
}

QString TestSetDialog::path() const { return m_path->text().trimmed(); }
QString TestSetDialog::mean() const { return m_mean->text(); }
QString TestSetDialog::std() const { return m_std->text(); }
bool TestSetDialog::preprocessingEdited() const { return m_mean->text() != m_initialMean || m_std->text() != m_initialStd; }

} // namespace bitlens

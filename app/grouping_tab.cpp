#include "grouping_tab.h"

#include "grouping_document.h"

#include <widgets/confusion_plot.h>
#include <widgets/dendrogram_plot.h>
#include <widgets/group_tree_model.h>

#include <QAction>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableWidget>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <cmath>

namespace bitlens {

GroupingTab::GroupingTab(QWidget* parent) : QWidget(parent), m_model(new GroupTreeModel(this))
{
    // Tree | dendrogram over Table 2 | grouped accuracy over the grouped confusion (full height,
    // since it holds three matrices).
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(createTreePanel());
    auto* middle = new QSplitter(Qt::Vertical);
    middle->addWidget(createDendrogramPanel());
    middle->addWidget(createTablePanel());
    middle->setStretchFactor(0, 3);
    middle->setStretchFactor(1, 2);
    split->addWidget(middle);
    split->addWidget(createResultsPanel());
    split->setSizes({240, 400, 420});
    split->setChildrenCollapsible(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);
}

QWidget* GroupingTab::createTreePanel()
{
    auto* panel = new QWidget;
    auto* v = new QVBoxLayout(panel);
    v->setContentsMargins(4, 4, 4, 4);
    auto* title = new QLabel(tr("<b>Class hierarchy</b> — check a group to evaluate it as one class"));
    title->setWordWrap(true);
    v->addWidget(title);
    m_tree = new QTreeView;
    m_tree->setObjectName(QStringLiteral("groupTree"));
    m_tree->setModel(m_model);
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->setDragDropMode(QAbstractItemView::DragDrop);
    m_tree->setDefaultDropAction(Qt::MoveAction);
    m_tree->setDragEnabled(true);
    m_tree->setAcceptDrops(true);
    m_tree->setDropIndicatorShown(true);
    m_tree->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(GroupTreeModel::Name, QHeaderView::Stretch);
    m_tree->header()->setStretchLastSection(false);
    m_tree->setToolTip(tr("Drag classes or groups onto a group to move them; F2 renames a group; a checked group "
                          "counts as one class in the grouped confusion and accuracy"));
    v->addWidget(m_tree, 1);

    auto* buttons = new QHBoxLayout;
    auto* add = new QPushButton(tr("&New Group"));
    add->setToolTip(tr("A new group holding the selected classes and groups, inside the group they are in (Ctrl+G)"));
    add->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    connect(add, &QPushButton::clicked, this, [this] {
        const QModelIndexList rows = m_tree->selectionModel() ? m_tree->selectionModel()->selectedRows() : QModelIndexList{};
        const std::string parent = rows.isEmpty() ? std::string() : m_model->groupAt(rows.first().parent());
        std::vector<NodeRef> members = selectedNodes();
        // Selected groups go in as well, but never the group the new one is created in.
        members.erase(std::remove_if(members.begin(), members.end(),
                                     [&](const NodeRef& r) { return r.classIndex < 0 && r.group == parent; }),
                      members.end());
        Q_EMIT newGroupRequested(parent, members);
    });
    auto* rename = new QPushButton(tr("&Rename"));
    rename->setToolTip(tr("Rename the selected group (F2)"));
    connect(rename, &QPushButton::clicked, this, [this] {
        const QModelIndex i = m_tree->currentIndex();
        if (i.isValid())
            m_tree->edit(i.siblingAtColumn(GroupTreeModel::Name));
    });
    auto* remove = new QPushButton(tr("Re&move Group"));
    remove->setToolTip(tr("Remove the selected group; its classes and groups move up to its parent (Delete)"));
    remove->setShortcut(QKeySequence::Delete);
    connect(remove, &QPushButton::clicked, this, [this] {
        for (const NodeRef& r : selectedNodes())
            if (r.classIndex < 0) {
                Q_EMIT removeRequested(r.group);
                return;
            }
    });
    buttons->addWidget(add);
    buttons->addWidget(rename);
    buttons->addWidget(remove);
    v->addLayout(buttons);
    auto* files = new QHBoxLayout;
    auto* import = new QPushButton(tr("&Import…"));
    import->setToolTip(tr("Replace the groups by a *.bitlens-groups.json file (one undo step)"));
    connect(import, &QPushButton::clicked, this, &GroupingTab::importRequested);
    auto* exportButton = new QPushButton(tr("E&xport…"));
    exportButton->setToolTip(tr("Save the groups as *.bitlens-groups.json, for bitlens-cli eval --groups"));
    connect(exportButton, &QPushButton::clicked, this, &GroupingTab::exportRequested);
    files->addWidget(import);
    files->addWidget(exportButton);
    files->addStretch();
    v->addLayout(files);
    return panel;
}

QWidget* GroupingTab::createDendrogramPanel()
{
    auto* panel = new QWidget;
    auto* v = new QVBoxLayout(panel);
    v->setContentsMargins(4, 4, 4, 0);
    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Suggest groups by")));
    m_measure = new QComboBox;
    m_measure->addItem(tr("the plan's confusion"), static_cast<int>(ClusterMeasure::Confusion));
    m_measure->addItem(tr("last layer's weights (data-free)"), static_cast<int>(ClusterMeasure::Weights));
    m_measure->setToolTip(tr("Average-linkage clustering of the classes by the plan's symmetric confusion rate "
                             "s(i,j) = (C[i][j]+C[j][i])/(n_i+n_j), or by the cosine similarity of the last layer's "
                             "per-class weight vectors"));
    connect(m_measure, &QComboBox::currentIndexChanged, this,
            [this] { Q_EMIT measureChanged(m_measure->currentData().toInt()); });
    row->addWidget(m_measure, 1);
    v->addLayout(row);
    // The cut on a row of its own: one row of every control set the tab's minimum width beyond
    // what a 1280-pixel window leaves beside the layer list.
    row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Cut at similarity")));
    m_cut = new QDoubleSpinBox;
    m_cut->setObjectName(QStringLiteral("cutSpin"));
    m_cut->setDecimals(4);
    m_cut->setRange(-1, 1);
    m_cut->setSingleStep(0.001);
    m_cut->setKeyboardTracking(false);
    m_cut->setToolTip(tr("Clusters that merged at or above this similarity become groups; click the dendrogram to "
                         "move the cut"));
    connect(m_cut, &QDoubleSpinBox::valueChanged, this, &GroupingTab::cutChanged);
    row->addWidget(m_cut);
    m_useCut = new QPushButton(tr("&Use This Cut"));
    m_useCut->setObjectName(QStringLiteral("useCut"));
    m_useCut->setToolTip(tr("Replace the groups by the dendrogram's groups at this cut, all checked (one undo step, "
                            "Ctrl+Shift+G)"));
    m_useCut->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G));
    m_useCut->setEnabled(false);
    connect(m_useCut, &QPushButton::clicked, this, &GroupingTab::useCutRequested);
    row->addWidget(m_useCut);
    row->addStretch();
    v->addLayout(row);
    m_dendrogramMessage = new QLabel;
    m_dendrogramMessage->setWordWrap(true);
    m_dendrogramMessage->hide();
    v->addWidget(m_dendrogramMessage);
    m_dendrogram = new DendrogramPlot;
    connect(m_dendrogram, &DendrogramPlot::cutPicked, this, [this](double s) { m_cut->setValue(s); });
    v->addWidget(m_dendrogram, 1);
    return panel;
}

QWidget* GroupingTab::createResultsPanel()
{
    auto* panel = new QWidget;
    auto* v = new QVBoxLayout(panel);
    v->setContentsMargins(4, 4, 4, 4);
    m_score = new QLabel;
    m_score->setObjectName(QStringLiteral("groupedScore"));
    m_score->setWordWrap(true);
    m_score->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_score->setToolTip(tr("Grouped accuracy trace(CG)/N with CG[g][h] = Σ_{i∈g, j∈h} C[i][j]: a prediction counts "
                           "as right when it falls in the true class's group"));
    v->addWidget(m_score);
    m_confusion = new ConfusionPlot(nullptr, QStringLiteral("grouped-confusion"));
    m_confusion->setMinimumWidth(280); // groups are few; the tab then fits beside the layer list at 1400 px
    v->addWidget(m_confusion, 1);
    return panel;
}

QWidget* GroupingTab::createTablePanel()
{
    auto* panel = new QWidget;
    auto* v = new QVBoxLayout(panel);
    v->setContentsMargins(4, 0, 4, 4);
    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("<b>Table 2</b> at")));
    m_tableBits = new QComboBox;
    for (int b = 2; b <= 8; ++b)
        m_tableBits->addItem(tr("%n bit(s)", nullptr, b), b);
    m_tableBits->setCurrentIndex(1);
    m_tableBits->setToolTip(tr("The bit-width of the accuracy sweep whose schemes the table compares"));
    connect(m_tableBits, &QComboBox::currentIndexChanged, this,
            [this] { Q_EMIT tableBitsChanged(m_tableBits->currentData().toInt()); });
    row->addWidget(m_tableBits);
    row->addStretch();
    m_runSweep = new QPushButton(tr("Run &Sweep"));
    m_runSweep->setToolTip(tr("Measure every compared scheme at 2–8 bits (the Accuracy tab's sweep, F5)"));
    connect(m_runSweep, &QPushButton::clicked, this, &GroupingTab::runSweepRequested);
    row->addWidget(m_runSweep);
    v->addLayout(row);
    m_table = new QTableWidget(0, 4);
    m_table->setObjectName(QStringLiteral("table2"));
    m_table->setHorizontalHeaderLabels({tr("Scheme"), tr("Top-1"), tr("Grouped top-1"), tr("Recovered")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setToolTip(tr("The paper's Table 2: per scheme at one bit-width, top-1 before and after grouping the "
                           "classes, beside FP32; \"Recovered\" is the difference in percentage points"));
    v->addWidget(m_table, 1);
    return panel;
}

std::vector<NodeRef> GroupingTab::selectedNodes() const
{
    std::vector<NodeRef> out;
    if (!m_tree->selectionModel())
        return out;
    QModelIndexList rows = m_tree->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [this](const QModelIndex& a, const QModelIndex& b) {
        return m_tree->visualRect(a).top() < m_tree->visualRect(b).top();
    });
    for (const QModelIndex& i : rows)
        out.push_back(m_model->nodeAt(i));
    return out;
}

void GroupingTab::setGroups(const ClassGroups& groups)
{
    const std::vector<NodeRef> selected = selectedNodes();
    m_model->setGroups(groups);
    m_tree->expandAll();
    for (const NodeRef& r : selected) // keep the selection across the model reset
        if (QModelIndex i = m_model->indexOf(r); i.isValid())
            m_tree->selectionModel()->select(i, QItemSelectionModel::Select | QItemSelectionModel::Rows);
}

void GroupingTab::setRecall(const std::vector<double>& recall) { m_model->setRecall(recall); }

void GroupingTab::setGroupedConfusion(const ConfusionView& grouped, const GroupedScore& s)
{
    m_confusion->setData(grouped);
    const auto pct = [](double v) -> QString { return QString::number(100 * v, 'f', 2) + QStringLiteral(" %"); };
    const auto gain = [](double a, double b) -> QString { return QString::asprintf("%+.2f", 100 * (b - a)); };
    m_score->setText(tr("<b>%1</b>: top-1 %2 → grouped %3 (%4 points) &nbsp;·&nbsp; <b>FP32</b>: %5 → %6 (%7) "
                        "&nbsp;·&nbsp; %8 groups of %9 classes, %10 images")
                         .arg(QString::fromStdString(s.planLabel).toHtmlEscaped(), pct(s.planTop1), pct(s.planGroupedTop1),
                              gain(s.planTop1, s.planGroupedTop1), pct(s.fp32Top1), pct(s.fp32GroupedTop1),
                              gain(s.fp32Top1, s.fp32GroupedTop1))
                         .arg(s.groups)
                         .arg(s.classes)
                         .arg(s.images));
}

void GroupingTab::clearGroupedConfusion(const QString& why)
{
    m_confusion->setData({});
    m_score->setText(why);
}

void GroupingTab::setDendrogram(const DendrogramView& view)
{
    m_dendrogramMessage->hide();
    m_dendrogram->setData(view);
    m_useCut->setEnabled(true);
    const QSignalBlocker block(m_cut);
    m_cut->setValue(view.cut);
}

void GroupingTab::setDendrogramMessage(const QString& text)
{
    m_dendrogramMessage->setText(text);
    m_dendrogramMessage->show();
    m_dendrogram->setData({});
    m_useCut->setEnabled(false);
}

void GroupingTab::setTable(const std::vector<GroupedAccuracyRow>& rows, int bits)
{
    {
        const QSignalBlocker block(m_tableBits);
        m_tableBits->setCurrentIndex(m_tableBits->findData(bits));
    }
    m_table->setRowCount(static_cast<int>(rows.size()));
    const auto pct = [](double v) -> QString { return QString::number(100 * v, 'f', 2) + QStringLiteral(" %"); };
    for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
        const GroupedAccuracyRow& row = rows[static_cast<size_t>(r)];
        // Two statements: a ternary between QString and a QStringBuilder dangles.
        QString label = tr("FP32");
        if (row.label != "fp32")
            label = QString::fromStdString(row.label) + QLatin1Char(' ') + tr("%n bit(s)", nullptr, row.spec.bits);
        const QStringList cells{label, pct(row.top1), pct(row.groupedTop1),
                                QString::asprintf("%+.2f", 100 * (row.groupedTop1 - row.top1))};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            if (c > 0)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(r, c, item);
        }
    }
    m_runSweep->setText(rows.size() > 1 ? tr("Run &Sweep Again") : tr("Run &Sweep"));
}

void GroupingTab::setSweepRunning(bool running) { m_runSweep->setEnabled(!running); }

} // namespace bitlens

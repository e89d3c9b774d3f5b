// Class grouping (DESIGN.md "Class grouping"): CG[g][h] = sum_{i in g, j in h} C[i][j] and grouped
// accuracy trace(CG)/N on hand-worked matrices; cut semantics; hostile groups files.
#include <quant/class_groups.h>

#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using namespace bitlens;

class TestClassGroups : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    std::string write(const char* name, const std::string& text)
    {
        const std::string p = m_dir.filePath(QString::fromUtf8(name)).toStdString();
        std::ofstream(p) << text;
        return p;
    }

private Q_SLOTS:
    void groupedConfusionByHand()
    {
        // Classes cat(0), dog(1), car(2); "pets" = {cat, dog}.
        // C = [[5,3,0],[2,6,1],[0,1,9]]: N = 27, ungrouped accuracy (5+6+9)/27.
        // CG = [[5+3+2+6, 0+1], [0+1, 9]] = [[16,1],[1,9]] -> grouped accuracy 25/27.
        const std::string p = write("pets.json", R"({"format":"bitlens-groups","version":1,
            "classes":["cat","dog","car"],
            "tree":{"name":"all","children":[{"name":"pets","children":[0,1]},2]},
            "cut":["pets"]})");
        auto g = readClassGroups(p);
        QVERIFY2(g.ok(), g.ok() ? "" : g.error().c_str());
        const Grouping grouping = groupingOf(*g);
        QCOMPARE(grouping.groupOf, (std::vector<int>{0, 0, 1}));
        QCOMPARE(grouping.names, (std::vector<std::string>{"pets", "car"}));
        const auto cg = groupedConfusion({{5, 3, 0}, {2, 6, 1}, {0, 1, 9}}, grouping);
        QCOMPARE(cg, (std::vector<std::vector<int64_t>>{{16, 1}, {1, 9}}));
        QCOMPARE(groupedAccuracy(cg), 25.0 / 27.0);
    }

    void cutSemantics()
    {
        // Fashion-MNIST: Tops {0,2,4,6} nested in Clothes {0..4,6}, Footwear {5,7,9}.
        const std::string text = R"({"format":"bitlens-groups","version":1,
            "classes":["T-shirt/top","Trouser","Pullover","Dress","Coat","Sandal","Shirt","Sneaker","Bag","Ankle boot"],
            "tree":{"name":"all","children":[
                {"name":"Clothes","children":[{"name":"Tops","children":[0,2,4,6]},1,3]},
                {"name":"Footwear","children":[5,7,9]},8]},
            "cut":CUT})";
        auto groupsWith = [&](const std::string& cut) {
            std::string t = text;
            t.replace(t.find("CUT"), 3, cut);
            return groupingOf(*readClassGroups(write("fashion.json", t)));
        };
        // Tops and Footwear cut: 3 singletons + 2 groups + Bag = 5 groups, ordered by lowest class.
        const Grouping a = groupsWith(R"(["Tops","Footwear"])");
        QCOMPARE(a.names, (std::vector<std::string>{"Tops", "Trouser", "Dress", "Footwear", "Bag"}));
        QCOMPARE(a.groupOf, (std::vector<int>{0, 1, 0, 2, 0, 3, 0, 3, 4, 3}));
        // The outer cut node wins over the nested one.
        const Grouping b = groupsWith(R"(["Tops","Clothes"])");
        QCOMPARE(b.names, (std::vector<std::string>{"Clothes", "Sandal", "Sneaker", "Bag", "Ankle boot"}));
        // No cut: every class alone, so grouped accuracy equals top-1.
        const Grouping c = groupsWith("[]");
        QCOMPARE(c.names.size(), size_t{10});
        const std::vector<std::vector<int64_t>> id{{3, 1}, {2, 4}};
        Grouping two{{0, 1}, {"a", "b"}};
        QCOMPARE(groupedAccuracy(groupedConfusion(id, two)), 7.0 / 10.0);
    }

    // The hierarchy editor's edits on Fashion-MNIST's classes, each checked against the tree it
    // must give; refused edits say why and change nothing.
    void treeEdits()
    {
        const std::vector<std::string> names{"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                             "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};
        ClassGroups g = flatGroups(names);
        QCOMPARE(g.tree.children.size(), size_t{10});
        QCOMPARE(unusedGroupName(g), std::string("group 1"));
        auto added = addGroup(g, "all", "Tops");
        QVERIFY(added.ok());
        auto moved = moveNodes(*added, {NodeRef::ofClass(0), NodeRef::ofClass(2), NodeRef::ofClass(4), NodeRef::ofClass(6)}, "Tops");
        QVERIFY(moved.ok());
        g = *moved;
        // Root: classes 1, 3, 5, 7, 8, 9 then Tops (appended) holding 0, 2, 4, 6 in the order moved.
        QCOMPARE(g.tree.children.size(), size_t{7});
        QCOMPARE(g.tree.children.back().name, std::string("Tops"));
        QCOMPARE(g.tree.children.back().children.size(), size_t{4});
        QCOMPARE(g.tree.children.back().children[3].classIndex, 6);
        g = *setInCut(g, "Tops", true);
        QCOMPARE(groupingOf(g).groupOf, (std::vector<int>{0, 1, 0, 2, 0, 3, 0, 4, 5, 6}));
        // Nest: Clothes holds Tops and Dress; the outer cut wins once Clothes is cut too.
        g = *addGroup(g, "all", "Clothes");
        g = *moveNodes(g, {NodeRef::ofGroup("Tops"), NodeRef::ofClass(3)}, "Clothes");
        QCOMPARE(groupingOf(g).names.size(), size_t{7}); // Tops still cut; Dress alone
        g = *setInCut(g, "Clothes", true);
        QCOMPARE(groupingOf(g).groupOf, (std::vector<int>{0, 1, 0, 0, 0, 2, 0, 3, 4, 5}));
        // Rename follows into the cut; a used name, an empty name and a missing group are refused.
        g = *renameGroup(g, "Clothes", "Garments");
        QCOMPARE(g.cut, (std::vector<std::string>{"Tops", "Garments"}));
        QVERIFY(!renameGroup(g, "Tops", "Garments").ok());
        QVERIFY(!renameGroup(g, "Tops", "").ok());
        QVERIFY(!renameGroup(g, "nope", "x").ok());
        QVERIFY(!addGroup(g, "all", "Tops").ok());
        QVERIFY(!addGroup(g, "nope", "x").ok());
        // A group cannot move into itself or below itself; the root cannot move.
        auto cycle = moveNodes(g, {NodeRef::ofGroup("Garments")}, "Tops");
        QVERIFY(!cycle.ok());
        QVERIFY(cycle.error().find("itself") != std::string::npos);
        QVERIFY(!moveNodes(g, {NodeRef::ofGroup("all")}, "Tops").ok());
        QVERIFY(!moveNodes(g, {NodeRef::ofClass(42)}, "Tops").ok());
        // Removing Garments lifts Tops and Dress to the root; it leaves the cut.
        g = *removeGroup(g, "Garments");
        QCOMPARE(g.cut, std::vector<std::string>{"Tops"});
        QCOMPARE(groupingOf(g).groupOf, (std::vector<int>{0, 1, 0, 2, 0, 3, 0, 4, 5, 6}));
        QVERIFY(!removeGroup(g, "all").ok());
        QCOMPARE(unusedGroupName(*addGroup(g, "all", "group 1")), std::string("group 2"));
    }

    // What writeClassGroups saves reads back the same, cut included.
    void writeAndRead()
    {
        ClassGroups g = flatGroups({"cat", "dog", "car"});
        g = *addGroup(g, "all", "pets");
        g = *moveNodes(g, {NodeRef::ofClass(1), NodeRef::ofClass(0)}, "pets");
        g = *setInCut(g, "pets", true);
        const std::string p = m_dir.filePath(QStringLiteral("w.bitlens-groups.json")).toStdString();
        QVERIFY(writeClassGroups(g, p).ok());
        auto back = readClassGroups(p);
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().c_str());
        QCOMPARE(back->classes, g.classes);
        QCOMPARE(back->cut, g.cut);
        QCOMPARE(groupingOf(*back).groupOf, (std::vector<int>{0, 0, 1}));
        QCOMPARE(back->tree.children[1].children[0].classIndex, 1); // the order moved is kept
        QVERIFY(!writeClassGroups(g, "/nonexistent-dir/x.json").ok());
    }

    void hostileFiles_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("needle");
        const QString head = QStringLiteral(R"({"format":"bitlens-groups","version":1,"classes":["a","b","c"],)");
        QTest::newRow("not json") << QStringLiteral("{") << QStringLiteral("not JSON");
        QTest::newRow("wrong format") << QStringLiteral(R"({"format":"bitlens-plan","version":1})") << QStringLiteral("format");
        QTest::newRow("newer version") << QStringLiteral(R"({"format":"bitlens-groups","version":2})")
                                       << QStringLiteral("newer than this BitLens reads");
        QTest::newRow("classes not array") << QStringLiteral(R"({"format":"bitlens-groups","version":1,"classes":"a"})")
                                           << QStringLiteral("classes: expected an array");
        QTest::newRow("index out of range") << head + QStringLiteral(R"("tree":{"name":"r","children":[3]}})")
                                            << QStringLiteral("class index 3 is not one of the 3 classes");
        QTest::newRow("fractional index") << head + QStringLiteral(R"("tree":{"name":"r","children":[1.5]}})")
                                          << QStringLiteral("class index 1.5");
        QTest::newRow("class twice") << head + QStringLiteral(R"("tree":{"name":"r","children":[0,{"name":"g","children":[0]}]}})")
                                     << QStringLiteral("class 0 appears twice");
        QTest::newRow("duplicate name") << head + QStringLiteral(R"("tree":{"name":"r","children":[{"name":"r","children":[]}]}})")
                                        << QStringLiteral("\"r\" is used twice");
        QTest::newRow("children not array") << head + QStringLiteral(R"("tree":{"name":"r","children":{}}})")
                                            << QStringLiteral("tree.children: expected an array");
        QTest::newRow("unknown cut") << head + QStringLiteral(R"("tree":{"name":"r","children":[0]},"cut":["nope"]})")
                                     << QStringLiteral("\"nope\" is not a node");
        QTest::newRow("root is a leaf") << head + QStringLiteral(R"("tree":0})") << QStringLiteral("root must be a named node");
        QString deep = QStringLiteral("0");
        for (int i = 0; i < 100; ++i)
            deep = QStringLiteral(R"({"name":"n%1","children":[%2]})").arg(i).arg(deep);
        QTest::newRow("deep nesting") << head + QStringLiteral(R"("tree":)") + deep + QStringLiteral("}")
                                      << QStringLiteral("nested deeper than 64");
    }

    void hostileFiles()
    {
        QFETCH(QString, text);
        QFETCH(QString, needle);
        const std::string p = write("bad.bitlens-groups.json", text.toStdString());
        auto g = readClassGroups(p);
        QVERIFY(!g.ok());
        QVERIFY2(g.error().find("bad.bitlens-groups.json") != std::string::npos, g.error().c_str());
        QVERIFY2(g.error().find(needle.toStdString()) != std::string::npos, g.error().c_str());
    }
};

QTEST_GUILESS_MAIN(TestClassGroups)
#include "test_class_groups.moc"

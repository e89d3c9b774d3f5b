#include "class_groups.h"
#include "versioned_json.h"

#include <QFile>
#include <QSaveFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <optional>
#include <set>

namespace bitlens {
namespace {

constexpr int kMaxDepth = 64;
constexpr int64_t kMaxNodes = 1'000'000;
constexpr int64_t kMaxClasses = 100'000;
constexpr int kMaxName = 1000;

struct TreeReader
{
    const std::string& file;
    int64_t classCount;
    int64_t nodes = 0;
    std::set<int> seenClasses;
    std::set<std::string> names;

    Result<GroupNode> read(const QJsonValue& v, const std::string& where, int depth)
    {
        if (depth > kMaxDepth)
            return fail(file + ": " + where + ": the tree is nested deeper than " + std::to_string(kMaxDepth) + " levels");
        if (++nodes > kMaxNodes)
            return fail(file + ": tree: more than " + std::to_string(kMaxNodes) + " nodes");
        GroupNode n;
        if (v.isDouble()) {
            const double d = v.toDouble();
            // Range first: converting an out-of-range double (1e300, NaN) to an integer is undefined.
            if (!(d >= 0 && d < static_cast<double>(classCount)) || d != std::floor(d))
                return fail(file + ": " + where + ": class index " + QString::number(d).toStdString() +
                            " is not one of the " + std::to_string(classCount) + " classes");
            n.classIndex = static_cast<int>(d);
            if (!seenClasses.insert(n.classIndex).second)
                return fail(file + ": " + where + ": class " + std::to_string(n.classIndex) + " appears twice");
            return n;
        }
        if (!v.isObject())
            return fail(file + ": " + where + ": expected a class index or a {\"name\", \"children\"} object");
        const QJsonObject o = v.toObject();
        if (!o.value(QStringLiteral("name")).isString())
            return fail(file + ": " + where + ".name: expected a string");
        n.name = o.value(QStringLiteral("name")).toString().toStdString();
        if (n.name.empty() || n.name.size() > kMaxName)
            return fail(file + ": " + where + ".name: must have 1 to " + std::to_string(kMaxName) + " characters");
        if (!names.insert(n.name).second)
            return fail(file + ": " + where + ".name: \"" + n.name + "\" is used twice");
        const QJsonValue children = o.value(QStringLiteral("children"));
        if (!children.isArray())
            return fail(file + ": " + where + ".children: expected an array");
        const QJsonArray a = children.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            auto c = read(a.at(i), n.name + ".children[" + std::to_string(i) + "]", depth + 1);
            if (!c)
                return c;
            n.children.push_back(std::move(*c));
        }
        return n;
    }
};

// Assigns every class under `n` to `group`, or, above the cut, finds the cut nodes below.
void assign(const GroupNode& n, const std::set<std::string>& cut, int group, std::vector<int>& groupOf,
            std::map<int, std::string>& cutNameOf)
{
    if (n.classIndex >= 0) {
        if (group >= 0)
            groupOf[static_cast<size_t>(n.classIndex)] = group;
        return;
    }
    if (group < 0 && cut.count(n.name)) {
        group = static_cast<int>(cutNameOf.size()) + 1000000; // a temporary id, renumbered below
        cutNameOf[group] = n.name;
    }
    for (const GroupNode& c : n.children)
        assign(c, cut, group, groupOf, cutNameOf);
}

} // namespace

Result<ClassGroups> readClassGroups(const std::string& path)
{
    auto read = readVersionedJson(path, {"bitlens-groups", 1, int64_t{16} << 20, "groups file", "groups"});
    if (!read)
        return Error{read.error()};
    return classGroupsFromJson(*read, path);
}

Result<ClassGroups> classGroupsFromJson(const QJsonObject& o, const std::string& path)
{
    ClassGroups g;
    const QJsonValue classes = o.value(QStringLiteral("classes"));
    if (!classes.isArray())
        return fail(path + ": classes: expected an array of class names");
    if (classes.toArray().size() > kMaxClasses)
        return fail(path + ": classes: more than " + std::to_string(kMaxClasses));
    for (const QJsonValue& c : classes.toArray()) {
        if (!c.isString() || c.toString().size() > kMaxName)
            return fail(path + ": classes: expected strings of at most " + std::to_string(kMaxName) + " characters");
        g.classes.push_back(c.toString().toStdString());
    }
    TreeReader reader{path, static_cast<int64_t>(g.classes.size()), 0, {}, {}};
    auto tree = reader.read(o.value(QStringLiteral("tree")), "tree", 0);
    if (!tree)
        return Error{tree.error()};
    if (tree->classIndex >= 0)
        return fail(path + ": tree: the root must be a named node");
    g.tree = std::move(*tree);
    const QJsonValue cut = o.value(QStringLiteral("cut"));
    if (!cut.isUndefined() && !cut.isArray())
        return fail(path + ": cut: expected an array of node names");
    for (const QJsonValue& c : cut.toArray()) {
        if (!c.isString() || !reader.names.count(c.toString().toStdString()))
            return fail(path + ": cut: \"" + c.toString().toStdString() + "\" is not a node of the tree");
        g.cut.push_back(c.toString().toStdString());
    }
    return g;
}

Grouping groupingOf(const ClassGroups& groups)
{
    const size_t k = groups.classes.size();
    std::vector<int> raw(k, -1);
    std::map<int, std::string> cutNameOf;
    assign(groups.tree, std::set<std::string>(groups.cut.begin(), groups.cut.end()), -1, raw, cutNameOf);
    // Renumber: groups in the order of their lowest class; an uncut class is its own group.
    Grouping out;
    out.groupOf.assign(k, -1);
    std::map<int, int> renumbered;
    for (size_t c = 0; c < k; ++c) {
        if (raw[c] < 0) {
            out.groupOf[c] = static_cast<int>(out.names.size());
            out.names.push_back(groups.classes[c]);
            continue;
        }
        auto [it, inserted] = renumbered.try_emplace(raw[c], static_cast<int>(out.names.size()));
        if (inserted)
            out.names.push_back(cutNameOf[raw[c]]);
        out.groupOf[c] = it->second;
    }
    return out;
}

std::vector<std::vector<int64_t>> groupedConfusion(const std::vector<std::vector<int64_t>>& confusion,
                                                   const Grouping& grouping)
{
    const size_t g = grouping.names.size();
    std::vector<std::vector<int64_t>> cg(g, std::vector<int64_t>(g, 0));
    for (size_t i = 0; i < confusion.size() && i < grouping.groupOf.size(); ++i)
        for (size_t j = 0; j < confusion[i].size() && j < grouping.groupOf.size(); ++j)
            cg[static_cast<size_t>(grouping.groupOf[i])][static_cast<size_t>(grouping.groupOf[j])] += confusion[i][j];
    return cg;
}

double groupedAccuracy(const std::vector<std::vector<int64_t>>& cg)
{
    int64_t trace = 0, total = 0;
    for (size_t i = 0; i < cg.size(); ++i)
        for (size_t j = 0; j < cg[i].size(); ++j) {
            total += cg[i][j];
            trace += i == j ? cg[i][j] : 0;
        }
    return total ? static_cast<double>(trace) / static_cast<double>(total) : 0.0;
}

namespace {

QJsonValue nodeJson(const GroupNode& n)
{
    if (n.classIndex >= 0)
        return n.classIndex;
    QJsonArray children;
    for (const GroupNode& c : n.children)
        children.append(nodeJson(c));
    return QJsonObject{{QStringLiteral("name"), QString::fromStdString(n.name)}, {QStringLiteral("children"), children}};
}

GroupNode* findGroup(GroupNode& n, const std::string& name)
{
    if (n.classIndex < 0 && n.name == name)
        return &n;
    for (GroupNode& c : n.children)
        if (GroupNode* found = findGroup(c, name))
            return found;
    return nullptr;
}

bool matches(const GroupNode& n, const NodeRef& r)
{
    return r.classIndex >= 0 ? n.classIndex == r.classIndex : (n.classIndex < 0 && n.name == r.group);
}

// Takes the node `r` out of the tree below `n` (not `n` itself).
std::optional<GroupNode> take(GroupNode& n, const NodeRef& r)
{
    for (auto it = n.children.begin(); it != n.children.end(); ++it) {
        if (matches(*it, r)) {
            GroupNode out = std::move(*it);
            n.children.erase(it);
            return out;
        }
        if (auto found = take(*it, r))
            return found;
    }
    return std::nullopt;
}

std::string describe(const NodeRef& r)
{
    return r.classIndex >= 0 ? "class " + std::to_string(r.classIndex) : "group \"" + r.group + "\"";
}

bool validName(const std::string& name)
{
    return !name.empty() && name.size() <= static_cast<size_t>(kMaxName);
}

} // namespace

QJsonObject classGroupsJson(const ClassGroups& g)
{
    QJsonArray classes, cut;
    for (const std::string& c : g.classes)
        classes.append(QString::fromStdString(c));
    for (const std::string& c : g.cut)
        cut.append(QString::fromStdString(c));
    return QJsonObject{{QStringLiteral("format"), QStringLiteral("bitlens-groups")},
                       {QStringLiteral("version"), 1},
                       {QStringLiteral("classes"), classes},
                       {QStringLiteral("tree"), nodeJson(g.tree)},
                       {QStringLiteral("cut"), cut}};
}

Result<bool> writeClassGroups(const ClassGroups& groups, const std::string& path)
{
    QSaveFile f(QString::fromStdString(path));
    const QByteArray bytes = QJsonDocument(classGroupsJson(groups)).toJson(QJsonDocument::Indented);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        return Error{path + ": cannot write the class groups (" + f.errorString().toStdString() + ")"};
    return true;
}

ClassGroups flatGroups(const std::vector<std::string>& classes)
{
    ClassGroups g;
    g.classes = classes;
    g.tree.name = "all";
    for (size_t c = 0; c < classes.size(); ++c) {
        GroupNode leaf;
        leaf.classIndex = static_cast<int>(c);
        g.tree.children.push_back(leaf);
    }
    return g;
}

Result<ClassGroups> addGroup(const ClassGroups& groups, const std::string& parent, const std::string& name)
{
    ClassGroups g = groups;
    if (!validName(name))
        return fail("a group name needs 1 to " + std::to_string(kMaxName) + " characters");
    if (findGroup(g.tree, name))
        return fail("there is already a group \"" + name + "\"");
    GroupNode* p = findGroup(g.tree, parent);
    if (!p)
        return fail("there is no group \"" + parent + "\"");
    GroupNode node;
    node.name = name;
    p->children.push_back(std::move(node));
    return g;
}

Result<ClassGroups> moveNodes(const ClassGroups& groups, const std::vector<NodeRef>& nodes, const std::string& target)
{
    ClassGroups g = groups;
    if (!findGroup(g.tree, target))
        return fail("there is no group \"" + target + "\"");
    std::vector<GroupNode> moved;
    for (const NodeRef& r : nodes) {
        if (r.classIndex < 0 && r.group == g.tree.name)
            return fail("the root group \"" + r.group + "\" cannot move");
        if (r.classIndex < 0) {
            GroupNode* self = findGroup(g.tree, r.group);
            if (self && findGroup(*self, target))
                return fail("group \"" + r.group + "\" cannot move into itself or a group inside it");
        }
        auto n = take(g.tree, r);
        if (!n)
            return fail(describe(r) + " is not in the tree");
        moved.push_back(std::move(*n));
    }
    GroupNode* t = findGroup(g.tree, target); // after the takes: the pointer may have moved
    for (GroupNode& n : moved)
        t->children.push_back(std::move(n));
    return g;
}

Result<ClassGroups> renameGroup(const ClassGroups& groups, const std::string& from, const std::string& to)
{
    ClassGroups g = groups;
    if (!validName(to))
        return fail("a group name needs 1 to " + std::to_string(kMaxName) + " characters");
    if (from == to)
        return g;
    if (findGroup(g.tree, to))
        return fail("there is already a group \"" + to + "\"");
    GroupNode* n = findGroup(g.tree, from);
    if (!n)
        return fail("there is no group \"" + from + "\"");
    n->name = to;
    std::replace(g.cut.begin(), g.cut.end(), from, to);
    return g;
}

Result<ClassGroups> removeGroup(const ClassGroups& groups, const std::string& name)
{
    ClassGroups g = groups;
    if (name == g.tree.name)
        return fail("the root group \"" + name + "\" cannot be removed");
    std::function<bool(GroupNode&)> removeIn = [&](GroupNode& p) {
        for (auto it = p.children.begin(); it != p.children.end(); ++it) {
            if (it->classIndex < 0 && it->name == name) {
                std::vector<GroupNode> children = std::move(it->children);
                it = p.children.erase(it);
                p.children.insert(it, std::make_move_iterator(children.begin()), std::make_move_iterator(children.end()));
                return true;
            }
            if (removeIn(*it))
                return true;
        }
        return false;
    };
    if (!removeIn(g.tree))
        return fail("there is no group \"" + name + "\"");
    g.cut.erase(std::remove(g.cut.begin(), g.cut.end(), name), g.cut.end());
    return g;
}

Result<ClassGroups> setInCut(const ClassGroups& groups, const std::string& name, bool inCut)
{
    ClassGroups g = groups;
    if (!findGroup(g.tree, name))
        return fail("there is no group \"" + name + "\"");
    const bool present = std::find(g.cut.begin(), g.cut.end(), name) != g.cut.end();
    if (inCut && !present)
        g.cut.push_back(name);
    else if (!inCut && present)
        g.cut.erase(std::remove(g.cut.begin(), g.cut.end(), name), g.cut.end());
    return g;
}

std::string unusedGroupName(const ClassGroups& groups)
{
    ClassGroups g = groups;
    for (int i = 1;; ++i) {
        std::string name = "group " + std::to_string(i);
        if (!findGroup(g.tree, name))
            return name;
    }
}

} // namespace bitlens

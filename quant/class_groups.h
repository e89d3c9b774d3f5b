#pragma once
// Class grouping (DESIGN.md "Class grouping"): a hierarchy of classes whose cut gives the groups,
// the grouped confusion CG[g][h] = sum_{i in g, j in h} C[i][j] and grouped accuracy trace(CG)/N.
//
// *.bitlens-groups.json, version 1:
//   {"format": "bitlens-groups", "version": 1,
//    "classes": ["T-shirt/top", "Trouser", ...],
//    "tree": {"name": "all", "children": [{"name": "Tops", "children": [0, 2, 4, 6]}, 1, ...]},
//    "cut": ["Tops", "Footwear"]}
// A leaf is a class index; an inner node has a unique name. Every node named in "cut" becomes one
// group of all the classes under it (an outer cut node wins over one nested inside it); every
// other class is a group of its own.
#include <model/result.h>

#include <QJsonObject>

#include <cstdint>
#include <string>
#include <vector>

namespace bitlens {

struct GroupNode
{
    std::string name; // empty for a leaf
    int classIndex = -1; // the class of a leaf
    std::vector<GroupNode> children;
};

struct ClassGroups
{
    std::vector<std::string> classes;
    GroupNode tree;
    std::vector<std::string> cut;
};

// The groups of a cut: groupOf[class] and each group's name, groups ordered by their lowest class.
struct Grouping
{
    std::vector<int> groupOf;
    std::vector<std::string> names;
};

// Reads and validates a groups file: format, version (a newer one is refused), field types,
// class indices in range and used at most once, unique node names, cut names that exist, depth
// and size caps. Errors name the file and the field.
Result<ClassGroups> readClassGroups(const std::string& path);
// The same checks on an object already read (e.g. embedded in a project); errors start with `where`.
Result<ClassGroups> classGroupsFromJson(const QJsonObject& object, const std::string& where);

Grouping groupingOf(const ClassGroups& groups);

// CG from a confusion matrix (rows true, columns predicted) whose size must match groupOf.
std::vector<std::vector<int64_t>> groupedConfusion(const std::vector<std::vector<int64_t>>& confusion,
                                                   const Grouping& grouping);
// trace(CG)/N; 0 for an empty matrix.
double groupedAccuracy(const std::vector<std::vector<int64_t>>& groupedConfusion);

// The file's JSON object (the format above); writeClassGroups saves it atomically (QSaveFile).
QJsonObject classGroupsJson(const ClassGroups& groups);
Result<bool> writeClassGroups(const ClassGroups& groups, const std::string& path);

// No groups yet: a root "all" holding every class, no cut.
ClassGroups flatGroups(const std::vector<std::string>& classes);

// Edits of the tree (the hierarchy editor's). Each returns the edited copy, or an error saying why
// the edit is refused; the input is never changed. A node is named by a NodeRef: a class index or
// a group's name.
struct NodeRef
{
    int classIndex = -1;
    std::string group; // used when classIndex < 0
    static NodeRef ofClass(int c) { return {c, {}}; }
    static NodeRef ofGroup(std::string name) { return {-1, std::move(name)}; }
};
// A new, empty group `name` inside the group `parent`.
Result<ClassGroups> addGroup(const ClassGroups& groups, const std::string& parent, const std::string& name);
// Moves the nodes into the group `target` (at the end of its children); a group cannot move into
// itself or a group below it, and the root does not move.
Result<ClassGroups> moveNodes(const ClassGroups& groups, const std::vector<NodeRef>& nodes, const std::string& target);
// Renames a group, in the tree and in the cut; the new name must be unused.
Result<ClassGroups> renameGroup(const ClassGroups& groups, const std::string& from, const std::string& to);
// Removes a group (not the root); its children take its place in its parent, and it leaves the cut.
Result<ClassGroups> removeGroup(const ClassGroups& groups, const std::string& name);
// Adds or removes a group from the cut (the groups evaluated). An outer cut group wins over one
// inside it (groupingOf), so the root in the cut makes one group of every class.
Result<ClassGroups> setInCut(const ClassGroups& groups, const std::string& name, bool inCut);
// A free group name: "group N" with the lowest N not in use.
std::string unusedGroupName(const ClassGroups& groups);

} // namespace bitlens

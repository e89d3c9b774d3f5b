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

} // namespace bitlens

#pragma once
// A BitLens project (DESIGN.md "Files", *.bitlens): the model (path relative to the project file),
// the test set, the preprocessing, the plan, the class groups and the view settings, as
// {"format":"bitlens-project","version":1, ...}. Reading refuses a newer version and names the
// field of any wrong type; writing is atomic (QSaveFile).
#include "class_groups.h"
#include "plan.h"

#include <QJsonObject>

#include <optional>
#include <string>
#include <vector>

namespace bitlens {

struct ProjectView
{
    QuantSpec setting;             // the toolbar's scheme, granularity and bits
    std::string layer;             // the selected layer
    std::vector<Scheme> compared;  // schemes beside FP32
    int histogramBins = 0;         // 0: DESIGN.md's default
    std::string tab = "quartiles"; // quartiles, histograms, efficiency, accuracy, confusion, plan, sensitivity, proposal
};

struct Project
{
    std::string model;        // as stored: relative to the project's folder, or absolute
    std::string modelSha256;  // of the model file when saved; empty if unknown
    std::string dataset;      // as stored (relative or absolute); empty: none
    std::optional<std::vector<float>> mean, std; // set by the user; else from the model or card
    Plan plan;
    std::optional<QJsonObject> groups; // a bitlens-groups object, checked by classGroupsFromJson
    ProjectView view;
};

// Paths stored relative to the project file resolve against its folder.
std::string resolveProjectPath(const std::string& projectFile, const std::string& stored);
// The path to store for `target`: relative to the project's folder when below or beside it.
std::string relativeProjectPath(const std::string& projectFile, const std::string& target);

Result<Project> readProject(const std::string& path);
QByteArray projectJson(const Project& project);
Result<bool> writeProject(const Project& project, const std::string& path);

} // namespace bitlens

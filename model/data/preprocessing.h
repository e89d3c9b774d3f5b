#pragma once
// DESIGN.md "Datasets and preprocessing": x = (u8/255 - mean)/std per channel, float32, NCHW.
// The statistics come from the model's metadata_props (bitlens.mean, bitlens.std,
// bitlens.classes as JSON arrays), else a dataset card, else the user.
#include <model/model.h>
#include <model/result.h>

#include <QJsonObject>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace bitlens {

struct Preprocessing
{
    std::vector<float> mean{0.0f};
    std::vector<float> std{1.0f};
    std::string source = "default (mean 0, std 1)"; // where the numbers came from, for the user
};

// nullopt if the model carries no bitlens.mean/bitlens.std; an error if they are malformed.
Result<std::optional<Preprocessing>> preprocessingFromMetadata(const Model& model);
// A dataset card's JSON object (at most 1 MiB); errors name the file.
Result<QJsonObject> readDatasetCard(const std::filesystem::path& card);
// From a dataset card (dataset.json with "mean" and "std" arrays).
Result<std::optional<Preprocessing>> preprocessingFromCard(const std::filesystem::path& card);
std::vector<std::string> classNamesFromMetadata(const Model& model);
// DESIGN.md's order: the model's metadata, else the dataset card (datasetCardFor(DATA)), else
// mean 0 and std 1 (Preprocessing's defaults). Errors name the malformed source.
Result<Preprocessing> preprocessingFor(const Model& model, const std::filesystem::path& card);

// Parses "0.2860" or "[0.485,0.456]" style lists (JSON array or comma-separated).
Result<std::vector<float>> parseFloatList(const std::string& text, const std::string& what);


} // namespace bitlens

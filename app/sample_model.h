#pragma once
// The bundled sample (resources/sample: the model, its 2,000-image test subset and dataset card),
// and how projects name it. Its files are written once per process to a private temporary folder
// that is removed on quit, so a project stores them as "bundled-sample:NAME", never that folder.
#include <QString>

#include <string>

namespace bitlens {

inline constexpr char kBundledSamplePrefix[] = "bundled-sample:";

// The path of the bundled sample model (embedded in the binary's resources, written once per
// process to a private temporary folder together with its test subset). Empty on failure.
QString bundledSampleModelPath();

// The path a project stores for `target`: "bundled-sample:NAME" for a file of the bundled sample,
// else relative to the project's folder (quant/project.h).
std::string storedProjectPath(const std::string& projectFile, const std::string& target);
// The file a stored path names: a bundled-sample entry is unpacked from the resources (empty when
// this program has none), anything else is resolved against the project's folder.
std::string resolvedProjectPath(const std::string& projectFile, const std::string& stored);
// How a report names a stored path: "bundled sample fashion_cnn.onnx", else the resolved path.
std::string projectPathForDisplay(const std::string& projectFile, const std::string& stored);

} // namespace bitlens

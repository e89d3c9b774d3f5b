#pragma once
#include <QString>

namespace bitlens {

// The path of the bundled sample model (embedded in the binary's resources, written once per
// process to a private temporary folder together with its test subset). Empty on failure.
QString bundledSampleModelPath();

} // namespace bitlens

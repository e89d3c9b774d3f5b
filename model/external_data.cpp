#include "external_data.h"

#include <fstream>
#include <system_error>

namespace fs = std::filesystem;

namespace bitlens {

Result<fs::path> resolveExternalDataPath(const fs::path& modelDir, const std::string& location)
{
    if (location.empty())
        return fail("external data has an empty location");
    if (location.find('\0') != std::string::npos)
        return fail("external data location contains a NUL byte");
    const fs::path rel(location);
    if (rel.is_absolute() || rel.has_root_name() || rel.has_root_directory())
        return fail("external data location '" + location + "' is an absolute path");
    for (const fs::path& part : rel)
        if (part == "..")
            return fail("external data location '" + location + "' leaves the model's folder (..)");

    std::error_code ec;
    const fs::path target = fs::canonical(modelDir / rel, ec);
    if (ec)
        return fail("external data file '" + location + "' not found in the model's folder");
    // After resolving symlinks the file must still be below the model's folder.
    auto dirIt = modelDir.begin();
    auto tIt = target.begin();
    for (; dirIt != modelDir.end(); ++dirIt, ++tIt)
        if (tIt == target.end() || *tIt != *dirIt)
            return fail("external data location '" + location + "' resolves outside the model's folder");
    if (!fs::is_regular_file(target, ec))
        return fail("external data location '" + location + "' is not a regular file");
    return target;
}

Result<bool> checkExternalRange(const fs::path& file, int64_t offset, int64_t length, int64_t expectedBytes)
{
    std::error_code ec;
    const auto size = static_cast<int64_t>(fs::file_size(file, ec));
    if (ec)
        return fail("cannot read the size of external data file '" + file.filename().string() + "'");
    if (offset < 0)
        return fail("external data offset " + std::to_string(offset) + " is negative");
    if (length >= 0 && length != expectedBytes)
        return fail("external data length " + std::to_string(length) + " differs from the " +
                    std::to_string(expectedBytes) + " bytes the dims need");
    if (offset > size || expectedBytes > size - offset)
        return fail("external data [" + std::to_string(offset) + ", +" + std::to_string(expectedBytes) +
                    ") lies beyond the end of '" + file.filename().string() + "' (" + std::to_string(size) +
                    " bytes)");
    return true;
}

Result<bool> readExternalData(const fs::path& file, int64_t offset, int64_t length, int64_t expectedBytes,
                              char* destination)
{
    if (auto ok = checkExternalRange(file, offset, length, expectedBytes); !ok)
        return ok;
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return fail("cannot open external data file '" + file.filename().string() + "'");
    if (expectedBytes == 0)
        return true;
    in.seekg(offset);
    in.read(destination, expectedBytes);
    if (in.gcount() != expectedBytes)
        return fail("short read from external data file '" + file.filename().string() + "'");
    return true;
}

} // namespace bitlens

#include "image_folder_dataset.h"

#include <QByteArray>
#include <QImage>
#include <QImageReader>

#include <algorithm>
#include <cstring>
#include <set>

namespace fs = std::filesystem;

namespace bitlens {
namespace {

constexpr int64_t kMaxSide = 4096;
constexpr int64_t kMaxFiles = 10'000'000;
constexpr int64_t kMaxClasses = 100'000;
constexpr int kMaxDecodedSide = 16384; // refuse to decode larger images (decompression bombs)

std::set<std::string> readableSuffixes()
{
    std::set<std::string> out;
    for (const QByteArray& f : QImageReader::supportedImageFormats())
        out.insert(std::string(".").append(f.toLower().toStdString())); // not "." + s: GCC 12's -Wrestrict false positive
    return out;
}

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    return s;
}

// Decodes one image as grey (channels 1) or RGB (3), scaled to width x height.
Result<QImage> decode(const fs::path& file, int channels, int width, int height)
{
    QImageReader reader(QString::fromStdString(file.string()));
    const QSize size = reader.size();
    if (size.isValid() && (size.width() > kMaxDecodedSide || size.height() > kMaxDecodedSide))
        return fail(file.string() + ": image of " + std::to_string(size.width()) + " x " +
                    std::to_string(size.height()) + " pixels is too large");
    QImage image = reader.read();
    if (image.isNull())
        return fail(file.string() + ": cannot decode the image (" + reader.errorString().toStdString() + ")");
    image = image.convertToFormat(channels == 1 ? QImage::Format_Grayscale8 : QImage::Format_RGB888);
    if (width > 0 && (image.width() != width || image.height() != height))
        image = image.scaled(width, height, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    return image;
}

} // namespace

Result<std::unique_ptr<ImageFolderDataset>> ImageFolderDataset::open(const fs::path& folder, const InputShape& want,
                                                                     Labels labels)
{
    std::unique_ptr<ImageFolderDataset> d(new ImageFolderDataset());
    std::error_code ec;
    std::vector<fs::path> classDirs;
    for (auto it = fs::directory_iterator(folder, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
        if (it->is_directory(ec)) {
            classDirs.push_back(it->path());
            if (static_cast<int64_t>(classDirs.size()) > kMaxClasses)
                return fail(folder.string() + ": more than " + std::to_string(kMaxClasses) + " class folders");
        }
    if (ec)
        return fail(folder.string() + ": cannot list the folder (" + ec.message() + ")");
    const bool unlabelled = classDirs.empty() && labels == Labels::Optional;
    if (classDirs.empty() && !unlabelled)
        return fail(folder.string() + ": no class sub-folders (an image folder has one sub-folder per class)");
    std::sort(classDirs.begin(), classDirs.end());

    const auto suffixes = readableSuffixes();
    auto listImages = [&](const fs::path& dir) -> Result<std::vector<fs::path>> {
        std::vector<fs::path> files;
        for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
            if (it->is_regular_file(ec) && suffixes.count(lower(it->path().extension().string())))
                files.push_back(it->path());
        if (ec)
            return fail(dir.string() + ": cannot list the folder (" + ec.message() + ")");
        if (static_cast<int64_t>(d->m_files.size() + files.size()) > kMaxFiles)
            return fail(folder.string() + ": more than " + std::to_string(kMaxFiles) + " images");
        std::sort(files.begin(), files.end());
        return files;
    };
    if (unlabelled) {
        auto files = listImages(folder);
        if (!files)
            return Error{files.error()};
        d->m_files = std::move(*files);
        d->m_unlabelled = static_cast<int64_t>(d->m_files.size());
        if (d->m_files.empty())
            return fail(folder.string() + ": the folder holds no readable images");
    }
    for (size_t label = 0; label < classDirs.size(); ++label) {
        auto files = listImages(classDirs[label]);
        if (!files)
            return Error{files.error()};
        for (auto& f : *files) {
            d->m_files.push_back(std::move(f));
            d->m_labels.push_back(static_cast<int32_t>(label));
        }
        d->m_classNames.push_back(classDirs[label].filename().string());
    }
    if (d->m_files.empty())
        return fail(folder.string() + ": the class folders hold no readable images");

    d->m_channels = want.channels > 0 ? want.channels : 1;
    if (d->m_channels != 1 && d->m_channels != 3)
        return fail(folder.string() + ": image folders feed models with 1 or 3 input channels, not " +
                    std::to_string(d->m_channels));
    d->m_height = want.height;
    d->m_width = want.width;
    if (d->m_height <= 0 || d->m_width <= 0) { // the model leaves the size open: the first image's
        auto first = decode(d->m_files.front(), static_cast<int>(d->m_channels), 0, 0);
        if (!first)
            return Error{first.error()};
        d->m_height = first->height();
        d->m_width = first->width();
    }
    if (d->m_height > kMaxSide || d->m_width > kMaxSide)
        return fail(folder.string() + ": input size " + std::to_string(d->m_height) + " x " +
                    std::to_string(d->m_width) + " is larger than BitLens evaluates");
    d->m_description = (unlabelled ? "images without labels in " : "image folder ") + folder.string();
    return d;
}

Result<ImageBatch> ImageFolderDataset::next(int64_t count)
{
    ImageBatch b;
    b.count = std::max<int64_t>(std::min(count, size() - m_read), 0);
    b.channels = m_channels;
    b.height = m_height;
    b.width = m_width;
    b.bytes.resize(static_cast<size_t>(b.count * b.imageSize()));
    const int64_t plane = m_height * m_width;
    for (int64_t i = 0; i < b.count; ++i) {
        auto image = decode(m_files[static_cast<size_t>(m_read + i)], static_cast<int>(m_channels),
                            static_cast<int>(m_width), static_cast<int>(m_height));
        if (!image)
            return Error{image.error()};
        uint8_t* dst = b.bytes.data() + i * b.imageSize();
        for (int64_t y = 0; y < m_height; ++y) {
            const uchar* row = image->constScanLine(static_cast<int>(y));
            for (int64_t x = 0; x < m_width; ++x)
                for (int64_t c = 0; c < m_channels; ++c) // interleaved RGB to planar
                    dst[c * plane + y * m_width + x] = row[x * m_channels + c];
        }
    }
    m_read += b.count;
    return b;
}

} // namespace bitlens

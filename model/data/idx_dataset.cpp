#include "idx_dataset.h"

#include <zlib.h>

#include <array>
#include <system_error>

namespace fs = std::filesystem;

namespace bitlens {

// gzread reads plain files too, transparently.
struct IdxDataset::Stream
{
    gzFile file = nullptr;
    ~Stream()
    {
        if (file)
            gzclose(file);
    }
    // Reads exactly n bytes; false at a premature end.
    bool read(void* dst, int64_t n)
    {
        auto* p = static_cast<char*>(dst);
        while (n > 0) {
            const unsigned chunk = static_cast<unsigned>(std::min<int64_t>(n, 1 << 30));
            const int got = gzread(file, p, chunk);
            if (got <= 0)
                return false;
            p += got;
            n -= got;
        }
        return true;
    }
};

namespace {

constexpr int64_t kMaxSide = 4096;
constexpr int64_t kMaxCount = int64_t{1} << 31;

Result<std::unique_ptr<IdxDataset::Stream>> openStream(const fs::path& path)
{
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        return fail(path.string() + ": not found or not a regular file");
    auto s = std::make_unique<IdxDataset::Stream>();
    s->file = gzopen(path.c_str(), "rb");
    if (!s->file)
        return fail(path.string() + ": cannot open");
    gzbuffer(s->file, 1 << 16);
    return s;
}

// Reads the magic and dims; checks the type byte (0x08 = uint8) and the dimension count.
Result<std::vector<int64_t>> readHeader(IdxDataset::Stream& s, const fs::path& path, int dims)
{
    std::array<uint8_t, 4> magic{};
    if (!s.read(magic.data(), 4))
        return fail(path.string() + ": truncated IDX header");
    if (magic[0] != 0 || magic[1] != 0 || magic[2] != 0x08 || magic[3] != dims)
        return fail(path.string() + ": not an IDX file of uint8 with " + std::to_string(dims) + " dimension(s)");
    std::vector<int64_t> out;
    for (int i = 0; i < dims; ++i) {
        std::array<uint8_t, 4> b{};
        if (!s.read(b.data(), 4))
            return fail(path.string() + ": truncated IDX header");
        out.push_back((int64_t{b[0]} << 24) | (int64_t{b[1]} << 16) | (int64_t{b[2]} << 8) | b[3]);
    }
    return out;
}

bool isGzip(const fs::path& p)
{
    return p.extension() == ".gz";
}

} // namespace

IdxDataset::~IdxDataset() = default;

Result<std::unique_ptr<IdxDataset>> IdxDataset::open(const fs::path& images, const fs::path& labels)
{
    std::unique_ptr<IdxDataset> d(new IdxDataset());
    d->m_imagesPath = images;
    auto ls = openStream(labels);
    if (!ls)
        return Error{ls.error()};
    auto lh = readHeader(**ls, labels, 1);
    if (!lh)
        return Error{lh.error()};
    const int64_t labelCount = (*lh)[0];
    if (labelCount > kMaxCount)
        return fail(labels.string() + ": header claims " + std::to_string(labelCount) + " labels");
    std::error_code ec;
    // A plain file must hold exactly what the header says; a gzip file is checked as it streams.
    if (!isGzip(labels) && static_cast<int64_t>(fs::file_size(labels, ec)) != 8 + labelCount)
        return fail(labels.string() + ": header claims " + std::to_string(labelCount) + " labels but the file has " +
                    std::to_string(fs::file_size(labels, ec) - 8) + " bytes of them");
    if (isGzip(labels) && labelCount > static_cast<int64_t>(fs::file_size(labels, ec)) * 1032)
        return fail(labels.string() + ": header claims more labels than the compressed file can hold");
    std::vector<uint8_t> raw(static_cast<size_t>(labelCount));
    if (!(*ls)->read(raw.data(), labelCount))
        return fail(labels.string() + ": ends before its " + std::to_string(labelCount) + " labels");
    d->m_labels.assign(raw.begin(), raw.end());

    auto is = openStream(images);
    if (!is)
        return Error{is.error()};
    auto ih = readHeader(**is, images, 3);
    if (!ih)
        return Error{ih.error()};
    const int64_t count = (*ih)[0];
    d->m_height = (*ih)[1];
    d->m_width = (*ih)[2];
    if (d->m_height < 1 || d->m_width < 1 || d->m_height > kMaxSide || d->m_width > kMaxSide)
        return fail(images.string() + ": absurd image size " + std::to_string(d->m_height) + " x " + std::to_string(d->m_width));
    if (count != labelCount)
        return fail(images.string() + ": " + std::to_string(count) + " images but " + labels.filename().string() +
                    " has " + std::to_string(labelCount) + " labels");
    const int64_t imageBytes = count * d->m_height * d->m_width;
    if (!isGzip(images) && static_cast<int64_t>(fs::file_size(images, ec)) != 16 + imageBytes)
        return fail(images.string() + ": header claims " + std::to_string(count) + " images of " +
                    std::to_string(d->m_height) + " x " + std::to_string(d->m_width) + " but the file size differs");
    d->m_images = std::move(*is);
    d->m_description = "IDX " + images.string();
    return d;
}

Result<ImageBatch> IdxDataset::next(int64_t count)
{
    ImageBatch b;
    b.count = std::max<int64_t>(std::min(count, size() - m_read), 0);
    b.height = m_height;
    b.width = m_width;
    b.bytes.resize(static_cast<size_t>(b.count * m_height * m_width));
    if (b.count == 0)
        return b;
    if (!m_images->read(b.bytes.data(), static_cast<int64_t>(b.bytes.size())))
        return fail(m_imagesPath.string() + ": ends after " + std::to_string(m_read) + " of " +
                    std::to_string(size()) + " images");
    m_read += b.count;
    return b;
}

Result<bool> IdxDataset::rewind()
{
    if (gzrewind(m_images->file) != 0)
        return fail(m_imagesPath.string() + ": cannot rewind");
    std::vector<uint8_t> header(16);
    if (!m_images->read(header.data(), 16))
        return fail(m_imagesPath.string() + ": truncated IDX header");
    m_read = 0;
    return true;
}

Result<std::optional<IdxPair>> findIdxTestSplit(const fs::path& folder)
{
    for (const char* images : {"t10k-images-idx3-ubyte.gz", "t10k-images-idx3-ubyte", "t10k-images.idx3-ubyte"}) {
        const fs::path p = folder / images;
        std::error_code ec;
        if (!fs::exists(p, ec))
            continue;
        std::string labels = images;
        labels.replace(labels.find("images"), 6, "labels");
        labels.replace(labels.find("idx3"), 4, "idx1");
        if (!fs::exists(folder / labels, ec))
            return fail((folder / labels).string() + ": the labels of " + images + " are missing");
        return std::optional<IdxPair>(IdxPair{p, folder / labels});
    }
    return std::optional<IdxPair>();
}

} // namespace bitlens

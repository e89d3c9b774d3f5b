#include "npy_dataset.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace fs = std::filesystem;

namespace bitlens {
namespace {

constexpr int64_t kMaxSide = 4096;
constexpr int64_t kMaxChannels = 64;
constexpr int64_t kMaxLabel = 1 << 20;
constexpr int64_t kMaxCount = int64_t{1} << 31;

bool plausibleChannels(int64_t c)
{
    return c == 1 || c == 3 || c == 4;
}

} // namespace

Result<std::unique_ptr<NpyDataset>> NpyDataset::open(const fs::path& images, const fs::path& labels, const InputShape& want)
{
    auto lh = readNpyHeader(labels);
    if (!lh)
        return Error{lh.error()};
    if (lh->kind == 'f' || lh->shape.empty() || lh->shape.size() > 2 || (lh->shape.size() == 2 && lh->shape[1] != 1))
        return fail(labels.string() + ": labels must be integers shaped (N,) or (N, 1)");
    const int64_t n = lh->shape[0];
    if (n > kMaxCount)
        return fail(labels.string() + ": " + std::to_string(n) + " labels is more than BitLens reads");

    auto ih = readNpyHeader(images);
    if (!ih)
        return Error{ih.error()};
    std::unique_ptr<NpyDataset> d(new NpyDataset());
    const auto& s = ih->shape;
    if (!((ih->kind == 'u' && ih->itemSize == 1) || ih->kind == 'f'))
        return fail(images.string() + ": images must be uint8 or float32/float64");
    if (s.size() == 3) {
        d->m_height = s[1];
        d->m_width = s[2];
    } else if (s.size() == 4) {
        // The model's channel count decides when it can; otherwise the usual 1, 3 or 4 channels.
        const bool nchw = want.channels > 0 ? s[1] == want.channels : plausibleChannels(s[1]);
        const bool nhwc = want.channels > 0 ? s[3] == want.channels : plausibleChannels(s[3]);
        if (!nchw && !nhwc)
            return fail(images.string() + ": cannot tell channels in shape (" + std::to_string(s[0]) + ", " +
                        std::to_string(s[1]) + ", " + std::to_string(s[2]) + ", " + std::to_string(s[3]) +
                        ")" + (want.channels > 0 ? "; the model wants " + std::to_string(want.channels) : ""));
        d->m_nhwc = !nchw;
        d->m_channels = d->m_nhwc ? s[3] : s[1];
        d->m_height = d->m_nhwc ? s[1] : s[2];
        d->m_width = d->m_nhwc ? s[2] : s[3];
    } else {
        return fail(images.string() + ": images must be shaped N x H x W, N x C x H x W or N x H x W x C");
    }
    if (d->m_height < 1 || d->m_width < 1 || d->m_height > kMaxSide || d->m_width > kMaxSide || d->m_channels < 1 ||
        d->m_channels > kMaxChannels)
        return fail(images.string() + ": absurd image shape " + std::to_string(d->m_channels) + " x " +
                    std::to_string(d->m_height) + " x " + std::to_string(d->m_width));
    if (s[0] != n)
        return fail(images.string() + ": " + std::to_string(s[0]) + " images but " + labels.filename().string() +
                    " has " + std::to_string(n) + " labels");

    // Labels: the whole (size-checked) file, each in 0..kMaxLabel.
    std::ifstream lf(labels, std::ios::binary);
    std::vector<uint8_t> raw(static_cast<size_t>(n * lh->itemSize));
    lf.seekg(lh->dataOffset);
    if (!lf.read(reinterpret_cast<char*>(raw.data()), static_cast<std::streamsize>(raw.size())))
        return fail(labels.string() + ": cannot read the labels");
    std::vector<double> values(static_cast<size_t>(n));
    npyToDouble(*lh, raw.data(), n, values.data());
    d->m_labels.resize(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
        const double v = values[static_cast<size_t>(i)];
        if (!(v >= 0 && v < kMaxLabel))
            return fail(labels.string() + ": label " + std::to_string(static_cast<long long>(v)) + " of image " +
                        std::to_string(i) + " is out of range");
        d->m_labels[static_cast<size_t>(i)] = static_cast<int32_t>(v);
    }

    d->m_path = images;
    d->m_header = *ih;
    d->m_file.open(images, std::ios::binary);
    if (!d->m_file)
        return fail(images.string() + ": cannot open");
    d->m_file.seekg(ih->dataOffset);
    d->m_description = "NPY " + images.string();
    return d;
}

Result<ImageBatch> NpyDataset::next(int64_t count)
{
    ImageBatch b;
    b.count = std::max<int64_t>(std::min(count, size() - m_read), 0);
    b.channels = m_channels;
    b.height = m_height;
    b.width = m_width;
    const int64_t elements = b.count * b.imageSize();
    std::vector<uint8_t> raw(static_cast<size_t>(elements * m_header.itemSize));
    if (b.count > 0 && !m_file.read(reinterpret_cast<char*>(raw.data()), static_cast<std::streamsize>(raw.size())))
        return fail(m_path.string() + ": ends after " + std::to_string(m_read) + " of " + std::to_string(size()) + " images");
    m_read += b.count;

    // To NCHW: element (n, c, p) of the batch comes from raw index n*C*P + p*C + c in NHWC.
    const int64_t c = m_channels, plane = m_height * m_width;
    auto source = [&](int64_t i) {
        if (!m_nhwc)
            return i;
        const int64_t img = i / (c * plane), rest = i % (c * plane), ch = rest / plane, p = rest % plane;
        return img * c * plane + p * c + ch;
    };
    if (m_header.kind == 'u') {
        b.bytes.resize(static_cast<size_t>(elements));
        for (int64_t i = 0; i < elements; ++i)
            b.bytes[static_cast<size_t>(i)] = raw[static_cast<size_t>(source(i))];
    } else {
        std::vector<double> v(static_cast<size_t>(elements));
        npyToDouble(m_header, raw.data(), elements, v.data());
        // A NaN pixel would turn into NaN logits and a silent, meaningless prediction.
        for (int64_t i = 0; i < elements; ++i)
            if (!std::isfinite(v[static_cast<size_t>(i)]))
                return fail(m_path.string() + ": image " + std::to_string(m_read - b.count + i / b.imageSize()) +
                            " has a NaN or infinite value");
        b.unit.resize(static_cast<size_t>(elements));
        for (int64_t i = 0; i < elements; ++i)
            b.unit[static_cast<size_t>(i)] = static_cast<float>(v[static_cast<size_t>(source(i))]);
    }
    return b;
}

Result<bool> NpyDataset::rewind()
{
    m_file.clear();
    m_file.seekg(m_header.dataOffset);
    if (!m_file)
        return fail(m_path.string() + ": cannot rewind");
    m_read = 0;
    return true;
}

} // namespace bitlens

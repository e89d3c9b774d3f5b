#include "fuzz_entries.h"

#include "model/data/idx_dataset.h"
#include "model/data/npy_dataset.h"
#include "model/data/npy_header.h"
#include "model/engine/session.h"
#include "model/model_summary.h"
#include "model/onnx_loader.h"
#include "model/weights.h"
#include "quant/class_groups.h"
#include "quant/layer_views.h"
#include "quant/plan.h"
#include "quant/project.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace bitlens;

namespace fuzzentry {
namespace {

// One scratch folder per process (fuzzers and the replay run single-threaded per process).
const fs::path& scratch()
{
    static const fs::path dir = [] {
        std::string pattern = (fs::temp_directory_path() / "bitlens-fuzz-XXXXXX").string();
        if (!mkdtemp(pattern.data())) {
            std::perror("mkdtemp");
            std::abort();
        }
        const fs::path d(pattern);
        // A file the models may name as external data, 4 KiB of small floats.
        std::string weights(4096, '\0');
        for (size_t i = 0; i < weights.size(); i += 4) {
            const float v = 0.001f * static_cast<float>(i % 97) - 0.05f;
            std::memcpy(weights.data() + i, &v, 4);
        }
        std::ofstream(d / "weights.bin", std::ios::binary).write(weights.data(), static_cast<std::streamsize>(weights.size()));
        return d;
    }();
    return dir;
}

void writeFile(const fs::path& path, const uint8_t* data, size_t size)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
}

// Splits at a two-byte little-endian length prefix: (first part, second part).
std::pair<std::string, std::string> split(const uint8_t* data, size_t size)
{
    if (size < 2)
        return {};
    const size_t n = std::min<size_t>(data[0] | (size_t{data[1]} << 8), size - 2);
    return {std::string(reinterpret_cast<const char*>(data) + 2, n),
            std::string(reinterpret_cast<const char*>(data) + 2 + n, size - 2 - n)};
}

void writeString(const fs::path& path, const std::string& s)
{
    writeFile(path, reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

void readAll(Dataset& d)
{
    for (int guard = 0; guard < 1000; ++guard) {
        auto batch = d.next(64);
        if (!batch || batch->count == 0)
            break;
    }
    if (d.rewind())
        (void)d.next(3);
}

} // namespace

void onnxModel(const uint8_t* data, size_t size)
{
    const fs::path file = scratch() / "model.onnx";
    writeFile(file, data, size);
    LoadLimits limits;
    limits.maxTotalBytes = int64_t{256} << 20; // a fuzz input is small; so are its constants
    auto model = loadOnnxModel(file, limits);
    if (!model)
        return;
    auto shared = std::make_shared<const Model>(std::move(*model));
    const auto layers = findWeightLayers(*shared);
    (void)summarizeModel(*shared);
    for (const WeightLayer& layer : layers) {
        if (layer.parameters() > 4096)
            continue;
        ViewRequest request;
        request.focus = {Scheme::KMeans, Granularity::PerChannel, 3};
        request.schemes = {Scheme::Asymmetric, Scheme::Pow2, Scheme::Gaussian};
        request.threads = 1;
        (void)computeLayerViews(layer, request, PartQuartiles | PartHistograms | PartChannelSqnr);
    }
    auto session = engine::Session::create(shared);
    if (!session)
        return;
    // Run once on zeros when every input is a small float tensor of known shape.
    std::vector<Tensor> inputs;
    for (const ValueInfo& in : shared->inputs) {
        Tensor t;
        t.type = DataType::Float;
        int64_t n = 1;
        for (int64_t d : in.dims) {
            if (d < 1 || d > 64)
                return;
            n *= d;
        }
        if (in.type != DataType::Float || n > 4096)
            return;
        t.dims = in.dims;
        t.floats.assign(static_cast<size_t>(n), 0.0f);
        inputs.push_back(std::move(t));
    }
    (void)(*session)->run(inputs);
}

void idxDataset(const uint8_t* data, size_t size)
{
    const auto [images, labels] = split(data, size);
    const fs::path imagesFile = scratch() / "t10k-images-idx3-ubyte", labelsFile = scratch() / "t10k-labels-idx1-ubyte";
    writeString(imagesFile, images);
    writeString(labelsFile, labels);
    if (auto d = IdxDataset::open(imagesFile, labelsFile))
        readAll(**d);
}

void npyDataset(const uint8_t* data, size_t size)
{
    const auto [images, labels] = split(data, size);
    (void)parseNpyHeader(images, static_cast<int64_t>(images.size()), "images.npy");
    const fs::path imagesFile = scratch() / "images.npy", labelsFile = scratch() / "labels.npy";
    writeString(imagesFile, images);
    writeString(labelsFile, labels);
    for (const InputShape want : {InputShape{}, InputShape{3, 0, 0}})
        if (auto d = NpyDataset::open(imagesFile, labelsFile, want))
            readAll(**d);
}

void projectFiles(const uint8_t* data, size_t size)
{
    const fs::path file = scratch() / "p.bitlens";
    writeFile(file, data, size);
    (void)readProject(file.string());
    (void)readPlan(file.string());
    // Against two known layers, as the window and `eval --plan` read a plan.
    auto tensor = std::make_shared<Tensor>();
    tensor->dims = {4, 2};
    tensor->floats.assign(8, 0.5f);
    std::vector<WeightLayer> known{{"conv.weight", "conv", "Conv", 0, tensor, {}, {}, {}}, {"fc.weight", "fc", "Gemm", 0, tensor, {}, {}, {}}};
    (void)readPlan(file.string(), &known);
    if (auto groups = readClassGroups(file.string())) {
        (void)groupingOf(*groups);
        (void)classGroupsJson(*groups);
    }
}

} // namespace fuzzentry

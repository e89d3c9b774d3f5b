// Every case of Debian's ONNX conformance data (libonnx-testdata: node, pytorch-converted,
// pytorch-operator, simple) whose operators the engine supports, against the shipped outputs
// (rtol 1e-4, atol 1e-5). Prints how many passed and why the others were skipped.
#include <model/engine/session.h>
#include <model/half_float.h>
#include <model/onnx_loader.h>
#include <model/tensor_proto_io.h>

#include <QTest>

#include <cmath>
#include <filesystem>
#include <map>

using namespace bitlens;
namespace fs = std::filesystem;

namespace {

const char* kRoot = "/usr/share/libonnx-testdata/data";

std::vector<fs::path> numbered(const fs::path& dir, const std::string& prefix)
{
    std::vector<fs::path> files;
    for (int i = 0;; ++i) {
        const fs::path p = dir / (prefix + std::to_string(i) + ".pb");
        if (!fs::exists(p))
            break;
        files.push_back(p);
    }
    return files;
}

// Empty when equal within rtol 1e-4, atol 1e-5 (integers exactly).
std::string compare(const Tensor& got, const Tensor& want)
{
    if (got.dims != want.dims)
        return "dims " + shapeString(got.dims) + " vs expected " + shapeString(want.dims);
    if (want.isFloat() != got.isFloat())
        return "type " + std::string(dataTypeName(got.type)) + " vs expected " + std::string(dataTypeName(want.type));
    if (!want.isFloat())
        return got.ints == want.ints ? std::string() : "integer values differ";
    for (size_t i = 0; i < want.floats.size(); ++i) {
        const float g = got.floats[i], w = want.floats[i];
        if (std::isnan(w) && std::isnan(g))
            continue;
        if (std::isinf(w) && g == w)
            continue;
        if (!(std::fabs(g - w) <= 1e-5f + 1e-4f * std::fabs(w)))
            return "element " + std::to_string(i) + ": " + std::to_string(g) + " vs expected " + std::to_string(w);
    }
    return {};
}

} // namespace

class TestConformance : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void conformance()
    {
        QVERIFY2(fs::is_directory(kRoot), "libonnx-testdata is not installed (scripts/install-deps.sh installs it)");
        int passed = 0, failed = 0;
        std::map<std::string, std::vector<std::string>> skipped; // reason -> cases
        std::vector<std::string> failures;
        for (const char* suite : {"node", "pytorch-converted", "pytorch-operator", "simple"}) {
            std::vector<fs::path> cases;
            for (const auto& e : fs::directory_iterator(fs::path(kRoot) / suite))
                if (e.is_directory())
                    cases.push_back(e.path());
            std::sort(cases.begin(), cases.end());
            for (const fs::path& dir : cases) {
                const std::string name = std::string(suite) + "/" + dir.filename().string();
                auto model = loadOnnxModel(dir / "model.onnx");
                if (!model) {
                    const std::string& e = model.error();
                    const auto pos = e.find(": ");
                    skipped["model not loaded: " + (pos == std::string::npos ? e : e.substr(pos + 2))].push_back(name);
                    continue;
                }
                auto shared = std::make_shared<const Model>(std::move(*model));
                auto session = engine::Session::create(shared);
                if (!session) {
                    const std::string& e = session.error();
                    const auto pos = e.find(": ");
                    skipped[pos == std::string::npos ? e : e.substr(pos + 2)].push_back(name);
                    continue;
                }
                bool ok = true, ran = false;
                for (const auto& set : fs::directory_iterator(dir)) {
                    if (!set.is_directory() || set.path().filename().string().rfind("test_data_set_", 0) != 0)
                        continue;
                    std::vector<Tensor> inputs, expected;
                    std::string readError;
                    for (const auto& p : numbered(set.path(), "input_")) {
                        auto t = readTensorProtoFile(p);
                        if (!t) {
                            readError = t.error();
                            break;
                        }
                        // ONNX 1.12's test data store bfloat16/float16 inputs as UINT16 bits;
                        // read them as the graph input's declared type, as its runner does.
                        const size_t k = inputs.size();
                        if (t->type == DataType::UInt16 && k < shared->inputs.size() &&
                            (shared->inputs[k].type == DataType::BFloat16 || shared->inputs[k].type == DataType::Float16)) {
                            t->type = shared->inputs[k].type;
                            for (int64_t bits : t->ints)
                                t->floats.push_back(t->type == DataType::Float16 ? halfToFloat(static_cast<uint16_t>(bits))
                                                                                 : bfloat16ToFloat(static_cast<uint16_t>(bits)));
                            t->ints.clear();
                        }
                        inputs.push_back(std::move(*t));
                    }
                    for (const auto& p : numbered(set.path(), "output_")) {
                        auto t = readTensorProtoFile(p);
                        if (!t) {
                            readError = t.error();
                            break;
                        }
                        expected.push_back(std::move(*t));
                    }
                    if (!readError.empty() || inputs.size() != shared->inputs.size()) {
                        skipped["test data are not plain tensors matching the graph inputs"].push_back(name);
                        ok = false;
                        ran = true;
                        break;
                    }
                    auto outputs = (*session)->run(inputs);
                    ran = true;
                    if (!outputs) {
                        failures.push_back(name + ": " + outputs.error());
                        ok = false;
                        ++failed;
                        break;
                    }
                    for (size_t i = 0; i < expected.size() && i < outputs->size(); ++i)
                        if (std::string d = compare((*outputs)[i], expected[i]); !d.empty()) {
                            failures.push_back(name + ": output " + std::to_string(i) + ": " + d);
                            ok = false;
                        }
                    if (!ok) {
                        ++failed;
                        break;
                    }
                }
                if (ok && ran)
                    ++passed;
            }
        }
        int skippedCount = 0;
        for (const auto& [reason, names] : skipped)
            skippedCount += static_cast<int>(names.size());
        std::printf("conformance: %d passed, %d failed, %d skipped\n", passed, failed, skippedCount);
        for (const auto& [reason, names] : skipped) {
            std::printf("  skipped (%zu): %s:", names.size(), reason.c_str());
            for (size_t i = 0; i < names.size() && i < 6; ++i)
                std::printf(" %s", names[i].c_str());
            std::printf("%s\n", names.size() > 6 ? " ..." : "");
        }
        for (const std::string& f : failures)
            std::printf("  FAILED %s\n", f.c_str());
        QVERIFY(passed > 0);
        QCOMPARE(failed, 0);
    }
};

QTEST_GUILESS_MAIN(TestConformance)
#include "test_conformance.moc"

#include "tensor_proto_io.h"

#include "onnx_tensor_decode.h"
#include "onnx_tensor_encode.h"

#include <QSaveFile>

#include <fstream>
#include <sstream>
#include <system_error>

namespace fs = std::filesystem;

namespace bitlens {

Result<Tensor> readTensorProtoFile(const fs::path& file)
{
    std::error_code ec;
    const auto size = static_cast<int64_t>(fs::file_size(file, ec));
    if (ec)
        return fail(file.string() + ": cannot read the file");
    const LoadLimits limits;
    if (size > limits.maxFileBytes)
        return fail(file.string() + ": file is larger than 2 GiB");
    std::ifstream in(file, std::ios::binary);
    onnx::TensorProto proto;
    if (!in || !proto.ParseFromIstream(&in))
        return fail(file.string() + ": not a valid serialized TensorProto");
    DecodeContext ctx;
    ctx.modelDir = fs::canonical(fs::absolute(file).parent_path(), ec);
    ctx.limits = &limits;
    auto t = decodeTensor(proto, ctx);
    if (!t)
        return fail(file.string() + ": " + t.error());
    return t;
}

Result<bool> writeTensorProtoFile(const fs::path& file, const Tensor& t)
{
    onnx::TensorProto proto;
    if (auto encoded = encodeTensor(t, proto); !encoded)
        return fail(file.string() + ": " + encoded.error());
    QSaveFile out(QString::fromStdString(file.string()));
    const std::string bytes = proto.SerializeAsString();
    if (!out.open(QIODevice::WriteOnly) ||
        out.write(bytes.data(), static_cast<qint64>(bytes.size())) != static_cast<qint64>(bytes.size()) || !out.commit())
        return fail(file.string() + ": cannot write");
    return true;
}

} // namespace bitlens

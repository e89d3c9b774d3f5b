#include "conv_onednn.h"

#include <oneapi/dnnl/dnnl.hpp>
#include <omp.h>

#include <algorithm>
#include <atomic>
#include <limits>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace bitlens::engine {

using dnnl::memory;
using tag = memory::format_tag;

struct OneDnnConv::Plan
{
    memory::desc srcUser, wUser, dstUser;
    dnnl::convolution_forward::primitive_desc pd;
    dnnl::convolution_forward conv;
    std::optional<dnnl::reorder> srcReorder, wReorder, dstReorder; // when oneDNN wants another layout
    // oneDNN offers only its reference kernel for this case: BitLens's own kernels run it instead.
    // Seen with oneDNN 2.6 on AVX2-only CPUs (no AVX-512): every convolution with the fused
    // BatchNormalization post-ops went to ref:any, 50-100x slower than im2col + Eigen.
    bool declined = false;
};

namespace {

std::atomic<int64_t> g_runs{0};

const dnnl::engine& cpuEngine()
{
    static const dnnl::engine engine(dnnl::engine::kind::cpu, 0);
    return engine;
}

} // namespace

OneDnnConv::OneDnnConv() = default;
OneDnnConv::~OneDnnConv() = default;

int64_t oneDnnConvolutionsRun()
{
    return g_runs.load(std::memory_order_relaxed);
}

bool OneDnnConv::run(const Tensor& x, const Tensor& w, const ConvGeometry& g, int64_t groups, Tensor& y,
                     const OneDnnPostOps& post) const
{
    if (x.dims.size() != 4 || w.dims.size() != 4 || groups < 1)
        return false;
    try {
        const dnnl::engine& engine = cpuEngine();
        omp_set_num_threads(1); // for this thread's calls only: the evaluation runs one per core
        // One channel: NCHW and NHWC are the same bytes, and NHWC spares oneDNN a reorder.
        const bool srcLast = x.channelsLast || x.dims[1] == 1;
        const bool residualLast = post.residual && post.residual->channelsLast;
        const std::vector<int64_t> key{x.dims[0], x.dims[1], x.dims[2], x.dims[3], srcLast, y.channelsLast,
                                       post.bias != nullptr, post.scale != nullptr, post.residual != nullptr,
                                       residualLast, static_cast<int64_t>(post.activation)};
        std::shared_ptr<const Plan> plan;
        {
            std::lock_guard lock(m_mutex);
            if (auto it = m_plans.find(key); it != m_plans.end())
                plan = it->second;
        }
        if (!plan) {
            auto p = std::make_shared<Plan>();
            const memory::dims src{x.dims[0], x.dims[1], x.dims[2], x.dims[3]};
            const memory::dims dst{y.dims[0], y.dims[1], y.dims[2], y.dims[3]};
            const memory::dims wts = groups == 1 ? memory::dims{w.dims[0], w.dims[1], w.dims[2], w.dims[3]}
                                                 : memory::dims{groups, w.dims[0] / groups, w.dims[1], w.dims[2], w.dims[3]};
            p->srcUser = memory::desc(src, memory::data_type::f32, srcLast ? tag::nhwc : tag::nchw);
            p->dstUser = memory::desc(dst, memory::data_type::f32, y.channelsLast ? tag::nhwc : tag::nchw);
            p->wUser = memory::desc(wts, memory::data_type::f32, groups == 1 ? tag::oihw : tag::goihw);
            // Source and weights in whatever layout oneDNN's best kernel wants (reordered when it
            // differs); the destination in the caller's layout.
            const memory::desc biasMd = post.bias ? memory::desc({dst[1]}, memory::data_type::f32, tag::x) : memory::desc();
            const dnnl::convolution_forward::desc d(
                dnnl::prop_kind::forward_inference, dnnl::algorithm::convolution_direct,
                memory::desc(src, memory::data_type::f32, tag::any), memory::desc(wts, memory::data_type::f32, tag::any),
                biasMd, p->dstUser, {g.stride[0], g.stride[1]}, {g.dilation[0] - 1, g.dilation[1] - 1},
                {g.padBegin[0], g.padBegin[1]}, {g.padEnd[0], g.padEnd[1]});
            // Threads run one primitive at once: each call brings its own scratchpad (in library
            // mode a primitive's scratchpad is shared, and concurrent calls corrupt each other).
            dnnl::primitive_attr attr;
            attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
            dnnl::post_ops ops;
            const memory::desc perChannel({1, dst[1], 1, 1}, memory::data_type::f32, tag::nchw);
            if (post.scale) {
                ops.append_binary(dnnl::algorithm::binary_mul, perChannel);
                ops.append_binary(dnnl::algorithm::binary_add, perChannel);
            }
            // The residual as a `sum` post-op (y's previous contents, copied in below): a binary
            // add of a whole tensor sends oneDNN 2.6 to its reference kernel, 100x slower.
            if (post.residual)
                ops.append_sum(1.0f);
            // Clip (and Relu as a clip at 0) gives +0 for negatives, as BitLens's Relu does;
            // oneDNN's eltwise_relu would give alpha * x = -0.
            if (post.activation == ConvEpilogue::Activation::Relu)
                ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_clip, 0.0f, std::numeric_limits<float>::infinity());
            else if (post.activation == ConvEpilogue::Activation::Clip)
                ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_clip, post.lo, post.hi);
            attr.set_post_ops(ops);
            p->pd = dnnl::convolution_forward::primitive_desc(d, attr, engine);
            p->declined = std::string_view(p->pd.impl_info_str()).starts_with("ref");
            if (p->declined) {
                std::lock_guard lock(m_mutex);
                m_plans.emplace(key, std::move(p));
                return false;
            }
            p->conv = dnnl::convolution_forward(p->pd);
            if (p->pd.src_desc() != p->srcUser)
                p->srcReorder = dnnl::reorder(memory(p->srcUser, engine), memory(p->pd.src_desc(), engine));
            if (p->pd.weights_desc() != p->wUser)
                p->wReorder = dnnl::reorder(memory(p->wUser, engine), memory(p->pd.weights_desc(), engine));
            if (p->pd.dst_desc() != p->dstUser)
                p->dstReorder = dnnl::reorder(memory(p->pd.dst_desc(), engine), memory(p->dstUser, engine));
            std::lock_guard lock(m_mutex);
            plan = m_plans.emplace(key, std::move(p)).first->second;
        }
        if (plan->declined)
            return false;
        thread_local dnnl::stream stream(engine); // in-order CPU stream, one per thread
        memory srcUser(plan->srcUser, engine, const_cast<float*>(x.floats.data()));
        memory wUser(plan->wUser, engine, const_cast<float*>(w.floats.data()));
        memory dstUser(plan->dstUser, engine, y.floats.data());
        memory srcMem = srcUser, wMem = wUser, dstMem = dstUser;
        if (plan->srcReorder) {
            srcMem = memory(plan->pd.src_desc(), engine);
            plan->srcReorder->execute(stream, srcUser, srcMem);
        }
        if (plan->wReorder) { // per call: the weights may have been replaced by quantized ones
            wMem = memory(plan->pd.weights_desc(), engine);
            plan->wReorder->execute(stream, wUser, wMem);
        }
        if (plan->dstReorder)
            dstMem = memory(plan->pd.dst_desc(), engine);
        if (post.residual) { // `sum` adds what the destination holds
            if (plan->dstReorder || residualLast != y.channelsLast || post.residual->floats.size() != y.floats.size())
                return false;
            std::copy(post.residual->floats.begin(), post.residual->floats.end(), y.floats.begin());
        }
        memory scratchpad(plan->pd.scratchpad_desc(), engine);
        std::unordered_map<int, memory> args{{DNNL_ARG_SRC, srcMem}, {DNNL_ARG_WEIGHTS, wMem}, {DNNL_ARG_DST, dstMem},
                                             {DNNL_ARG_SCRATCHPAD, scratchpad}};
        const memory::dims channels{1, y.dims[1], 1, 1};
        const memory::desc perChannel(channels, memory::data_type::f32, tag::nchw);
        if (post.bias)
            args[DNNL_ARG_BIAS] = memory(memory::desc({y.dims[1]}, memory::data_type::f32, tag::x), engine,
                                         const_cast<float*>(post.bias));
        if (post.scale) {
            int index = 0;
            args[DNNL_ARG_ATTR_MULTIPLE_POST_OP(index++) | DNNL_ARG_SRC_1] = memory(perChannel, engine, const_cast<float*>(post.scale));
            args[DNNL_ARG_ATTR_MULTIPLE_POST_OP(index++) | DNNL_ARG_SRC_1] = memory(perChannel, engine, const_cast<float*>(post.shift));
        }
        plan->conv.execute(stream, args);
        if (plan->dstReorder)
            plan->dstReorder->execute(stream, dstMem, dstUser);
        stream.wait();
        g_runs.fetch_add(1, std::memory_order_relaxed);
        return true;
    } catch (const dnnl::error&) {
        return false;
    }
}

} // namespace bitlens::engine

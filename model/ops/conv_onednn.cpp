#include "conv_onednn.h"

#include <oneapi/dnnl/dnnl.hpp>
#include <omp.h>

#include <cstdlib>

namespace bitlens::engine {

bool oneDnnConv2d(const Tensor& x, const Tensor& w, const ConvGeometry& g, int64_t groups, Tensor& y)
{
    using dnnl::memory;
    using tag = memory::format_tag;
    if (x.dims.size() != 4 || groups < 1)
        return false;
    try {
        static const dnnl::engine engine(dnnl::engine::kind::cpu, 0);
        omp_set_num_threads(1); // for this thread's calls only: the evaluation runs one per core
        const memory::dims src{x.dims[0], x.dims[1], x.dims[2], x.dims[3]};
        const memory::dims dst{y.dims[0], y.dims[1], y.dims[2], y.dims[3]};
        const memory::dims wts = groups == 1 ? memory::dims{w.dims[0], w.dims[1], w.dims[2], w.dims[3]}
                                             : memory::dims{groups, w.dims[0] / groups, w.dims[1], w.dims[2], w.dims[3]};
        // One channel: NCHW and NHWC are the same bytes, and NHWC spares oneDNN a reorder.
        const memory::desc srcPlain(src, memory::data_type::f32, x.channelsLast || x.dims[1] == 1 ? tag::nhwc : tag::nchw);
        const memory::desc dstPlain(dst, memory::data_type::f32, y.channelsLast ? tag::nhwc : tag::nchw);
        const memory::desc wPlain(wts, memory::data_type::f32, groups == 1 ? tag::oihw : tag::goihw);
        // Layouts left to oneDNN (blocked, e.g. nChw8c), with reorders from and to NCHW.
        // Source and weights in whatever layout oneDNN's best kernel wants (reordered if it
        // differs); the destination in the caller's layout.
        const memory::desc srcAny(src, memory::data_type::f32, tag::any);
        const memory::desc wAny(wts, memory::data_type::f32, tag::any);
        const memory::desc& dstAny = dstPlain;
        const dnnl::convolution_forward::desc d(
            dnnl::prop_kind::forward_inference, dnnl::algorithm::convolution_direct, srcAny, wAny, dstAny,
            {g.stride[0], g.stride[1]}, {g.dilation[0] - 1, g.dilation[1] - 1}, {g.padBegin[0], g.padBegin[1]},
            {g.padEnd[0], g.padEnd[1]});
        const dnnl::convolution_forward::primitive_desc pd(d, engine);
        dnnl::stream stream(engine);
        memory srcUser(srcPlain, engine, const_cast<float*>(x.floats.data()));
        memory wUser(wPlain, engine, const_cast<float*>(w.floats.data()));
        memory dstUser(dstPlain, engine, y.floats.data());
        auto reordered = [&](memory& user, const memory::desc& want) {
            if (user.get_desc() == want)
                return user;
            memory m(want, engine);
            dnnl::reorder(user, m).execute(stream, user, m);
            return m;
        };
        memory srcMem = reordered(srcUser, pd.src_desc());
        memory wMem = reordered(wUser, pd.weights_desc());
        memory dstMem = pd.dst_desc() == dstPlain ? dstUser : memory(pd.dst_desc(), engine);
        dnnl::convolution_forward(pd).execute(
            stream, {{DNNL_ARG_SRC, srcMem}, {DNNL_ARG_WEIGHTS, wMem}, {DNNL_ARG_DST, dstMem}});
        if (dstMem != dstUser)
            dnnl::reorder(dstMem, dstUser).execute(stream, dstMem, dstUser);
        stream.wait();
        return true;
    } catch (const dnnl::error&) {
        return false;
    }
}

} // namespace bitlens::engine

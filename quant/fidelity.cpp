#include "fidelity.h"

#include <model/engine/session.h>
#include <model/ops/layout.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

namespace bitlens {
namespace {

std::optional<double> sqnrDb(double signal, double error)
{
    if (error == 0)
        return std::nullopt;
    if (signal == 0)
        return -INFINITY;
    return 10.0 * std::log10(signal / error);
}

// What the lockstep run needs to know about the steps, worked out once from the unfused session.
struct StepPlan
{
    struct Entry
    {
        NodeFidelity info;
    };
    int steps = 0;
    std::vector<Entry> entries;                                   // float-or-not node outputs in graph order
    std::vector<std::vector<std::pair<size_t, size_t>>> produced; // per step: (entry, index in the step's result)
    std::vector<std::vector<char>> fromConstants;                 // per cut: each live value computed from constants alone
    std::vector<char> local;                                      // per step: run it again with FP32 inputs
};

StepPlan planSteps(const engine::Session& session, const Model& model, const std::vector<WeightLayer>& layers,
                   const std::map<std::string, std::shared_ptr<const Tensor>>& quantized)
{
    StepPlan plan;
    plan.steps = static_cast<int>(session.stepCount());
    // Values computed from constants alone (weights through Transpose, Cast, ...).
    std::unordered_set<std::string> fromConstants;
    std::unordered_map<std::string, const Node*> producer;
    for (const Node& n : model.nodes) {
        bool constant = n.opType != "Constant";
        for (const std::string& in : n.inputs)
            constant = constant && (in.empty() || model.constants.count(in) || fromConstants.count(in));
        for (const std::string& out : n.outputs) {
            producer[out] = &n;
            if (constant)
                fromConstants.insert(out);
        }
    }
    std::vector<std::string> outputs;
    for (const ValueInfo& v : model.outputs)
        outputs.push_back(v.name);

    std::unordered_map<const Node*, std::vector<size_t>> entriesOf;
    std::unordered_map<const Node*, int> stepOf;
    for (int k = 0; k < plan.steps; ++k) {
        const std::vector<std::string> live = session.liveValuesAt(k);
        std::vector<char> flags;
        for (const std::string& name : live)
            flags.push_back(fromConstants.count(name) ? 1 : 0);
        plan.fromConstants.push_back(std::move(flags));
        const std::set<std::string> before(live.begin(), live.end());
        // runBetween(k, ..., k + 1) returns the values live at k + 1, or the graph's outputs after the last step.
        const std::vector<std::string> after = k + 1 < plan.steps ? session.liveValuesAt(k + 1) : outputs;
        std::vector<std::pair<size_t, size_t>> produced;
        for (size_t i = 0; i < after.size(); ++i) {
            const std::string& name = after[i];
            auto p = producer.find(name);
            if (before.count(name) || fromConstants.count(name) || p == producer.end())
                continue;
            StepPlan::Entry e;
            e.info.node = p->second->name;
            e.info.op = p->second->opType;
            e.info.tensor = name;
            entriesOf[p->second].push_back(plan.entries.size());
            stepOf[p->second] = k;
            produced.emplace_back(plan.entries.size(), i);
            plan.entries.push_back(std::move(e));
        }
        plan.produced.push_back(std::move(produced));
    }
    plan.local.assign(static_cast<size_t>(plan.steps), 0);
    // A layer's node: the first node reading its weight (or a value computed from it alone) that
    // computes with something else too.
    for (const WeightLayer& l : layers) {
        std::unordered_set<std::string> derived{l.name};
        for (const Node& n : model.nodes) {
            const bool reads = std::any_of(n.inputs.begin(), n.inputs.end(), [&](const std::string& in) { return derived.count(in) > 0; });
            if (!reads)
                continue;
            if (!n.outputs.empty() && fromConstants.count(n.outputs[0])) {
                for (const std::string& out : n.outputs)
                    derived.insert(out);
                continue;
            }
            for (size_t e : entriesOf[&n])
                plan.entries[e].info.layers.push_back(l.name);
            if (auto s = stepOf.find(&n); s != stepOf.end() && quantized.count(l.name))
                plan.local[static_cast<size_t>(s->second)] = 1;
            break;
        }
    }
    return plan;
}

struct NodeSums
{
    double sxx = 0, see = 0, seeLocal = 0;
    int64_t elements = 0;
    bool isFloat = false;
};

// One part of a batch: the outputs' sums, the nodes' sums, and output 0's predictions for labels.
struct PartResult
{
    std::string error;
    std::vector<OutputFidelityAccumulator> outputs;
    std::vector<NodeSums> nodes;
    std::vector<int64_t> fp32Predictions, predictions;
};

// Sums of one tensor of the two runs (and of the local run) over all its elements: the order of
// the elements does not matter, but both must be stored alike.
void addSums(NodeSums& s, const Tensor& fp32, const Tensor& quantized, const Tensor* local)
{
    if (!fp32.isFloat() || !quantized.isFloat())
        return;
    if (fp32.channelsLast != quantized.channelsLast || (local && local->channelsLast != fp32.channelsLast)) {
        const Tensor a = engine::toChannelsFirst(fp32), b = engine::toChannelsFirst(quantized);
        if (local) {
            const Tensor c = engine::toChannelsFirst(*local);
            addSums(s, a, b, &c);
        } else {
            addSums(s, a, b, nullptr);
        }
        return;
    }
    s.isFloat = true;
    const size_t n = std::min(fp32.floats.size(), quantized.floats.size());
    for (size_t i = 0; i < n; ++i) {
        const double a = fp32.floats[i], e = a - static_cast<double>(quantized.floats[i]);
        s.sxx += a * a;
        s.see += e * e;
    }
    if (local)
        for (size_t i = 0; i < n && i < local->floats.size(); ++i) {
            const double e = static_cast<double>(fp32.floats[i]) - static_cast<double>(local->floats[i]);
            s.seeLocal += e * e;
        }
    s.elements += static_cast<int64_t>(n);
}

std::vector<const Tensor*> pointers(const std::vector<Tensor>& v)
{
    std::vector<const Tensor*> p;
    for (const Tensor& t : v)
        p.push_back(&t);
    return p;
}

// Runs both models step by step on one part's inputs, adding every node's sums; the graph's
// outputs of both end in fp32Out and quantizedOut.
Result<bool> runLockstep(const engine::Session& fp32, const engine::Session& quant, const StepPlan& plan,
                         const std::vector<Tensor>& inputs, std::vector<NodeSums>& sums, std::vector<Tensor>& fp32Out,
                         std::vector<Tensor>& quantizedOut)
{
    if (plan.steps == 0) {
        auto a = fp32.run(inputs);
        auto b = quant.run(inputs);
        if (!a || !b)
            return Error{!a ? a.error() : b.error()};
        fp32Out = std::move(*a);
        quantizedOut = std::move(*b);
        return true;
    }
    auto a = fp32.runPrefix(inputs, 0);
    auto b = quant.runPrefix(inputs, 0);
    if (!a || !b)
        return Error{!a ? a.error() : b.error()};
    std::vector<Tensor> fpLive = std::move(*a), qLive = std::move(*b);
    for (int k = 0; k < plan.steps; ++k) {
        const std::vector<const Tensor*> fpIn = pointers(fpLive), qIn = pointers(qLive);
        auto fpNext = fp32.runBetween(k, fpIn, k + 1);
        auto qNext = quant.runBetween(k, qIn, k + 1);
        if (!fpNext || !qNext)
            return Error{!fpNext ? fpNext.error() : qNext.error()};
        std::optional<std::vector<Tensor>> local;
        if (plan.local[static_cast<size_t>(k)]) {
            // The FP32 run's values, except those computed from the (quantized) weights alone.
            std::vector<const Tensor*> mixed = fpIn;
            const auto& flags = plan.fromConstants[static_cast<size_t>(k)];
            for (size_t i = 0; i < mixed.size() && i < flags.size(); ++i)
                if (flags[i])
                    mixed[i] = qIn[i];
            auto l = quant.runBetween(k, mixed, k + 1);
            if (!l)
                return Error{l.error()};
            local = std::move(*l);
        }
        for (const auto& [entry, index] : plan.produced[static_cast<size_t>(k)])
            addSums(sums[entry], (*fpNext)[index], (*qNext)[index], local ? &(*local)[index] : nullptr);
        fpLive = std::move(*fpNext);
        qLive = std::move(*qNext);
    }
    fp32Out = std::move(fpLive);
    quantizedOut = std::move(qLive);
    return true;
}

} // namespace

Result<FidelityReport> measureFidelity(std::shared_ptr<const Model> model, const std::vector<WeightLayer>& layers,
                                       const std::map<std::string, std::shared_ptr<const Tensor>>& quantized,
                                       SampleSource& samples, const FidelityOptions& options, const EvalProgress& progress)
{
    const auto start = std::chrono::steady_clock::now();
    // Lockstep needs every node's output, so fusion is off there (fused runs are bit-identical).
    engine::SessionOptions so;
    so.fuse = !options.layers;
    auto fp32 = engine::Session::create(model, so);
    if (!fp32)
        return Error{fp32.error()};
    auto quant = engine::Session::create(model, so);
    if (!quant)
        return Error{quant.error()};
    for (const auto& [name, tensor] : quantized)
        if (auto ok = (*quant)->overrideConstant(name, tensor); !ok)
            return fail(model->path.string() + ": " + ok.error());
    StepPlan plan;
    if (options.layers)
        plan = planSteps(**fp32, *model, layers, quantized);

    FidelityReport report;
    report.stacked = takesBatches(*model) && options.chunk > 1;
    const int64_t chunk = report.stacked ? options.chunk : 1;
    const int64_t total = options.limit >= 0 ? std::min(options.limit, samples.size()) : samples.size();
    const int threads = options.threads > 0 ? options.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    const std::vector<int32_t>& labels = samples.labels();
    const bool scoreLabels = !labels.empty() && !model->outputs.empty();

    auto freshOutputs = [&] {
        std::vector<OutputFidelityAccumulator> v;
        for (const ValueInfo& o : model->outputs)
            v.emplace_back(o.name, options.classAxis, options.classScores);
        return v;
    };
    std::vector<OutputFidelityAccumulator> outputs = freshOutputs();
    std::vector<NodeSums> nodes(plan.entries.size());
    int64_t fp32Correct = 0, correct = 0;
    int64_t classes = -1;

    for (int64_t done = 0; done < total;) {
        auto batch = samples.next(std::min(std::max<int64_t>(options.batch, 1), total - done));
        if (!batch)
            return Error{batch.error()};
        const int64_t n = batch->count();
        if (n == 0)
            return fail(samples.description() + ": ended after " + std::to_string(done) + " samples");
        const int64_t parts = (n + chunk - 1) / chunk;
        std::vector<PartResult> results(static_cast<size_t>(parts));
        auto runPart = [&](int64_t part) {
            PartResult& r = results[static_cast<size_t>(part)];
            const int64_t lo = part * chunk, hi = std::min(n, lo + chunk);
            auto in = stackSamples(*batch, lo, hi);
            if (!in) {
                r.error = samples.description() + ": " + in.error();
                return;
            }
            r.outputs = freshOutputs();
            r.nodes.assign(plan.entries.size(), NodeSums{});
            std::vector<Tensor> a, b;
            if (options.layers) {
                if (auto ok = runLockstep(**fp32, **quant, plan, *in, r.nodes, a, b); !ok) {
                    r.error = ok.error();
                    return;
                }
            } else {
                auto x = (*fp32)->run(*in);
                auto y = (*quant)->run(*in);
                if (!x || !y) {
                    r.error = !x ? x.error() : y.error();
                    return;
                }
                a = std::move(*x);
                b = std::move(*y);
            }
            for (size_t o = 0; o < a.size() && o < r.outputs.size(); ++o)
                if (a[o].isFloat())
                    if (auto ok = r.outputs[o].add(a[o], b[o], hi - lo); !ok) {
                        r.error = model->path.string() + ": " + ok.error() +
                                  (report.stacked ? " (the model does not keep samples apart on the first axis)" : "");
                        return;
                    }
            if (scoreLabels && !a.empty() && a[0].isFloat() && a[0].dims.size() == 2 && a[0].dims[0] == hi - lo) {
                r.fp32Predictions = argmaxAlong(a[0], 1);
                r.predictions = argmaxAlong(b[0], 1);
            }
        };
        auto work = [&](int worker) {
            for (int64_t part = worker; part < parts; part += threads)
                try {
                    runPart(part);
                } catch (const std::exception& e) { // no exception may leave a std::thread
                    results[static_cast<size_t>(part)].error = model->path.string() + ": " + e.what();
                }
        };
        std::vector<std::thread> pool;
        for (int t = 1; t < std::min<int64_t>(threads, parts); ++t)
            pool.emplace_back(work, t);
        work(0);
        for (auto& t : pool)
            t.join();
        // Merged in part order: the sums do not depend on the number of threads.
        for (int64_t part = 0; part < parts; ++part) {
            PartResult& r = results[static_cast<size_t>(part)];
            if (!r.error.empty())
                return fail(r.error);
            for (size_t o = 0; o < outputs.size(); ++o)
                outputs[o].merge(r.outputs[o]);
            for (size_t e = 0; e < nodes.size(); ++e) {
                nodes[e].sxx += r.nodes[e].sxx;
                nodes[e].see += r.nodes[e].see;
                nodes[e].seeLocal += r.nodes[e].seeLocal;
                nodes[e].elements += r.nodes[e].elements;
                nodes[e].isFloat = nodes[e].isFloat || r.nodes[e].isFloat;
            }
            if (scoreLabels && !r.predictions.empty()) {
                if (classes < 0) {
                    classes = std::max<int64_t>(2, 1 + *std::max_element(labels.begin(), labels.end()));
                    report.labelConfusion.assign(static_cast<size_t>(classes), std::vector<int64_t>(static_cast<size_t>(classes), 0));
                }
                for (size_t i = 0; i < r.predictions.size(); ++i) {
                    const int64_t label = labels[static_cast<size_t>(done + part * chunk + static_cast<int64_t>(i))];
                    fp32Correct += r.fp32Predictions[i] == label;
                    correct += r.predictions[i] == label;
                    if (r.predictions[i] < classes)
                        ++report.labelConfusion[static_cast<size_t>(label)][static_cast<size_t>(r.predictions[i])];
                }
            }
        }
        done += n;
        if (progress && !progress(done, total))
            return fail("comparison cancelled");
    }
    report.samples = total;
    for (const auto& o : outputs)
        report.outputs.push_back(o.result());
    for (size_t e = 0; e < nodes.size(); ++e) {
        if (!nodes[e].isFloat)
            continue;
        NodeFidelity f = plan.entries[e].info;
        f.elements = nodes[e].elements;
        f.cumulativeSqnrDb = sqnrDb(nodes[e].sxx, nodes[e].see);
        if (!f.layers.empty())
            f.localSqnrDb = sqnrDb(nodes[e].sxx, nodes[e].seeLocal);
        report.nodes.push_back(std::move(f));
    }
    if (classes > 0 && total > 0) {
        report.fp32Top1 = static_cast<double>(fp32Correct) / static_cast<double>(total);
        report.top1 = static_cast<double>(correct) / static_cast<double>(total);
    }
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return report;
}

} // namespace bitlens

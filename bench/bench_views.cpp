// How fast the workbench follows the user (issue 5's targets):
//  1. opening the bundled sample: from the window's construction to the layer list and every view
//     of the first layer shown (target: under 2 s);
//  2. switching the selected layer, for synthetic layers up to 1M weights: the background
//     computation of the views (quartiles, histograms, per-channel SQNR; bit efficiency), and the
//     redraw of every view from computed data, which is what the GUI thread does (target: under
//     100 ms), both for a fresh layer and for one answered from the document's cache.
// Run: QT_QPA_PLATFORM=offscreen build/bench/bench_views
#include <app/main_window.h>
#include <app/workbench_document.h>
#include <app/workbench_views.h>
#include <quant/layer_views.h>
#include <quant/scheme_registry.h>
#include <widgets/plot_widget.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>

#include <widgets/qcp.h>

#include <cstdio>
#include <random>

using namespace bitlens;

namespace {

WeightLayer syntheticLayer(const std::string& name, std::vector<int64_t> dims, const std::string& op)
{
    auto t = std::make_shared<Tensor>();
    t->name = name;
    t->dims = std::move(dims);
    int64_t n = 1;
    for (int64_t d : t->dims)
        n *= d;
    t->floats.resize(static_cast<size_t>(n));
    std::mt19937 rng(42);
    std::student_t_distribution<float> heavy(4.0f); // weights have heavier tails than a Gaussian
    for (float& x : t->floats)
        x = 0.02f * heavy(rng);
    WeightLayer l;
    l.name = name;
    l.op = op;
    l.axis = 0;
    l.tensor = t;
    return l;
}

double ms(const QElapsedTimer& t) { return static_cast<double>(t.nsecsElapsed()) / 1e6; }

// The GUI thread's part of a layer switch: hand the data to every view and paint them all.
double redraw(WorkbenchViews& views, const LayerViews& a, const LayerViews& b)
{
    QElapsedTimer t;
    t.start();
    views.setLayerViews(a);
    views.setLayerViews(b);
    for (PlotWidget* p : views.plots())
        p->plot()->repaint();
    return ms(t);
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    std::printf("BitLens view benchmark (%d threads)\n\n", QThread::idealThreadCount());

    // 1. Opening the sample.
    {
        QElapsedTimer t;
        t.start();
        MainWindow w;
        w.resize(1400, 860);
        w.show();
        QSignalSpy overview(w.document(), &WorkbenchDocument::overviewReady);
        QSignalSpy views(w.document(), &WorkbenchDocument::layerViewsReady);
        w.openSample();
        int parts = 0;
        double listed = -1;
        while ((parts != PartAll || listed < 0) && t.elapsed() < 60000) {
            views.wait(50);
            if (listed < 0 && !overview.isEmpty())
                listed = ms(t);
            for (const auto& args : views) {
                const auto v = args.first().value<LayerViews>();
                if (!v.layer.empty()) // not the empty views that clear the previous model's
                    parts |= v.parts;
            }
            views.clear();
        }
        QApplication::processEvents();
        w.repaint();
        std::printf("open the sample: layer list %.0f ms, every view of the first layer %.0f ms\n", listed, ms(t));
    }

    // 2. Layer switches on big layers.
    WorkbenchViews views;
    views.resize(1000, 800);
    views.show();
    ViewRequest request;
    request.focus = {Scheme::Asymmetric, Granularity::PerChannel, 4};
    for (const SchemeDescriptor& d : schemeRegistry())
        request.schemes.push_back(d.id);
    std::printf("\n%-36s %9s %12s %12s %10s %10s\n", "layer", "weights", "views ms", "effic. ms", "redraw ms", "tab ms");
    const WeightLayer layers[] = {
        syntheticLayer("conv 64x64x3x3", {64, 64, 3, 3}, "Conv"),
        syntheticLayer("conv 256x256x3x3", {256, 256, 3, 3}, "Conv"),
        syntheticLayer("conv 256x434x3x3 (1M)", {256, 434, 3, 3}, "Conv"),
        syntheticLayer("gemm 1000x1000 (1M)", {1000, 1000}, "Gemm"),
    };
    for (const Granularity g : {Granularity::PerChannel, Granularity::PerTensor})
    for (const WeightLayer& l : layers) {
        request.focus.granularity = g;
        QElapsedTimer t;
        t.start();
        const LayerViews main = computeLayerViews(l, request, PartQuartiles | PartHistograms | PartChannelSqnr);
        const double compute = ms(t);
        t.restart();
        const LayerViews efficiency = computeLayerViews(l, request, PartEfficiency);
        const double effic = ms(t);
        redraw(views, main, efficiency); // warm-up: fonts, layout
        double best = 1e9, worstTab = 0;
        for (int r = 0; r < 5; ++r)
            best = std::min(best, redraw(views, main, efficiency));
        // Switching tabs paints the newly shown view.
        for (int tab = 0; tab < WorkbenchViews::TabCount; ++tab) {
            QElapsedTimer tt;
            tt.start();
            views.setCurrentIndex(tab);
            views.repaint();
            QApplication::processEvents();
            worstTab = std::max(worstTab, ms(tt));
        }
        std::printf("%-36s %9lld %12.0f %12.0f %10.1f %10.1f\n",
                    (l.name + (g == Granularity::PerChannel ? ", per-ch." : ", per-t.")).c_str(),
                    static_cast<long long>(l.parameters()),
                    compute, effic, best, worstTab);
    }
    std::printf("\nviews ms: quartiles of FP32 and six schemes, both histogram views, per-channel SQNR (background)\n"
                "effic. ms: SQNR and five metrics, six schemes x bits 1..8 (background)\n"
                "redraw ms: every view takes the computed data and paints (GUI thread; also a cached revisit)\n");
    return 0;
}

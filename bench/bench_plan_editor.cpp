// The plan editor's latency as the user sees it (issue 6): from an edit to the new size and
// average bits in the table, to the first accuracy estimate, and to the accuracy on the whole
// test set, for edits of the last, a middle and the first weight layer, each edited twice (the
// second edit of a layer starts from cached activations).
//   QT_QPA_PLATFORM=offscreen bench_plan_editor [MODEL DATA]...   (default: the bundled sample with
//   Debian's Fashion-MNIST if installed, and tests/data/resnet20.onnx on the bundled images)
#include <app/main_window.h>
#include <app/plan_document.h>
#include <app/sample_model.h>
#include <app/workbench_document.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTest>

#include <cstdio>

using namespace bitlens;

namespace {

bool waitIdle(WorkbenchDocument* d)
{
    QTest::qWait(150);
    do {
        while (d->busy())
            QTest::qWait(5);
        QCoreApplication::processEvents();
    } while (d->busy());
    return true;
}

void measure(const QString& model, const QString& data)
{
    MainWindow w;
    w.show();
    w.useTestSet(data);
    w.openModel(model);
    waitIdle(w.document());
    PlanDocument* plan = w.document()->planDocument();
    if (plan->layers().size() < 3) {
        std::printf("%s: fewer than 3 weight layers\n", qPrintable(model));
        return;
    }
    std::printf("\n%s on %s (%lld images, %zu weight layers)\n", qPrintable(QFileInfo(model).fileName()), qPrintable(data),
                static_cast<long long>(w.document()->testSet().images), plan->layers().size());
    std::printf("%-24s %6s %12s %16s %14s %16s\n", "edited layer", "bits", "size (ms)", "estimate (ms)", "all (ms)",
                "reused images");
    QElapsedTimer clock;
    qint64 sizeAt = -1, estimateAt = -1, fullAt = -1;
    int64_t estimateImages = 0;
    QObject::connect(plan, &PlanDocument::rowsChanged, &w, [&] {
        if (sizeAt < 0)
            sizeAt = clock.elapsed();
    });
    QObject::connect(plan, &PlanDocument::scoreChanged, &w, [&](const PlanScore& s) {
        if (s.subset && estimateAt < 0) {
            estimateAt = clock.elapsed();
            estimateImages = s.images;
        }
        if (!s.subset)
            fullAt = clock.elapsed();
    });
    const auto& layers = plan->layers();
    for (size_t which : {layers.size() - 1, layers.size() / 2, size_t{0}})
        for (int bits : {4, 3}) {
            sizeAt = estimateAt = fullAt = -1;
            clock.start();
            plan->setLayers({layers[which].name}, QuantSpec{Scheme::Asymmetric, Granularity::PerChannel, bits});
            waitIdle(w.document());
            const QString estimate = estimateAt >= 0 ? QStringLiteral("%1 (%2 img)").arg(estimateAt).arg(estimateImages)
                                                     : QStringLiteral("- (none)");
            std::printf("%-24s %6d %12lld %16s %14lld %16lld\n", layers[which].name.c_str(), bits, static_cast<long long>(sizeAt),
                        qPrintable(estimate), static_cast<long long>(fullAt),
                        static_cast<long long>(plan->score() ? plan->score()->stats.reusedImages : 0));
        }
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("BitLensBench"));
    qputenv("BITLENS_RECOVERY_DIR", QByteArray("/tmp/bitlens-bench-recovery"));
    if (argc >= 3) {
        for (int i = 1; i + 1 < argc; i += 2)
            measure(QString::fromLocal8Bit(argv[i]), QString::fromLocal8Bit(argv[i + 1]));
        return 0;
    }
    const QString sample = bundledSampleModelPath();
    const QString debian = MainWindow::debianFashionMnist();
    measure(sample, QFileInfo::exists(debian + QStringLiteral("/t10k-images-idx3-ubyte.gz")) ? debian : QFileInfo(sample).absolutePath());
    measure(QStringLiteral(BITLENS_SOURCE_DIR "/tests/data/resnet20.onnx"), QFileInfo(sample).absolutePath());
    return 0;
}

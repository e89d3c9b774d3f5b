// Every scheme, granularity and bit-width against the reference vectors in tests/data/testvectors
// (computed independently in double by a reference implementation of DESIGN.md; see its README
// for the tolerances used here).
#include <quant/channel_layout.h>
#include <quant/layer_stats.h>
#include <quant/quantize_tensor.h>
#include <quant/quartiles.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>

using namespace bitlens;

namespace {

QJsonObject readJson(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(path));
    return QJsonDocument::fromJson(f.readAll()).object();
}

class Mismatches
{
public:
    void add(const QString& what)
    {
        if (m_count++ < 25)
            qWarning("%s", qPrintable(what));
    }
    int count() const { return m_count; }

private:
    int m_count = 0;
};

bool close(double got, double want, double rel = 1e-9)
{
    if (want == 0)
        return got == 0;
    return std::fabs(got - want) <= rel * std::fabs(want);
}

void checkNumber(Mismatches& mm, const QString& ctx, const char* field, std::optional<double> got,
                 const QJsonValue& want, double rel = 1e-9)
{
    if (want.isNull()) {
        if (got)
            mm.add(QStringLiteral("%1 %2: got %3, want null").arg(ctx, QLatin1String(field)).arg(*got, 0, 'g', 17));
        return;
    }
    if (!got || !close(*got, want.toDouble(), rel))
        mm.add(QStringLiteral("%1 %2: got %3, want %4")
                   .arg(ctx, QLatin1String(field), got ? QString::number(*got, 'g', 17) : QStringLiteral("null"))
                   .arg(want.toDouble(), 0, 'g', 17));
}

void checkSummary(Mismatches& mm, const QString& ctx, const FiveNumberSummary& s, const QJsonObject& w)
{
    auto exact = [&](const char* f, double got) {
        if (got != w[QLatin1String(f)].toDouble())
            mm.add(QStringLiteral("%1 %2: got %3, want %4").arg(ctx, QLatin1String(f)).arg(got, 0, 'g', 17)
                       .arg(w[QLatin1String(f)].toDouble(), 0, 'g', 17));
    };
    exact("n", static_cast<double>(s.n));
    exact("min", s.min);
    exact("max", s.max);
    exact("whisker_lo", s.whiskerLo);
    exact("whisker_hi", s.whiskerHi);
    exact("outliers_lo", static_cast<double>(s.outliersLo));
    exact("outliers_hi", static_cast<double>(s.outliersHi));
    checkNumber(mm, ctx, "q1", s.q1, w[QLatin1String("q1")]);
    checkNumber(mm, ctx, "median", s.median, w[QLatin1String("median")]);
    checkNumber(mm, ctx, "q3", s.q3, w[QLatin1String("q3")]);
    checkNumber(mm, ctx, "mean", s.mean, w[QLatin1String("mean")]);
}

} // namespace

class TestTestVectors : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tensorFile_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(QStringLiteral(BITLENS_TEST_DATA "/testvectors"));
        const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        int n = 0;
        for (const QString& f : files)
            if (f != QLatin1String("lloyd_max_levels.json")) {
                QTest::newRow(qPrintable(f)) << dir.filePath(f);
                ++n;
            }
        QCOMPARE(n, 8); // the README lists eight tensors
    }

    void tensorFile()
    {
        QFETCH(QString, path);
        const QJsonObject root = readJson(path);
        const QJsonObject tj = root[QStringLiteral("tensor")].toObject();
        std::vector<int64_t> dims;
        for (const QJsonValue& d : tj[QStringLiteral("shape")].toArray())
            dims.push_back(d.toInteger());
        const int axis = tj[QStringLiteral("axis")].toInt();
        std::vector<float> x;
        for (const QJsonValue& v : tj[QStringLiteral("values")].toArray())
            x.push_back(static_cast<float>(v.toDouble()));

        Mismatches mm;
        const QJsonArray results = root[QStringLiteral("results")].toArray();
        QCOMPARE(results.size(), 90);
        for (const QJsonValue& rv : results) {
            const QJsonObject r = rv.toObject();
            const QString schemeText = r[QStringLiteral("scheme")].toString();
            const QString granText = r[QStringLiteral("granularity")].toString();
            const auto scheme = parseScheme(schemeText.toStdString());
            const auto gran = parseGranularity(granText.toStdString());
            QVERIFY(scheme && gran);
            const int bits = r[QStringLiteral("bits")].toInt();
            const QuantizedTensor q = quantizeTensor(x, dims, axis, {*scheme, *gran, bits});
            const QJsonArray wantX = r[QStringLiteral("xhat")].toArray();
            const QJsonArray wantC = r[QStringLiteral("codes")].toArray();
            int badX = 0, badC = 0;
            for (qsizetype i = 0; i < wantX.size(); ++i) {
                badX += q.xhat[static_cast<size_t>(i)] != static_cast<float>(wantX[i].toDouble());
                badC += q.codes[static_cast<size_t>(i)] != wantC[i].toInt();
            }
            if (badX || badC)
                mm.add(QStringLiteral("%1 %2 %3: %4 x^ and %5 codes differ").arg(schemeText, granText).arg(bits)
                           .arg(badX).arg(badC));

            // Both paths: the per-element pass (codes written) and the sorted-runs pass (statistics only).
            for (bool runs : {false, true}) {
            const PreparedTensor prepared(x, dims, axis, *gran, runs);
            const QuantizedTensor qs = runs ? quantizeTensor(prepared, *scheme, bits, OutputStatsOnly) : q;
            const StatsRow s = statsRow(prepared, qs, !runs);
            const QString ctx = QStringLiteral("%1 %2 %3 (%4)").arg(schemeText, granText).arg(bits)
                                    .arg(runs ? QStringLiteral("runs") : QStringLiteral("per element"));
            checkNumber(mm, ctx, "sqnr_db", s.error.sqnrDb, r[QStringLiteral("sqnr_db")]);
            checkNumber(mm, ctx, "mse", s.error.mse, r[QStringLiteral("mse")]);
            checkNumber(mm, ctx, "max_abs_error", s.error.maxAbsError, r[QStringLiteral("max_abs_error")]);
            checkNumber(mm, ctx, "cosine", s.error.cosine, r[QStringLiteral("cosine")]);
            checkNumber(mm, ctx, "range_coverage", s.rangeCoverage, r[QStringLiteral("range_coverage")]);
            checkNumber(mm, ctx, "level_utilization", s.levelUtilization, r[QStringLiteral("level_utilization")]);
            checkNumber(mm, ctx, "entropy_efficiency", s.entropyEfficiency, r[QStringLiteral("entropy_efficiency")]);
            checkNumber(mm, ctx, "density_fidelity", s.densityFidelity, r[QStringLiteral("density_fidelity")]);
            checkNumber(mm, ctx, "sqnr_efficiency", s.sqnrEfficiency, r[QStringLiteral("sqnr_efficiency")]);
            checkNumber(mm, ctx, "entropy_bound_bits", s.entropyBoundBits, r[QStringLiteral("entropy_bound_bits")]);
            checkNumber(mm, ctx, "code_bits", static_cast<double>(s.codeBits), r[QStringLiteral("code_bits")], 0);
            checkNumber(mm, ctx, "overhead_bits", static_cast<double>(s.overheadBits), r[QStringLiteral("overhead_bits")], 0);
            if (!runs) {
                checkNumber(mm, ctx, "zstd_bytes", static_cast<double>(s.zstdBytes.value_or(-1)), r[QStringLiteral("zstd_bytes")], 0);
                checkNumber(mm, ctx, "zlib_bytes", static_cast<double>(s.zlibBytes.value_or(-1)), r[QStringLiteral("zlib_bytes")], 0);
            } else if (s.zstdBytes || s.zlibBytes) {
                mm.add(ctx + QStringLiteral(": compression sizes computed though not asked for"));
            }
            checkNumber(mm, ctx, "effective_bits",
                        s.effectiveBits ? std::optional<double>(*s.effectiveBits) : std::nullopt,
                        r[QStringLiteral("effective_bits")], 0);
            }
        }

        // Quartiles of the FP32 channels and of asymmetric per-channel 3-bit x^.
        const ChannelLayout layout = ChannelLayout::of(dims, axis);
        const QJsonObject quart = root[QStringLiteral("quartiles")].toObject();
        const auto fp32 = channelQuartiles(x, layout);
        const auto q3 = quantizeTensor(x, dims, axis, {Scheme::Asymmetric, Granularity::PerChannel, 3});
        const auto asym3 = channelQuartiles(q3.xhat, layout);
        const QJsonArray wantFp = quart[QStringLiteral("fp32")].toArray();
        const QJsonArray wantQ = quart[QStringLiteral("asymmetric-per-channel-3")].toArray();
        QCOMPARE(static_cast<qsizetype>(fp32.channels.size()), wantFp.size());
        for (qsizetype c = 0; c < wantFp.size(); ++c) {
            checkSummary(mm, QStringLiteral("fp32 channel %1").arg(c), fp32.channels[static_cast<size_t>(c)],
                         wantFp[c].toObject());
            checkSummary(mm, QStringLiteral("asym3 channel %1").arg(c), asym3.channels[static_cast<size_t>(c)],
                         wantQ[c].toObject());
        }
        QCOMPARE(mm.count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestTestVectors)
#include "test_testvectors.moc"

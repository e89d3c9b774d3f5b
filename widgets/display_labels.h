#pragma once
// What the views show for the names quant/ spells for files, CSV and the command line: a scheme's
// label, a granularity, and the setting and series labels of the view structs ("4-bit per-channel",
// "asymmetric 4-bit per-channel", "8-bit"), translated. The structs keep quant's spelling, which is
// also the CSV's column names; only the display goes through here. The English source texts are
// quant's spellings, so without a translation the views read exactly as before. Scheme names
// ("asymmetric", "pow2") stay as the plan format spells them: the plan table, legends and the CLI
// all use them.
#include <quant/layer_views.h>
#include <quant/scheme_registry.h>

#include <QCoreApplication>
#include <QString>

#include <optional>
#include <string>

namespace bitlens {

// The registry's human-readable label (quant/scheme_registry.cpp), translated.
inline QString schemeLabel(Scheme s)
{
    // The registry's labels, listed for lupdate: a scheme added there without a line here shows its
    // English label (test_translation checks that every one has a translation).
    [[maybe_unused]] static constexpr const char* kLabels[] = {
        QT_TRANSLATE_NOOP("bitlens::SchemeLabels", "Uniform asymmetric (affine)"),
        QT_TRANSLATE_NOOP("bitlens::SchemeLabels", "Uniform symmetric"),
        QT_TRANSLATE_NOOP("bitlens::SchemeLabels", "Power-of-two (logarithmic)"),
        QT_TRANSLATE_NOOP("bitlens::SchemeLabels", "Dynamic fixed point"),
        QT_TRANSLATE_NOOP("bitlens::SchemeLabels", "K-means (weight sharing)"),
        QT_TRANSLATE_NOOP("bitlens::SchemeLabels", "Gaussian (Lloyd-Max)"),
        QT_TRANSLATE_NOOP("bitlens::SchemeLabels", "8-bit float E4M3"),
        QT_TRANSLATE_NOOP("bitlens::SchemeLabels", "8-bit float E5M2"),
        QT_TRANSLATE_NOOP("bitlens::SchemeLabels", "6-bit float E3M2"),
        QT_TRANSLATE_NOOP("bitlens::SchemeLabels", "6-bit float E2M3"),
        QT_TRANSLATE_NOOP("bitlens::SchemeLabels", "4-bit float E2M1"),
        QT_TRANSLATE_NOOP("bitlens::SchemeLabels", "4-bit NormalFloat (QLoRA)"),
        QT_TRANSLATE_NOOP("bitlens::SchemeLabels", "MX 8-bit integer (MXINT8)"),
        QT_TRANSLATE_NOOP("bitlens::SchemeLabels", "ggml 4-bit blocks (Q4_0)"),
        QT_TRANSLATE_NOOP("bitlens::SchemeLabels", "ggml 8-bit blocks (Q8_0)"),
    };
    const std::string label(schemeDescriptor(s).label);
    return QCoreApplication::translate("bitlens::SchemeLabels", label.c_str());
}

// "per-channel", "per-tensor" or "per-block" (granularityName()), translated.
inline QString granularityLabel(Granularity g)
{
    switch (g) {
    case Granularity::PerTensor: return QCoreApplication::translate("bitlens::Labels", "per-tensor");
    case Granularity::PerBlock: return QCoreApplication::translate("bitlens::Labels", "per-block");
    case Granularity::PerChannel: break;
    }
    return QCoreApplication::translate("bitlens::Labels", "per-channel");
}

// "4-bit".
inline QString bitsLabel(int bits) { return QCoreApplication::translate("bitlens::Labels", "%1-bit").arg(bits); }

// settingLabel(): "4-bit per-channel".
inline QString settingText(int bits, Granularity g)
{
    return QCoreApplication::translate("bitlens::Labels", "%1-bit %2", "bits and granularity: 4-bit per-channel")
        .arg(bits)
        .arg(granularityLabel(g));
}

// seriesLabel(): "FP32" or "asymmetric 4-bit per-channel".
inline QString seriesText(const std::optional<QuantSpec>& spec)
{
    if (!spec || spec->bits == kFp32Bits)
        return QString::fromStdString(seriesLabel(std::nullopt));
    return QString::fromUtf8(schemeName(spec->scheme).data()) + QLatin1Char(' ') + settingText(spec->bits, spec->granularity);
}

// A label of a view struct as the views show it: a setting or series label in any of the forms
// quant/layer_views.cpp writes ("4-bit per-channel", "asymmetric 4-bit per-channel",
// "asymmetric per-channel", "8-bit"), translated; anything else (FP32, a scheme, layer or plan
// name) as it is. Found by spelling each label quant can write, not by parsing the text.
inline QString displayLabel(const std::string& label)
{
    for (Granularity g : {Granularity::PerChannel, Granularity::PerTensor, Granularity::PerBlock}) {
        for (int bits = 1; bits <= kMaxBits; ++bits) {
            if (label == settingLabel(bits, g))
                return settingText(bits, g);
            for (const SchemeDescriptor& d : schemeRegistry())
                if (label == seriesLabel(QuantSpec{d.id, g, bits}))
                    return seriesText(QuantSpec{d.id, g, bits});
        }
        for (const SchemeDescriptor& d : schemeRegistry())
            if (label == std::string(d.name) + ' ' + std::string(granularityName(g)))
                return QString::fromUtf8(d.name.data(), static_cast<qsizetype>(d.name.size())) + QLatin1Char(' ') +
                       granularityLabel(g);
    }
    for (int bits = 1; bits <= kMaxBits; ++bits)
        if (label == std::to_string(bits) + "-bit")
            return bitsLabel(bits);
    return QString::fromStdString(label);
}

} // namespace bitlens

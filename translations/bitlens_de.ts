<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message>
        <location filename="../widgets/plot_export.cpp" line="51"/>
        <source>%1: cannot write the file (%2)</source>
        <translation>%1: die Datei kann nicht geschrieben werden (%2)</translation>
    </message>
    <message>
        <location filename="../widgets/plot_export.cpp" line="96"/>
        <location filename="../widgets/plot_export.cpp" line="114"/>
        <source>%1: cannot open for writing (%2)</source>
        <translation>%1: kann nicht zum Schreiben geöffnet werden (%2)</translation>
    </message>
    <message>
        <location filename="../widgets/plot_export.cpp" line="108"/>
        <source>%1: the size must be 1-2000 mm and the resolution 10-2400 dpi</source>
        <translation>%1: die Größe muss 1-2000 mm und die Auflösung 10-2400 dpi betragen</translation>
    </message>
    <message>
        <location filename="../widgets/plot_export.cpp" line="121"/>
        <source>%1: %2 x %3 pixels is too large</source>
        <translation>%1: %2 x %3 Pixel sind zu groß</translation>
    </message>
    <message>
        <location filename="../widgets/plot_export.cpp" line="133"/>
        <source>%1: cannot encode the PNG</source>
        <translation>%1: das PNG kann nicht kodiert werden</translation>
    </message>
    <message>
        <location filename="../widgets/plot_export.cpp" line="162"/>
        <source>%1: CSV is written from the view&apos;s numbers, not the plot</source>
        <translation>%1: CSV wird aus den Zahlen der Ansicht geschrieben, nicht aus dem Diagramm</translation>
    </message>
    <message>
        <location filename="../app/main_window_report.cpp" line="95"/>
        <source>Computing the report: %1</source>
        <translation>Bericht wird berechnet: %1</translation>
    </message>
</context>
<context>
    <name>bitlens</name>
    <message>
        <location filename="../app/plan_commands.cpp" line="23"/>
        <location filename="../app/plan_commands.cpp" line="37"/>
        <location filename="../app/plan_commands.cpp" line="38"/>
        <source>FP32</source>
        <translation>FP32</translation>
    </message>
    <message>
        <location filename="../app/plan_commands.cpp" line="23"/>
        <source>defaults (FP32)</source>
        <translation>Standard (FP32)</translation>
    </message>
    <message>
        <location filename="../app/plan_commands.cpp" line="24"/>
        <source>%1 %2 %3 bits</source>
        <translation>%1 %2 %3 Bit</translation>
    </message>
    <message>
        <location filename="../app/plan_commands.cpp" line="25"/>
        <source>defaults (%1)</source>
        <translation>Standard (%1)</translation>
    </message>
    <message>
        <location filename="../app/plan_commands.cpp" line="31"/>
        <source>No change</source>
        <translation>Keine Änderung</translation>
    </message>
    <message>
        <location filename="../app/plan_commands.cpp" line="37"/>
        <location filename="../app/plan_commands.cpp" line="39"/>
        <source>%1: %2 → %3</source>
        <translation>%1: %2 → %3</translation>
    </message>
    <message>
        <location filename="../app/plan_commands.cpp" line="37"/>
        <location filename="../app/plan_commands.cpp" line="38"/>
        <source>%1 bits</source>
        <translation>%1 Bit</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/plan_commands.cpp" line="41"/>
        <source>%n layers → %1</source>
        <translation>
            <numerusform>%n Schicht → %1</numerusform>
            <numerusform>%n Schichten → %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bitlens::AccuracyCurvePlot</name>
    <message>
        <location filename="../widgets/accuracy_curve_plot.cpp" line="13"/>
        <source>bit-width n</source>
        <translation>Bitbreite n</translation>
    </message>
    <message>
        <location filename="../widgets/accuracy_curve_plot.cpp" line="14"/>
        <source>top-1 accuracy (%)</source>
        <translation>Top-1-Genauigkeit (%)</translation>
    </message>
    <message>
        <location filename="../widgets/accuracy_curve_plot.cpp" line="37"/>
        <source>Top-1 accuracy against bits per weight, %1</source>
        <translation>Top-1-Genauigkeit über Bits pro Gewicht, %1</translation>
    </message>
    <message>
        <location filename="../widgets/accuracy_curve_plot.cpp" line="57"/>
        <source>FP32 (%1 %)</source>
        <translation>FP32 (%1 %)</translation>
    </message>
    <message>
        <location filename="../widgets/accuracy_curve_plot.cpp" line="82"/>
        <source>&lt;b&gt;%1 bits&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1 Bit&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/accuracy_curve_plot.cpp" line="86"/>
        <source>&lt;br&gt;%1: top-1 %2 %, top-5 %3 %</source>
        <translation>&lt;br&gt;%1: Top-1 %2 %, Top-5 %3 %</translation>
    </message>
    <message>
        <location filename="../widgets/accuracy_curve_plot.cpp" line="90"/>
        <source>&lt;br&gt;FP32: top-1 %1 %</source>
        <translation>&lt;br&gt;FP32: Top-1 %1 %</translation>
    </message>
</context>
<context>
    <name>bitlens::AccuracyTableModel</name>
    <message>
        <location filename="../widgets/accuracy_table_model.cpp" line="74"/>
        <source>FP32 is evaluated first</source>
        <translation>FP32 wird zuerst ausgewertet</translation>
    </message>
    <message>
        <location filename="../widgets/accuracy_table_model.cpp" line="74"/>
        <source>Not evaluated yet, or the scheme does not allow this bit-width</source>
        <translation>Noch nicht ausgewertet, oder das Verfahren erlaubt diese Bit-Breite nicht</translation>
    </message>
    <message>
        <location filename="../widgets/accuracy_table_model.cpp" line="75"/>
        <source>top-1 %1 %, top-5 %2 %&lt;br&gt;weights: %3 bits = %4 (codes + scale/zero-point overhead; FP32 layers at 32 bits)&lt;br&gt;%5 images</source>
        <translation>Top-1 %1 %, Top-5 %2 %&lt;br&gt;Gewichte: %3 Bit = %4 (Codes + Overhead für Scale/Zero-Point; FP32-Schichten mit 32 Bit)&lt;br&gt;%5 Bilder</translation>
    </message>
    <message>
        <location filename="../widgets/accuracy_table_model.cpp" line="95"/>
        <source>%1 bits</source>
        <translation>%1 Bit</translation>
    </message>
    <message>
        <location filename="../widgets/accuracy_table_model.cpp" line="99"/>
        <source>FP32</source>
        <translation>FP32</translation>
    </message>
</context>
<context>
    <name>bitlens::ChannelSqnrPlot</name>
    <message>
        <location filename="../widgets/channel_sqnr_plot.cpp" line="12"/>
        <source>per-channel SQNR (dB)</source>
        <translation>SQNR pro Kanal (dB)</translation>
    </message>
    <message>
        <location filename="../widgets/channel_sqnr_plot.cpp" line="13"/>
        <source>output channels</source>
        <translation>Ausgabekanäle</translation>
    </message>
    <message>
        <location filename="../widgets/channel_sqnr_plot.cpp" line="35"/>
        <source>%1: per-channel SQNR, %2</source>
        <translation>%1: SQNR pro Kanal, %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/channel_sqnr_plot.cpp" line="37"/>
        <source> (%n channel(s) exact)</source>
        <translation>
            <numerusform> (%n Kanal exakt)</numerusform>
            <numerusform> (%n Kanäle exakt)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/channel_sqnr_plot.cpp" line="39"/>
        <source> (%n all-zero channel(s) reconstructed as non-zero)</source>
        <translation>
            <numerusform> (%n Null-Kanal als ungleich null rekonstruiert)</numerusform>
            <numerusform> (%n Null-Kanäle als ungleich null rekonstruiert)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/channel_sqnr_plot.cpp" line="84"/>
        <source>SQNR %1 to %2 dB: %n channel(s)</source>
        <translation>
            <numerusform>SQNR %1 bis %2 dB: %n Kanal</numerusform>
            <numerusform>SQNR %1 bis %2 dB: %n Kanäle</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bitlens::ConfusionPlot</name>
    <message>
        <location filename="../widgets/confusion_plot.cpp" line="50"/>
        <source>predicted class</source>
        <translation>vorhergesagte Klasse</translation>
    </message>
    <message>
        <location filename="../widgets/confusion_plot.cpp" line="51"/>
        <source>true class</source>
        <translation>wahre Klasse</translation>
    </message>
    <message>
        <location filename="../widgets/confusion_plot.cpp" line="57"/>
        <source>images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <location filename="../widgets/confusion_plot.cpp" line="58"/>
        <source>change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <location filename="../widgets/confusion_plot.cpp" line="232"/>
        <location filename="../widgets/confusion_plot.cpp" line="233"/>
        <source>%1
top-1 %2 %</source>
        <translation>%1
Top-1 %2 %</translation>
    </message>
    <message>
        <location filename="../widgets/confusion_plot.cpp" line="234"/>
        <source>change
(quantized − FP32)</source>
        <translation>Änderung
(quantisiert − FP32)</translation>
    </message>
    <message>
        <location filename="../widgets/confusion_plot.cpp" line="270"/>
        <source>true &lt;b&gt;%1&lt;/b&gt;, predicted &lt;b&gt;%2&lt;/b&gt;&lt;br&gt;FP32: %3&lt;br&gt;%4: %5&lt;br&gt;change: %6</source>
        <translation>wahr &lt;b&gt;%1&lt;/b&gt;, vorhergesagt &lt;b&gt;%2&lt;/b&gt;&lt;br&gt;FP32: %3&lt;br&gt;%4: %5&lt;br&gt;Änderung: %6</translation>
    </message>
</context>
<context>
    <name>bitlens::DendrogramPlot</name>
    <message>
        <location filename="../widgets/dendrogram_plot.cpp" line="55"/>
        <source>Classes by confusion rate (average linkage)
cut at %1</source>
        <translation>Klassen nach Verwechslungsrate (Average Linkage)
Schnitt bei %1</translation>
    </message>
    <message>
        <location filename="../widgets/dendrogram_plot.cpp" line="56"/>
        <source>Classes by last-layer weights (average linkage)
cut at %1</source>
        <translation>Klassen nach den Gewichten der letzten Schicht (Average Linkage)
Schnitt bei %1</translation>
    </message>
    <message>
        <location filename="../widgets/dendrogram_plot.cpp" line="57"/>
        <source>confusion rate</source>
        <translation>Verwechslungsrate</translation>
    </message>
    <message>
        <location filename="../widgets/dendrogram_plot.cpp" line="57"/>
        <source>cosine similarity</source>
        <translation>Kosinus-Ähnlichkeit</translation>
    </message>
    <message>
        <location filename="../widgets/dendrogram_plot.cpp" line="125"/>
        <source>similarity %1 — click to cut here</source>
        <translation>Ähnlichkeit %1 — klicken, um hier zu schneiden</translation>
    </message>
    <message>
        <location filename="../widgets/dendrogram_plot.cpp" line="132"/>
        <source>mean of s(i,j) = (C[i][j]+C[j][i])/(n_i+n_j) over the pairs of the two clusters</source>
        <translation>Mittelwert von s(i,j) = (C[i][j]+C[j][i])/(n_i+n_j) über die Paare der beiden Cluster</translation>
    </message>
    <message>
        <location filename="../widgets/dendrogram_plot.cpp" line="133"/>
        <source>mean cosine similarity of the two clusters&apos; weight rows</source>
        <translation>mittlere Kosinus-Ähnlichkeit der Gewichtszeilen der beiden Cluster</translation>
    </message>
    <message>
        <location filename="../widgets/dendrogram_plot.cpp" line="134"/>
        <source>&lt;b&gt;merge %1&lt;/b&gt;: %2&lt;br&gt;similarity %3 (%4)&lt;br&gt;%5</source>
        <translation>&lt;b&gt;Zusammenführung %1&lt;/b&gt;: %2&lt;br&gt;Ähnlichkeit %3 (%4)&lt;br&gt;%5</translation>
    </message>
    <message>
        <location filename="../widgets/dendrogram_plot.cpp" line="139"/>
        <source>above the cut: one group</source>
        <translation>über dem Schnitt: eine Gruppe</translation>
    </message>
    <message>
        <location filename="../widgets/dendrogram_plot.cpp" line="139"/>
        <source>below the cut</source>
        <translation>unter dem Schnitt</translation>
    </message>
</context>
<context>
    <name>bitlens::EfficiencyPlot</name>
    <message>
        <location filename="../widgets/efficiency_plot.cpp" line="23"/>
        <source>bits</source>
        <translation>Bit</translation>
    </message>
    <message>
        <location filename="../widgets/efficiency_plot.cpp" line="48"/>
        <source>SQNR (dB)</source>
        <translation>SQNR (dB)</translation>
    </message>
    <message>
        <location filename="../widgets/efficiency_plot.cpp" line="49"/>
        <source>range coverage</source>
        <translation>Bereichsabdeckung</translation>
    </message>
    <message>
        <location filename="../widgets/efficiency_plot.cpp" line="50"/>
        <source>level utilisation</source>
        <translation>Stufenausnutzung</translation>
    </message>
    <message>
        <location filename="../widgets/efficiency_plot.cpp" line="51"/>
        <source>entropy efficiency</source>
        <translation>Entropie-Effizienz</translation>
    </message>
    <message>
        <location filename="../widgets/efficiency_plot.cpp" line="52"/>
        <source>density fidelity</source>
        <translation>Dichtetreue</translation>
    </message>
    <message>
        <location filename="../widgets/efficiency_plot.cpp" line="53"/>
        <source>SQNR efficiency</source>
        <translation>SQNR-Effizienz</translation>
    </message>
    <message>
        <location filename="../widgets/efficiency_plot.cpp" line="62"/>
        <source>10·log10(Σx² / Σ(x − x̂)²) over the whole tensor</source>
        <translation>10·log10(Σx² / Σ(x − x̂)²) über den ganzen Tensor</translation>
    </message>
    <message>
        <location filename="../widgets/efficiency_plot.cpp" line="63"/>
        <source>(max x̂ − min x̂) / (max x − min x), not clipped</source>
        <translation>(max x̂ − min x̂) / (max x − min x), ohne Clipping</translation>
    </message>
    <message>
        <location filename="../widgets/efficiency_plot.cpp" line="64"/>
        <source>distinct codes used / 2ⁿ (per channel: mean over channels)</source>
        <translation>verschiedene genutzte Codes / 2ⁿ (pro Kanal: Mittelwert über die Kanäle)</translation>
    </message>
    <message>
        <location filename="../widgets/efficiency_plot.cpp" line="65"/>
        <source>H(codes) / n, H the empirical entropy in bits</source>
        <translation>H(Codes) / n, H ist die empirische Entropie in Bit</translation>
    </message>
    <message>
        <location filename="../widgets/efficiency_plot.cpp" line="66"/>
        <source>1 − JS(p, q) on min(2ⁿ, 256) shared bins, base-2 Jensen-Shannon</source>
        <translation>1 − JS(p, q) auf min(2ⁿ, 256) gemeinsamen Bins, Jensen-Shannon zur Basis 2</translation>
    </message>
    <message>
        <location filename="../widgets/efficiency_plot.cpp" line="67"/>
        <source>SQNR_dB / (6.02·n); 1 = the Gaussian rate-distortion bound</source>
        <translation>SQNR_dB / (6.02·n); 1 = die Gaußsche Rate-Distortion-Schranke</translation>
    </message>
    <message>
        <location filename="../widgets/efficiency_plot.cpp" line="98"/>
        <source>%1: bit efficiency, %2</source>
        <translation>%1: Bit-Effizienz, %2</translation>
    </message>
    <message>
        <location filename="../widgets/efficiency_plot.cpp" line="127"/>
        <source>Lloyd-Max limit</source>
        <translation>Lloyd-Max-Grenze</translation>
    </message>
    <message>
        <location filename="../widgets/efficiency_plot.cpp" line="128"/>
        <source>best uniform limit</source>
        <translation>Grenze der besten uniformen Quantisierung</translation>
    </message>
    <message>
        <location filename="../widgets/efficiency_plot.cpp" line="129"/>
        <source>rate-distortion bound</source>
        <translation>Rate-Distortion-Schranke</translation>
    </message>
    <message>
        <location filename="../widgets/efficiency_plot.cpp" line="174"/>
        <source>&lt;b&gt;%1&lt;/b&gt; at %2 bits&lt;br&gt;&lt;i&gt;%3&lt;/i&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; bei %2 Bit&lt;br&gt;&lt;i&gt;%3&lt;/i&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/efficiency_plot.cpp" line="180"/>
        <source>exact</source>
        <translation>exakt</translation>
    </message>
    <message>
        <location filename="../widgets/efficiency_plot.cpp" line="183"/>
        <source>&lt;br&gt;Lloyd-Max %1 dB, best uniform %2 dB, rate-distortion %3 dB</source>
        <translation>&lt;br&gt;Lloyd-Max %1 dB, beste uniforme Quantisierung %2 dB, Rate-Distortion %3 dB</translation>
    </message>
</context>
<context>
    <name>bitlens::ExportDialog</name>
    <message>
        <location filename="../app/export_dialog.cpp" line="17"/>
        <source>Export View</source>
        <translation>Ansicht exportieren</translation>
    </message>
    <message>
        <location filename="../app/export_dialog.cpp" line="19"/>
        <source>PDF (vector)</source>
        <translation>PDF (Vektor)</translation>
    </message>
    <message>
        <location filename="../app/export_dialog.cpp" line="20"/>
        <source>SVG (vector)</source>
        <translation>SVG (Vektor)</translation>
    </message>
    <message>
        <location filename="../app/export_dialog.cpp" line="21"/>
        <source>PNG (bitmap)</source>
        <translation>PNG (Bitmap)</translation>
    </message>
    <message>
        <location filename="../app/export_dialog.cpp" line="22"/>
        <source>CSV (the numbers)</source>
        <translation>CSV (die Zahlen)</translation>
    </message>
    <message>
        <location filename="../app/export_dialog.cpp" line="27"/>
        <source> mm</source>
        <translation> mm</translation>
    </message>
    <message>
        <location filename="../app/export_dialog.cpp" line="41"/>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <location filename="../app/export_dialog.cpp" line="42"/>
        <source>Resolution of the PNG, and of the SVG&apos;s and PDF&apos;s coordinates</source>
        <translation>Auflösung des PNG sowie der Koordinaten von SVG und PDF</translation>
    </message>
    <message>
        <location filename="../app/export_dialog.cpp" line="45"/>
        <source>&amp;Plot:</source>
        <translation>&amp;Diagramm:</translation>
    </message>
    <message>
        <location filename="../app/export_dialog.cpp" line="48"/>
        <source>&amp;Format:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <location filename="../app/export_dialog.cpp" line="49"/>
        <source>&amp;Width:</source>
        <translation>&amp;Breite:</translation>
    </message>
    <message>
        <location filename="../app/export_dialog.cpp" line="50"/>
        <source>&amp;Height:</source>
        <translation>&amp;Höhe:</translation>
    </message>
    <message>
        <location filename="../app/export_dialog.cpp" line="51"/>
        <source>&amp;Resolution:</source>
        <translation>&amp;Auflösung:</translation>
    </message>
    <message>
        <location filename="../app/export_dialog.cpp" line="52"/>
        <source>PNG size:</source>
        <translation>PNG-Größe:</translation>
    </message>
    <message>
        <location filename="../app/export_dialog.cpp" line="78"/>
        <source>%1 × %2 pixels</source>
        <translation>%1 × %2 Pixel</translation>
    </message>
</context>
<context>
    <name>bitlens::GroupTreeModel</name>
    <message>
        <location filename="../widgets/group_tree_model.cpp" line="125"/>
        <source>class %1</source>
        <translation>Klasse %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/group_tree_model.cpp" line="125"/>
        <source>%n class(es)</source>
        <translation>
            <numerusform>%n Klasse</numerusform>
            <numerusform>%n Klassen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/group_tree_model.cpp" line="142"/>
        <source>%1 (class %2): drag it onto a group to move it</source>
        <translation>%1 (Klasse %2): zum Verschieben auf eine Gruppe ziehen</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/group_tree_model.cpp" line="145"/>
        <source>Group %1 with %n class(es). Checked groups are evaluated as one class each: grouped confusion CG[g][h] = Σ_{i∈g, j∈h} C[i][j], grouped accuracy trace(CG)/N. A checked group wins over groups checked inside it. F2 renames; drag to nest it in another group.</source>
        <translation>
            <numerusform>Gruppe %1 mit %n Klasse. Markierte Gruppen werden jeweils als eine Klasse ausgewertet: gruppierte Konfusion CG[g][h] = Σ_{i∈g, j∈h} C[i][j], gruppierte Genauigkeit trace(CG)/N. Eine markierte Gruppe hat Vorrang vor markierten Gruppen in ihr. F2 benennt um; ziehen, um sie in eine andere Gruppe zu verschachteln.</numerusform>
            <numerusform>Gruppe %1 mit %n Klassen. Markierte Gruppen werden jeweils als eine Klasse ausgewertet: gruppierte Konfusion CG[g][h] = Σ_{i∈g, j∈h} C[i][j], gruppierte Genauigkeit trace(CG)/N. Eine markierte Gruppe hat Vorrang vor markierten Gruppen in ihr. F2 benennt um; ziehen, um sie in eine andere Gruppe zu verschachteln.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/group_tree_model.cpp" line="160"/>
        <source>Class or group</source>
        <translation>Klasse oder Gruppe</translation>
    </message>
    <message>
        <location filename="../widgets/group_tree_model.cpp" line="161"/>
        <source>Classes</source>
        <translation>Klassen</translation>
    </message>
    <message>
        <location filename="../widgets/group_tree_model.cpp" line="162"/>
        <source>Recall</source>
        <translation>Trefferquote</translation>
    </message>
</context>
<context>
    <name>bitlens::GroupingDocument</name>
    <message>
        <location filename="../app/grouping_document.cpp" line="121"/>
        <source>New group &quot;%1&quot;</source>
        <translation>Neue Gruppe „%1“</translation>
    </message>
    <message>
        <location filename="../app/grouping_document.cpp" line="122"/>
        <source>New group &quot;%1&quot; from %2 selected</source>
        <translation>Neue Gruppe „%1“ aus %2 ausgewählten</translation>
    </message>
    <message>
        <location filename="../app/grouping_document.cpp" line="130"/>
        <source>%1 classes and groups</source>
        <translation>%1 Klassen und Gruppen</translation>
    </message>
    <message>
        <location filename="../app/grouping_document.cpp" line="134"/>
        <source>Move %1 into &quot;%2&quot;</source>
        <translation>%1 nach „%2“ verschieben</translation>
    </message>
    <message>
        <location filename="../app/grouping_document.cpp" line="141"/>
        <source>Rename group &quot;%1&quot; → &quot;%2&quot;</source>
        <translation>Gruppe „%1“ → „%2“ umbenennen</translation>
    </message>
    <message>
        <location filename="../app/grouping_document.cpp" line="146"/>
        <source>Remove group &quot;%1&quot;</source>
        <translation>Gruppe „%1“ entfernen</translation>
    </message>
    <message>
        <location filename="../app/grouping_document.cpp" line="152"/>
        <source>Evaluate &quot;%1&quot; as one class</source>
        <translation>„%1“ als eine Klasse auswerten</translation>
    </message>
    <message>
        <location filename="../app/grouping_document.cpp" line="152"/>
        <source>Evaluate &quot;%1&quot; class by class</source>
        <translation>„%1“ Klasse für Klasse auswerten</translation>
    </message>
    <message>
        <location filename="../app/grouping_document.cpp" line="158"/>
        <source>The groups name %1 classes but the model has %2</source>
        <translation>Die Gruppen nennen %1 Klassen, das Modell hat aber %2</translation>
    </message>
    <message>
        <location filename="../app/grouping_document.cpp" line="170"/>
        <source>Groups from the dendrogram cut at %1</source>
        <translation>Gruppen aus dem Dendrogramm, Schnitt bei %1</translation>
    </message>
    <message>
        <location filename="../app/grouping_document.cpp" line="177"/>
        <source>the groups name %1 classes but the model&apos;s test set has %2</source>
        <translation>die Gruppen nennen %1 Klassen, der Testdatensatz des Modells hat aber %2</translation>
    </message>
    <message>
        <location filename="../app/grouping_document.cpp" line="194"/>
        <source>%1: names %2 classes but the model has %3</source>
        <translation>%1: nennt %2 Klassen, das Modell hat aber %3</translation>
    </message>
    <message>
        <location filename="../app/grouping_document.cpp" line="197"/>
        <source>Import groups from %1</source>
        <translation>Gruppen aus %1 importieren</translation>
    </message>
    <message>
        <location filename="../app/grouping_document.cpp" line="268"/>
        <source>The grouped confusion and accuracy appear when the plan has been evaluated on a test set (Plan tab, F6).</source>
        <translation>Die gruppierte Konfusion und Genauigkeit erscheinen, sobald der Plan auf einem Testdatensatz ausgewertet wurde (Reiter Plan, F6).</translation>
    </message>
    <message>
        <location filename="../app/grouping_document.cpp" line="285"/>
        <source>%1 (grouped)</source>
        <translation>%1 (gruppiert)</translation>
    </message>
    <message>
        <location filename="../app/grouping_document.cpp" line="302"/>
        <source>Clustering by confusion needs the plan&apos;s confusion matrix: choose a test set and let the plan be evaluated (F6), or cluster by the last layer&apos;s weights, which needs no data.</source>
        <translation>Das Clustern nach Konfusion braucht die Konfusionsmatrix des Plans: Wählen Sie einen Testdatensatz und lassen Sie den Plan auswerten (F6), oder clustern Sie nach den Gewichten der letzten Schicht, wofür keine Daten nötig sind.</translation>
    </message>
    <message>
        <location filename="../app/grouping_document.cpp" line="319"/>
        <source>Open a model to cluster its classes.</source>
        <translation>Öffnen Sie ein Modell, um seine Klassen zu clustern.</translation>
    </message>
    <message>
        <location filename="../app/grouping_document.cpp" line="329"/>
        <source>%1: has %2 output channels but the model has %3 classes; it is not the classifier</source>
        <translation>%1: hat %2 Ausgabekanäle, das Modell aber %3 Klassen; das ist nicht die Klassifikationsschicht</translation>
    </message>
</context>
<context>
    <name>bitlens::GroupingTab</name>
    <message>
        <location filename="../app/grouping_tab.cpp" line="53"/>
        <source>&lt;b&gt;Class hierarchy&lt;/b&gt; — check a group to evaluate it as one class</source>
        <translation>&lt;b&gt;Klassenhierarchie&lt;/b&gt; — eine Gruppe markieren, um sie als eine Klasse auszuwerten</translation>
    </message>
    <message>
        <location filename="../app/grouping_tab.cpp" line="69"/>
        <source>Drag classes or groups onto a group to move them; F2 renames a group; a checked group counts as one class in the grouped confusion and accuracy</source>
        <translation>Klassen oder Gruppen auf eine Gruppe ziehen, um sie zu verschieben; F2 benennt eine Gruppe um; eine markierte Gruppe zählt in der gruppierten Konfusion und Genauigkeit als eine Klasse</translation>
    </message>
    <message>
        <location filename="../app/grouping_tab.cpp" line="74"/>
        <source>&amp;New Group</source>
        <translation>&amp;Neue Gruppe</translation>
    </message>
    <message>
        <location filename="../app/grouping_tab.cpp" line="75"/>
        <source>A new group holding the selected classes and groups, inside the group they are in (Ctrl+G)</source>
        <translation>Eine neue Gruppe mit den ausgewählten Klassen und Gruppen, innerhalb der Gruppe, in der sie liegen (Ctrl+G)</translation>
    </message>
    <message>
        <location filename="../app/grouping_tab.cpp" line="87"/>
        <source>&amp;Rename</source>
        <translation>&amp;Umbenennen</translation>
    </message>
    <message>
        <location filename="../app/grouping_tab.cpp" line="88"/>
        <source>Rename the selected group (F2)</source>
        <translation>Die ausgewählte Gruppe umbenennen (F2)</translation>
    </message>
    <message>
        <location filename="../app/grouping_tab.cpp" line="94"/>
        <source>Re&amp;move Group</source>
        <translation>Gruppe &amp;entfernen</translation>
    </message>
    <message>
        <location filename="../app/grouping_tab.cpp" line="95"/>
        <source>Remove the selected group; its classes and groups move up to its parent (Delete)</source>
        <translation>Die ausgewählte Gruppe entfernen; ihre Klassen und Gruppen rücken in die übergeordnete Gruppe auf (Delete)</translation>
    </message>
    <message>
        <location filename="../app/grouping_tab.cpp" line="109"/>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <location filename="../app/grouping_tab.cpp" line="110"/>
        <source>Replace the groups by a *.bitlens-groups.json file (one undo step)</source>
        <translation>Die Gruppen durch eine *.bitlens-groups.json-Datei ersetzen (ein Rückgängig-Schritt)</translation>
    </message>
    <message>
        <location filename="../app/grouping_tab.cpp" line="112"/>
        <source>E&amp;xport…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <location filename="../app/grouping_tab.cpp" line="113"/>
        <source>Save the groups as *.bitlens-groups.json, for bitlens-cli eval --groups</source>
        <translation>Die Gruppen als *.bitlens-groups.json speichern, für bitlens-cli eval --groups</translation>
    </message>
    <message>
        <location filename="../app/grouping_tab.cpp" line="128"/>
        <source>Suggest groups by</source>
        <translation>Gruppen vorschlagen nach</translation>
    </message>
    <message>
        <location filename="../app/grouping_tab.cpp" line="130"/>
        <source>the plan&apos;s confusion</source>
        <translation>Konfusion des Plans</translation>
    </message>
    <message>
        <location filename="../app/grouping_tab.cpp" line="131"/>
        <source>last layer&apos;s weights (data-free)</source>
        <translation>Gewichten der letzten Schicht (ohne Daten)</translation>
    </message>
    <message>
        <location filename="../app/grouping_tab.cpp" line="132"/>
        <source>Average-linkage clustering of the classes by the plan&apos;s symmetric confusion rate s(i,j) = (C[i][j]+C[j][i])/(n_i+n_j), or by the cosine similarity of the last layer&apos;s per-class weight vectors</source>
        <translation>Average-Linkage-Clustering der Klassen nach der symmetrischen Verwechslungsrate des Plans s(i,j) = (C[i][j]+C[j][i])/(n_i+n_j) oder nach der Kosinus-Ähnlichkeit der Gewichtsvektoren der letzten Schicht pro Klasse</translation>
    </message>
    <message>
        <location filename="../app/grouping_tab.cpp" line="142"/>
        <source>Cut at similarity</source>
        <translation>Schnitt bei Ähnlichkeit</translation>
    </message>
    <message>
        <location filename="../app/grouping_tab.cpp" line="149"/>
        <source>Clusters that merged at or above this similarity become groups; click the dendrogram to move the cut</source>
        <translation>Cluster, die bei dieser Ähnlichkeit oder darüber zusammengeführt wurden, werden zu Gruppen; ins Dendrogramm klicken, um den Schnitt zu verschieben</translation>
    </message>
    <message>
        <location filename="../app/grouping_tab.cpp" line="153"/>
        <source>&amp;Use This Cut</source>
        <translation>Diesen Schnitt &amp;verwenden</translation>
    </message>
    <message>
        <location filename="../app/grouping_tab.cpp" line="155"/>
        <source>Replace the groups by the dendrogram&apos;s groups at this cut, all checked (one undo step, Ctrl+Shift+G)</source>
        <translation>Die Gruppen durch die Gruppen des Dendrogramms bei diesem Schnitt ersetzen, alle markiert (ein Rückgängig-Schritt, Ctrl+Shift+G)</translation>
    </message>
    <message>
        <location filename="../app/grouping_tab.cpp" line="182"/>
        <source>Grouped accuracy trace(CG)/N with CG[g][h] = Σ_{i∈g, j∈h} C[i][j]: a prediction counts as right when it falls in the true class&apos;s group</source>
        <translation>Gruppierte Genauigkeit trace(CG)/N mit CG[g][h] = Σ_{i∈g, j∈h} C[i][j]: eine Vorhersage gilt als richtig, wenn sie in die Gruppe der wahren Klasse fällt</translation>
    </message>
    <message>
        <location filename="../app/grouping_tab.cpp" line="197"/>
        <source>&lt;b&gt;Table 2&lt;/b&gt; at</source>
        <translation>&lt;b&gt;Tabelle 2&lt;/b&gt; bei</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/grouping_tab.cpp" line="200"/>
        <location filename="../app/grouping_tab.cpp" line="302"/>
        <source>%n bit(s)</source>
        <translation>
            <numerusform>%n Bit</numerusform>
            <numerusform>%n Bit</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/grouping_tab.cpp" line="202"/>
        <source>The bit-width of the accuracy sweep whose schemes the table compares</source>
        <translation>Die Bit-Breite des Genauigkeits-Sweeps, dessen Verfahren die Tabelle vergleicht</translation>
    </message>
    <message>
        <location filename="../app/grouping_tab.cpp" line="207"/>
        <location filename="../app/grouping_tab.cpp" line="312"/>
        <source>Run &amp;Sweep</source>
        <translation>&amp;Sweep starten</translation>
    </message>
    <message>
        <location filename="../app/grouping_tab.cpp" line="208"/>
        <source>Measure every compared scheme at 2–8 bits (the Accuracy tab&apos;s sweep, F5)</source>
        <translation>Jedes verglichene Verfahren bei 2–8 Bit messen (der Sweep des Reiters Genauigkeit, F5)</translation>
    </message>
    <message>
        <location filename="../app/grouping_tab.cpp" line="214"/>
        <source>Scheme</source>
        <translation>Verfahren</translation>
    </message>
    <message>
        <location filename="../app/grouping_tab.cpp" line="214"/>
        <source>Top-1</source>
        <translation>Top-1</translation>
    </message>
    <message>
        <location filename="../app/grouping_tab.cpp" line="214"/>
        <source>Grouped top-1</source>
        <translation>Top-1 gruppiert</translation>
    </message>
    <message>
        <location filename="../app/grouping_tab.cpp" line="214"/>
        <source>Recovered</source>
        <translation>Zurückgewonnen</translation>
    </message>
    <message>
        <location filename="../app/grouping_tab.cpp" line="219"/>
        <source>The paper&apos;s Table 2: per scheme at one bit-width, top-1 before and after grouping the classes, beside FP32; &quot;Recovered&quot; is the difference in percentage points</source>
        <translation>Tabelle 2 des Papers: pro Verfahren bei einer Bit-Breite Top-1 vor und nach dem Gruppieren der Klassen, neben FP32; „Zurückgewonnen“ ist die Differenz in Prozentpunkten</translation>
    </message>
    <message>
        <location filename="../app/grouping_tab.cpp" line="256"/>
        <source>&lt;b&gt;%1&lt;/b&gt;: top-1 %2 → grouped %3 (%4 points) &amp;nbsp;·&amp;nbsp; &lt;b&gt;FP32&lt;/b&gt;: %5 → %6 (%7) &amp;nbsp;·&amp;nbsp; %8 groups of %9 classes, %10 images</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: Top-1 %2 → gruppiert %3 (%4 Prozentpunkte) &amp;nbsp;·&amp;nbsp; &lt;b&gt;FP32&lt;/b&gt;: %5 → %6 (%7) &amp;nbsp;·&amp;nbsp; %8 Gruppen aus %9 Klassen, %10 Bilder</translation>
    </message>
    <message>
        <location filename="../app/grouping_tab.cpp" line="300"/>
        <source>FP32</source>
        <translation>FP32</translation>
    </message>
    <message>
        <location filename="../app/grouping_tab.cpp" line="312"/>
        <source>Run &amp;Sweep Again</source>
        <translation>Sweep e&amp;rneut starten</translation>
    </message>
</context>
<context>
    <name>bitlens::HistogramPlot</name>
    <message>
        <location filename="../widgets/histogram_plot.cpp" line="43"/>
        <source>Log counts</source>
        <translation>Log-Häufigkeiten</translation>
    </message>
    <message>
        <location filename="../widgets/histogram_plot.cpp" line="45"/>
        <source>Logarithmic count axis: shows the sparse tails</source>
        <translation>Logarithmische Häufigkeitsachse: zeigt die schwach besetzten Ausläufer</translation>
    </message>
    <message>
        <location filename="../widgets/histogram_plot.cpp" line="47"/>
        <source>auto</source>
        <translation>auto</translation>
    </message>
    <message>
        <location filename="../widgets/histogram_plot.cpp" line="48"/>
        <source>Bins over the union of the ranges; auto = min(2^n, 256) for the shown bits</source>
        <translation>Bins über die Vereinigung der Wertebereiche; auto = min(2^n, 256) für die gezeigte Bit-Breite</translation>
    </message>
    <message>
        <location filename="../widgets/histogram_plot.cpp" line="50"/>
        <source>Bins</source>
        <translation>Bins</translation>
    </message>
    <message>
        <location filename="../widgets/histogram_plot.cpp" line="59"/>
        <source>count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <location filename="../widgets/histogram_plot.cpp" line="60"/>
        <source>weight value</source>
        <translation>Gewichtswert</translation>
    </message>
    <message>
        <location filename="../widgets/histogram_plot.cpp" line="221"/>
        <source>bin %1&lt;br&gt;FP32: %2&lt;br&gt;%3: %4</source>
        <translation>Bin %1&lt;br&gt;FP32: %2&lt;br&gt;%3: %4</translation>
    </message>
    <message>
        <location filename="../widgets/histogram_plot.cpp" line="237"/>
        <source>bin %1: [%2, %3%4</source>
        <translation>Bin %1: [%2, %3%4</translation>
    </message>
</context>
<context>
    <name>bitlens::Labels</name>
    <message>
        <location filename="../widgets/display_labels.h" line="50"/>
        <source>per-tensor</source>
        <translation>pro Tensor</translation>
    </message>
    <message>
        <location filename="../widgets/display_labels.h" line="51"/>
        <source>per-block</source>
        <translation>pro Block</translation>
    </message>
    <message>
        <location filename="../widgets/display_labels.h" line="54"/>
        <source>per-channel</source>
        <translation>pro Kanal</translation>
    </message>
    <message>
        <location filename="../widgets/display_labels.h" line="58"/>
        <source>%1-bit</source>
        <translation>%1 Bit</translation>
    </message>
    <message>
        <location filename="../widgets/display_labels.h" line="63"/>
        <source>%1-bit %2</source>
        <comment>bits and granularity: 4-bit per-channel</comment>
        <translation>%1 Bit %2</translation>
    </message>
</context>
<context>
    <name>bitlens::LayerTableModel</name>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="44"/>
        <location filename="../widgets/layer_table_model.cpp" line="45"/>
        <location filename="../widgets/layer_table_model.cpp" line="46"/>
        <source>NaN/Inf</source>
        <translation>NaN/Inf</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="49"/>
        <source>excluded</source>
        <translation>ausgeschlossen</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="50"/>
        <source>exact</source>
        <translation>exakt</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="71"/>
        <source>SQNR_dB = 10 log10(sum x^2 / sum (x - x^)^2) over the whole tensor</source>
        <translation>SQNR_dB = 10 log10(Summe x^2 / Summe (x - x^)^2) über den ganzen Tensor</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="73"/>
        <source>Code bits plus every scale, zero point and tensor scale, per weight</source>
        <translation>Code-Bits plus jede Skala, jeder Nullpunkt und jede Tensorskala, je Gewicht</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="75"/>
        <source>Output-channel axis %1</source>
        <translation>Ausgabekanal-Achse %1</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="87"/>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="88"/>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="89"/>
        <source>Op</source>
        <translation>Op</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="90"/>
        <source>Shape</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="91"/>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="92"/>
        <source>Min</source>
        <translation>Min</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="93"/>
        <source>Max</source>
        <translation>Max</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="94"/>
        <source>Std</source>
        <translation>Std</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="95"/>
        <source>SQNR (dB)</source>
        <translation>SQNR (dB)</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="96"/>
        <source>Bits/weight</source>
        <translation>Bits/Gewicht</translation>
    </message>
</context>
<context>
    <name>bitlens::MainWindow</name>
    <message>
        <location filename="../app/main_window.cpp" line="68"/>
        <location filename="../app/main_window.cpp" line="345"/>
        <location filename="../app/main_window_plan.cpp" line="140"/>
        <location filename="../app/main_window_plan.cpp" line="233"/>
        <source>BitLens</source>
        <translation>BitLens</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="113"/>
        <source>Weight layers; select one to show it in every view (Up/Down)</source>
        <translation>Gewichtsschichten; wählen Sie eine aus, um sie in allen Ansichten zu zeigen (Up/Down)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="135"/>
        <source>Layers</source>
        <translation>Schichten</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="148"/>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="155"/>
        <source>Choose &amp;Test Set…</source>
        <translation>&amp;Testdatensatz wählen…</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="157"/>
        <source>The labelled images and their preprocessing (Ctrl+D)</source>
        <translation>Die gelabelten Bilder und ihre Vorverarbeitung (Ctrl+D)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="159"/>
        <source>&amp;Export View…</source>
        <translation>Ansicht &amp;exportieren…</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="161"/>
        <source>The current view as PDF, SVG, PNG or CSV (Ctrl+E)</source>
        <translation>Die aktuelle Ansicht als PDF, SVG, PNG oder CSV (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="162"/>
        <source>Export &amp;All Views…</source>
        <translation>&amp;Alle Ansichten exportieren…</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="164"/>
        <source>Every view as PDF, SVG, PNG and CSV into one folder (Ctrl+Shift+E)</source>
        <translation>Alle Ansichten als PDF, SVG, PNG und CSV in einen Ordner (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="165"/>
        <source>Write &amp;Report…</source>
        <translation>Be&amp;richt schreiben…</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="167"/>
        <source>A self-contained HTML report of the saved project: model, plan, accuracy (Table 1), grouped accuracy (Table 2), sizes (Table 5) and the key figures (Ctrl+Shift+R); the same as bitlens-cli report</source>
        <translation>Ein eigenständiger HTML-Bericht des gespeicherten Projekts: Modell, Plan, Genauigkeit (Tabelle 1), gruppierte Genauigkeit (Tabelle 2), Größen (Tabelle 5) und die wichtigsten Abbildungen (Ctrl+Shift+R); dasselbe wie bitlens-cli report</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="174"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="175"/>
        <source>&amp;Quartiles</source>
        <translation>&amp;Quartile</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="175"/>
        <source>&amp;Histograms</source>
        <translation>&amp;Histogramme</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="175"/>
        <source>&amp;Bit Efficiency</source>
        <translation>&amp;Bit-Effizienz</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="175"/>
        <source>&amp;Accuracy</source>
        <translation>&amp;Genauigkeit</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="175"/>
        <source>&amp;Confusion</source>
        <translation>&amp;Konfusion</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="176"/>
        <location filename="../app/main_window_plan.cpp" line="37"/>
        <source>&amp;Plan</source>
        <translation>&amp;Plan</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="176"/>
        <location filename="../app/main_window_plan.cpp" line="40"/>
        <source>&amp;Sensitivity</source>
        <translation>&amp;Sensitivität</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="176"/>
        <location filename="../app/main_window_plan.cpp" line="43"/>
        <source>P&amp;roposal</source>
        <translation>&amp;Vorschlag</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="176"/>
        <location filename="../app/main_window_grouping.cpp" line="21"/>
        <source>&amp;Groups</source>
        <translation>Gr&amp;uppen</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="182"/>
        <source>&amp;Reset Zoom</source>
        <translation>&amp;Zoom zurücksetzen</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="187"/>
        <source>&amp;Dark Theme</source>
        <translation>&amp;Dunkles Design</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="194"/>
        <source>&amp;Language</source>
        <translation>Sp&amp;rache</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="196"/>
        <source>&amp;Run</source>
        <translation>A&amp;usführen</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="198"/>
        <source>Accuracy &amp;Sweep</source>
        <translation>Genauigkeits-&amp;Sweep</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="200"/>
        <source>Top-1 of every compared scheme at 2-8 bits on the test set (F5)</source>
        <translation>Top-1 jedes verglichenen Verfahrens bei 2-8 Bit auf dem Testdatensatz (F5)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="201"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="210"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="214"/>
        <source>&lt;b&gt;BitLens&lt;/b&gt; shows what quantization does to a trained network, layer by layer and class by class, and lets you hand-tune it.</source>
        <translation>&lt;b&gt;BitLens&lt;/b&gt; zeigt Schicht für Schicht und Klasse für Klasse, was Quantisierung mit einem trainierten Netz macht, und lässt Sie sie von Hand abstimmen.</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="261"/>
        <source>Bits per weight (Alt+Up / Alt+Down)</source>
        <translation>Bit pro Gewicht (Alt+Up / Alt+Down)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="287"/>
        <source>Compare</source>
        <translation>Vergleichen</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="290"/>
        <source>Schemes shown beside FP32 in the quartile plot, histograms, bit efficiency and sweep</source>
        <translation>Verfahren, die im Quartil-Diagramm, in den Histogrammen, bei der Bit-Effizienz und im Sweep neben FP32 gezeigt werden</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="309"/>
        <source>The test set and its preprocessing; click to change (Ctrl+D)</source>
        <translation>Der Testdatensatz und seine Vorverarbeitung; zum Ändern klicken (Ctrl+D)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="324"/>
        <source>Stop the running jobs (Esc)</source>
        <translation>Laufende Berechnungen anhalten (Esc)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="619"/>
        <source>&lt;tr&gt;&lt;td&gt;Find a layer&lt;/td&gt;&lt;td&gt;&amp;nbsp;&amp;nbsp;&lt;b&gt;Ctrl+F&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;More / fewer bits&lt;/td&gt;&lt;td&gt;&amp;nbsp;&amp;nbsp;&lt;b&gt;Alt+Up / Alt+Down&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Next / previous page of channels&lt;/td&gt;&lt;td&gt;&amp;nbsp;&amp;nbsp;&lt;b&gt;Page Down / Page Up&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Zoom, pan, reset a plot&lt;/td&gt;&lt;td&gt;&amp;nbsp;&amp;nbsp;&lt;b&gt;wheel, drag, double-click&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;td&gt;Eine Schicht suchen&lt;/td&gt;&lt;td&gt;&amp;nbsp;&amp;nbsp;&lt;b&gt;Ctrl+F&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Mehr / weniger Bit&lt;/td&gt;&lt;td&gt;&amp;nbsp;&amp;nbsp;&lt;b&gt;Alt+Up / Alt+Down&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Nächste / vorige Seite der Kanäle&lt;/td&gt;&lt;td&gt;&amp;nbsp;&amp;nbsp;&lt;b&gt;Page Down / Page Up&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Diagramm zoomen, verschieben, zurücksetzen&lt;/td&gt;&lt;td&gt;&amp;nbsp;&amp;nbsp;&lt;b&gt;Mausrad, Ziehen, Doppelklick&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="623"/>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="343"/>
        <location filename="../app/main_window.cpp" line="492"/>
        <source>Cannot open model</source>
        <translation>Modell kann nicht geöffnet werden</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="238"/>
        <source>The scheme or named format the layer list, per-channel SQNR, bit-width histograms and confusion use</source>
        <translation>Das Verfahren oder benannte Format für Schichtliste, SQNR pro Kanal, Bitbreiten-Histogramme und Konfusionsmatrix</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="243"/>
        <source>Per block</source>
        <translation>Pro Block</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="244"/>
        <source>One scale per output channel, for the whole tensor, or per block of weights along the input axis</source>
        <translation>Eine Skala pro Ausgangskanal, für den ganzen Tensor oder pro Block von Gewichten entlang der Eingangsachse</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="250"/>
        <source>Weights per block (per-block granularity)</source>
        <translation>Gewichte pro Block (Granularität pro Block)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="255"/>
        <source>How the scale is stored: fp32, fp16, bf16, e8m0 (a power of two) or ue4m3 with an fp32 tensor scale</source>
        <translation>Wie die Skala gespeichert wird: fp32, fp16, bf16, e8m0 (eine Zweierpotenz) oder ue4m3 mit einer fp32-Tensorskala</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="356"/>
        <source>Weight layers: %1, parameters: %2</source>
        <translation>Gewichtsschichten: %1, Parameter: %2</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="371"/>
        <source>No test set: choose one (Ctrl+D)</source>
        <translation>Kein Testdatensatz: bitte einen wählen (Ctrl+D)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="374"/>
        <source>Test set: %1 · mean %2 · std %3</source>
        <translation>Testdatensatz: %1 · Mittelwert %2 · Std %3</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="468"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="469"/>
        <source>ONNX models and BitLens projects (*.onnx *.bitlens);;ONNX models (*.onnx);;BitLens projects (*.bitlens);;All files (*)</source>
        <translation>ONNX-Modelle und BitLens-Projekte (*.onnx *.bitlens);;ONNX-Modelle (*.onnx);;BitLens-Projekte (*.bitlens);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="514"/>
        <source>Cannot open test set</source>
        <translation>Testdatensatz kann nicht geöffnet werden</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="527"/>
        <source>Invalid preprocessing</source>
        <translation>Ungültige Vorverarbeitung</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="552"/>
        <source>Export View</source>
        <translation>Ansicht exportieren</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="554"/>
        <source>%1 files (*.%2)</source>
        <translation>%1-Dateien (*.%2)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="560"/>
        <location filename="../app/main_window.cpp" line="589"/>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="562"/>
        <source>Wrote %1</source>
        <translation>%1 geschrieben</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="567"/>
        <source>Export All Views To</source>
        <translation>Alle Ansichten exportieren nach</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/main_window.cpp" line="590"/>
        <source>Wrote %n file(s) to %1</source>
        <translation>
            <numerusform>%n Datei nach %1 geschrieben</numerusform>
            <numerusform>%n Dateien nach %1 geschrieben</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/app_settings.cpp" line="76"/>
        <source>No recent projects</source>
        <translation>Keine zuletzt geöffneten Projekte</translation>
    </message>
    <message>
        <location filename="../app/app_settings.cpp" line="77"/>
        <source>No recent models</source>
        <translation>Keine zuletzt geöffneten Modelle</translation>
    </message>
    <message>
        <location filename="../app/app_settings.cpp" line="81"/>
        <source>Clear List</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <location filename="../app/app_settings.cpp" line="136"/>
        <source>&amp;System Default</source>
        <translation>&amp;Systemstandard</translation>
    </message>
    <message>
        <location filename="../app/app_settings.cpp" line="151"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../app/app_settings.cpp" line="152"/>
        <source>The language takes effect when BitLens is restarted.</source>
        <translation>Die Sprache wird beim nächsten Start von BitLens übernommen.</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="144"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="151"/>
        <source>Open &amp;Sample Model</source>
        <translation>&amp;Beispielmodell öffnen</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="152"/>
        <source>The bundled Fashion-MNIST CNN</source>
        <translation>Das mitgelieferte Fashion-MNIST-CNN</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="171"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="209"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="212"/>
        <source>&amp;About BitLens</source>
        <translation>Ü&amp;ber BitLens</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="213"/>
        <source>About BitLens</source>
        <translation>Über BitLens</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="221"/>
        <source>Quantization</source>
        <translation>Quantisierung</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="241"/>
        <source>Per channel</source>
        <translation>Pro Kanal</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="242"/>
        <source>Per tensor</source>
        <translation>Pro Tensor</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="259"/>
        <source>1 bit</source>
        <translation>1 Bit</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="259"/>
        <source>%1 bits</source>
        <translation>%1 Bit</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="122"/>
        <source>Filter layers (Ctrl+F)</source>
        <translation>Schichten filtern (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="145"/>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="147"/>
        <source>Open an ONNX model or a BitLens project (Ctrl+O); you can also drop one on the window</source>
        <translation>Ein ONNX-Modell oder ein BitLens-Projekt öffnen (Ctrl+O); Sie können es auch auf das Fenster ziehen</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="292"/>
        <source>Scheme </source>
        <translation>Verfahren </translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="323"/>
        <location filename="../app/main_window_report.cpp" line="59"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="492"/>
        <source>The bundled sample could not be unpacked.</source>
        <translation>Das mitgelieferte Beispiel konnte nicht entpackt werden.</translation>
    </message>
    <message>
        <location filename="../app/main_window_plan.cpp" line="38"/>
        <source>The per-layer plan: edit settings, see size, accuracy and confusion update — Ctrl+6</source>
        <translation>Der Plan pro Schicht: Einstellungen bearbeiten und sehen, wie sich Größe, Genauigkeit und Konfusion ändern — Ctrl+6</translation>
    </message>
    <message>
        <location filename="../app/main_window_plan.cpp" line="41"/>
        <source>One layer at a time (QUENN) and the plan&apos;s per-layer activation distance — Ctrl+7</source>
        <translation>Jeweils eine Schicht einzeln (QUENN) und der Aktivierungsabstand des Plans pro Schicht — Ctrl+7</translation>
    </message>
    <message>
        <location filename="../app/main_window_plan.cpp" line="44"/>
        <source>Plans proposed for a size budget and accuracy against size of every plan — Ctrl+8</source>
        <translation>Für ein Größenbudget vorgeschlagene Pläne und die Genauigkeit jedes Plans über seiner Größe — Ctrl+8</translation>
    </message>
    <message>
        <location filename="../app/main_window_plan.cpp" line="54"/>
        <source>&amp;Edit</source>
        <translation>Bearb&amp;eiten</translation>
    </message>
    <message>
        <location filename="../app/main_window_plan.cpp" line="56"/>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <location filename="../app/main_window_plan.cpp" line="58"/>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <location filename="../app/main_window_plan.cpp" line="66"/>
        <source>&lt;opened plan&gt;</source>
        <translation>&lt;geöffneter Plan&gt;</translation>
    </message>
    <message>
        <location filename="../app/main_window_plan.cpp" line="67"/>
        <source>Every edit of the plan; click one to go back to it</source>
        <translation>Jede Änderung am Plan; klicken Sie auf eine, um dorthin zurückzukehren</translation>
    </message>
    <message>
        <location filename="../app/main_window_plan.cpp" line="68"/>
        <source>Undo History</source>
        <translation>Änderungsverlauf</translation>
    </message>
    <message>
        <location filename="../app/main_window_plan.cpp" line="74"/>
        <source>Undo &amp;History</source>
        <translation>Änderungs&amp;verlauf</translation>
    </message>
    <message>
        <location filename="../app/main_window_plan.cpp" line="84"/>
        <source>&amp;Evaluate Plan</source>
        <translation>Plan &amp;auswerten</translation>
    </message>
    <message>
        <location filename="../app/main_window_plan.cpp" line="86"/>
        <source>Accuracy, top-5 and confusion of the current plan on the test set (F6)</source>
        <translation>Genauigkeit, Top-5 und Konfusion des aktuellen Plans auf dem Testdatensatz (F6)</translation>
    </message>
    <message>
        <location filename="../app/main_window_plan.cpp" line="87"/>
        <source>Layer &amp;Sensitivity</source>
        <translation>Schichtse&amp;nsitivität</translation>
    </message>
    <message>
        <location filename="../app/main_window_plan.cpp" line="92"/>
        <source>&amp;Propose Plan for Budget</source>
        <translation>&amp;Plan für Budget vorschlagen</translation>
    </message>
    <message>
        <location filename="../app/main_window_plan.cpp" line="127"/>
        <source>The uniform plans of every compared scheme and width join this view after Run ▸ Accuracy Sweep (F5).</source>
        <translation>Die einheitlichen Pläne aller verglichenen Verfahren und Bitbreiten erscheinen hier nach Ausführen ▸ Genauigkeits-Sweep (F5).</translation>
    </message>
    <message>
        <location filename="../app/main_window_plan.cpp" line="133"/>
        <source>Applied: %1. Undo (Ctrl+Z) goes back to your plan.</source>
        <translation>Angewendet: %1. Rückgängig (Ctrl+Z) stellt Ihren Plan wieder her.</translation>
    </message>
    <message>
        <location filename="../app/main_window_plan.cpp" line="153"/>
        <source>&amp;Save Project</source>
        <translation>Projekt &amp;speichern</translation>
    </message>
    <message>
        <location filename="../app/main_window_plan.cpp" line="160"/>
        <source>Model, test set, preprocessing, plan and view settings as a *.bitlens project (Ctrl+S)</source>
        <translation>Modell, Testdatensatz, Vorverarbeitung, Plan und Ansichtseinstellungen als *.bitlens-Projekt (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../app/main_window_plan.cpp" line="161"/>
        <source>Save Project &amp;As…</source>
        <translation>Projekt speichern &amp;unter…</translation>
    </message>
    <message>
        <location filename="../app/main_window_plan.cpp" line="163"/>
        <source>Recent &amp;Projects</source>
        <translation>Zuletzt geöffnete &amp;Projekte</translation>
    </message>
    <message>
        <location filename="../app/main_window_plan.cpp" line="168"/>
        <source>&amp;Import Plan…</source>
        <translation>Plan &amp;importieren…</translation>
    </message>
    <message>
        <location filename="../app/main_window_plan.cpp" line="169"/>
        <source>Import Plan</source>
        <translation>Plan importieren</translation>
    </message>
    <message>
        <location filename="../app/main_window_plan.cpp" line="170"/>
        <source>BitLens plans (*.bitlens-plan.json *.json);;All files (*)</source>
        <translation>BitLens-Pläne (*.bitlens-plan.json *.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../app/main_window_plan.cpp" line="175"/>
        <source>Replace the plan by one from a *.bitlens-plan.json file (one undo step)</source>
        <translation>Den Plan durch einen aus einer *.bitlens-plan.json-Datei ersetzen (ein Rückgängig-Schritt)</translation>
    </message>
    <message>
        <location filename="../app/main_window_plan.cpp" line="176"/>
        <source>Export P&amp;lan…</source>
        <translation>P&amp;lan exportieren…</translation>
    </message>
    <message>
        <location filename="../app/main_window_plan.cpp" line="177"/>
        <source>Export Plan</source>
        <translation>Plan exportieren</translation>
    </message>
    <message>
        <location filename="../app/main_window_plan.cpp" line="178"/>
        <source>BitLens plans (*.bitlens-plan.json)</source>
        <translation>BitLens-Pläne (*.bitlens-plan.json)</translation>
    </message>
    <message>
        <location filename="../app/main_window_plan.cpp" line="182"/>
        <source>The plan in DESIGN.md&apos;s format, for bitlens-cli eval --plan and export</source>
        <translation>Der Plan im Format aus DESIGN.md, für bitlens-cli eval --plan und export</translation>
    </message>
    <message>
        <location filename="../app/main_window_plan.cpp" line="192"/>
        <source>Save Project</source>
        <translation>Projekt speichern</translation>
    </message>
    <message>
        <location filename="../app/main_window_plan.cpp" line="192"/>
        <source>BitLens projects (*.bitlens)</source>
        <translation>BitLens-Projekte (*.bitlens)</translation>
    </message>
    <message>
        <location filename="../app/main_window_plan.cpp" line="204"/>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <location filename="../app/main_window_plan.cpp" line="205"/>
        <source>The project has unsaved changes. Save them first?</source>
        <translation>Das Projekt hat ungespeicherte Änderungen. Sollen sie zuerst gespeichert werden?</translation>
    </message>
    <message>
        <location filename="../app/main_window_plan.cpp" line="217"/>
        <source>Recover unsaved work?</source>
        <translation>Ungespeicherte Arbeit wiederherstellen?</translation>
    </message>
    <message>
        <location filename="../app/main_window_plan.cpp" line="218"/>
        <source>BitLens did not close normally last time. Open the work it saved automatically?</source>
        <translation>BitLens wurde beim letzten Mal nicht normal beendet. Die automatisch gespeicherte Arbeit öffnen?</translation>
    </message>
    <message>
        <location filename="../app/main_window_grouping.cpp" line="22"/>
        <source>Class hierarchy, suggested groups (dendrogram), grouped confusion and accuracy, Table 2 — Ctrl+9</source>
        <translation>Klassenhierarchie, vorgeschlagene Gruppen (Dendrogramm), gruppierte Konfusion und Genauigkeit, Tabelle 2 — Ctrl+9</translation>
    </message>
    <message>
        <location filename="../app/main_window_grouping.cpp" line="39"/>
        <source>Class groups</source>
        <translation>Klassengruppen</translation>
    </message>
    <message>
        <location filename="../app/main_window_grouping.cpp" line="55"/>
        <location filename="../app/main_window_grouping.cpp" line="77"/>
        <source>Import Class Groups</source>
        <translation>Klassengruppen importieren</translation>
    </message>
    <message>
        <location filename="../app/main_window_grouping.cpp" line="56"/>
        <source>BitLens class groups (*.bitlens-groups.json *.json);;All files (*)</source>
        <translation>BitLens-Klassengruppen (*.bitlens-groups.json *.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../app/main_window_grouping.cpp" line="61"/>
        <location filename="../app/main_window_grouping.cpp" line="66"/>
        <source>Export Class Groups</source>
        <translation>Klassengruppen exportieren</translation>
    </message>
    <message>
        <location filename="../app/main_window_grouping.cpp" line="63"/>
        <source>BitLens class groups (*.bitlens-groups.json)</source>
        <translation>BitLens-Klassengruppen (*.bitlens-groups.json)</translation>
    </message>
    <message>
        <location filename="../app/main_window_report.cpp" line="31"/>
        <location filename="../app/main_window_report.cpp" line="46"/>
        <source>Save the Project the Report Describes</source>
        <translation>Projekt speichern, das der Bericht beschreibt</translation>
    </message>
    <message>
        <location filename="../app/main_window_report.cpp" line="37"/>
        <location filename="../app/main_window_report.cpp" line="78"/>
        <location filename="../app/main_window_report.cpp" line="82"/>
        <source>Write Report</source>
        <translation>Bericht schreiben</translation>
    </message>
    <message>
        <location filename="../app/main_window_report.cpp" line="37"/>
        <source>HTML (*.html)</source>
        <translation>HTML-Dateien (*.html)</translation>
    </message>
    <message>
        <location filename="../app/main_window_report.cpp" line="59"/>
        <source>Computing the report&apos;s figures…</source>
        <translation>Die Abbildungen des Berichts werden berechnet…</translation>
    </message>
    <message>
        <location filename="../app/main_window_report.cpp" line="85"/>
        <source>Wrote the report %1</source>
        <translation>Bericht %1 geschrieben</translation>
    </message>
</context>
<context>
    <name>bitlens::ParetoPlot</name>
    <message>
        <location filename="../widgets/pareto_plot.cpp" line="21"/>
        <source>bits per weight (overhead included)</source>
        <translation>Bit pro Gewicht (einschließlich Overhead)</translation>
    </message>
    <message>
        <location filename="../widgets/pareto_plot.cpp" line="22"/>
        <source>top-1 accuracy (%)</source>
        <translation>Top-1-Genauigkeit (%)</translation>
    </message>
    <message>
        <location filename="../widgets/pareto_plot.cpp" line="44"/>
        <source>proposal</source>
        <translation>Vorschlag</translation>
    </message>
    <message>
        <location filename="../widgets/pareto_plot.cpp" line="45"/>
        <source>your plan</source>
        <translation>Ihr Plan</translation>
    </message>
    <message>
        <location filename="../widgets/pareto_plot.cpp" line="46"/>
        <source>uniform plan</source>
        <translation>einheitlicher Plan</translation>
    </message>
    <message>
        <location filename="../widgets/pareto_plot.cpp" line="60"/>
        <source>Top-1 accuracy against weight size</source>
        <translation>Top-1-Genauigkeit über der Gewichtsgröße</translation>
    </message>
    <message>
        <location filename="../widgets/pareto_plot.cpp" line="74"/>
        <source>Pareto front</source>
        <translation>Pareto-Front</translation>
    </message>
    <message>
        <location filename="../widgets/pareto_plot.cpp" line="87"/>
        <source>proposals</source>
        <translation>Vorschläge</translation>
    </message>
    <message>
        <location filename="../widgets/pareto_plot.cpp" line="88"/>
        <source>your plans</source>
        <translation>Ihre Pläne</translation>
    </message>
    <message>
        <location filename="../widgets/pareto_plot.cpp" line="89"/>
        <source>uniform plans</source>
        <translation>einheitliche Pläne</translation>
    </message>
    <message>
        <location filename="../widgets/pareto_plot.cpp" line="115"/>
        <source>FP32 (%1 %)</source>
        <translation>FP32 (%1 %)</translation>
    </message>
    <message>
        <location filename="../widgets/pareto_plot.cpp" line="122"/>
        <source>plan being edited</source>
        <translation>bearbeiteter Plan</translation>
    </message>
    <message>
        <location filename="../widgets/pareto_plot.cpp" line="177"/>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2)&lt;br&gt;%3 bits per weight = weight bits / parameters&lt;br&gt;size %4 KiB = weight bits / 8 / 1024 (codes and overhead)&lt;br&gt;top-1 %5 %</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (%2)&lt;br&gt;%3 Bit pro Gewicht = Gewichtsbits / Parameter&lt;br&gt;Größe %4 KiB = Gewichtsbits / 8 / 1024 (Codes und Overhead)&lt;br&gt;Top-1 %5 %</translation>
    </message>
    <message>
        <location filename="../widgets/pareto_plot.cpp" line="184"/>
        <source>&lt;br&gt;on the Pareto front: no other plan is as small and more accurate</source>
        <translation>&lt;br&gt;auf der Pareto-Front: kein anderer Plan ist ebenso klein und genauer</translation>
    </message>
    <message>
        <location filename="../widgets/pareto_plot.cpp" line="186"/>
        <source>&lt;br&gt;the plan being edited</source>
        <translation>&lt;br&gt;der bearbeitete Plan</translation>
    </message>
    <message>
        <location filename="../widgets/pareto_plot.cpp" line="188"/>
        <source>&lt;br&gt;FP32 top-1 %1 %</source>
        <translation>&lt;br&gt;FP32 Top-1 %1 %</translation>
    </message>
</context>
<context>
    <name>bitlens::ParetoTab</name>
    <message>
        <location filename="../app/pareto_tab.cpp" line="30"/>
        <source>The size budget: weight bits = Σ (N·n + parameter overhead) must stay within it</source>
        <translation>Das Größenbudget: die Gewichtsbits = Σ (N·n + Parameter-Overhead) dürfen es nicht überschreiten</translation>
    </message>
    <message>
        <location filename="../app/pareto_tab.cpp" line="31"/>
        <source>bits/weight</source>
        <translation>Bit/Gewicht</translation>
    </message>
    <message>
        <location filename="../app/pareto_tab.cpp" line="32"/>
        <source>KiB</source>
        <translation>KiB</translation>
    </message>
    <message>
        <location filename="../app/pareto_tab.cpp" line="33"/>
        <source>bytes</source>
        <translation>Byte</translation>
    </message>
    <message>
        <location filename="../app/pareto_tab.cpp" line="36"/>
        <source>Per channel</source>
        <translation>Pro Kanal</translation>
    </message>
    <message>
        <location filename="../app/pareto_tab.cpp" line="37"/>
        <source>Per tensor</source>
        <translation>Pro Tensor</translation>
    </message>
    <message>
        <location filename="../app/pareto_tab.cpp" line="38"/>
        <source>&amp;Propose Plan</source>
        <translation>Plan v&amp;orschlagen</translation>
    </message>
    <message>
        <location filename="../app/pareto_tab.cpp" line="40"/>
        <source>Measure each layer&apos;s sensitivity at 3 bits, give bits where they lower the output distance most per byte (marginal analysis), evaluate that plan, a weight-SQNR plan and the largest uniform plan within the budget, and apply the most accurate (one undo step)</source>
        <translation>Die Sensitivität jeder Schicht bei 3 Bit messen, Bits dort vergeben, wo sie den Ausgabeabstand pro Byte am stärksten senken (Marginalanalyse), diesen Plan, einen Gewichts-SQNR-Plan und den größten einheitlichen Plan innerhalb des Budgets auswerten und den genauesten anwenden (ein Rückgängig-Schritt)</translation>
    </message>
    <message>
        <location filename="../app/pareto_tab.cpp" line="43"/>
        <source>Proposal &amp;Curve</source>
        <translation>Vorschlagsku&amp;rve</translation>
    </message>
    <message>
        <location filename="../app/pareto_tab.cpp" line="44"/>
        <source>Proposals at the size of every uniform plan from 2 to 8 bits and halfway between the lower ones, each with that uniform plan, shown on the Pareto view (the plan is not changed)</source>
        <translation>Vorschläge in der Größe jedes einheitlichen Plans von 2 bis 8 Bit und auf halbem Weg zwischen den unteren, jeweils mit diesem einheitlichen Plan, in der Pareto-Ansicht (der Plan bleibt unverändert)</translation>
    </message>
    <message>
        <location filename="../app/pareto_tab.cpp" line="57"/>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
</context>
<context>
    <name>bitlens::PlanDistancePlot</name>
    <message>
        <location filename="../widgets/plan_distance_plot.cpp" line="15"/>
        <source>weight layer (graph order)</source>
        <translation>Gewichtsschicht (Reihenfolge im Graphen)</translation>
    </message>
    <message>
        <location filename="../widgets/plan_distance_plot.cpp" line="18"/>
        <source>activation distance</source>
        <translation>Aktivierungsabstand</translation>
    </message>
    <message>
        <location filename="../widgets/plan_distance_plot.cpp" line="19"/>
        <source>relative to the FP32 activation</source>
        <translation>relativ zur FP32-Aktivierung</translation>
    </message>
    <message>
        <location filename="../widgets/plan_distance_plot.cpp" line="45"/>
        <source>the plan</source>
        <translation>Plan</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/plan_distance_plot.cpp" line="46"/>
        <source>Activation distance per layer, FP32 against %1, %n image(s)</source>
        <translation>
            <numerusform>Aktivierungsabstand pro Schicht, FP32 vs. %1, %n Bild</numerusform>
            <numerusform>Aktivierungsabstand pro Schicht, FP32 vs. %1, %n Bilder</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/plan_distance_plot.cpp" line="67"/>
        <source>distance (1/N) Σ ||a_fp32 − a_plan||_F</source>
        <translation>Abstand (1/N) Σ ||a_fp32 − a_plan||_F</translation>
    </message>
    <message>
        <location filename="../widgets/plan_distance_plot.cpp" line="79"/>
        <source>relative: distance / ||a_fp32||_F</source>
        <translation>relativ: Abstand / ||a_fp32||_F</translation>
    </message>
    <message>
        <location filename="../widgets/plan_distance_plot.cpp" line="114"/>
        <source>&lt;b&gt;%1&lt;/b&gt; (layer %2 of %3)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (Schicht %2 von %3)</translation>
    </message>
    <message>
        <location filename="../widgets/plan_distance_plot.cpp" line="119"/>
        <source>&lt;br&gt;distance: %1&lt;br&gt;(1/N) Σ ||a_fp32 − a_plan||_F at the layer&apos;s output, N = %2 images</source>
        <translation>&lt;br&gt;Abstand: %1&lt;br&gt;(1/N) Σ ||a_fp32 − a_plan||_F am Ausgang der Schicht, N = %2 Bilder</translation>
    </message>
    <message>
        <location filename="../widgets/plan_distance_plot.cpp" line="123"/>
        <source>&lt;br&gt;relative to ||a_fp32||_F: %1 (%2 %)</source>
        <translation>&lt;br&gt;relativ zu ||a_fp32||_F: %1 (%2 %)</translation>
    </message>
</context>
<context>
    <name>bitlens::PlanDocument</name>
    <message>
        <location filename="../app/plan_document.cpp" line="34"/>
        <source>sensitivity-weighted</source>
        <translation>nach Sensitivität gewichtet</translation>
    </message>
    <message>
        <location filename="../app/plan_document.cpp" line="36"/>
        <source>weight SQNR only</source>
        <translation>nur Gewichts-SQNR</translation>
    </message>
    <message>
        <location filename="../app/plan_document.cpp" line="39"/>
        <source>uniform %1</source>
        <translation>einheitlich %1</translation>
    </message>
    <message>
        <location filename="../app/plan_document.cpp" line="95"/>
        <source>Apply proposed plan (%1, %2 bits/weight)</source>
        <translation>Vorgeschlagenen Plan anwenden (%1, %2 Bit/Gewicht)</translation>
    </message>
    <message>
        <location filename="../app/plan_document.cpp" line="97"/>
        <source>%1: top-1 %2% at %3 bits/weight</source>
        <translation>%1: Top-1 %2% bei %3 Bit/Gewicht</translation>
    </message>
    <message>
        <location filename="../app/plan_document.cpp" line="108"/>
        <source>Evaluating the plan</source>
        <translation>Plan wird ausgewertet</translation>
    </message>
    <message>
        <location filename="../app/plan_document.cpp" line="109"/>
        <source>Layer sensitivity</source>
        <translation>Schichtsensitivität</translation>
    </message>
    <message>
        <location filename="../app/plan_document.cpp" line="110"/>
        <source>Activation distance of the plan</source>
        <translation>Aktivierungsabstand des Plans</translation>
    </message>
    <message>
        <location filename="../app/plan_document.cpp" line="111"/>
        <source>Proposing a plan</source>
        <translation>Plan wird vorgeschlagen</translation>
    </message>
    <message>
        <location filename="../app/plan_document.cpp" line="222"/>
        <source>Defaults: %1 → %2</source>
        <translation>Standard: %1 → %2</translation>
    </message>
    <message>
        <location filename="../app/plan_document.cpp" line="254"/>
        <source>Preset: all layers 8-bit</source>
        <translation>Vorlage: alle Schichten 8 Bit</translation>
    </message>
    <message>
        <location filename="../app/plan_document.cpp" line="259"/>
        <source>Preset: all layers 4-bit per-channel</source>
        <translation>Vorlage: alle Schichten 4 Bit pro Kanal</translation>
    </message>
    <message>
        <location filename="../app/plan_document.cpp" line="268"/>
        <source>Preset: first and last layer at 8 bits</source>
        <translation>Vorlage: erste und letzte Schicht mit 8 Bit</translation>
    </message>
    <message>
        <location filename="../app/plan_document.cpp" line="483"/>
        <source>plan (first %1 images)</source>
        <translation>Plan (erste %1 Bilder)</translation>
    </message>
    <message>
        <location filename="../app/plan_document.cpp" line="483"/>
        <source>plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location filename="../app/plan_document.cpp" line="485"/>
        <source>FP32 (first %1 images)</source>
        <translation>FP32 (erste %1 Bilder)</translation>
    </message>
    <message>
        <location filename="../app/plan_document.cpp" line="492"/>
        <source>initial plan</source>
        <translation>Ausgangsplan</translation>
    </message>
    <message>
        <location filename="../app/plan_document.cpp" line="528"/>
        <source>uniform %1 %2 %3</source>
        <comment>scheme, granularity, bits: uniform asymmetric per-channel 4-bit</comment>
        <translation>einheitlich %1 %2 %3</translation>
    </message>
    <message>
        <location filename="../app/plan_jobs.cpp" line="49"/>
        <source>Choose a test set first (File ▸ Choose Test Set…, Ctrl+D).</source>
        <translation>Wählen Sie zuerst einen Testdatensatz (Datei ▸ Testdatensatz wählen…, Ctrl+D).</translation>
    </message>
    <message>
        <location filename="../app/plan_jobs.cpp" line="100"/>
        <source>current plan</source>
        <translation>aktueller Plan</translation>
    </message>
</context>
<context>
    <name>bitlens::PlanTab</name>
    <message>
        <location filename="../app/plan_tab.cpp" line="44"/>
        <source>%1 pt</source>
        <comment>percentage points</comment>
        <translation>%1 Pp.</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="52"/>
        <location filename="../app/plan_tab.cpp" line="133"/>
        <location filename="../app/plan_tab.cpp" line="284"/>
        <source>FP32</source>
        <translation>FP32</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="74"/>
        <source>Click to sort; right-click to choose the columns</source>
        <translation>Klicken zum Sortieren; Rechtsklick wählt die Spalten</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="86"/>
        <source>Double-click (F2) a scheme, granularity or bits cell to edit it; select several layers and apply a setting with the controls above</source>
        <translation>Doppelklick (F2) auf eine Zelle für Verfahren, Granularität oder Bit, um sie zu bearbeiten; mehrere Schichten auswählen und mit den Bedienelementen oben eine Einstellung anwenden</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="97"/>
        <source>Scheme to apply to the selected layers</source>
        <translation>Verfahren für die ausgewählten Schichten</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="98"/>
        <source>Per channel</source>
        <translation>Pro Kanal</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="99"/>
        <source>Per tensor</source>
        <translation>Pro Tensor</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="100"/>
        <source>One scale per output channel, or one for the whole tensor</source>
        <translation>Ein Skalierungsfaktor pro Ausgabekanal oder einer für den ganzen Tensor</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="107"/>
        <source>Bits of the selected layers: dragging applies at once and is one undo step</source>
        <translation>Bit-Breite der ausgewählten Schichten: Ziehen wirkt sofort und ergibt einen Rückgängig-Schritt</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="109"/>
        <source>Keep the selected layers in FP32 (32 bits per weight)</source>
        <translation>Die ausgewählten Schichten in FP32 belassen (32 Bit pro Gewicht)</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="110"/>
        <source>&amp;Apply to Selected</source>
        <translation>Auf Auswahl an&amp;wenden</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="111"/>
        <source>Give every selected layer this scheme, granularity and bits: one undo step (Ctrl+Return)</source>
        <translation>Jeder ausgewählten Schicht dieses Verfahren, diese Granularität und Bit-Breite geben: ein Rückgängig-Schritt (Ctrl+Return)</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="116"/>
        <source>Use &amp;Defaults</source>
        <translation>S&amp;tandard verwenden</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="117"/>
        <source>The selected layers follow the plan&apos;s defaults again</source>
        <translation>Die ausgewählten Schichten folgen wieder der Standardeinstellung des Plans</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="118"/>
        <source>Set as D&amp;efaults</source>
        <translation>Als Standard &amp;festlegen</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="119"/>
        <source>Make this setting the plan&apos;s defaults (for every layer without its own)</source>
        <translation>Diese Einstellung zur Standardeinstellung des Plans machen (für jede Schicht ohne eigene Einstellung)</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="121"/>
        <source>&amp;Presets</source>
        <translation>Vor&amp;lagen</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="124"/>
        <source>All layers 8-bit</source>
        <translation>Alle Schichten 8 Bit</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="125"/>
        <source>All layers 4-bit per-channel</source>
        <translation>Alle Schichten 4 Bit pro Kanal</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="127"/>
        <source>First and last layer at 8 bits</source>
        <translation>Erste und letzte Schicht mit 8 Bit</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="130"/>
        <source>Whole-plan starting points, each one undo step</source>
        <translation>Ausgangspunkte für den ganzen Plan, jeweils ein Rückgängig-Schritt</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/plan_tab.cpp" line="133"/>
        <location filename="../app/plan_tab.cpp" line="284"/>
        <source>%n bit(s)</source>
        <translation>
            <numerusform>%n Bit</numerusform>
            <numerusform>%n Bit</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="178"/>
        <source>Weight size = Σ (N·n + parameter overhead) over the layers, FP32 layers at 32 bits; zstd: the packed codes compressed at level 3 (DESIGN.md &quot;Storage&quot;)</source>
        <translation>Gewichtsgröße = Σ (N·n + Parameter-Overhead) über die Schichten, FP32-Schichten mit 32 Bit; zstd: die gepackten Codes, mit Stufe 3 komprimiert (DESIGN.md &quot;Storage&quot;)</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="182"/>
        <source>Top-1: the label is the argmax; top-5: the label&apos;s logit among the five largest. Re-evaluated in the background after every edit: a first estimate on the first images, then the whole test set</source>
        <translation>Top-1: das Label ist der Argmax; Top-5: der Logit des Labels ist unter den fünf größten. Nach jeder Änderung im Hintergrund neu ausgewertet: zuerst eine Schätzung auf den ersten Bildern, dann der ganze Testdatensatz</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="187"/>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="188"/>
        <source>Memory for activations kept between evaluations, so an edit re-runs the model only from the first changed layer on (0: keep none)</source>
        <translation>Speicher für Aktivierungen, die zwischen Auswertungen behalten werden, sodass eine Änderung das Modell erst ab der ersten geänderten Schicht neu rechnet (0: keine behalten)</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="193"/>
        <source>This plan</source>
        <translation>Dieser Plan</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="195"/>
        <source>Size:</source>
        <translation>Größe:</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="196"/>
        <source>Accuracy:</source>
        <translation>Genauigkeit:</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="197"/>
        <source>Activation cache:</source>
        <translation>Aktivierungs-Cache:</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="299"/>
        <source>&lt;b&gt;%1&lt;/b&gt; (codes %2 + overhead %3), zstd %4&lt;br&gt;%5 of FP32&apos;s %6 · &lt;b&gt;%7 bits/weight&lt;/b&gt; · %8 parameters</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (Codes %2 + Overhead %3), zstd %4&lt;br&gt;%5 der %6 von FP32 · &lt;b&gt;%7 Bit/Gewicht&lt;/b&gt; · %8 Parameter</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="311"/>
        <source>top-1 &lt;b&gt;%1%&lt;/b&gt; · top-5 %2%</source>
        <translation>Top-1 &lt;b&gt;%1%&lt;/b&gt; · Top-5 %2%</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="313"/>
        <source>&lt;br&gt;vs FP32: %1 top-1, %2 top-5</source>
        <translation>&lt;br&gt;gegenüber FP32: %1 Top-1, %2 Top-5</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="315"/>
        <source>&lt;br&gt;vs the previous plan: %1 top-1, %2 top-5</source>
        <translation>&lt;br&gt;gegenüber dem vorigen Plan: %1 Top-1, %2 Top-5</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="316"/>
        <source>&lt;br&gt;&lt;i&gt;estimate on the first %1 of %2 images; the full test set follows…&lt;/i&gt;</source>
        <translation>&lt;br&gt;&lt;i&gt;Schätzung auf den ersten %1 von %2 Bildern; der vollständige Testdatensatz folgt…&lt;/i&gt;</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="317"/>
        <source>&lt;br&gt;on all %1 images</source>
        <translation>&lt;br&gt;auf allen %1 Bildern</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="320"/>
        <source>%1 of %2 images started at step %3 of %4 from cached activations; %5 kept; %6 s</source>
        <translation>%1 von %2 Bildern ab Schritt %3 von %4 aus zwischengespeicherten Aktivierungen gestartet; %5 behalten; %6 s</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="327"/>
        <source>computed from the first layer; %1 kept; %2 s</source>
        <translation>ab der ersten Schicht berechnet; %1 behalten; %2 s</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="334"/>
        <source>&lt;i&gt;evaluating…&lt;/i&gt;</source>
        <translation>&lt;i&gt;wird ausgewertet…&lt;/i&gt;</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="334"/>
        <source>&lt;i&gt;choose a test set (Ctrl+D) to see the accuracy&lt;/i&gt;</source>
        <translation>&lt;i&gt;wählen Sie einen Testdatensatz (Ctrl+D), um die Genauigkeit zu sehen&lt;/i&gt;</translation>
    </message>
    <message>
        <location filename="../app/plan_tab.cpp" line="340"/>
        <source>&lt;br&gt;&lt;i&gt;stopped (Esc): the next edit, or Run ▸ Evaluate Plan (F6), evaluates again&lt;/i&gt;</source>
        <translation>&lt;br&gt;&lt;i&gt;angehalten (Esc): die nächste Änderung oder Ausführen ▸ Plan auswerten (F6) wertet erneut aus&lt;/i&gt;</translation>
    </message>
</context>
<context>
    <name>bitlens::PlanTableDelegate</name>
    <message>
        <location filename="../widgets/plan_table_delegate.cpp" line="54"/>
        <source>FP32</source>
        <translation>FP32</translation>
    </message>
</context>
<context>
    <name>bitlens::PlanTableModel</name>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="105"/>
        <location filename="../widgets/plan_table_model.cpp" line="110"/>
        <source>FP32</source>
        <translation>FP32</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="111"/>
        <source>exact</source>
        <translation>exakt</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="140"/>
        <source>%1 holds NaN or Inf values: it stays FP32 whatever the plan says.</source>
        <translation>%1 enthält NaN- oder Inf-Werte: die Schicht bleibt FP32, unabhängig vom Plan.</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="144"/>
        <source>%1, from the plan&apos;s defaults</source>
        <translation>%1, aus der Standardeinstellung des Plans</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="145"/>
        <source>%1, set for this layer</source>
        <translation>%1, für diese Schicht festgelegt</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="149"/>
        <source>N·n + overhead = %1 code bits + %2 overhead bits</source>
        <translation>N·n + Overhead = %1 Code-Bits + %2 Overhead-Bits</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="152"/>
        <source>%1 bytes</source>
        <translation>%1 Byte</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="155"/>
        <source>Kept FP32: no quantization error</source>
        <translation>In FP32 belassen: kein Quantisierungsfehler</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="156"/>
        <source>SQNR_dB = 10·log10(Σx² / Σ(x − x̂)²) over the whole tensor</source>
        <translation>SQNR_dB = 10·log10(Σx² / Σ(x − x̂)²) über den ganzen Tensor</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="157"/>
        <source>Reconstructed exactly: Σ(x − x̂)² = 0</source>
        <translation>Exakt rekonstruiert: Σ(x − x̂)² = 0</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="161"/>
        <source>Not measured yet: run the sensitivity analysis</source>
        <translation>Noch nicht gemessen: führen Sie die Sensitivitätsanalyse aus</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="162"/>
        <source>Only this layer quantized: top-1 %1 %, top-5 %2 %, top-1 drop %3 points, output distance %4</source>
        <translation>Nur diese Schicht quantisiert: Top-1 %1 %, Top-5 %2 %, Top-1-Verlust %3 Prozentpunkte, Ausgabeabstand %4</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="168"/>
        <source>(1/N) Σ ||a_fp32 − a_plan||_F = %1</source>
        <translation>(1/N) Σ ||a_fp32 − a_plan||_F = %1</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="169"/>
        <source>Not measured yet</source>
        <translation>Noch nicht gemessen</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="216"/>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="217"/>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="218"/>
        <source>Op</source>
        <translation>Op</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="219"/>
        <source>Shape</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="220"/>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="221"/>
        <source>Scheme</source>
        <translation>Verfahren</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="222"/>
        <source>Granularity</source>
        <translation>Granularität</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="223"/>
        <source>Bits</source>
        <translation>Bit</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="224"/>
        <source>Size (KiB)</source>
        <translation>Größe (KiB)</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="225"/>
        <source>zstd (KiB)</source>
        <translation>zstd (KiB)</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="226"/>
        <source>SQNR (dB)</source>
        <translation>SQNR (dB)</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="227"/>
        <source>Sensitivity (points)</source>
        <translation>Sensitivität (Punkte)</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="228"/>
        <source>Output distance</source>
        <translation>Ausgabeabstand</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="229"/>
        <source>Plan distance</source>
        <translation>Planabstand</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="235"/>
        <source>The weight tensor&apos;s name</source>
        <translation>Der Name des Gewichtstensors</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="236"/>
        <source>The node that consumes the weight</source>
        <translation>Der Knoten, der das Gewicht verwendet</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="237"/>
        <source>The weight tensor&apos;s dimensions</source>
        <translation>Die Dimensionen des Gewichtstensors</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="238"/>
        <source>N, the number of weights</source>
        <translation>N, die Anzahl der Gewichte</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="242"/>
        <source>The layer&apos;s setting (double-click to edit); in italics when it comes from the plan&apos;s defaults. Bits 1 to 16, or FP32 to keep the layer unquantized</source>
        <translation>Die Einstellung der Schicht (Doppelklick zum Bearbeiten); kursiv, wenn sie aus der Standardeinstellung des Plans stammt. 1 bis 16 Bit oder FP32, um die Schicht unquantisiert zu lassen</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="244"/>
        <source>Size = N·n + overhead (scales, zero points, centroids), in KiB; FP32: 32·N bits</source>
        <translation>Größe = N·n + Overhead (Skalierungsfaktoren, Zero-Points, Zentroide), in KiB; FP32: 32·N Bit</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="245"/>
        <source>The packed n-bit codes compressed with zstd level 3, in KiB; FP32: 4·N bytes</source>
        <translation>Die gepackten n-Bit-Codes, mit zstd Stufe 3 komprimiert, in KiB; FP32: 4·N Byte</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="246"/>
        <source>SQNR_dB = 10·log10(Σx² / Σ(x − x̂)²) over the whole tensor; exact: no error</source>
        <translation>SQNR_dB = 10·log10(Σx² / Σ(x − x̂)²) über den ganzen Tensor; exakt: kein Fehler</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="248"/>
        <source>Top-1 drop in percentage points with only this layer quantized at the analysis setting, every other layer FP32</source>
        <translation>Top-1-Verlust in Prozentpunkten, wenn nur diese Schicht mit der Analyse-Einstellung quantisiert ist und alle anderen Schichten FP32 bleiben</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="251"/>
        <source>QUENN eq. 1 with only this layer quantized: (1/N) Σ ||y_fp32 − y_q||_F on the model&apos;s output</source>
        <translation>QUENN Gl. 1 mit nur dieser Schicht quantisiert: (1/N) Σ ||y_fp32 − y_q||_F am Ausgang des Modells</translation>
    </message>
    <message>
        <location filename="../widgets/plan_table_model.cpp" line="254"/>
        <source>The whole plan&apos;s activation distance at this layer&apos;s output: (1/N) Σ ||a_fp32 − a_plan||_F (QUENN Figure 6)</source>
        <translation>Der Aktivierungsabstand des ganzen Plans am Ausgang dieser Schicht: (1/N) Σ ||a_fp32 − a_plan||_F (QUENN, Abbildung 6)</translation>
    </message>
</context>
<context>
    <name>bitlens::PlotWidget</name>
    <message>
        <location filename="../widgets/plot_widget.cpp" line="34"/>
        <source>Wheel: zoom · drag: pan · double-click: reset view</source>
        <translation>Mausrad: zoomen · Ziehen: verschieben · Doppelklick: Ansicht zurücksetzen</translation>
    </message>
    <message>
        <location filename="../widgets/plot_widget.cpp" line="108"/>
        <source>%1: the view has nothing to export yet</source>
        <translation>%1: die Ansicht hat noch nichts zu exportieren</translation>
    </message>
</context>
<context>
    <name>bitlens::ProjectSession</name>
    <message>
        <location filename="../app/project_session.cpp" line="158"/>
        <location filename="../app/project_session.cpp" line="163"/>
        <source>Cannot save project</source>
        <translation>Projekt kann nicht gespeichert werden</translation>
    </message>
    <message>
        <location filename="../app/project_session.cpp" line="158"/>
        <location filename="../app/project_session.cpp" line="314"/>
        <source>Open a model first.</source>
        <translation>Öffnen Sie zuerst ein Modell.</translation>
    </message>
    <message>
        <location filename="../app/project_session.cpp" line="173"/>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <location filename="../app/project_session.cpp" line="181"/>
        <location filename="../app/project_session.cpp" line="197"/>
        <location filename="../app/project_session.cpp" line="242"/>
        <location filename="../app/project_session.cpp" line="254"/>
        <location filename="../app/project_session.cpp" line="265"/>
        <source>Cannot open project</source>
        <translation>Projekt kann nicht geöffnet werden</translation>
    </message>
    <message>
        <location filename="../app/project_session.cpp" line="198"/>
        <source>%1: model: %2 does not exist. Locate the model file to open the project with it (saving then stores the new location).</source>
        <translation>%1: Modell: %2 existiert nicht. Suchen Sie die Modelldatei, um das Projekt damit zu öffnen (Speichern merkt sich dann den neuen Ort).</translation>
    </message>
    <message>
        <location filename="../app/project_session.cpp" line="201"/>
        <source>Locate Model…</source>
        <translation>Modell suchen…</translation>
    </message>
    <message>
        <location filename="../app/project_session.cpp" line="205"/>
        <source>Locate %1</source>
        <translation>%1 suchen</translation>
    </message>
    <message>
        <location filename="../app/project_session.cpp" line="207"/>
        <source>ONNX models (*.onnx);;All files (*)</source>
        <translation>ONNX-Modelle (*.onnx);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../app/project_session.cpp" line="242"/>
        <source>%1: preprocessing: %2</source>
        <translation>%1: preprocessing: %2</translation>
    </message>
    <message>
        <location filename="../app/project_session.cpp" line="255"/>
        <source>%1: plan.layers: %2 not a weight layer of the model; the plan was not loaded</source>
        <translation>%1: plan.layers: keine Gewichtsschicht des Modells: %2; der Plan wurde nicht geladen</translation>
    </message>
    <message>
        <location filename="../app/project_session.cpp" line="266"/>
        <source>%1: groups: %2; the groups were not loaded</source>
        <translation>%1: groups: %2; die Gruppen wurden nicht geladen</translation>
    </message>
    <message>
        <location filename="../app/project_session.cpp" line="292"/>
        <source>Opened %1 with the model %2; save to keep the new location</source>
        <translation>%1 mit dem Modell %2 geöffnet; speichern, um den neuen Ort zu behalten</translation>
    </message>
    <message>
        <location filename="../app/project_session.cpp" line="303"/>
        <source>Model changed</source>
        <translation>Modell geändert</translation>
    </message>
    <message>
        <location filename="../app/project_session.cpp" line="304"/>
        <source>%1 was saved for a model with sha256 %2…, but %3 has sha256 %4…. Layer names are checked; accuracies and sizes may differ from those recorded.</source>
        <translation>%1 wurde für ein Modell mit sha256 %2… gespeichert, aber %3 hat sha256 %4…. Die Schichtnamen werden geprüft; Genauigkeiten und Größen können von den gespeicherten Werten abweichen.</translation>
    </message>
    <message>
        <location filename="../app/project_session.cpp" line="314"/>
        <location filename="../app/project_session.cpp" line="319"/>
        <source>Cannot import plan</source>
        <translation>Plan kann nicht importiert werden</translation>
    </message>
    <message>
        <location filename="../app/project_session.cpp" line="323"/>
        <source>Import plan %1</source>
        <translation>Plan %1 importieren</translation>
    </message>
    <message>
        <location filename="../app/project_session.cpp" line="332"/>
        <source>Cannot export plan</source>
        <translation>Plan kann nicht exportiert werden</translation>
    </message>
    <message>
        <location filename="../app/project_session.cpp" line="335"/>
        <source>Wrote %1</source>
        <translation>%1 geschrieben</translation>
    </message>
    <message>
        <location filename="../app/project_session.cpp" line="358"/>
        <source>Autosave failed: %1</source>
        <translation>Automatisches Speichern fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>bitlens::QuartilePlot</name>
    <message>
        <location filename="../widgets/quartile_plot.cpp" line="18"/>
        <source>Outliers</source>
        <translation>Ausreißer</translation>
    </message>
    <message>
        <location filename="../widgets/quartile_plot.cpp" line="18"/>
        <source>Means</source>
        <translation>Mittelwerte</translation>
    </message>
    <message>
        <location filename="../widgets/quartile_plot.cpp" line="21"/>
        <source>Page of output channels (Page Up / Page Down)</source>
        <translation>Seite der Ausgabekanäle (Page Up / Page Down)</translation>
    </message>
    <message>
        <location filename="../widgets/quartile_plot.cpp" line="23"/>
        <source>%1 channels</source>
        <translation>%1 Kanäle</translation>
    </message>
    <message>
        <location filename="../widgets/quartile_plot.cpp" line="25"/>
        <source>Output channels per page</source>
        <translation>Ausgabekanäle pro Seite</translation>
    </message>
    <message>
        <location filename="../widgets/quartile_plot.cpp" line="27"/>
        <source>Values beyond the whiskers (1.5 IQR from the box, Tukey)</source>
        <translation>Werte jenseits der Whisker (1,5 IQR von der Box, Tukey)</translation>
    </message>
    <message>
        <location filename="../widgets/quartile_plot.cpp" line="29"/>
        <source>The channel&apos;s mean, as a cross</source>
        <translation>Der Mittelwert des Kanals, als Kreuz</translation>
    </message>
    <message>
        <location filename="../widgets/quartile_plot.cpp" line="30"/>
        <source>Page</source>
        <translation>Seite</translation>
    </message>
    <message>
        <location filename="../widgets/quartile_plot.cpp" line="52"/>
        <source>output channel</source>
        <translation>Ausgabekanal</translation>
    </message>
    <message>
        <location filename="../widgets/quartile_plot.cpp" line="53"/>
        <source>weight value</source>
        <translation>Gewichtswert</translation>
    </message>
    <message>
        <location filename="../widgets/quartile_plot.cpp" line="101"/>
        <source>of %1 (channels %2-%3 of %4)</source>
        <translation>von %1 (Kanäle %2-%3 von %4)</translation>
    </message>
    <message>
        <location filename="../widgets/quartile_plot.cpp" line="123"/>
        <source>%1: per-channel quartiles, FP32 and %2</source>
        <translation>%1: Quartile pro Kanal, FP32 und %2</translation>
    </message>
    <message>
        <location filename="../widgets/quartile_plot.cpp" line="213"/>
        <source>&lt;b&gt;%1&lt;/b&gt;, channel %2 (%3 values)&lt;br&gt;max %4&lt;br&gt;upper whisker %5&lt;br&gt;Q3 %6&lt;br&gt;median %7&lt;br&gt;Q1 %8&lt;br&gt;lower whisker %9&lt;br&gt;min %10&lt;br&gt;mean %11&lt;br&gt;outliers: %12 below, %13 above</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;, Kanal %2 (%3 Werte)&lt;br&gt;Max %4&lt;br&gt;oberer Whisker %5&lt;br&gt;Q3 %6&lt;br&gt;Median %7&lt;br&gt;Q1 %8&lt;br&gt;unterer Whisker %9&lt;br&gt;Min %10&lt;br&gt;Mittelwert %11&lt;br&gt;Ausreißer: %12 darunter, %13 darüber</translation>
    </message>
</context>
<context>
    <name>bitlens::SchemeLabels</name>
    <message>
        <location filename="../widgets/display_labels.h" line="26"/>
        <source>Uniform asymmetric (affine)</source>
        <translation>Uniform asymmetrisch (affin)</translation>
    </message>
    <message>
        <location filename="../widgets/display_labels.h" line="27"/>
        <source>Uniform symmetric</source>
        <translation>Uniform symmetrisch</translation>
    </message>
    <message>
        <location filename="../widgets/display_labels.h" line="28"/>
        <source>Power-of-two (logarithmic)</source>
        <translation>Zweierpotenzen (logarithmisch)</translation>
    </message>
    <message>
        <location filename="../widgets/display_labels.h" line="29"/>
        <source>Dynamic fixed point</source>
        <translation>Dynamisches Festkomma</translation>
    </message>
    <message>
        <location filename="../widgets/display_labels.h" line="30"/>
        <source>K-means (weight sharing)</source>
        <translation>K-Means (geteilte Gewichte)</translation>
    </message>
    <message>
        <location filename="../widgets/display_labels.h" line="31"/>
        <source>Gaussian (Lloyd-Max)</source>
        <translation>Gaußsch (Lloyd-Max)</translation>
    </message>
    <message>
        <location filename="../widgets/display_labels.h" line="32"/>
        <source>8-bit float E4M3</source>
        <translation>8-Bit-Gleitkomma E4M3</translation>
    </message>
    <message>
        <location filename="../widgets/display_labels.h" line="33"/>
        <source>8-bit float E5M2</source>
        <translation>8-Bit-Gleitkomma E5M2</translation>
    </message>
    <message>
        <location filename="../widgets/display_labels.h" line="34"/>
        <source>6-bit float E3M2</source>
        <translation>6-Bit-Gleitkomma E3M2</translation>
    </message>
    <message>
        <location filename="../widgets/display_labels.h" line="35"/>
        <source>6-bit float E2M3</source>
        <translation>6-Bit-Gleitkomma E2M3</translation>
    </message>
    <message>
        <location filename="../widgets/display_labels.h" line="36"/>
        <source>4-bit float E2M1</source>
        <translation>4-Bit-Gleitkomma E2M1</translation>
    </message>
    <message>
        <location filename="../widgets/display_labels.h" line="37"/>
        <source>4-bit NormalFloat (QLoRA)</source>
        <translation>4-Bit-NormalFloat (QLoRA)</translation>
    </message>
    <message>
        <location filename="../widgets/display_labels.h" line="38"/>
        <source>MX 8-bit integer (MXINT8)</source>
        <translation>MX-8-Bit-Ganzzahl (MXINT8)</translation>
    </message>
    <message>
        <location filename="../widgets/display_labels.h" line="39"/>
        <source>ggml 4-bit blocks (Q4_0)</source>
        <translation>ggml-4-Bit-Blöcke (Q4_0)</translation>
    </message>
    <message>
        <location filename="../widgets/display_labels.h" line="40"/>
        <source>ggml 8-bit blocks (Q8_0)</source>
        <translation>ggml-8-Bit-Blöcke (Q8_0)</translation>
    </message>
</context>
<context>
    <name>bitlens::SensitivityPlot</name>
    <message>
        <location filename="../widgets/sensitivity_plot.cpp" line="51"/>
        <source>top-1 drop (percentage points)</source>
        <translation>Top-1-Verlust (Prozentpunkte)</translation>
    </message>
    <message>
        <location filename="../widgets/sensitivity_plot.cpp" line="52"/>
        <source>output distance (QUENN eq. 1)</source>
        <translation>Ausgabeabstand (QUENN Gl. 1)</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/sensitivity_plot.cpp" line="90"/>
        <source>Sensitivity: one layer at a time at %1, others FP32, %n image(s)</source>
        <translation>
            <numerusform>Sensitivität: jeweils eine Schicht mit %1, übrige FP32, %n Bild</numerusform>
            <numerusform>Sensitivität: jeweils eine Schicht mit %1, übrige FP32, %n Bilder</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/sensitivity_plot.cpp" line="145"/>
        <source>&lt;b&gt;%1&lt;/b&gt; (rank %2 of %3)&lt;br&gt;top-1 %4 %, top-5 %5 % (FP32 top-1 %6 %)&lt;br&gt;top-1 drop: %7 percentage points&lt;br&gt;output distance: %8&lt;br&gt;(1/N) Σ ||y_fp32 − y_q||_F over N = %9 images, only this layer at %10</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (Rang %2 von %3)&lt;br&gt;Top-1 %4 %, Top-5 %5 % (FP32 Top-1 %6 %)&lt;br&gt;Top-1-Verlust: %7 Prozentpunkte&lt;br&gt;Ausgabeabstand: %8&lt;br&gt;(1/N) Σ ||y_fp32 − y_q||_F über N = %9 Bilder, nur diese Schicht mit %10</translation>
    </message>
</context>
<context>
    <name>bitlens::SensitivityTab</name>
    <message>
        <location filename="../app/sensitivity_tab.cpp" line="27"/>
        <source>Per channel</source>
        <translation>Pro Kanal</translation>
    </message>
    <message>
        <location filename="../app/sensitivity_tab.cpp" line="28"/>
        <source>Per tensor</source>
        <translation>Pro Tensor</translation>
    </message>
    <message>
        <location filename="../app/sensitivity_tab.cpp" line="31"/>
        <source> bits</source>
        <translation> Bit</translation>
    </message>
    <message>
        <location filename="../app/sensitivity_tab.cpp" line="36"/>
        <source>&amp;Measure Sensitivity</source>
        <translation>Sensitivität &amp;messen</translation>
    </message>
    <message>
        <location filename="../app/sensitivity_tab.cpp" line="38"/>
        <source>Quantize one layer at a time at this setting, every other layer FP32: top-1 drop and output distance (1/N) Σ ||y_fp32 − y_q||_F (QUENN eq. 1). Esc cancels</source>
        <translation>Jeweils eine Schicht mit dieser Einstellung quantisieren, alle anderen Schichten FP32: Top-1-Verlust und Ausgabeabstand (1/N) Σ ||y_fp32 − y_q||_F (QUENN Gl. 1). Esc bricht ab</translation>
    </message>
    <message>
        <location filename="../app/sensitivity_tab.cpp" line="40"/>
        <source>Activation &amp;Distance of the Plan</source>
        <translation>Ak&amp;tivierungsabstand des Plans</translation>
    </message>
    <message>
        <location filename="../app/sensitivity_tab.cpp" line="42"/>
        <source>FP32 and the whole current plan on the same images: at each layer&apos;s output, (1/N) Σ ||a_fp32 − a_plan||_F (QUENN Figure 6)</source>
        <translation>FP32 und der ganze aktuelle Plan auf denselben Bildern: am Ausgang jeder Schicht (1/N) Σ ||a_fp32 − a_plan||_F (QUENN, Abbildung 6)</translation>
    </message>
    <message>
        <location filename="../app/sensitivity_tab.cpp" line="52"/>
        <source>One layer at a time at</source>
        <translation>Jeweils eine Schicht mit</translation>
    </message>
</context>
<context>
    <name>bitlens::TestSetDialog</name>
    <message>
        <location filename="../app/test_set_dialog.cpp" line="26"/>
        <source>Test Set and Preprocessing</source>
        <translation>Testdatensatz und Vorverarbeitung</translation>
    </message>
    <message>
        <location filename="../app/test_set_dialog.cpp" line="32"/>
        <source>x = (u8/255 − mean) / std, per input channel: one value, or one per channel</source>
        <translation>x = (u8/255 − mean) / std, pro Eingabekanal: ein Wert oder einer pro Kanal</translation>
    </message>
    <message>
        <location filename="../app/test_set_dialog.cpp" line="35"/>
        <source>A folder (MNIST-style IDX files, images.npy + labels.npy, or one sub-folder per class), a file, or a dataset.json card</source>
        <translation>Ein Ordner (IDX-Dateien im MNIST-Stil, images.npy + labels.npy oder ein Unterordner pro Klasse), eine Datei oder eine dataset.json-Karte</translation>
    </message>
    <message>
        <location filename="../app/test_set_dialog.cpp" line="37"/>
        <source>Folder…</source>
        <translation>Ordner…</translation>
    </message>
    <message>
        <location filename="../app/test_set_dialog.cpp" line="38"/>
        <source>File…</source>
        <translation>Datei…</translation>
    </message>
    <message>
        <location filename="../app/test_set_dialog.cpp" line="40"/>
        <source>Test Set Folder</source>
        <translation>Testdatensatz-Ordner</translation>
    </message>
    <message>
        <location filename="../app/test_set_dialog.cpp" line="45"/>
        <source>Test Set File</source>
        <translation>Testdatensatz-Datei</translation>
    </message>
    <message>
        <location filename="../app/test_set_dialog.cpp" line="46"/>
        <source>Datasets (*.json *.npy *.gz *-ubyte);;All files (*)</source>
        <translation>Datensätze (*.json *.npy *.gz *-ubyte);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../app/test_set_dialog.cpp" line="56"/>
        <source>&amp;Test set:</source>
        <translation>&amp;Testdatensatz:</translation>
    </message>
    <message>
        <location filename="../app/test_set_dialog.cpp" line="59"/>
        <source>Contents:</source>
        <translation>Inhalt:</translation>
    </message>
    <message>
        <location filename="../app/test_set_dialog.cpp" line="59"/>
        <source>none chosen</source>
        <translation>keiner gewählt</translation>
    </message>
    <message>
        <location filename="../app/test_set_dialog.cpp" line="60"/>
        <source>&amp;Mean:</source>
        <translation>&amp;Mittelwert:</translation>
    </message>
    <message>
        <location filename="../app/test_set_dialog.cpp" line="61"/>
        <source>&amp;Std:</source>
        <translation>&amp;Std:</translation>
    </message>
    <message>
        <location filename="../app/test_set_dialog.cpp" line="62"/>
        <source>Source:</source>
        <translation>Quelle:</translation>
    </message>
</context>
<context>
    <name>bitlens::WorkbenchDocument</name>
    <message>
        <location filename="../app/workbench_document.cpp" line="64"/>
        <source>Loading was cancelled.</source>
        <translation>Das Laden wurde abgebrochen.</translation>
    </message>
    <message>
        <location filename="../app/workbench_document.cpp" line="111"/>
        <source>Quantizing layers</source>
        <translation>Schichten werden quantisiert</translation>
    </message>
    <message>
        <location filename="../app/workbench_document.cpp" line="112"/>
        <source>Computing layer views</source>
        <translation>Schichtansichten werden berechnet</translation>
    </message>
    <message>
        <location filename="../app/workbench_document.cpp" line="113"/>
        <source>Computing bit efficiency</source>
        <translation>Bit-Effizienz wird berechnet</translation>
    </message>
    <message>
        <location filename="../app/workbench_document.cpp" line="114"/>
        <source>Accuracy sweep</source>
        <translation>Genauigkeits-Sweep</translation>
    </message>
    <message>
        <location filename="../app/workbench_document.cpp" line="115"/>
        <source>Evaluating FP32 and quantized</source>
        <translation>FP32 und quantisiertes Modell werden ausgewertet</translation>
    </message>
    <message>
        <location filename="../app/workbench_document.cpp" line="238"/>
        <source>Loading %1</source>
        <translation>%1 wird geladen</translation>
    </message>
    <message>
        <location filename="../app/workbench_document.cpp" line="442"/>
        <source>%1, %2 images</source>
        <translation>%1, %2 Bilder</translation>
    </message>
    <message>
        <location filename="../app/workbench_document.cpp" line="464"/>
        <source>std: every value must be a positive number</source>
        <translation>std: jeder Wert muss eine positive Zahl sein</translation>
    </message>
    <message>
        <location filename="../app/workbench_document.cpp" line="471"/>
        <source>mean and std need 1 or %1 values (one per input channel)</source>
        <translation>mean und std brauchen 1 oder %1 Werte (einen pro Eingabekanal)</translation>
    </message>
    <message>
        <location filename="../app/workbench_document.cpp" line="477"/>
        <source>set by the user</source>
        <translation>vom Benutzer festgelegt</translation>
    </message>
    <message>
        <location filename="../app/workbench_document.cpp" line="559"/>
        <source>Choose a test set first (File ▸ Choose Test Set…, Ctrl+D).</source>
        <translation>Wählen Sie zuerst einen Testdatensatz (Datei ▸ Testdatensatz wählen…, Ctrl+D).</translation>
    </message>
</context>
<context>
    <name>bitlens::WorkbenchViews</name>
    <message>
        <location filename="../app/workbench_views.cpp" line="28"/>
        <location filename="../app/workbench_views.cpp" line="251"/>
        <source>Run Sweep</source>
        <translation>Sweep starten</translation>
    </message>
    <message>
        <location filename="../app/workbench_views.cpp" line="32"/>
        <source>&amp;Quartiles</source>
        <translation>&amp;Quartile</translation>
    </message>
    <message>
        <location filename="../app/workbench_views.cpp" line="33"/>
        <source>Per-channel box plots, FP32 beside each scheme (paper Figure 1) — Ctrl+1</source>
        <translation>Boxplots pro Kanal, FP32 neben jedem Verfahren (Paper, Abbildung 1) — Ctrl+1</translation>
    </message>
    <message>
        <location filename="../app/workbench_views.cpp" line="47"/>
        <source>&amp;Histograms</source>
        <translation>&amp;Histogramme</translation>
    </message>
    <message>
        <location filename="../app/workbench_views.cpp" line="48"/>
        <source>FP32 and quantized values on shared bins: schemes at the chosen bits, and the chosen scheme across 2-8 bits (paper Figure 2) — Ctrl+2</source>
        <translation>FP32- und quantisierte Werte auf gemeinsamen Bins: die Verfahren bei der gewählten Bit-Breite und das gewählte Verfahren über 2-8 Bit (Paper, Abbildung 2) — Ctrl+2</translation>
    </message>
    <message>
        <location filename="../app/workbench_views.cpp" line="56"/>
        <source>&amp;Bit Efficiency</source>
        <translation>&amp;Bit-Effizienz</translation>
    </message>
    <message>
        <location filename="../app/workbench_views.cpp" line="57"/>
        <source>SQNR and the five bit-efficiency metrics against bits, with the Gaussian limits; per-channel SQNR distribution — Ctrl+3</source>
        <translation>SQNR und die fünf Bit-Effizienz-Metriken über der Bit-Breite, mit den Gaußschen Grenzen; Verteilung des SQNR pro Kanal — Ctrl+3</translation>
    </message>
    <message>
        <location filename="../app/workbench_views.cpp" line="63"/>
        <source>Top-1</source>
        <translation>Top-1</translation>
    </message>
    <message>
        <location filename="../app/workbench_views.cpp" line="64"/>
        <source>Top-5</source>
        <translation>Top-5</translation>
    </message>
    <message>
        <location filename="../app/workbench_views.cpp" line="65"/>
        <source>Weight size</source>
        <translation>Gewichtsgröße</translation>
    </message>
    <message>
        <location filename="../app/workbench_views.cpp" line="66"/>
        <source>What the table&apos;s cells show; the tooltip of a cell shows all three</source>
        <translation>Was die Tabellenzellen zeigen; der Tooltip einer Zelle zeigt alle drei Werte</translation>
    </message>
    <message>
        <location filename="../app/workbench_views.cpp" line="67"/>
        <source>Evaluate every compared scheme at 2-8 bits on the test set (F5); Esc cancels</source>
        <translation>Jedes verglichene Verfahren bei 2-8 Bit auf dem Testdatensatz auswerten (F5); Esc bricht ab</translation>
    </message>
    <message>
        <location filename="../app/workbench_views.cpp" line="76"/>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <location filename="../app/workbench_views.cpp" line="84"/>
        <source>&amp;Accuracy</source>
        <translation>&amp;Genauigkeit</translation>
    </message>
    <message>
        <location filename="../app/workbench_views.cpp" line="85"/>
        <source>Top-1 and weight size per scheme and bit-width (paper Table 1) and accuracy against bits (Figure 4) — Ctrl+4</source>
        <translation>Top-1 und Gewichtsgröße pro Verfahren und Bit-Breite (Paper, Tabelle 1) sowie Genauigkeit über der Bit-Breite (Abbildung 4) — Ctrl+4</translation>
    </message>
    <message>
        <location filename="../app/workbench_views.cpp" line="90"/>
        <source>&amp;Confusion</source>
        <translation>&amp;Konfusion</translation>
    </message>
    <message>
        <location filename="../app/workbench_views.cpp" line="91"/>
        <source>Confusion matrices of FP32 and the chosen setting, and their difference (paper Figure 3) — Ctrl+5</source>
        <translation>Konfusionsmatrizen von FP32 und der gewählten Einstellung sowie ihre Differenz (Paper, Abbildung 3) — Ctrl+5</translation>
    </message>
    <message>
        <location filename="../app/workbench_views.cpp" line="152"/>
        <source>%1 holds NaN or Inf values: it is excluded from quantization, so these views have nothing to show for it.</source>
        <translation>%1 enthält NaN- oder Inf-Werte: die Schicht ist von der Quantisierung ausgeschlossen, daher zeigen diese Ansichten für sie nichts an.</translation>
    </message>
    <message>
        <location filename="../app/workbench_views.cpp" line="168"/>
        <source>%1: FP32 and %2 on shared bins</source>
        <translation>%1: FP32 und %2 auf gemeinsamen Bins</translation>
    </message>
    <message>
        <location filename="../app/workbench_views.cpp" line="170"/>
        <source>%1: %2 across bit-widths, FP32 shaded</source>
        <translation>%1: %2 über Bit-Breiten, FP32 schattiert</translation>
    </message>
    <message>
        <location filename="../app/workbench_views.cpp" line="196"/>
        <source>Open a model (File ▸ Open…, Ctrl+O) or the bundled sample (File ▸ Open Sample Model).</source>
        <translation>Öffnen Sie ein Modell (Datei ▸ Öffnen…, Strg+O) oder das mitgelieferte Beispiel (Datei ▸ Beispielmodell öffnen).</translation>
    </message>
    <message>
        <location filename="../app/workbench_views.cpp" line="197"/>
        <source>Computing the views of the selected layer…</source>
        <translation>Die Ansichten der gewählten Schicht werden berechnet…</translation>
    </message>
    <message>
        <location filename="../app/workbench_views.cpp" line="200"/>
        <source>This view needs a labelled test set: choose one with File ▸ Choose Test Set… (Ctrl+D).</source>
        <translation>Diese Ansicht braucht einen gelabelten Testdatensatz: wählen Sie einen mit Datei ▸ Testdatensatz wählen… (Strg+D).</translation>
    </message>
    <message>
        <location filename="../app/workbench_views.cpp" line="203"/>
        <source>No %1 sweep yet. Run Sweep (F5) evaluates every compared scheme at 2-8 bits, %1, and fills Table 1 and this curve.</source>
        <translation>Noch kein Sweep %1. „Sweep starten“ (F5) wertet jedes verglichene Verfahren mit 2–8 Bit aus, %1, und füllt Tabelle 1 und diese Kurve.</translation>
    </message>
    <message>
        <location filename="../app/workbench_views.cpp" line="208"/>
        <source>Evaluating FP32 and the toolbar&apos;s setting on the test set…</source>
        <translation>FP32 und die Einstellung der Werkzeugleiste werden auf dem Testdatensatz ausgewertet…</translation>
    </message>
    <message>
        <location filename="../app/workbench_views.cpp" line="213"/>
        <source>Computing the confusion of %1…</source>
        <translation>Die Konfusionsmatrix von %1 wird berechnet…</translation>
    </message>
    <message>
        <location filename="../app/workbench_views.cpp" line="238"/>
        <source>%1 → %2: %3 → %4</source>
        <translation>%1 → %2: %3 → %4</translation>
    </message>
    <message>
        <location filename="../app/workbench_views.cpp" line="243"/>
        <source>Quantization adds no confusion between classes.</source>
        <translation>Die Quantisierung fügt keine Verwechslungen zwischen Klassen hinzu.</translation>
    </message>
    <message>
        <location filename="../app/workbench_views.cpp" line="244"/>
        <source>&lt;b&gt;Most increased confusions&lt;/b&gt; (true → predicted: FP32 → quantized): </source>
        <translation>&lt;b&gt;Am stärksten gestiegene Verwechslungen&lt;/b&gt; (wahr → vorhergesagt: FP32 → quantisiert): </translation>
    </message>
    <message>
        <location filename="../app/workbench_views.cpp" line="251"/>
        <source>Sweep running… (Esc cancels)</source>
        <translation>Sweep läuft… (Esc bricht ab)</translation>
    </message>
</context>
</TS>

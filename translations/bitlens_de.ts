<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
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
        <location filename="../widgets/layer_table_model.cpp" line="69"/>
        <source>SQNR_dB = 10 log10(sum x^2 / sum (x - x^)^2) over the whole tensor</source>
        <translation>SQNR_dB = 10 log10(Summe x^2 / Summe (x - x^)^2) über den ganzen Tensor</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="71"/>
        <source>Output-channel axis %1</source>
        <translation>Ausgabekanal-Achse %1</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="81"/>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="82"/>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="83"/>
        <source>Op</source>
        <translation>Op</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="84"/>
        <source>Shape</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="85"/>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="86"/>
        <source>Min</source>
        <translation>Min</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="87"/>
        <source>Max</source>
        <translation>Max</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="88"/>
        <source>Std</source>
        <translation>Std</translation>
    </message>
    <message>
        <location filename="../widgets/layer_table_model.cpp" line="89"/>
        <source>SQNR (dB)</source>
        <translation>SQNR (dB)</translation>
    </message>
</context>
<context>
    <name>bitlens::MainWindow</name>
    <message>
        <location filename="../app/main_window.cpp" line="34"/>
        <source>BitLens</source>
        <translation>BitLens</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="54"/>
        <source>BitLens — %1</source>
        <translation>BitLens — %1</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="57"/>
        <location filename="../app/main_window.cpp" line="187"/>
        <source>Cannot open model</source>
        <translation>Modell kann nicht geöffnet werden</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="65"/>
        <source>Weight layers: %1, parameters: %2</source>
        <translation>Gewichtsschichten: %1, Parameter: %2</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="87"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="88"/>
        <source>&amp;Open Model…</source>
        <translation>Modell ö&amp;ffnen…</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="90"/>
        <source>Open an ONNX model (Ctrl+O)</source>
        <translation>Ein ONNX-Modell öffnen (Strg+O)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="91"/>
        <source>Open &amp;Sample Model</source>
        <translation>&amp;Beispielmodell öffnen</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="92"/>
        <source>The bundled Fashion-MNIST CNN</source>
        <translation>Das mitgelieferte Fashion-MNIST-CNN</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="94"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="97"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="98"/>
        <source>&amp;About BitLens</source>
        <translation>Ü&amp;ber BitLens</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="99"/>
        <source>About BitLens</source>
        <translation>Über BitLens</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="100"/>
        <source>&lt;b&gt;BitLens&lt;/b&gt; shows what quantization does to a trained network, layer by layer, and lets you hand-tune it.</source>
        <translation>&lt;b&gt;BitLens&lt;/b&gt; zeigt Schicht für Schicht, was Quantisierung mit einem trainierten Netz macht, und lässt Sie sie von Hand abstimmen.</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="107"/>
        <source>Quantization</source>
        <translation>Quantisierung</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="118"/>
        <source>Per channel</source>
        <translation>Pro Kanal</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="119"/>
        <source>Per tensor</source>
        <translation>Pro Tensor</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="122"/>
        <source>1 bit</source>
        <translation>1 Bit</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="122"/>
        <source>%1 bits</source>
        <translation>%1 Bit</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="125"/>
        <source>Filter layers (Ctrl+F)</source>
        <translation>Schichten filtern (Strg+F)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="132"/>
        <source>Scheme </source>
        <translation>Verfahren </translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="151"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="152"/>
        <source>Stop the running job (Esc)</source>
        <translation>Laufende Berechnung anhalten (Esc)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="175"/>
        <source>Open Model</source>
        <translation>Modell öffnen</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="176"/>
        <source>ONNX models (*.onnx);;All files (*)</source>
        <translation>ONNX-Modelle (*.onnx);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="187"/>
        <source>The bundled sample could not be unpacked.</source>
        <translation>Das mitgelieferte Beispiel konnte nicht entpackt werden.</translation>
    </message>
</context>
<context>
    <name>bitlens::WorkbenchDocument</name>
    <message>
        <location filename="../app/workbench_document.cpp" line="15"/>
        <source>Loading was cancelled.</source>
        <translation>Das Laden wurde abgebrochen.</translation>
    </message>
    <message>
        <location filename="../app/workbench_document.cpp" line="30"/>
        <source>Quantizing layers</source>
        <translation>Schichten werden quantisiert</translation>
    </message>
    <message>
        <location filename="../app/workbench_document.cpp" line="60"/>
        <source>Loading %1</source>
        <translation>%1 wird geladen</translation>
    </message>
</context>
</TS>

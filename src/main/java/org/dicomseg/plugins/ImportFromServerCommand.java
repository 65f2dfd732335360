package org.dicomseg.plugins;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import ij.IJ;
import ij.Macro;
import ij.plugin.PlugIn;

import org.dicomseg.ij.ServerRegistry;
import org.dicomseg.ij.ui.CommandErrors;
import org.dicomseg.ij.ui.CommandForm;
import org.dicomseg.ij.ui.FormField;
import org.dicomseg.options.ImportOptions;
import org.dicomseg.options.MacroKeys;
import org.dicomseg.options.OptionValues;
import org.dicomseg.web.DicomJson;
import org.dicomseg.web.DicomWebClient;
import org.dicomseg.web.DicomWebUrl;
import org.dicomseg.web.RemoteFiles;

/**
 * File &gt; Import &gt; DICOM SEG from Server...: chooses a server kept by Servers..., searches its
 * segmentations by patient and/or study (QIDO-RS), lists them with their segment labels (from WADO-RS
 * metadata), and opens the chosen one like Import SEG... (hyperstack, label image or ROIs),
 * optionally with its source series (retrieved into a temporary folder). The SEG is retrieved into
 * a temporary file that is deleted after reading. Macro:
 * {@code run("DICOM SEG from Server...", "server=orthanc seg=[URL or series UID] output=hyperstack");}
 * — {@code seg} is a series or instance URL, a path below the server's base
 * ({@code studies/…/series/…}), or a SEG series' UID as the list shows it.
 */
public class ImportFromServerCommand implements PlugIn {
    /** Dialog and error title. */
    public static final String TITLE = "DICOM SEG from Server";

    static CommandForm searchForm() {
        List<String> names = ServerRegistry.names();
        CommandForm f = new CommandForm(TITLE + "...");
        f.add(names.isEmpty() ? FormField.string(MacroKeys.SERVER, "Server (add one with Servers...)", "", 16)
                : FormField.choice(MacroKeys.SERVER, "Server", names, names.get(0)));
        return f.add(FormField.string(MacroKeys.PATIENT, "Patient ID (blank = any)", "", 20))
                .add(FormField.string(MacroKeys.STUDY, "Study Instance UID (blank = any)", "", 40))
                .add(FormField.choice(MacroKeys.OUTPUT, "Output", ImportOptions.Output.choices(), ImportOptions.Output.HYPERSTACK.choice()))
                .add(FormField.string(MacroKeys.SEGMENTS, "Segments (blank = all, e.g. 1,3-5)", "", 12))
                .add(FormField.checkbox(MacroKeys.OPEN_SOURCE, "Open_source series as well (retrieved from the server)", false));
    }

    @Override
    public void run(String arg) {
        CommandErrors.run(TITLE, () -> {
            CommandForm form = searchForm();
            if (!form.show()) return;
            ServerRegistry.Server server = ServerRegistry.get(form.string(MacroKeys.SERVER));
            if (!server.isDicomWeb()) throw new IllegalArgumentException("Server '" + server.name() + "' is " + server.url()
                    + ": SEGs are searched and opened over DICOMweb (an http(s) URL)");
            DicomWebUrl base = DicomWebUrl.parse(server.url());
            DicomWebClient client = ServerRegistry.settings(server, null).client(base);
            String options = Macro.getOptions();
            String segText = options != null ? Macro.getValue(options, MacroKeys.SEG, "") : "";
            if (segText.isEmpty()) segText = choose(client, base, form.string(MacroKeys.PATIENT), form.string(MacroKeys.STUDY));
            if (segText == null) return;
            DicomWebUrl seg = RemoteFiles.segmentationOf(client, resolve(client, base, segText));
            Map<String, String> values = new LinkedHashMap<>(form.values());
            Path sourceFolder = null;
            if (form.flag(MacroKeys.OPEN_SOURCE)) {
                sourceFolder = retrieveSources(client, seg);
                values.put(MacroKeys.SOURCE_FOLDER, sourceFolder.toString());
            }
            ImportOptions o = ImportOptions.of(OptionValues.of(values));
            IJ.showStatus(TITLE + ": retrieving " + seg.describe());
            org.dicomseg.ij.IjProgress progress = org.dicomseg.ij.IjProgress.start(TITLE + ": retrieving (Esc cancels)");
            Path file;
            try {
                file = RemoteFiles.retrieveToTempFile(client, seg, progress);
            } finally {
                progress.done();
            }
            try {
                ImportSegCommand.importFile(file, o, seg.instance());
            } finally {
                Files.deleteIfExists(file);
            }
        });
    }

    /** GUI: the SEGs found, with their labels, to choose from; null when cancelled. */
    private static String choose(DicomWebClient client, DicomWebUrl base, String patient, String study) throws Exception {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("Modality", "SEG");
        if (!patient.isBlank()) q.put("PatientID", patient.trim());
        if (!study.isBlank()) q.put("StudyInstanceUID", study.trim());
        q.put("includefield", "0008103E,00100020");
        List<String> items = new ArrayList<>();
        for (JsonObject o : client.search(null, "series", q)) {
            String st = DicomJson.string(o, "0020000D");
            String se = DicomJson.string(o, "0020000E");
            if (st == null || se == null || items.size() >= 200) continue;
            items.add(se + " | " + nz(DicomJson.string(o, "00100020")) + " | " + nz(DicomJson.string(o, "0008103E")) + " | "
                    + labels(client, DicomWebUrl.of(base.base(), st, se, null)));
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException("No segmentations on " + base.base() + (patient.isBlank() ? "" : " for patient " + patient)
                    + (study.isBlank() ? "" : " in study " + study));
        }
        CommandForm pick = new CommandForm(TITLE + "...")
                .add(FormField.message(items.size() + " segmentation series (series UID | patient | description | segment labels)"))
                .add(FormField.choice(MacroKeys.SEG, "Seg", items, items.get(0)));
        return pick.show() ? pick.string(MacroKeys.SEG) : null;
    }

    /** The segment labels of the SEG series {@code url}, from its metadata (Segment Sequence, PS3.3 C.8.20.2). */
    static String labels(DicomWebClient client, DicomWebUrl url) {
        try {
            List<JsonObject> m = client.metadata(url);
            List<String> labels = new ArrayList<>();
            JsonArray seq = m.isEmpty() ? null : DicomJson.values(m.get(0), "00620002");
            if (seq != null) {
                for (JsonElement e : seq) if (e.isJsonObject()) labels.add(nz(DicomJson.string(e.getAsJsonObject(), "00620005")));
            }
            return String.join(", ", labels);
        } catch (java.io.IOException e) {
            return "(labels not available)";
        }
    }

    /** A URL, a path below the base, or a series UID (first field of a list item) → the series or instance URL. */
    static DicomWebUrl resolve(DicomWebClient client, DicomWebUrl base, String text) throws Exception {
        String t = text.trim();
        if (DicomWebUrl.isUrl(t)) return DicomWebUrl.parse(t);
        if (t.startsWith("studies/") || t.startsWith("/studies/")) return DicomWebUrl.parse(base.base() + (t.startsWith("/") ? "" : "/") + t);
        String uid = t.split("\\s*\\|", 2)[0].trim();
        for (JsonObject o : client.search(null, "series", Map.of("SeriesInstanceUID", uid))) {
            String st = DicomJson.string(o, "0020000D");
            if (st != null) return DicomWebUrl.of(base.base(), st, uid, null);
        }
        throw new IllegalArgumentException("No series " + uid + " on " + base.base());
    }

    /** Retrieves the series the SEG references (Referenced Series Sequence) into a temporary folder. */
    private static Path retrieveSources(DicomWebClient client, DicomWebUrl seg) throws Exception {
        List<JsonObject> m = client.metadata(seg);
        JsonArray refs = m.isEmpty() ? null : DicomJson.values(m.get(0), "00081115");
        if (refs == null || refs.size() == 0 || !refs.get(0).isJsonObject()) {
            throw new IllegalArgumentException("The SEG " + seg + " names no referenced series to open");
        }
        String series = DicomJson.string(refs.get(0).getAsJsonObject(), "0020000E");
        Path dir = Files.createTempDirectory("dicomseg-source-");
        dir.toFile().deleteOnExit();
        IJ.showStatus(TITLE + ": retrieving source series " + series);
        for (Path f : client.retrieveSeries(DicomWebUrl.of(seg.base(), seg.study(), series, null), dir, null)) f.toFile().deleteOnExit();
        return dir;
    }

    private static String nz(String s) { return s == null ? "" : s; }
}

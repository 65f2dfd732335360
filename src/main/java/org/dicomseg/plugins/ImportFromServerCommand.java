package org.dicomseg.plugins;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
            if (segText.isEmpty()) segText = choose(client, form.string(MacroKeys.PATIENT), form.string(MacroKeys.STUDY));
            if (segText == null) return;
            RemoteFiles.FoundSeg found = RemoteFiles.findSegmentation(client, RemoteFiles.resolve(client, segText));
            DicomWebUrl seg = found.url();
            Map<String, String> values = new LinkedHashMap<>(form.values());
            Path sourceFolder = null;
            if (form.flag(MacroKeys.OPEN_SOURCE)) {
                sourceFolder = retrieveSources(client, seg);
                values.put(MacroKeys.SOURCE_FOLDER, sourceFolder.toString());
            }
            ImportOptions o = ImportOptions.of(OptionValues.of(values));
            boolean someFramesOnly = !form.string(MacroKeys.SEGMENTS).isBlank() || !values.getOrDefault(MacroKeys.IMPORT_REGION, "").isBlank();
            org.dicomseg.read.SegmentationReader frames = org.dicomseg.read.DicomWebSegmentation.framesOnDemand(client, seg, someFramesOnly,
                    found.frameBytes());
            if (frames != null) {
                ImportSegCommand.importReader(frames, o, seg.instance());
                return;
            }
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
    private static String choose(DicomWebClient client, String patient, String study) throws Exception {
        List<String> items = new ArrayList<>();
        for (RemoteFiles.SegSeries s : RemoteFiles.findSegmentations(client, patient, study, 200)) items.add(s.listItem());
        if (items.isEmpty()) {
            throw new IllegalArgumentException("No segmentations on " + client.base() + (patient.isBlank() ? "" : " for patient " + patient)
                    + (study.isBlank() ? "" : " in study " + study));
        }
        CommandForm pick = new CommandForm(TITLE + "...")
                .add(FormField.message(items.size() + " segmentation series (series UID | patient | description | segment labels)"))
                .add(FormField.choice(MacroKeys.SEG, "Seg", items, items.get(0)));
        return pick.show() ? pick.string(MacroKeys.SEG) : null;
    }

    /** Retrieves the series the SEG references into a temporary folder (deleted when ImageJ exits). */
    private static Path retrieveSources(DicomWebClient client, DicomWebUrl seg) throws Exception {
        Path dir = Files.createTempDirectory("dicomseg-source-");
        dir.toFile().deleteOnExit();
        IJ.showStatus(TITLE + ": retrieving the source series");
        for (Path f : RemoteFiles.retrieveReferencedSeries(client, seg, dir, null)) f.toFile().deleteOnExit();
        return dir;
    }
}

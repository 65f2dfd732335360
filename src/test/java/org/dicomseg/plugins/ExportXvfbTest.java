package org.dicomseg.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.Shared;
import org.dicomseg.testing.XvfbImageJ;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands as users meet them, in a real ImageJ under Xvfb: our jar (classes + plugins.config)
 * in ImageJ's plugins folder, commands called by their menu names. (1) A GUI session fills in the
 * real dialogs with the Recorder open; the recorded lines, replayed by {@code ImageJ -batch}, give
 * SEGs identical to the GUI's apart from UIDs and dates. (2) The runnable macros in macros/ run in
 * batch mode and print their sentinels. The exit code of ImageJ is always 0, so success is judged
 * by the printed sentinels, the files and the conformance gate; every run has a timeout.
 */
class ExportXvfbTest {
    static final Path SAMPLES = Paths.get("sample-images").toAbsolutePath();
    static final Path MACROS = Paths.get("macros").toAbsolutePath();
    @TempDir static Path work;
    static Path ijDir;

    @BeforeAll static void imageJWithOurJar() throws Exception {
        ijDir = Files.createDirectories(work.resolve("ImageJ"));
        Path plugins = Files.createDirectories(ijDir.resolve("plugins"));
        Path classes = Paths.get(ExportLabelImageCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.exists(classes.resolve("plugins.config")), "plugins.config is packaged with the classes");
        try (OutputStream os = Files.newOutputStream(plugins.resolve("DICOM_SEG.jar")); JarOutputStream jar = new JarOutputStream(os);
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                jar.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                jar.write(Files.readAllBytes(f));
                jar.closeEntry();
            }
        }
    }

    static List<String> batch(Path macro, String argument, int seconds) throws Exception {
        String out = XvfbImageJ.java(List.of("ij.ImageJ", "-ijpath", ijDir.toString(), "-batch", macro.toString(), argument)).timeout(seconds).run();
        return List.of(out.split("\r?\n"));
    }

    /** dcmdump of a file without what differs between two writes of the same content: UIDs, dates, times, lengths. */
    static List<String> normalizedDump(Path f) throws Exception {
        Process p = new ProcessBuilder("dcmdump", "+L", "-q", f.toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        List<String> out = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            String t = line.trim();
            if (t.matches("\\([0-9a-f]{4},[0-9a-f]{4}\\) (UI|DA|TM|DT) .*") || t.startsWith("(0002,0000)")) continue;
            int c = t.lastIndexOf(" #");
            out.add(c > 0 ? t.substring(0, c).trim() : t);
        }
        return out;
    }

    @Test void guiRecordingReplaysToIdenticalSegs() throws Exception {
        Path out = Files.createDirectories(work.resolve("gui"));
        Shared.assumePresent();
        String log = XvfbImageJ.java(List.of(XvfbExportDriver.class.getName(), ijDir.toString(), SAMPLES.toString(), out.toString(),
                Shared.root().resolve("terminology").toString())).timeout(240).run();
        assertTrue(log.contains("DRIVER_DONE"), "GUI session did not finish:\n" + log);
        assertTrue(log.contains("MENU Export Label Image as SEG... = org.dicomseg.plugins.ExportLabelImageCommand"), log);
        assertTrue(log.contains("MENU Export ROIs as SEG... = org.dicomseg.plugins.ExportRoisCommand"), log);
        // File > Save As > "DICOM SEG... " (trailing space) is the exporter; File > Import > "DICOM SEG..." the importer
        assertTrue(log.contains("MENU [DICOM SEG... ] = org.dicomseg.plugins.ExportLabelImageCommand(\"save\")"), log);
        assertTrue(log.contains("MENU [DICOM SEG...] = org.dicomseg.plugins.ImportSegCommand"), log);
        // Picking a category in the GUI narrows the type list to that category's types.
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("CHOICE type=Liver items=(\\d+)").matcher(log);
        assertTrue(m.find(), log);
        int typeItems = Integer.parseInt(m.group(1));
        Path terms = Shared.root().resolve("terminology");
        org.dicomseg.model.codes.TerminologyCatalog guiTerms = org.dicomseg.ij.ui.SegmentTerminologies.check(
                terms.resolve("SegmentationCategoryTypeModifier-DICOM-Master.json").toString(),
                terms.resolve("AnatomicRegionAndModifier-DICOM-Master.json").toString());
        assertTrue(typeItems > 10 && typeItems < org.dicomseg.ij.ui.SegmentEditForm.typesOfCategory(guiTerms, "no such").length,
                "type items " + typeItems + " of " + guiTerms);
        String[] guiFiles = {"gui-labels.dcm", "gui-labels-meta.dcm", "gui-rois.dcm"};
        for (String g : guiFiles) Conformance.assertConformant(out.resolve(g));

        // Help opens the command's page, shipped in the plugin, in ImageJ's HTML viewer
        for (String page : new String[] {"HELP 'DICOM SEG Options Help'", "HELP 'Export Label Image as SEG... Help'",
                "HELP 'Export ROIs as SEG... Help'", "HELP 'Segment Metadata... Help'", "HELP 'Segment Metadata (segment 1) Help'"}) {
            assertTrue(log.contains(page), page + "\n" + log);
        }
        assertTrue(log.contains("starts: DICOM SEG Options..."), log);
        // every path field of the export dialog has a Browse button whose chooser starts where the field points
        assertTrue(log.contains("BROWSE Export Label Image as SEG... field='' chooser=JDialog 'Export Label Image as SEG...: source'"),
                "Source: a chooser of folders and files\n" + log);
        assertTrue(log.contains("field='" + SAMPLES.resolve("labels-seg.dcm") + "'") && log.contains("'Export Label Image as SEG...: out' starts="
                + SAMPLES), "Out: a save chooser in the suggested file's folder\n" + log);
        assertTrue(log.contains("'Export Label Image as SEG...: meta'"), log);
        // the import dialog remembers the last SEG, and its chooser starts in that folder
        assertTrue(log.contains("IMPORT_REMEMBERS " + out.resolve("gui-labels.dcm")), log);
        assertTrue(log.contains("CHOOSER_STARTS " + out) , log);
        // Options... is "Options... " (ours); ImageJ's Process > Binary > Options... is left as it was
        assertTrue(log.contains("MENU [Options... ] = org.dicomseg.plugins.OptionsCommand"), log);
        assertTrue(log.contains("MENU [Options...] = ij.plugin.filter.Binary(\"options\")"), log);
        // the search box lists the matching types of the built-in tables and the lab's terminology file named in
        // Options... (Hyoid bone is only in the file); picking one sets the file's recommended colour
        assertTrue(org.dicomseg.model.codes.TerminologyCatalog.builtIn().search("hyoid", 5).isEmpty(), "only in the lab's file");
        assertTrue(log.contains("SEARCH hyoid items=1 first=Hyoid bone"), log);
        java.util.regex.Matcher abdom = java.util.regex.Pattern.compile("SEARCH abdom items=(\\d+)").matcher(log);
        assertTrue(abdom.find() && Integer.parseInt(abdom.group(1))
                > org.dicomseg.model.codes.TerminologyCatalog.builtIn().searchRegions("abdom", 500).size() + 1, "the file's regions too:\n" + log);
        assertTrue(log.contains("COLOR_FIELD #fad28b"), "dcmqi's colour for Hyoid bone (250,210,139):\n" + log);
        // a cancelled and a failed command are not recorded; the error dialog's lines are wrapped
        assertTrue(log.contains("CANCELLED Export Label Image as SEG..."), log);
        assertTrue(log.contains("FAILURES_RECORDED false"), log);
        m = java.util.regex.Pattern.compile("ERROR_DIALOG width=(\\d+) longest=(\\d+) lines=(\\d+)").matcher(log);
        assertTrue(m.find(), log);
        assertTrue(Integer.parseInt(m.group(2)) <= org.dicomseg.ij.ui.CommandErrors.WIDTH && Integer.parseInt(m.group(3)) > 1,
                "error lines wrapped: " + m.group());
        assertTrue(Integer.parseInt(m.group(1)) < 1000, "error dialog width: " + m.group());
        System.out.println(m.group());

        String text = Files.readString(out.resolve("recorded.ijm"));
        assertTrue(!text.contains(ij.IJ.getVersion()) && !text.contains("software=[0") && !text.contains("ImageJ 1."),
                "no version frozen into the recorded lines:\n" + text);
        List<String> recorded = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("run(\"Export ") || line.startsWith("run(\"Segment Metadata...\"") || line.startsWith("run(\"Options... \"")) {
                recorded.add(line);
            }
        }
        recorded.forEach(System.out::println);
        assertEquals(7, recorded.size(), "one recorded line per command, none for the cancelled or failed one:\n" + String.join("\n", recorded));
        assertTrue(recorded.get(0).replace("[", "").contains("terminology=" + terms.resolve("SegmentationCategoryTypeModifier-DICOM-Master.json"))
                && recorded.get(0).replace("[", "").contains("anatomic=" + terms.resolve("AnatomicRegionAndModifier-DICOM-Master.json")),
                "the lab's files are kept: " + recorded.get(0));
        assertTrue(recorded.get(0).startsWith("run(\"Options... \"") && recorded.get(0).contains("series=[GUI labels]")
                && recorded.get(0).contains("manufacturer=[GUI lab]") && recorded.get(0).contains("software=[]"), recorded.get(0));
        assertTrue(!recorded.get(1).contains("overwrite") && recorded.get(6).endsWith(" overwrite\");"),
                "agreeing to replace the file is recorded: " + recorded.get(6));
        assertTrue(recorded.get(1).contains("source=") && recorded.get(1).contains("compression=rle")
                && !recorded.get(1).contains("series=") && !recorded.get(1).contains("software="),
                "the export records the essentials; series and equipment come from Options...: " + recorded.get(1));
        assertTrue(recorded.get(2).contains("action=edit") && recorded.get(2).contains("label=Liver")
                && recorded.get(2).contains("category=[Anatomical Structure]") && recorded.get(2).contains("tracking_id=liver-1")
                && recorded.get(2).contains("color=#a0522d"), "both dialogs in one line: " + recorded.get(2));
        assertTrue(recorded.get(3).contains("segment=2") && recorded.get(3).contains("type=[Hyoid bone]") && recorded.get(3).contains("region=Abdomen")
                && recorded.get(3).contains("category=[Anatomical Structure]") && recorded.get(3).contains("color=#fad28b"),
                "picking a found type selected its category (segment 2 was Tissue) and colour: " + recorded.get(3));
        assertTrue(recorded.get(4).contains("segmentation=LABELMAP") && recorded.get(4).contains(" palette"), recorded.get(4));
        assertTrue(normalizedDump(out.resolve("gui-labels-meta.dcm")).stream().anyMatch(l -> l.contains("PALETTE COLOR")),
                "the palette checkbox gives a PALETTE COLOR label map");
        assertTrue(recorded.get(5).contains("grouping=name") && recorded.get(5).contains(" keep"), recorded.get(5));

        StringBuilder macro = new StringBuilder();
        macro.append("open(\"").append(SAMPLES.resolve("labels.tif")).append("\");\n");
        for (String line : recorded) {
            if (line.startsWith("run(\"Export ROIs")) {
                macro.append("roiManager(\"reset\");\nroiManager(\"Open\", \"").append(SAMPLES.resolve("RoiSet.zip")).append("\");\n");
            }
            macro.append(line.replace("gui-", "replay-")).append('\n');
        }
        macro.append("print(\"REPLAY_DONE\");\n");
        Path replay = work.resolve("replay.ijm");
        Files.writeString(replay, macro.toString());
        List<String> rlog = batch(replay, "", 180);
        assertTrue(rlog.contains("REPLAY_DONE"), "replay did not finish:\n" + String.join("\n", rlog));
        assertTrue(rlog.stream().noneMatch(l -> l.contains("ERROR")), String.join("\n", rlog));
        for (String g : guiFiles) {
            Path r = out.resolve(g.replace("gui-", "replay-"));
            Conformance.assertConformant(r);
            List<String> a = normalizedDump(out.resolve(g)), b = normalizedDump(r);
            assertTrue(a.size() > 50, "dump of " + g);
            assertEquals(a, b, g + " and its replay differ beyond UIDs and dates");
        }
    }

    @Test void runnableMacrosWorkInBatchMode() throws Exception {
        Path out = Files.createDirectories(work.resolve("macros"));
        String arg = Paths.get("").toAbsolutePath() + "|" + out;
        List<String> labels = batch(MACROS.resolve("export_labels.ijm"), arg, 180);
        assertTrue(labels.contains("EXPORT_LABELS_DONE"), String.join("\n", labels));
        List<String> rois = batch(MACROS.resolve("export_rois.ijm"), arg, 180);
        assertTrue(rois.contains("EXPORT_ROIS_DONE"), String.join("\n", rois));
        for (String f : new String[] {"labels-binary.dcm", "labels-labelmap-rle.dcm", "labels-enhanced.dcm", "rois-by-name.dcm", "rois-each.dcm"}) {
            assertTrue(Files.size(out.resolve(f)) > 1000, f);
        }
        Conformance.assertConformant(out.resolve("labels-binary.dcm"), out.resolve("labels-labelmap-rle.dcm"),
                out.resolve("labels-enhanced.dcm"), out.resolve("rois-by-name.dcm"), out.resolve("rois-each.dcm"));
        String json = Files.readString(out.resolve("labels-meta.json"));
        assertTrue(json.contains("\"Vertebra\"") && json.contains("\"Liver\""), json);
        assertTrue(normalizedDump(out.resolve("labels-labelmap-rle.dcm")).stream().anyMatch(l -> l.contains("[Phantom labels]")));
    }

}

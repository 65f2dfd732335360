package org.dicomseg.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No input of {@code dicomseg export} can be its output: the label image, the RoiSet.zip, the
 * metadata JSON and the source images are refused as {@code --out} even with {@code --overwrite},
 * however the path is spelt (as given, relative, through {@code ..}, through a symbolic link to the
 * file or to its folder, a hard link), and the input is left byte for byte as it was; {@code import}
 * likewise for the SEG. The rule lives in one place, {@code AtomicOutput.checkNotAnInput} /
 * {@code isSameFile}. Fixture: the committed sample images (a 5-slice CT series, its labels,
 * RoiSet.zip and metadata), copied.
 */
class CliInputIsNotOutputTest {
    @TempDir
    Path tmp;

    private String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {String.valueOf(status), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    /** The spellings of {@code f} (inside {@code tmp/in}) from the working folder's point of view. */
    private List<String> spellings(Path f) throws Exception {
        Path cwd = Paths.get("").toAbsolutePath();
        List<String> s = new ArrayList<>();
        s.add(f.toString());
        s.add(cwd.relativize(f).toString());
        s.add(f.getParent().resolve("../in/./" + f.getFileName()).toString());
        Path link = Files.createSymbolicLink(tmp.resolve("link-" + f.getFileName()), f);
        s.add(link.toString());
        Path dirLink = tmp.resolve("dirlink");
        if (!Files.exists(dirLink)) Files.createSymbolicLink(dirLink, f.getParent());
        s.add(dirLink.resolve(f.getFileName()).toString());
        Path hard = Files.createLink(tmp.resolve("hard-" + f.getFileName()), f);
        s.add(hard.toString());
        return s;
    }

    @Test
    void noExportInputCanBeTheOutputHoweverSpelt() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path labels = Files.copy(Paths.get("sample-images/labels.tif"), in.resolve("labels.tif"));
        Path rois = Files.copy(Paths.get("sample-images/RoiSet.zip"), in.resolve("RoiSet.zip"));
        Path meta = Files.copy(Paths.get("sample-images/labels-meta.json"), in.resolve("meta.json"));
        String ct = Paths.get("sample-images/ct").toAbsolutePath().toString();
        Path oneSource;
        try (var s = Files.list(Paths.get("sample-images/ct"))) {
            oneSource = s.sorted().findFirst().orElseThrow().toAbsolutePath();
        }
        byte[][] before = {Files.readAllBytes(labels), Files.readAllBytes(rois), Files.readAllBytes(meta), Files.readAllBytes(oneSource)};

        for (String out : spellings(labels)) {
            String[] r = run("export", "--labels", labels.toString(), "--source", ct, "--meta", meta.toString(), "--out", out, "--overwrite");
            assertEquals("1", r[0], r[2]);
            assertTrue(r[2].startsWith("dicomseg: Output " + out + " is the label image (--labels)"), r[2]);
        }
        for (String out : spellings(rois)) {
            String[] r = run("export", "--rois", rois.toString(), "--source", ct, "--out", out, "--overwrite");
            assertEquals("1", r[0], r[2]);
            assertTrue(r[2].contains("is the ROI set (--rois)"), r[2]);
        }
        for (String out : spellings(meta)) {
            String[] r = run("export", "--labels", labels.toString(), "--source", ct, "--meta", meta.toString(), "--out", out, "--overwrite");
            assertEquals("1", r[0], r[2]);
            assertTrue(r[2].contains("is the segment metadata (--meta)"), r[2]);
        }
        // A source image through a symbolic link: the writer's check (the same rule)
        Path srcLink = Files.createSymbolicLink(tmp.resolve("source-link.dcm"), oneSource);
        String[] r = run("export", "--labels", labels.toString(), "--source", ct, "--out", srcLink.toString(), "--overwrite");
        assertEquals("1", r[0], r[2]);
        assertTrue(r[2].contains("is one of the source images"), r[2]);

        assertArrayEquals(before[0], Files.readAllBytes(labels));
        assertArrayEquals(before[1], Files.readAllBytes(rois));
        assertArrayEquals(before[2], Files.readAllBytes(meta));
        assertArrayEquals(before[3], Files.readAllBytes(oneSource));

        // and a real output next to them is written
        r = run("export", "--labels", labels.toString(), "--source", ct, "--meta", meta.toString(), "--out", in.resolve("seg.dcm").toString());
        assertEquals("0", r[0], r[2]);
        org.dicomseg.testing.Conformance.assertConformant(in.resolve("seg.dcm"));
    }

    @Test
    void importNeverWritesOverItsSegHoweverSpelt() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path seg = in.resolve("seg.dcm");
        String[] w = run("export", "--labels", "sample-images/labels.tif", "--source", "sample-images/ct", "--out", seg.toString());
        assertEquals("0", w[0], w[2]);
        byte[] before = Files.readAllBytes(seg);
        for (String out : spellings(seg)) {
            String[] r = run("import", seg.toString(), "--out", out, "--overwrite");
            assertEquals("2", r[0], r[2]);
            assertTrue(r[2].contains("--out must not be the SEG itself"), r[2]);
        }
        assertArrayEquals(before, Files.readAllBytes(seg));
    }
}

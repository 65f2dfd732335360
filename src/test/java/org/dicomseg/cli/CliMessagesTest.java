package org.dicomseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's error line: one line on stderr naming the file, its control characters
 * escaped (a file name with a newline and a terminal escape), no 65,000-digit number echoed from a
 * lying header, no Java exception class names, and the real cause of {@code import} failures on a
 * tiled SEG claiming a Total Pixel Matrix beyond 2^31-1 (was a NullPointerException without the
 * file name).
 */
class CliMessagesTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void corpus() {
        Shared.assumePresent();
    }

    private String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {String.valueOf(status), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    private static void assertOneLine(String[] r, String... parts) {
        assertEquals("1", r[0], r[2]);
        assertEquals(1, r[2].split("\n", -1).length - 1, "one line: " + r[2]);
        assertFalse(r[2].contains("\u001b") || r[2].contains("Exception") || r[2].contains("java."), r[2]);
        for (String p : parts) assertTrue(r[2].contains(p), "'" + p + "' not in " + r[2]);
    }

    @Test
    void controlCharactersInFileNamesAreEscaped() throws Exception {
        Path odd = Files.writeString(tmp.resolve("bad\nname\u001b[31m.dcm"), "not DICOM at all".repeat(20));
        String[] r = run("info", odd.toString());
        assertOneLine(r, "bad\\nname\\x1b[31m.dcm", "not a DICOM file");
        r = run("import", odd.toString(), "--out", tmp.resolve("o.tif").toString());
        assertOneLine(r, "bad\\nname\\x1b[31m.dcm");
    }

    @Test
    void hugeNumbersAreNotEchoed() throws Exception {
        byte[] b = Files.readAllBytes(Shared.corpus("pydicom-data/liver_rle.dcm")); // explicit VR LE
        int at = CliHostileInputTest.indexOf(b, new byte[] {0x28, 0, 0x08, 0, 'I', 'S'}, 132);
        assertTrue(at > 0);
        int len = (b[at + 6] & 0xFF) | (b[at + 7] & 0xFF) << 8;
        int digits = 65_000;
        byte[] out = new byte[b.length - len + digits];
        System.arraycopy(b, 0, out, 0, at + 6);
        out[at + 6] = (byte) digits;
        out[at + 7] = (byte) (digits >> 8);
        java.util.Arrays.fill(out, at + 8, at + 8 + digits, (byte) '9');
        System.arraycopy(b, at + 8 + len, out, at + 8 + digits, b.length - at - 8 - len);
        Path p = Files.write(tmp.resolve("frames.dcm"), out);
        String[] r = run("info", p.toString());
        assertOneLine(r, "frames.dcm", "Number of Frames (0028,0008)", "(a 65000-digit number)");
        assertTrue(r[2].length() < 1200, r[2].length() + " characters");
    }

    /** A lying item length in the Segment Sequence is named as such (was: "Segment Sequence (0062,0002) is missing or empty"). */
    @Test
    void aLyingItemLengthIsNamedAsSuch() throws Exception {
        byte[] b = Files.readAllBytes(Shared.corpus("highdicom/seg_image_ct_binary.dcm")); // implicit VR LE, defined lengths
        int seq = CliHostileInputTest.indexOf(b, new byte[] {0x62, 0, 0x02, 0}, 132);
        int item = CliHostileInputTest.indexOf(b, new byte[] {(byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0}, seq);
        assertTrue(seq > 0 && item == seq + 8);
        b[item + 4] = (byte) 0xF0;
        b[item + 5] = (byte) 0xFF;
        b[item + 6] = (byte) 0xFF;
        b[item + 7] = 0x7F;
        Path p = Files.write(tmp.resolve("item.dcm"), b);
        String[] r = run("info", p.toString());
        assertOneLine(r, "item.dcm: the data set structure is damaged: item 1 of sequence (0062,0002)",
                "has an item length of 2147483632 bytes, past the end of its sequence", "the item length is wrong");
        assertFalse(r[2].contains("missing"), r[2]);
    }

    /**
     * A failed TIFF save on {@code import} (a full disk): ImageJ prints its error on stdout, headless;
     * the command catches it and names the cause in its one stderr line, without the temporary file's
     * name or Java class names. (Checked by hand on a 1 MB tmpfs: exit 1, {@code dicomseg: <seg>: Could
     * not write <out>: File saving error: "No space left on device"}, nothing on stdout, no file left.)
     */
    @Test
    void aFailedSaveIsOneLineWithItsCause() {
        assertEquals(": File saving error: \"No space left on device\"",
                ImportCommand.why("\n/tmp/out/.o.tif.dicomseg-12-abc.part\nFile saving error (IOException): \"No space left on device\"\n"));
        assertEquals("", ImportCommand.why(""));
    }

    @Test
    void importOfAnImpossiblyLargeMatrixNamesTheFileAndTheAttribute() throws Exception {
        byte[] b = Files.readAllBytes(Shared.corpus("highdicom/seg_image_sm_numbers.dcm")); // implicit VR LE
        int at = CliHostileInputTest.indexOf(b, new byte[] {0x48, 0, 0x07, 0, 4, 0, 0, 0}, 132);
        assertTrue(at > 0);
        b[at + 8] = (byte) 0xFF;
        b[at + 9] = (byte) 0xFF;
        b[at + 10] = (byte) 0xFF;
        b[at + 11] = (byte) 0xFF;
        Path p = Files.write(tmp.resolve("matrix.dcm"), b);
        String[] r = run("import", p.toString(), "--out", tmp.resolve("m.tif").toString());
        assertOneLine(r, "matrix.dcm: Total Pixel Matrix Rows (0048,0007) is 4294967295; expected 1..2147483647");
        assertFalse(Files.exists(tmp.resolve("m.tif")));
    }
}

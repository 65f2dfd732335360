package org.dicomseg.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomInputStream;

import org.dicomseg.dicom.AttributeListView;
import org.dicomseg.dicom.ChannelReader;
import org.dicomseg.dicom.DataSetView;
import org.dicomseg.dicom.DataSetWalker;
import org.dicomseg.dicom.LeanDataSet;
import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lean header walk ({@link LeanDataSet} over {@link HeaderTags}) reads a SEG's header as PixelMed
 * does: on every SEG of the corpus the whole reader gives the same metadata, segments, frame index and
 * warnings (or the same refusal) with and without it, and every attribute the parsers read has the same
 * values through both views; value cases chosen to be awkward (padding, empty values, backslashes, numbers
 * that do not parse, unsigned values, tags, character sets, items of defined and undefined length) agree;
 * what the walk must leave to PixelMed is left; and a plain open does not load PixelMed's parser (issue 19).
 */
class LeanSegHeaderTest {
    static final String EXPLICIT = "1.2.840.10008.1.2.1";
    static final String IMPLICIT = "1.2.840.10008.1.2";

    @BeforeAll
    static void corpus() {
        Shared.assumePresent();
    }

    @AfterEach
    void restore() {
        SegmentationFile.leanHeaders = true;
        SegHeaderCache.shared().clear();
    }

    /** Every file of the corpus that either path opens as a Segmentation (or refuses as one). */
    static List<Path> corpusSegs() throws IOException {
        try (Stream<Path> s = Files.walk(Shared.root().resolve("corpus"))) {
            return s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".dcm") || p.toString().endsWith(".seg"))
                    .sorted().collect(Collectors.toList());
        }
    }

    @Test
    void everyCorpusSegReadsTheSameLeanAndThroughPixelMed() throws Exception {
        int lean = 0, segs = 0;
        for (Path f : corpusSegs()) {
            SegHeaderCache.shared().clear();
            SegmentationFile.leanHeaders = true;
            Object a = openOrRefusal(f);
            SegHeaderCache.shared().clear();
            SegmentationFile.leanHeaders = false;
            Object b = openOrRefusal(f);
            SegmentationFile.leanHeaders = true;
            if (a instanceof String || b instanceof String) {
                assertEquals(b, a, f + ": the lean and the PixelMed path refuse differently");
                continue;
            }
            SegmentationReader x = (SegmentationReader) a, y = (SegmentationReader) b;
            try {
                segs++;
                if (x.headerLean()) lean++;
                assertFalse(y.headerLean(), f.toString());
                assertDeepEquals(f + " metadata", y.metadata(), x.metadata());
                assertEquals(y.metadata().warnings(), x.metadata().warnings(), f + " warnings");
                assertEquals(y.segments(), x.segments(), f + " segments");
                assertEquals(y.frames().size(), x.frames().size(), f.toString());
                for (int i = 0; i < x.frames().size(); i++) {
                    SegmentationReaderFastPathTest.assertSameFrame(f + " frame " + (i + 1), y.frames().get(i), x.frames().get(i));
                }
            } finally {
                x.close();
                y.close();
            }
        }
        assertTrue(segs >= 15, "SEGs of the corpus read: " + segs);
        assertTrue(lean >= segs - 1, "read lean: " + lean + " of " + segs + " (the big-endian one is PixelMed's)");
    }

    @Test
    void littleEndianSegsAreLeanBigEndianIsNot() throws Exception {
        for (String s : new String[] {"dcmqi/segmentations/liver.dcm", "highdicom/seg_image_ct_binary.dcm",
                "highdicom/seg_image_sm_control_labelmap_palette_color.dcm", "pydicom-data/liver_rle.dcm",
                "pydicom-data/liver_deflate.dcm"}) {
            try (SegmentationReader r = SegmentationReader.open(Shared.corpus(s))) {
                assertTrue(r.headerLean(), s);
            }
            SegHeaderCache.shared().clear();
        }
        try (SegmentationReader r = SegmentationReader.open(Shared.corpus("pydicom-data/liver_expb.dcm"))) {
            assertFalse(r.headerLean(), "big endian");
        }
    }

    private static Object openOrRefusal(Path f) {
        try {
            return SegmentationReader.open(f);
        } catch (SegReadException e) {
            return e.getMessage();
        }
    }

    /** For every little-endian SEG of the corpus: each attribute of {@link HeaderTags} has the same values both ways. */
    @Test
    void everyHeaderAttributeOfTheCorpusHasPixelMedsValues() throws Exception {
        int compared = 0;
        for (Path f : corpusSegs()) {
            DataSetWalker.Meta meta;
            DataSetWalker.Location loc;
            boolean explicit;
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                ChannelReader in = new ChannelReader(ch);
                meta = DataSetWalker.readMeta(in);
                if (meta == null || meta.transferSyntaxUid == null || meta.transferSyntaxUid.equals("1.2.840.10008.1.2.2")
                        || meta.transferSyntaxUid.equals("1.2.840.10008.1.2.1.99")) {
                    continue;
                }
                explicit = !meta.transferSyntaxUid.equals(IMPLICIT);
                try {
                    loc = new DataSetWalker(in, explicit, false).locate(meta.dataSetStart);
                } catch (IOException e) {
                    continue;
                }
            }
            if (loc.firstTagFromPerFrameGroups < 0) continue;
            byte[] b = Arrays.copyOf(Files.readAllBytes(f), (int) loc.firstTagFromPerFrameGroups);
            LeanDataSet lean = LeanDataSet.read(b, (int) meta.dataSetStart, b.length, explicit, HeaderTags.VRS);
            if (lean == null) continue;
            DataSetView pixelMed = PixelMedHeader.readBefore(f, f, null, loc.firstTagFromPerFrameGroups);
            assertNotNull(pixelMed, f.toString());
            assertSameView(f.toString(), pixelMed, lean, 0);
            compared++;
        }
        assertTrue(compared >= 15, "headers compared: " + compared);
    }

    // ------------------------------------------------------------------ value cases

    @Test
    void stringsAreSplitAndUnpaddedAsPixelMedDoes() throws Exception {
        for (String ts : new String[] {EXPLICIT, IMPLICIT}) {
            DataSet d = new DataSet(ts);
            d.text(HeaderTags.SOP_CLASS_UID, "UI", "1.2.3\0");
            d.text(HeaderTags.PATIENT_ID, "LO", "  A B  ");
            d.text(HeaderTags.SOFTWARE_VERSIONS, "LO", " v1 \\\\v3\\ ");
            d.text(HeaderTags.STUDY_ID, "SH", "\\x");
            d.text(HeaderTags.ACCESSION_NUMBER, "SH", "a\\");
            d.text(HeaderTags.MANUFACTURER, "LO", "");
            d.text(HeaderTags.MANUFACTURER_MODEL_NAME, "LO", "  ");
            d.text(HeaderTags.CONTENT_LABEL, "CS", "\0X ");
            d.text(HeaderTags.SEGMENT_DESCRIPTION, "ST", " a\\b  ");
            d.text(HeaderTags.TRACKING_ID, "UT", "t\\u ");
            d.text(HeaderTags.ALGORITHM_PARAMETERS, "LT", "");
            d.text(HeaderTags.URN_CODE_VALUE, "UR", "urn:x ");
            d.text(HeaderTags.LONG_CODE_VALUE, "UC", "long\\code ");
            LeanDataSet lean = d.lean();
            assertNotNull(lean, ts);
            assertSameView(ts, d.pixelMed(), lean, 0);
            assertArrayEquals(new String[] {"v1", "", "v3", ""}, lean.strings(HeaderTags.SOFTWARE_VERSIONS), ts);
            assertArrayEquals(new String[] {" a\\b  "}, lean.strings(HeaderTags.SEGMENT_DESCRIPTION), ts);
            assertNull(lean.strings(HeaderTags.MANUFACTURER), ts);
        }
    }

    @Test
    void numbersTagsAndUnsignedValuesAreReadAsPixelMedDoes() throws Exception {
        for (String ts : new String[] {EXPLICIT, IMPLICIT}) {
            DataSet d = new DataSet(ts);
            d.text(HeaderTags.NUMBER_OF_FRAMES, "IS", " 12 ");
            d.text(HeaderTags.SERIES_NUMBER, "IS", "+7\\x\\\\-3");
            d.text(HeaderTags.INSTANCE_NUMBER, "IS", "99999999999");
            d.text(HeaderTags.PIXEL_SPACING, "DS", " 0.5\\1e-3 ");
            d.text(HeaderTags.IMAGE_ORIENTATION_PATIENT, "DS", "1\\0\\abc\\\\0\\1d");
            d.text(HeaderTags.SLICE_THICKNESS, "DS", "NaN");
            d.binary(HeaderTags.ROWS, "US", 0xFF, 0xFF);
            d.binary(HeaderTags.COLUMNS, "US");
            d.binary(HeaderTags.TOTAL_PIXEL_MATRIX_ROWS, "UL", 0xFF, 0xFF, 0xFF, 0xFF);
            d.binary(HeaderTags.NUMBER_OF_OPTICAL_PATHS, "UL", 3, 0, 0, 0, 0, 0, 0, 0x80);
            d.binary(HeaderTags.RECOMMENDED_DISPLAY_CIELAB_VALUE, "US", 1, 0, 2, 0, 0xFF, 0xFF);
            d.binary(HeaderTags.RED_PALETTE_COLOR_LOOKUP_TABLE_DATA, "OW", 1, 2, 3, 0xFF);
            d.binary(HeaderTags.ROW_POSITION_IN_TOTAL_IMAGE_PIXEL_MATRIX, "SL", 0xFE, 0xFF, 0xFF, 0xFF);
            DataSet item = new DataSet(ts);
            item.binary(HeaderTags.DIMENSION_INDEX_POINTER, "AT", 0x62, 0, 0x0B, 0, 0x20, 0, 0x32, 0);
            d.sequence(HeaderTags.DIMENSION_INDEX_SEQUENCE, false, item, new DataSet(ts));
            LeanDataSet lean = d.lean();
            assertNotNull(lean, ts);
            assertSameView(ts, d.pixelMed(), lean, 0);
            assertEquals(0xFFFFFFFFL, lean.longs(HeaderTags.TOTAL_PIXEL_MATRIX_ROWS)[0], ts);
            assertArrayEquals(new long[] {7, 0, 0, -3}, lean.longs(HeaderTags.SERIES_NUMBER), ts);
            assertArrayEquals(new int[] {0x0062000B, 0x00200032},
                    lean.items(HeaderTags.DIMENSION_INDEX_SEQUENCE).get(0).tags(HeaderTags.DIMENSION_INDEX_POINTER), ts);
        }
    }

    @Test
    void itemsOfDefinedAndUndefinedLengthAndUnkeptElementsAreWalked() throws Exception {
        for (String ts : new String[] {EXPLICIT, IMPLICIT}) {
            for (boolean undefined : new boolean[] {false, true}) {
                DataSet code = new DataSet(ts);
                code.text(HeaderTags.CODE_VALUE, "SH", "T-D0050");
                code.text(HeaderTags.CODING_SCHEME_DESIGNATOR, "SH", "SRT");
                code.text(0x00091010, "LO", "private, walked over");
                DataSet segment = new DataSet(ts);
                segment.binary(HeaderTags.SEGMENT_NUMBER, "US", 1, 0);
                segment.text(HeaderTags.SEGMENT_LABEL, "LO", "Liver");
                segment.sequence(HeaderTags.SEGMENTED_PROPERTY_CATEGORY_CODE_SEQUENCE, undefined, code);
                segment.sequence(HeaderTags.ANATOMIC_REGION_SEQUENCE, !undefined, code, code);
                DataSet d = new DataSet(ts);
                d.text(HeaderTags.SOP_CLASS_UID, "UI", HeaderParser.SEGMENTATION_STORAGE);
                d.sequence(0x00400260, undefined, code); // a sequence not kept, walked through (implicit: by its items)
                d.sequence(HeaderTags.SEGMENT_SEQUENCE, undefined, segment, new DataSet(ts), segment);
                d.sequence(HeaderTags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE, undefined);
                LeanDataSet lean = d.lean();
                assertNotNull(lean, ts + " undefined " + undefined);
                assertSameView(ts + " undefined " + undefined, d.pixelMed(), lean, 0);
                assertEquals(3, lean.items(HeaderTags.SEGMENT_SEQUENCE).size());
                assertEquals(0, lean.items(HeaderTags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE).size());
            }
        }
    }

    @Test
    void latin1AndUtf8TextIsDecodedAsPixelMedDoes() throws Exception {
        String[][] cases = {{"ISO_IR 100", "ISO-8859-1", "Müller^Zoë"}, {"ISO_IR 192", "UTF-8", "Пётр^李\\x"}};
        for (String ts : new String[] {EXPLICIT, IMPLICIT}) {
            for (String[] c : cases) {
                DataSet d = new DataSet(ts);
                d.text(0x00080005, "CS", c[0]);
                d.raw(HeaderTags.PATIENT_NAME, "PN", c[2].getBytes(Charset.forName(c[1])));
                d.raw(HeaderTags.SERIES_DESCRIPTION, "LO", ("  " + c[2] + " ").getBytes(Charset.forName(c[1])));
                d.raw(HeaderTags.SEGMENT_DESCRIPTION, "ST", c[2].getBytes(Charset.forName(c[1])));
                LeanDataSet lean = d.lean();
                assertNotNull(lean, c[0]);
                assertSameView(c[0], d.pixelMed(), lean, 0);
                assertEquals(c[2].split("\\\\")[0], lean.strings(HeaderTags.PATIENT_NAME)[0], c[0]);
            }
        }
    }

    @Test
    void whatPixelMedMightReadDifferentlyIsLeftToIt() throws Exception {
        // a kept attribute with another VR than PS3.6's
        DataSet d = new DataSet(EXPLICIT);
        d.text(HeaderTags.ROWS, "IS", "12");
        assertNull(d.lean(), "Rows as IS");
        d = new DataSet(EXPLICIT);
        d.raw(HeaderTags.SEGMENT_LABEL, "UN", "x ".getBytes(StandardCharsets.US_ASCII));
        assertNull(d.lean(), "Segment Label as UN");
        // non-ASCII text without a character set that decodes it, or in a VR the character set does not apply to
        d = new DataSet(EXPLICIT);
        d.raw(HeaderTags.PATIENT_NAME, "PN", "Müller".getBytes(StandardCharsets.ISO_8859_1));
        assertNull(d.lean(), "Latin-1 without Specific Character Set");
        d = new DataSet(EXPLICIT);
        d.text(0x00080005, "CS", "ISO_IR 100");
        d.raw(HeaderTags.SEGMENTATION_TYPE, "CS", "BINÄRY".getBytes(StandardCharsets.ISO_8859_1));
        assertNull(d.lean(), "Latin-1 in a CS");
        d = new DataSet(EXPLICIT);
        d.text(0x00080005, "CS", "ISO 2022 IR 87");
        assertNull(d.lean(), "ISO 2022 code extensions");
        d = new DataSet(EXPLICIT);
        d.text(0x00080005, "CS", "\\ISO 2022 IR 100");
        assertNull(d.lean(), "several character sets");
        d = new DataSet(EXPLICIT);
        d.raw(HeaderTags.PATIENT_NAME, "PN", new byte[] {'A', 0x1B, '$', 'B'});
        assertNull(d.lean(), "escape sequence");
        // a Specific Character Set inside an item
        DataSet item = new DataSet(EXPLICIT);
        item.text(0x00080005, "CS", "ISO_IR 100");
        d = new DataSet(EXPLICIT);
        d.sequence(HeaderTags.SEGMENT_SEQUENCE, false, item);
        assertNull(d.lean(), "character set in an item");
        // odd binary lengths
        d = new DataSet(EXPLICIT);
        d.binary(HeaderTags.ROWS, "US", 1, 0, 0);
        assertNull(d.lean(), "odd US length");
        // implicit VR: a value of a tag not kept that starts like a sequence but is not a sound one
        d = new DataSet(IMPLICIT);
        d.binary(0x00400260, "OB", 0xFE, 0xFF, 0x00, 0xE0, 100, 0, 0, 0, 1, 2, 3, 4);
        assertNull(d.lean(), "unsound implicit sequence");
        // explicit: an undefined-length UN
        d = new DataSet(EXPLICIT);
        d.undefinedUn(0x00091010);
        assertNull(d.lean(), "undefined-length UN");
        // the US-or-SS palette descriptors in an implicit syntax
        d = new DataSet(IMPLICIT);
        d.binary(HeaderTags.RED_PALETTE_COLOR_LOOKUP_TABLE_DESCRIPTOR, "US", 0, 1, 0, 0, 8, 0);
        assertNull(d.lean(), "implicit XS");
        // an element running past the end
        d = new DataSet(EXPLICIT);
        d.text(HeaderTags.PATIENT_ID, "LO", "ABCD");
        byte[] b = d.bytes();
        assertNull(LeanDataSet.read(Arrays.copyOf(b, b.length - 2), 0, b.length - 2, true, HeaderTags.VRS), "truncated");
    }

    @Test
    void askingForATagOutsideTheDictionaryIsAnError() throws Exception {
        DataSet d = new DataSet(EXPLICIT);
        d.text(HeaderTags.PATIENT_ID, "LO", "A");
        LeanDataSet lean = d.lean();
        assertNotNull(lean);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> lean.strings(0x00100021));
    }

    // ------------------------------------------------------------------ class loading

    /** Opens a SEG in this JVM and prints its frame count (run in a fresh JVM by the test below). */
    public static final class OpenOnce {
        public static void main(String[] args) throws Exception {
            try (SegmentationReader r = SegmentationReader.open(Path.of(args[0]))) {
                System.out.println("frames " + r.numberOfFrames() + " lean " + r.headerLean());
            }
        }
    }

    @Test
    void aPlainOpenLoadsNoPixelMedParser() throws Exception {
        // explicit VR (an implicit-VR SEG's per-frame groups still ask PixelMed's dictionary for VRs: StrictElementReader)
        for (String s : new String[] {"dcmqi/segmentations/liver.dcm", "pydicom-data/liver_rle.dcm"}) {
            List<String> out = fork(Shared.corpus(s));
            assertTrue(out.stream().anyMatch(l -> l.startsWith("frames 3 lean true")),
                    s + ": " + out.stream().filter(l -> !l.contains("[class,load]")).collect(Collectors.toList()));
            List<String> pixelMed = out.stream().filter(l -> l.contains(" com.pixelmed.dicom.")).collect(Collectors.toList());
            for (String cls : new String[] {"AttributeList", "TagFromName", "DicomInputStream", "DicomDictionary"}) {
                assertFalse(pixelMed.stream().anyMatch(l -> l.contains("com.pixelmed.dicom." + cls + " ")), s + " loads " + cls);
            }
        }
        // a big-endian SEG goes to PixelMed: the log does show its parser (the check above can see it)
        List<String> out = fork(Shared.corpus("pydicom-data/liver_expb.dcm"));
        assertTrue(out.stream().anyMatch(l -> l.contains("com.pixelmed.dicom.AttributeList ")), "big endian: " + out.size() + " lines");
        assertTrue(out.stream().anyMatch(l -> l.startsWith("frames 3 lean false")), "big endian read by PixelMed");
    }

    private static List<String> fork(Path seg) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Xlog:class+load=info", "-cp", System.getProperty("java.class.path"), OpenOnce.class.getName(), seg.toString())
                .redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null;) lines.add(l);
        }
        p.waitFor();
        return lines;
    }

    // ------------------------------------------------------------------ helpers

    /** Every attribute of {@link HeaderTags} has the same values in both views, items too (recursively). */
    static void assertSameView(String where, DataSetView pixelMed, DataSetView lean, int depth) {
        assertTrue(depth < 16, where);
        for (int tag : HeaderTags.VRS.keySet()) {
            String w = where + " " + DataSetWalker.tagString(tag);
            assertEquals(pixelMed.has(tag), lean.has(tag), w + " has");
            if (!pixelMed.has(tag)) continue;
            assertEquals(pixelMed.count(tag), lean.count(tag), w + " count");
            List<DataSetView> pi = pixelMed.items(tag), li = lean.items(tag);
            assertEquals(pi == null, li == null, w + " is a sequence");
            if (pi != null) {
                assertEquals(pi.size(), li.size(), w + " items");
                for (int i = 0; i < pi.size(); i++) assertSameView(w + " item " + (i + 1), pi.get(i), li.get(i), depth + 1);
                continue;
            }
            String vr = HeaderTags.VRS.get(tag);
            if (vr.equals("OW")) {
                assertArrayEquals(pixelMed.words(tag), lean.words(tag), w + " words");
            } else if (vr.equals("AT")) {
                assertArrayEquals(pixelMed.tags(tag), lean.tags(tag), w + " tags");
            } else {
                if (!vr.equals("US") && !vr.equals("UL") && !vr.equals("SL") && !vr.equals("XS")) {
                    assertArrayEquals(pixelMed.strings(tag), lean.strings(tag), w + " strings");
                }
                assertArrayEquals(pixelMed.longs(tag), lean.longs(tag), w + " longs");
                assertArrayEquals(pixelMed.doubles(tag), lean.doubles(tag), w + " doubles");
            }
        }
    }

    /** Field by field (arrays, lists and maps by their elements; classes without equals by their fields). */
    static void assertDeepEquals(String where, Object a, Object b) throws IllegalAccessException {
        if (a == null || b == null) {
            assertEquals(a, b, where);
            return;
        }
        assertEquals(a.getClass(), b.getClass(), where);
        Class<?> c = a.getClass();
        if (c.isArray()) {
            assertTrue(Arrays.deepEquals(new Object[] {a}, new Object[] {b}), where);
        } else if (a instanceof Collection) {
            assertEquals(((Collection<?>) a).size(), ((Collection<?>) b).size(), where);
            Iterator<?> x = ((Collection<?>) a).iterator(), y = ((Collection<?>) b).iterator();
            for (int i = 0; x.hasNext(); i++) assertDeepEquals(where + "[" + i + "]", x.next(), y.next());
        } else if (a instanceof Map) {
            assertEquals(((Map<?, ?>) a).keySet(), ((Map<?, ?>) b).keySet(), where);
            for (Object k : ((Map<?, ?>) a).keySet()) assertDeepEquals(where + "[" + k + "]", ((Map<?, ?>) a).get(k), ((Map<?, ?>) b).get(k));
        } else if (c.isEnum() || c.getName().startsWith("java.") || declaresEquals(c)) {
            assertEquals(a, b, where);
        } else {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) continue;
                f.setAccessible(true);
                assertDeepEquals(where + "." + f.getName(), f.get(a), f.get(b));
            }
        }
    }

    private static boolean declaresEquals(Class<?> c) {
        try {
            return c.getMethod("equals", Object.class).getDeclaringClass() != Object.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** A Little Endian data set written element by element (PS3.5 7.1), as the test needs it. */
    static final class DataSet {
        final String ts;
        final boolean explicit;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        DataSet(String ts) {
            this.ts = ts;
            this.explicit = !ts.equals(IMPLICIT);
        }

        void text(int tag, String vr, String value) {
            raw(tag, vr, value.getBytes(StandardCharsets.US_ASCII));
        }

        void binary(int tag, String vr, int... bytes) {
            byte[] b = new byte[bytes.length];
            for (int i = 0; i < b.length; i++) b[i] = (byte) bytes[i];
            raw(tag, vr, b);
        }

        void raw(int tag, String vr, byte[] value) {
            byte[] v = value;
            if (v.length % 2 != 0 && !vr.equals("US")) {
                v = Arrays.copyOf(v, v.length + 1);
                v[v.length - 1] = (byte) (vr.equals("UI") ? 0 : ' ');
            }
            header(tag, vr, v.length);
            out.writeBytes(v);
        }

        void undefinedUn(int tag) {
            header(tag, "UN", DataSetWalker.UNDEFINED);
            u16(0xFFFE);
            u16(0xE0DD);
            u32(0);
        }

        void sequence(int tag, boolean undefined, DataSet... items) {
            ByteArrayOutputStream v = new ByteArrayOutputStream();
            for (DataSet item : items) {
                byte[] b = item.bytes();
                DataSet h = new DataSet(ts);
                h.u16(0xFFFE);
                h.u16(0xE000);
                h.u32(undefined ? DataSetWalker.UNDEFINED : b.length);
                v.writeBytes(h.bytes());
                v.writeBytes(b);
                if (undefined) v.writeBytes(new byte[] {(byte) 0xFE, (byte) 0xFF, 0x0D, (byte) 0xE0, 0, 0, 0, 0});
            }
            if (undefined) v.writeBytes(new byte[] {(byte) 0xFE, (byte) 0xFF, (byte) 0xDD, (byte) 0xE0, 0, 0, 0, 0});
            header(tag, "SQ", undefined ? DataSetWalker.UNDEFINED : v.size());
            out.writeBytes(v.toByteArray());
        }

        private void header(int tag, String vr, long length) {
            u16(tag >>> 16);
            u16(tag & 0xFFFF);
            if (explicit) {
                out.write(vr.charAt(0));
                out.write(vr.charAt(1));
                if (org.dicomseg.dicom.ElementCursor.hasLongLength(vr.charAt(0), vr.charAt(1))) {
                    u16(0);
                    u32(length);
                } else {
                    u16((int) length);
                }
            } else {
                u32(length);
            }
        }

        private void u16(int v) {
            out.write(v & 0xFF);
            out.write(v >>> 8 & 0xFF);
        }

        private void u32(long v) {
            u16((int) (v & 0xFFFF));
            u16((int) (v >>> 16 & 0xFFFF));
        }

        byte[] bytes() { return out.toByteArray(); }

        LeanDataSet lean() {
            byte[] b = bytes();
            return LeanDataSet.read(b, 0, b.length, explicit, HeaderTags.VRS);
        }

        DataSetView pixelMed() throws Exception {
            AttributeList l = new AttributeList();
            try (DicomInputStream in = new DicomInputStream(new ByteArrayInputStream(bytes()), ts, false)) {
                l.read(in);
            }
            return AttributeListView.of(l);
        }
    }
}

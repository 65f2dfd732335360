package org.dicomseg.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.dicomseg.mask.LabelMapMask;
import org.dicomseg.mask.MaskPlanes;
import org.dicomseg.mask.StackedMasks;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.source.SourceImages;
import org.dicomseg.source.SpaceTime;
import org.dicomseg.task.InputException;
import org.dicomseg.testing.CineFixture;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.Highdicom;
import org.dicomseg.testing.SegTestData;

/**
 * 2D+t and 3D+t: SEGs over a cardiac cine (12 slices × 25 phases, {@link CineFixture}) written as
 * one SEG whose frames carry their time point (Frame Content > Temporal Position Index, the
 * source's trigger delay in the Cardiac Synchronization Sequence) and whose Dimension Index
 * Sequence has a Temporal Position Index dimension (3D_TEMPORAL); through the conformance gate
 * and read back by highdicom 0.28.1's default calls, pixel for pixel.
 */
class TemporalSegWriterTest {
    private static final int Z = CineFixture.SLICES, T = CineFixture.PHASES;
    private static final int ROWS = CineFixture.ROWS, COLS = CineFixture.COLUMNS;
    private static final AttributeTag TEMPORAL_POSITION_INDEX = new AttributeTag(0x0020, 0x9128);
    private static final AttributeTag CARDIAC_SYNCHRONIZATION_SEQUENCE = new AttributeTag(0x0018, 0x9118);
    private static final AttributeTag FRAME_ACQUISITION_DATETIME = new AttributeTag(0x0018, 0x9074);

    @TempDir static Path dir;
    static CineFixture cine;
    static List<Path> series;
    static Path enhanced;

    @BeforeAll
    static void sources() throws Exception {
        cine = CineFixture.create();
        series = cine.writeSeries(dir.resolve("cine"));
        enhanced = cine.writeEnhanced(dir.resolve("enhanced/cine-mf.dcm"));
    }

    /** The series in hyperstack order (time point by time point, slices along the normal). */
    static SourceImages inHyperstackOrder(SourceImages s) throws InputException {
        SpaceTime st = s.spaceTime();
        assertNotNull(st, "the cine has a temporal dimension");
        return s.reordered(st.hyperstackOrder());
    }

    @Test
    void theCineSeriesIsTwelveSlicesByTwentyFivePhasesByTriggerTime() throws Exception {
        SourceImages s = SourceImages.read(series);
        SpaceTime st = s.spaceTime();
        assertEquals(Z, st.slices());
        assertEquals(T, st.timePoints());
        assertEquals(SpaceTime.Kind.TRIGGER_DELAY, st.kind());
        assertTrue(st.complete());
        // file k = slice k / 25, phase k % 25 (Instance Number order, phases fastest)
        for (int k = 0; k < series.size(); k++) {
            assertEquals(k / T, st.slice(k), "slice of " + series.get(k).getFileName());
            assertEquals(k % T, st.time(k), "phase of " + series.get(k).getFileName());
        }
        SpaceTime mf = SourceImages.read(enhanced).spaceTime();
        assertEquals(SpaceTime.Kind.TEMPORAL_POSITION_INDEX, mf.kind());
        assertEquals(Z, mf.slices());
        assertEquals(T, mf.timePoints());
    }

    @Test
    void aSeriesWhosePhasesNothingTellsApartIsRefusedNamingTwoImages() throws Exception {
        List<Path> flat = CineFixture.create().writer.timeAttributes(false).series("flat").writeSeries(dir.resolve("flat"));
        SourceImages s = SourceImages.read(flat);
        InputException e = assertThrows(InputException.class, s::spaceTime);
        assertTrue(e.getMessage().contains("IM0001.dcm") && e.getMessage().contains("IM0002.dcm")
                && e.getMessage().contains("no time attribute tells them apart"), e.getMessage());
    }

    @Test
    void aPlainVolumeHasNoTemporalDimension() throws Exception {
        assertNull(SegTestData.Sources.CT2.read().spaceTime());
    }

    @Test
    void binaryOverTheCineSeriesCarriesTheTimeOfEveryFrameAndHighdicomReadsIt() throws Exception {
        SourceImages src = inHyperstackOrder(SourceImages.read(series));
        Path out = dir.resolve("cine-binary.dcm");
        SegWriteResult r = SegWriter.write(out, StackedMasks.ofBytes(cine.masks(), ROWS, COLS), SegTestData.descriptions(3), src,
                SegWriteOptions.builder().segmentationType(SegmentationType.BINARY).build());
        Conformance.assertConformant(out);

        AttributeList l = new AttributeList();
        l.read(out.toFile());
        assertEquals("3D_TEMPORAL", Attribute.getSingleStringValueOrNull(l, TagFromName.DimensionOrganizationType));
        SequenceAttribute dims = (SequenceAttribute) l.get(TagFromName.DimensionIndexSequence);
        assertEquals(3, dims.getNumberOfItems());
        assertEquals(TEMPORAL_POSITION_INDEX, ((com.pixelmed.dicom.AttributeTagAttribute) dims.getItem(1).getAttributeList().get(TagFromName.DimensionIndexPointer)).getAttributeTagValues()[0]);
        assertEquals("Temporal Position Index (Trigger Time)", Attribute.getSingleStringValueOrNull(dims.getItem(1).getAttributeList(),
                TagFromName.DimensionDescriptionLabel));
        assertFalse(Conformance.dciodvfy(out).contains("not present in standard DICOM IOD"), "a standard, not extended, SEG");
        assertEquals(TagFromName.FrameContentSequence,
                ((com.pixelmed.dicom.AttributeTagAttribute) dims.getItem(1).getAttributeList().get(TagFromName.FunctionalGroupPointer)).getAttributeTagValues()[0]);

        // every frame: its source instance's slice and phase, its trigger delay
        Map<String, int[]> zt = new HashMap<>();
        for (int z = 0; z < Z; z++) for (int t = 0; t < T; t++) zt.put(cine.writer.sopInstanceUid(z, t), new int[] {z, t});
        SequenceAttribute pf = (SequenceAttribute) l.get(TagFromName.PerFrameFunctionalGroupsSequence);
        assertEquals(r.numberOfFrames(), pf.getNumberOfItems());
        for (int f = 0; f < pf.getNumberOfItems(); f++) {
            AttributeList g = pf.getItem(f).getAttributeList();
            AttributeList content = item(g, TagFromName.FrameContentSequence);
            String uid = Attribute.getSingleStringValueOrNull(item(item(g, TagFromName.DerivationImageSequence),
                    TagFromName.SourceImageSequence), TagFromName.ReferencedSOPInstanceUID);
            int[] want = zt.get(uid);
            int segment = Attribute.getSingleIntegerValueOrDefault(item(g, TagFromName.SegmentIdentificationSequence),
                    TagFromName.ReferencedSegmentNumber, 0);
            assertEquals(want[1] + 1, Attribute.getSingleIntegerValueOrDefault(content, TEMPORAL_POSITION_INDEX, 0), "frame " + (f + 1));
            assertArrayEquals(new int[] {segment, want[1] + 1, want[0] + 1}, content.get(TagFromName.DimensionIndexValues).getIntegerValues());
            assertNull(g.get(CARDIAC_SYNCHRONIZATION_SEQUENCE), "not a Segmentation functional group");
            // the source's Acquisition Date + Time as Frame Acquisition DateTime
            assertEquals(String.format("20240101" + "1012%02d", want[0] * 4 % 60).substring(8),
                    Attribute.getSingleStringValueOrNull(content, FRAME_ACQUISITION_DATETIME).substring(8));
        }

        // highdicom's default call (one plane per referenced instance, in Referenced Series order = hyperstack order)
        Highdicom.Result hd = Highdicom.read(out, dir);
        assertEquals(0, hd.exitCode, hd.stderr);
        assertEquals("instances", hd.json.getAsJsonObject("mask").get("method").getAsString());
        assertArrayEquals(new int[] {Z * T, ROWS, COLS, 3}, hd.shape);
        byte[][][] masks = cine.masks();
        for (int p = 0; p < Z * T; p++) {
            for (int i = 0; i < ROWS * COLS; i++) {
                for (int s = 0; s < 3; s++) {
                    if (hd.mask[(p * ROWS * COLS + i) * 3 + s] != masks[s][p][i]) {
                        throw new AssertionError("highdicom differs at plane " + p + " (z " + p % Z + ", t " + p / Z + ") pixel " + i
                                + " segment " + (s + 1));
                    }
                }
            }
        }
    }

    /**
     * highdicom's other default calls on a 3D_TEMPORAL SEG: {@code get_default_dimension_index_pointers()}
     * is (Temporal Position Index, Image Position Patient) and {@code get_pixels_by_dimension_index_values}
     * with (time point, position) returns each plane; {@code get_volume()} refuses the file (a volume
     * has one frame per position and segment).
     */
    @Test
    void highdicomReadsEveryTimePointByDimensionIndexValuesAndRefusesAVolume() throws Exception {
        SourceImages src = inHyperstackOrder(SourceImages.read(series));
        Path out = dir.resolve("cine-div.dcm");
        SegWriter.write(out, StackedMasks.ofBytes(cine.masks(), ROWS, COLS), SegTestData.descriptions(3), src, null);
        Conformance.assertConformant(out);
        String py = String.join("\n",
                "import sys, highdicom as hd",
                "seg = hd.seg.segread(sys.argv[1])",
                "print('POINTERS', ' '.join(str(t) for t in seg.get_default_dimension_index_pointers()))",
                "div = [[t, z] for t in range(1, " + T + " + 1) for z in range(1, " + Z + " + 1)]",
                "a = seg.get_pixels_by_dimension_index_values(div, combine_segments=False, assert_missing_frames_are_empty=True)",
                "for k in range(len(div)):",
                "    print('PLANE', div[k][0], div[k][1], ' '.join(str(int(a[k, :, :, s].sum())) for s in range(a.shape[-1])))",
                "try:",
                "    seg.get_volume()",
                "    print('VOLUME ok')",
                "except RuntimeError as e:",
                "    print('VOLUME refused', e)");
        String text = Highdicom.python(py, out.toString());
        assertTrue(text.contains("POINTERS (0020,9128) (0020,0032)"), text);
        assertTrue(text.contains("VOLUME refused"), text);
        byte[][][] masks = cine.masks();
        int planes = 0;
        for (String line : text.split("\\R")) {
            if (!line.startsWith("PLANE ")) continue;
            String[] f = line.split(" ");
            int t = Integer.parseInt(f[1]) - 1, z = Integer.parseInt(f[2]) - 1; // position indices number all 12 source positions
            for (int s = 0; s < 3; s++) {
                int want = 0;
                for (byte b : masks[s][t * Z + z]) want += b;
                assertEquals(want, Integer.parseInt(f[3 + s]), "segment " + (s + 1) + " t " + t + " z " + z);
            }
            planes++;
        }
        assertEquals(T * Z, planes);
    }

    /** dcmjs (OHIF's loader) puts every frame of the cine SEG on its source image: it goes by the references, not by time. */
    @Test
    void dcmjsPutsEveryFrameOnItsSourceImage() throws Exception {
        org.dicomseg.testing.Dcmjs.assumeAvailable();
        SourceImages src = inHyperstackOrder(SourceImages.read(series));
        Path out = dir.resolve("cine-dcmjs.dcm");
        SegWriter.write(out, StackedMasks.ofBytes(cine.masks(), ROWS, COLS), SegTestData.descriptions(3), src, null);
        Conformance.assertConformant(out);
        List<Path> files = new java.util.ArrayList<>();
        for (org.dicomseg.source.SourceFrame f : src.frames()) files.add(f.file());
        com.google.gson.JsonObject o = org.dicomseg.testing.Dcmjs.read(out, org.dicomseg.testing.Dcmjs.files(files));
        assertFalse(o.has("toolStateError"), () -> "dcmjs refused the cine SEG: " + o);
        com.google.gson.JsonArray counts = o.getAsJsonObject("toolState").getAsJsonArray("counts");
        assertEquals(Z * T, counts.size());
        byte[][][] masks = cine.masks();
        for (int p = 0; p < Z * T; p++) {
            com.google.gson.JsonObject c = counts.get(p).getAsJsonObject();
            for (int s = 1; s <= 3; s++) {
                int want = 0;
                for (byte b : masks[s - 1][p]) want += b;
                int got = c.has(Integer.toString(s)) ? c.get(Integer.toString(s)).getAsInt() : 0;
                assertEquals(want, got, "dcmjs: segment " + s + " on image " + (p + 1) + " (z " + p % Z + ", t " + p / Z + ")");
            }
        }
    }

    @Test
    void labelMapOverTheEnhancedCineIsOneFramePerSliceAndPhase() throws Exception {
        SourceImages src = inHyperstackOrder(SourceImages.read(enhanced));
        Path out = dir.resolve("cine-labelmap.dcm");
        SegWriter.write(out, LabelMapMask.of(MaskPlanes.ofBytes(cine.labelMap(), ROWS, COLS)), SegTestData.descriptions(2), src,
                SegWriteOptions.builder().segmentationType(SegmentationType.LABELMAP).build());
        Conformance.assertConformant(out);
        AttributeList l = new AttributeList();
        l.read(out.toFile());
        assertEquals("3D_TEMPORAL", Attribute.getSingleStringValueOrNull(l, TagFromName.DimensionOrganizationType));
        SequenceAttribute pf = (SequenceAttribute) l.get(TagFromName.PerFrameFunctionalGroupsSequence);
        for (int f = 0; f < pf.getNumberOfItems(); f++) {
            AttributeList g = pf.getItem(f).getAttributeList();
            AttributeList src0 = item(item(g, TagFromName.DerivationImageSequence), TagFromName.SourceImageSequence);
            int frame = Attribute.getSingleIntegerValueOrDefault(src0, TagFromName.ReferencedFrameNumber, 0);
            int z = (frame - 1) / T, t = (frame - 1) % T; // the enhanced object's frames: slice by slice, phases within
            AttributeList content = item(g, TagFromName.FrameContentSequence);
            assertArrayEquals(new int[] {t + 1, z + 1}, content.get(TagFromName.DimensionIndexValues).getIntegerValues());
            assertEquals(t + 1, Attribute.getSingleIntegerValueOrDefault(content, TEMPORAL_POSITION_INDEX, 0));
        }
        Highdicom.Result hd = Highdicom.read(out, dir);
        assertEquals(0, hd.exitCode, hd.stderr);
        assertEquals("frames", hd.json.getAsJsonObject("mask").get("method").getAsString());
        // (source frame, rows, columns, segment): source frame k = slice k / 25, phase k % 25; the oracle asks for
        // frames 1 .. the largest referenced one: the last slice is empty, so its 25 frames are not asked for
        assertArrayEquals(new int[] {(Z - 1) * T, ROWS, COLS, 2}, hd.shape);
        for (int k = 0; k < (Z - 1) * T; k++) {
            int z = k / T, t = k % T;
            for (int r = 0; r < ROWS; r++) {
                for (int c = 0; c < COLS; c++) {
                    for (int s = 1; s <= 2; s++) {
                        boolean want = s == 1 ? cine.member(1, z, t, r, c) : !cine.member(1, z, t, r, c) && cine.member(2, z, t, r, c);
                        int got = hd.mask[((k * ROWS + r) * COLS + c) * 2 + s - 1];
                        if (got != (want ? 1 : 0)) throw new AssertionError("highdicom differs at source frame " + (k + 1) + " r" + r + " c" + c);
                    }
                }
            }
        }
        assertFalse(Files.list(dir).anyMatch(p -> p.getFileName().toString().endsWith(".part")));
    }

    static AttributeList item(AttributeList l, AttributeTag seq) {
        return ((SequenceAttribute) l.get(seq)).getItem(0).getAttributeList();
    }
}

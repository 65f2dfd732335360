package org.dicomseg.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.mask.LabelMapMask;
import org.dicomseg.mask.SegmentationMask;
import org.dicomseg.mask.StackedMasks;
import org.dicomseg.model.DimensionOrganization;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.read.FrameInfo;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.reconstruct.ReconstructionOptions;
import org.dicomseg.reconstruct.Reconstructor;
import org.dicomseg.reconstruct.SegmentationVolume;
import org.dicomseg.source.SourceImages;
import org.dicomseg.source.TotalPixelMatrix;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.FocalSlides;
import org.dicomseg.testing.Highdicom;
import org.dicomseg.testing.SegTestData;
import org.dicomseg.testing.Shared;

/**
 * Tiled SEGs written from a Z stack over a slide with several focal planes (PS3.3 C.8.12.4 Total
 * Pixel Matrix Focal Planes, C.8.12.6.1 Z Offset in Slide Coordinate System, C.7.6.17.3 TILED_FULL
 * order: tiles, then focal planes, then segments): the generated 1000 x 700 slide with 3 focal
 * planes in 256² tiles, TILED_FULL and TILED_SPARSE, BINARY/FRACTIONAL/LABELMAP, native and RLE,
 * overlapping segments, an empty focal plane at the deep end. Every SEG passes the conformance gate,
 * reads back through our reader as the same Z stack voxel for voxel, and highdicom 0.28.1 reads it
 * (segread, defaults) and gives the same pixels per focal plane by its dimension index (column,
 * row, Z Offset).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FocalPlaneSegWriterTest {
    private static final int W = FocalSlides.W, H = FocalSlides.H, Z = FocalSlides.PLANES;
    @TempDir static Path tmp;
    static Path full;
    static Path sparse;
    static byte[][] labels;
    static byte[][][] masks;
    static final List<Path> written = new ArrayList<>();

    @BeforeAll
    static void slides() throws Exception {
        Shared.assumePresent();
        full = FocalSlides.slide(tmp.resolve("full"), false, 1);
        sparse = FocalSlides.slide(tmp.resolve("sparse"), true, 1);
        labels = FocalSlides.labels();
        masks = FocalSlides.masks();
    }

    @Test
    void generatedSourcesAreConformantAndHaveThreeFocalPlanes() throws Exception {
        for (Path p : List.of(full, sparse)) {
            // dciodvfy 2022 counts the frames of a TILED_SPARSE image as if it were TILED_FULL (tiles x focal planes x optical
            // paths): a sparse slide leaves tiles out by definition (PS3.3 C.7.6.17.3), so that one message is its blind spot
            List<String> errors = Conformance.dciodvfy(p).lines().filter(x -> x.startsWith("Error"))
                    .filter(x -> !(p == sparse && x.startsWith("Error - NumberOfFrames does not match expected value for tiled total"
                            + " pixel matrix got 27 expected 36"))).collect(java.util.stream.Collectors.toList());
            assertEquals(List.of(), errors, p.toString());
            TotalPixelMatrix m = SourceImages.read(p).totalPixelMatrix();
            assertEquals(Z, m.focalPlaneCount());
            double first = p == sparse ? FocalSlides.SPARSE_FIRST_Z : 0;
            assertArrayEquals(new double[] {first, first + 0.002, first + 0.004}, m.focalPlanes(), 1e-9);
            assertEquals(0.002, m.focalPlaneSpacing(), 1e-9);
        }
        // TILED_FULL: tile (row 256, column 512) of focal plane 2 is frame 4 x 3 tiles in + 6 + 1
        assertArrayEquals(new int[] {2 * 12 + 4 + 2 + 1}, SourceImages.read(full).totalPixelMatrix().framesAt(256, 512, 2));
    }

    static SegWriteOptions options(SegmentationType type, OutputTransferSyntax ts, DimensionOrganization org) {
        return SegWriteOptions.builder().segmentationType(type).transferSyntax(ts)
                .tiledGeometry(TiledGeometry.defaults().withOrganization(org)).build();
    }

    static SegmentationMask labelMask() { return LabelMapMask.ofBytes(labels, H, W); }

    @Test
    @Order(1)
    void everyTypeOrganisationAndSyntaxRoundTrips() throws Exception {
        List<Path> files = new ArrayList<>();
        for (DimensionOrganization org : new DimensionOrganization[] {DimensionOrganization.TILED_SPARSE, DimensionOrganization.TILED_FULL}) {
            Path src = org == DimensionOrganization.TILED_FULL ? full : sparse;
            for (SegmentationType type : SegmentationType.values()) {
                for (OutputTransferSyntax ts : new OutputTransferSyntax[] {OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                        OutputTransferSyntax.RLE_LOSSLESS}) {
                    Path out = tmp.resolve(org + "-" + type + "-" + ts.name() + ".dcm");
                    SegmentationMask mask = type == SegmentationType.FRACTIONAL ? fractional() : labelMask();
                    SegWriter.write(out, mask, SegTestData.descriptions(type == SegmentationType.FRACTIONAL ? 1 : 2), SourceImages.read(src),
                            options(type, ts, org));
                    checkHeader(out, src, org);
                    checkVoxels(out, type);
                    files.add(out);
                }
            }
        }
        // TILED_FULL over the sparse slide, whose first focal plane is at Z 0.0015 mm: the origin states it
        Path out = tmp.resolve("full-over-sparse-LABELMAP.dcm");
        SegWriter.write(out, labelMask(), SegTestData.descriptions(2), SourceImages.read(sparse),
                options(SegmentationType.LABELMAP, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, DimensionOrganization.TILED_FULL));
        checkHeader(out, sparse, DimensionOrganization.TILED_FULL);
        checkVoxels(out, SegmentationType.LABELMAP);
        files.add(out);
        Conformance.assertConformant(files.toArray(new Path[0]));
        written.addAll(files);
    }

    /** FRACTIONAL: 1.0 in the disc, 0.4 in the band. */
    static SegmentationMask fractional() {
        float[][] f = new float[Z][W * H];
        for (int z = 0; z < Z; z++) for (int i = 0; i < W * H; i++) f[z][i] = labels[z][i] == 1 ? 1f : labels[z][i] == 2 ? 0.4f : 0f;
        return StackedMasks.ofFloats(new float[][][] {f}, H, W);
    }

    @Test
    @Order(2)
    void overlappingSegmentsRoundTrip() throws Exception {
        List<Path> files = new ArrayList<>();
        for (DimensionOrganization org : new DimensionOrganization[] {DimensionOrganization.TILED_SPARSE, DimensionOrganization.TILED_FULL}) {
            Path src = org == DimensionOrganization.TILED_FULL ? full : sparse;
            Path out = tmp.resolve("overlap-" + org + ".dcm");
            SegWriteResult r = SegWriter.write(out, StackedMasks.ofBytes(masks, H, W), SegTestData.descriptions(2), SourceImages.read(src),
                    options(SegmentationType.BINARY, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, org));
            assertTrue(r.segmentsOverlap());
            try (SegmentationReader rd = SegmentationReader.open(out)) {
                SegmentationVolume v = Reconstructor.totalPixelMatrix(rd, ReconstructionOptions.defaults());
                assertEquals(Z, v.planes());
                for (int s = 0; s < 2; s++) {
                    for (int z = 0; z < Z; z++) {
                        byte[] got = v.isEmpty(s, z) ? new byte[W * H] : v.bytePlane(s, z);
                        for (int i = 0; i < W * H; i++) {
                            if ((got[i] != 0) != (masks[s][z][i] != 0)) throw new AssertionError(out + " segment " + (s + 1) + " plane " + z + " pixel " + i);
                        }
                    }
                }
            }
            files.add(out);
        }
        Conformance.assertConformant(files.toArray(new Path[0]));
        written.addAll(files);
    }

    /** Focal planes, Z offsets, dimension index and the source frames referenced. */
    private static void checkHeader(Path out, Path src, DimensionOrganization org) throws Exception {
        TotalPixelMatrix m = SourceImages.read(src).totalPixelMatrix();
        AttributeList l = new AttributeList();
        l.read(out.toString(), TagFromName.PixelData);
        assertEquals(Z, Attribute.getSingleIntegerValueOrDefault(l, new AttributeTag(0x0048, 0x0303), 0));
        assertEquals(org.dicomValue(), Attribute.getSingleStringValueOrNull(l, TagFromName.DimensionOrganizationType));
        SequenceAttribute dims = (SequenceAttribute) l.get(TagFromName.DimensionIndexSequence);
        AttributeTag last = ((com.pixelmed.dicom.AttributeTagAttribute) dims.getItem(dims.getNumberOfItems() - 1).getAttributeList()
                .get(TagFromName.DimensionIndexPointer)).getAttributeTagValues()[0];
        assertEquals(TagFromName.ZOffsetInSlideCoordinateSystem, last, "the focal plane is a dimension");
        AttributeList shared = ((SequenceAttribute) l.get(TagFromName.SharedFunctionalGroupsSequence)).getItem(0).getAttributeList();
        AttributeList pm = ((SequenceAttribute) shared.get(TagFromName.PixelMeasuresSequence)).getItem(0).getAttributeList();
        assertEquals(0.002, Attribute.getSingleDoubleValueOrDefault(pm, TagFromName.SpacingBetweenSlices, 0), 1e-9);
        try (SegmentationReader r = SegmentationReader.open(out)) {
            Set<Integer> planes = new HashSet<>();
            for (FrameInfo f : r.frames()) {
                int row = f.rowPositionInTotalPixelMatrix() - 1, col = f.columnPositionInTotalPixelMatrix() - 1;
                double z = f.slidePosition()[2];
                int focal = (int) Math.round((z - m.focalPlanes()[0]) / 0.002);
                assertEquals(m.focalPlanes()[focal], z, 1e-9, "frame " + f.frameNumber() + " at a focal plane of the slide");
                planes.add(focal);
                if (org == DimensionOrganization.TILED_SPARSE) {
                    assertEquals(focal + 1, f.dimensionIndexValues()[f.dimensionIndexValues().length - 1]);
                    int[] want = m.framesAt(row, col, focal);
                    assertArrayEquals(want, f.sources().get(0).frameNumbers(), "frame " + f.frameNumber() + " derives from the source tile"
                            + " at its focal plane");
                }
            }
            assertEquals(Set.of(0, 1, 2), planes, "every focal plane keeps a frame, the empty deepest one too");
        }
    }

    /** Our reader: the same Z stack, voxel for voxel. */
    private static void checkVoxels(Path out, SegmentationType type) throws Exception {
        try (SegmentationReader r = SegmentationReader.open(out)) {
            SegmentationVolume v = Reconstructor.totalPixelMatrix(r, ReconstructionOptions.defaults().rescaleFractional(false));
            assertEquals(Z, v.planes(), out.toString());
            int channels = type == SegmentationType.FRACTIONAL ? 1 : 2;
            for (int s = 0; s < channels; s++) {
                for (int z = 0; z < Z; z++) {
                    byte[] got = v.isEmpty(s, z) ? new byte[W * H] : v.bytePlane(s, z);
                    for (int i = 0; i < W * H; i++) {
                        int label = labels[z][i];
                        int want = type == SegmentationType.FRACTIONAL ? (label == 1 ? 255 : label == 2 ? 102 : 0) : label == s + 1 ? 1 : 0;
                        int g = got[i] & 0xFF;
                        if (type != SegmentationType.FRACTIONAL) g = g != 0 ? 1 : 0;
                        if (g != want) throw new AssertionError(out + " channel " + s + " plane " + z + " pixel " + i + ": " + g + " != " + want);
                    }
                }
            }
        }
    }

    /** highdicom: segread with its defaults, then each focal plane's tiles by dimension index values (column, row, Z). */
    @Test
    @Order(3)
    void highdicomReadsEveryFocalPlane() throws Exception {
        assertEquals(15, written.size(), "the SEGs of the two tests before");
        String py = String.join("\n",
                "import sys, numpy as np, highdicom as hd",
                "from pydicom.tag import Tag",
                "for path, outp in zip(sys.argv[1::2], sys.argv[2::2]):",
                "    seg = hd.seg.segread(path)",
                "    tr, tc = seg.Rows, seg.Columns",
                "    H, W, Z = seg.TotalPixelMatrixRows, seg.TotalPixelMatrixColumns, seg.TotalPixelMatrixFocalPlanes",
                "    across, down = -(-W // tc), -(-H // tr)",
                "    ptrs = [Tag(0x0048021E), Tag(0x0048021F), Tag(0x0040074A)]",
                "    S = len(seg.segment_numbers)",
                "    out = np.zeros((Z, S, down * tr, across * tc), np.uint8)",
                "    for z in range(Z):",
                "        div = [[c + 1, r + 1, z + 1] for r in range(down) for c in range(across)]",
                "        px = seg.get_pixels_by_dimension_index_values(div, dimension_index_pointers=ptrs, combine_segments=False,",
                "            rescale_fractional=False, assert_missing_frames_are_empty=True, dtype=np.uint8)",
                "        for k, (c, r, _) in enumerate(div):",
                "            for s in range(S):",
                "                out[z, s, (r - 1) * tr:r * tr, (c - 1) * tc:c * tc] = px[k, :, :, s]",
                "    open(outp, 'wb').write(np.ascontiguousarray(out[:, :, :H, :W]).tobytes())",
                "    print('OK', path, seg.SegmentationType, Z, S)");
        // pydicom 3.0.2 cannot decode 1-bit RLE (the oracle's known limit): BINARY + RLE is read by our reader only
        List<Path> read = new ArrayList<>();
        for (Path p : written) if (!p.getFileName().toString().contains("BINARY-RLE")) read.add(p);
        List<String> args = new ArrayList<>();
        for (Path p : read) {
            args.add(p.toString());
            args.add(p + ".hd.raw");
        }
        String text = Highdicom.python(py, args.toArray(new String[0]));
        assertEquals(read.size(), text.lines().filter(s -> s.startsWith("OK")).count(), text);
        for (Path p : read) {
            byte[] hd = Files.readAllBytes(Path.of(p + ".hd.raw"));
            String name = p.getFileName().toString();
            boolean overlap = name.startsWith("overlap");
            boolean frac = name.contains("FRACTIONAL");
            int channels = frac ? 1 : 2;
            assertEquals(Z * channels * W * H, hd.length, name);
            for (int z = 0; z < Z; z++) {
                for (int s = 0; s < channels; s++) {
                    int base = (z * channels + s) * W * H;
                    for (int i = 0; i < W * H; i++) {
                        int label = labels[z][i];
                        int want = overlap ? masks[s][z][i] : frac ? (label == 1 ? 255 : label == 2 ? 102 : 0) : label == s + 1 ? 1 : 0;
                        if ((hd[base + i] & 0xFF) != want) {
                            throw new AssertionError("highdicom " + name + " plane " + z + " segment " + (s + 1) + " pixel " + i + ": "
                                    + (hd[base + i] & 0xFF) + " != " + want);
                        }
                    }
                }
            }
        }
    }

    /**
     * dcmjs 0.51.1 parses every focal-plane SEG with its Total Pixel Matrix Focal Planes, frame count
     * and the Z Offset dimension; its loader, a stack loader, does not place tiled frames (as for SEG
     * pyramids in {@code DcmjsInteropTest}) — asserted as it behaves now, so a change is noticed.
     */
    @Test
    @Order(4)
    void dcmjsParsesEveryFocalPlaneSeg() throws Exception {
        assertEquals(15, written.size(), "the SEGs of the tests before");
        for (Path out : written) {
            String name = out.getFileName().toString();
            Path src = name.contains("TILED_FULL") && !name.startsWith("full-over-sparse") ? full : sparse;
            com.google.gson.JsonObject o = org.dicomseg.testing.Dcmjs.read(out,
                    List.of(org.dicomseg.testing.Dcmjs.multiFrame(src, org.dicomseg.source.slide.SlideLevel.read(src).frames())));
            com.google.gson.JsonObject ds = o.getAsJsonObject("dataset");
            try (SegmentationReader r = SegmentationReader.open(out)) {
                assertEquals(r.numberOfFrames(), ds.get("numberOfFrames").getAsInt(), out.toString());
                assertEquals(Z, ds.get("totalPixelMatrixFocalPlanes").getAsInt(), out + ": " + ds);
                assertEquals(r.metadata().dimensionOrganizationType().dicomValue(), ds.get("dimensionOrganizationType").getAsString());
            }
            List<Long> pointers = new ArrayList<>(); // dcmjs gives each tag as one number
            for (com.google.gson.JsonElement e : ds.getAsJsonArray("dimensionIndexPointers")) pointers.add(e.getAsLong());
            assertTrue(pointers.contains(0x0040074AL),
                    out + ": the Z Offset in Slide Coordinate System dimension, as dcmjs reads it: " + ds);
            assertTrue(o.has("toolStateError"), () -> out.getFileName() + ": dcmjs's loader takes tiled SEGs now — compare its voxels"
                    + " and update docs/writer.md: " + o);
        }
    }

    @Test
    void aStackOfAnotherDepthIsRefusedNamingBothCounts() throws Exception {
        Path out = tmp.resolve("two-planes.dcm");
        SegWriteException e = assertThrows(SegWriteException.class, () -> SegWriter.write(out,
                LabelMapMask.ofBytes(new byte[][] {labels[0], labels[1]}, H, W), SegTestData.descriptions(2), SourceImages.read(full),
                options(SegmentationType.BINARY, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, DimensionOrganization.TILED_SPARSE)));
        assertEquals("The mask has 2 planes but the slide level level-1.dcm has 3 focal planes: a SEG on a slide takes one mask plane"
                + " per focal plane, in increasing Z", e.getMessage());
        assertFalse(Files.exists(out));
        try (var s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith("two-planes")), "no leftover file");
        }
    }
}

package org.dicomseg.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.dicomseg.mask.LabelMapMask;
import org.dicomseg.mask.MaskPlanes;
import org.dicomseg.mask.PixelKind;
import org.dicomseg.model.DimensionOrganization;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.samples.SampleStudy;
import org.dicomseg.samples.SlideWriter;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.Shared;
import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.dicom.SegTags;
import org.dicomseg.source.SourceImages;
import org.dicomseg.testing.SegTestData;
import org.dicomseg.testing.WrittenSeg;

/**
 * Tiles the writer does not read: a source that answers {@link MaskPlanes#uniformValue} (as a
 * slide-sized lazy mask does) gives a SEG with the same frames, frame for frame and byte for byte
 * in Pixel Data, as the same labels held in memory (which are read, and whose uniform tiles the
 * first pass remembers); every frame holds exactly the mask's pixels at its tile position; uniform
 * tiles are never read; every file passes the conformance gate.
 */
class UniformTilesWriterTest {
    @TempDir static Path tmp;
    static final int W = 900, H = 600, ROW = 50, COL = 70;
    static byte[] labels;

    @BeforeAll
    static void labels() {
        Shared.assumePresent();
        labels = new byte[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double dx = x - 300, dy = y - 280;
                int v = 0;
                if (dx * dx + dy * dy <= 230.0 * 230) v = 1;                      // full tiles inside, mixed on the rim
                if (x >= 600 && x < 880 && y >= 100 && y < 420) v = 2;            // a block of label 2
                if (x >= 600 && x < 880 && y >= 250 && y < 260 && x % 3 == 0) v = 0; // with holes
                labels[y * W + x] = (byte) v;
            }
        }
    }

    /** The labels as a lazy source that knows which regions are uniform, counting the regions it fills. */
    static final class Knowing implements MaskPlanes {
        final AtomicInteger reads = new AtomicInteger();
        /** Reads of a region the writer could have known without reading: uniform 0, or a whole tile of one value. */
        final AtomicInteger needless = new AtomicInteger();
        final int tile;
        Knowing(int tile) { this.tile = tile; }
        @Override public int rows() { return H; }
        @Override public int columns() { return W; }
        @Override public int planes() { return 1; }
        @Override public PixelKind kind() { return PixelKind.UINT8; }
        @Override public Object readPlane(int plane, Object dst) { throw new UnsupportedOperationException("regions only"); }
        @Override public void readRegion(int plane, int x, int y, int w, int h, Object dst) {
            reads.incrementAndGet();
            int u = uniformValue(plane, x, y, w, h);
            if (u == 0 || (u > 0 && w == tile && h == tile)) needless.incrementAndGet();
            for (int r = 0; r < h; r++) System.arraycopy(labels, (y + r) * W + x, dst, r * w, w);
        }
        @Override public int uniformValue(int plane, int x, int y, int w, int h) {
            int v = labels[y * W + x] & 0xFF;
            for (int r = 0; r < h; r++) for (int c = 0; c < w; c++) if ((labels[(y + r) * W + x + c] & 0xFF) != v) return -1;
            return v;
        }
    }

    @ParameterizedTest
    @CsvSource({
        "BINARY, EXPLICIT_VR_LITTLE_ENDIAN, TILED_SPARSE, 64",
        "BINARY, EXPLICIT_VR_LITTLE_ENDIAN, TILED_FULL, 64",
        "BINARY, EXPLICIT_VR_LITTLE_ENDIAN, TILED_SPARSE, 37",   // 1369-pixel tiles: frames start inside a byte
        "BINARY, RLE_LOSSLESS, TILED_FULL, 37",
        "LABELMAP, EXPLICIT_VR_LITTLE_ENDIAN, TILED_SPARSE, 64",
        "LABELMAP, RLE_LOSSLESS, TILED_FULL, 64",
    })
    void uniformTilesAreWrittenWithoutReadingAndMatchTheReadPath(SegmentationType type, OutputTransferSyntax ts,
            DimensionOrganization org, int tile) throws Exception {
        Path slide = tmp.resolve("slide-" + tile + ".dcm");
        if (!Files.exists(slide)) new SlideWriter(SampleStudy.deterministic(5), 1000, 700, tile).write(slide);
        SourceImages src = SourceImages.read(slide);
        SegWriteOptions o = SegWriteOptions.builder().segmentationType(type).transferSyntax(ts)
                .sopInstanceUid("1.2.826.0.1.3680043.10.1.1").seriesInstanceUid("1.2.826.0.1.3680043.10.1.2")
                .contentDateTime(LocalDateTime.of(2026, 1, 1, 0, 0))
                .tiledGeometry(TiledGeometry.defaults().withOrganization(org).withTileSize(tile).withRegionOffset(ROW, COL)).build();
        String name = type + "-" + ts + "-" + org + "-" + tile;
        Knowing knowing = new Knowing(tile);
        Path lazy = tmp.resolve(name + "-lazy.dcm");
        Path memory = tmp.resolve(name + "-memory.dcm");
        SegWriter.write(lazy, LabelMapMask.of(knowing), SegTestData.descriptions(2), src, o);
        SegWriter.write(memory, LabelMapMask.ofBytes(new byte[][] {labels}, H, W), SegTestData.descriptions(2), src, o);
        Conformance.assertConformant(lazy, memory);

        WrittenSeg a = new WrittenSeg(lazy);
        WrittenSeg b = new WrittenSeg(memory);
        assertEquals(b.frames, a.frames);
        assertArrayEquals(pixelData(memory), pixelData(lazy), "Pixel Data");
        long tilesAcross = (1000 + tile - 1) / tile;
        int tiles = (int) (tilesAcross * ((700 + tile - 1) / tile));
        SequenceAttribute perFrame = (SequenceAttribute) a.header.get(SegTags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE);
        assertEquals(org == DimensionOrganization.TILED_FULL, perFrame == null);
        int mixed = 0;
        for (int f = 0; f < a.frames; f++) {
            long r0, c0;
            int segment;
            if (perFrame == null) {
                int t = f % tiles;
                r0 = t / tilesAcross * tile;
                c0 = t % tilesAcross * tile;
                segment = type == SegmentationType.LABELMAP ? 0 : 1 + f / tiles;
            } else {
                AttributeList item = perFrame.getItem(f).getAttributeList();
                AttributeList pos = ((SequenceAttribute) item.get(TagFromName.PlanePositionSlideSequence)).getItem(0).getAttributeList();
                r0 = Attribute.getSingleIntegerValueOrDefault(pos, TagFromName.RowPositionInTotalImagePixelMatrix, 0) - 1;
                c0 = Attribute.getSingleIntegerValueOrDefault(pos, TagFromName.ColumnPositionInTotalImagePixelMatrix, 0) - 1;
                AttributeList b2 = perFrameOf(b, f);
                assertEquals(normalised(b2), normalised(item), "functional groups of frame " + (f + 1));
                segment = type == SegmentationType.LABELMAP ? 0
                        : Attribute.getSingleIntegerValueOrDefault(((SequenceAttribute) item.get(SegTags.SEGMENT_IDENTIFICATION_SEQUENCE))
                                .getItem(0).getAttributeList(), SegTags.REFERENCED_SEGMENT_NUMBER, 0);
            }
            int[] expected = new int[tile * tile];
            boolean uniform = true;
            for (int i = 0; i < tile * tile; i++) {
                long y = r0 + i / tile - ROW, x = c0 + i % tile - COL;
                int v = y >= 0 && y < H && x >= 0 && x < W ? labels[(int) (y * W + x)] & 0xFF : 0;
                expected[i] = type == SegmentationType.LABELMAP ? v : v == segment ? 1 : 0;
                if (expected[i] != expected[0]) uniform = false;
            }
            if (!uniform) mixed++;
            assertArrayEquals(expected, a.pixels[f], name + " frame " + (f + 1) + " at (" + r0 + ", " + c0 + ")");
        }
        // The uniform tiles were never filled: every region the writer read was a mixed tile.
        assertTrue(mixed > 0 && mixed < a.frames, "mixed frames " + mixed + " of " + a.frames);
        assertTrue(knowing.reads.get() > 0);
        assertEquals(0, knowing.needless.get(), "uniform tiles read");
    }

    /** The item as text without its random UIDs and file offsets. */
    private static String normalised(AttributeList item) {
        return item.toString().replaceAll("2\\.25\\.\\d+", "UID").replaceAll("starts at 0x[0-9a-f]+", "");
    }

    private static AttributeList perFrameOf(WrittenSeg s, int f) {
        return ((SequenceAttribute) s.header.get(SegTags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE)).getItem(f).getAttributeList();
    }

    /** The bytes after the Pixel Data element's tag (its value, or its items when encapsulated). */
    private static byte[] pixelData(Path file) throws Exception {
        byte[] all = Files.readAllBytes(file);
        for (int i = 132; i + 12 <= all.length; i++) {
            if ((all[i] & 0xFF) == 0xE0 && all[i + 1] == 0x7F && all[i + 2] == 0x10 && all[i + 3] == 0
                    && all[i + 4] == 'O' && (all[i + 5] == 'B' || all[i + 5] == 'W')) {
                return java.util.Arrays.copyOfRange(all, i, all.length);
            }
        }
        throw new AssertionError("no Pixel Data in " + file);
    }
}

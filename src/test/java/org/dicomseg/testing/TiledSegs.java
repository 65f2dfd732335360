package org.dicomseg.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriter;
import org.dicomseg.source.SourceImages;
import org.dicomseg.write.TiledGeometry;
import org.dicomseg.mask.LabelMapMask;
import org.dicomseg.mask.StackedMasks;
import org.dicomseg.model.CodedConcept;
import org.dicomseg.model.SegmentAlgorithmType;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.samples.SampleStudy;
import org.dicomseg.samples.SlideWriter;

/**
 * Generated slides with tiled SEGs on them, for import tests: a two-level pyramid (spacing 0.25 µm
 * and 0.5 µm) and SEGs written on the fine level from a known label pattern {@link #label}
 * (a disc = 1, a dotted block = 2, a one-pixel line = 2) placed at a region offset. Every SEG
 * written here passes the conformance gate.
 */
public final class TiledSegs {
    private TiledSegs() { }

    /** Width of the fine level. */
    public static final int W = 1000;
    /** Height of the fine level. */
    public static final int H = 700;

    /** Writes level-1.dcm (W x H, 0.25 µm, tiles of 128) and level-2.dcm (half, 0.5 µm) into {@code dir}. */
    public static List<Path> pyramid(Path dir) throws IOException {
        SampleStudy study = SampleStudy.deterministic(21);
        Path l1 = dir.resolve("level-1.dcm"), l2 = dir.resolve("level-2.dcm");
        new SlideWriter(study, W, H, 128).series("series/tiled-import").pixelSpacing(0.00025).write(l1);
        new SlideWriter(study, W / 2, H / 2, 128).series("series/tiled-import").pixelSpacing(0.0005).write(l2);
        return List.of(l1, l2);
    }

    /** The label of pixel (x, y) of a mask of {@code w x h}. */
    public static int label(int x, int y, int w, int h) {
        double dx = x - w * 0.35, dy = y - h * 0.45;
        if (dx * dx + dy * dy < (h * 0.3) * (h * 0.3)) return 1;
        if (x > w * 0.7 && y > h * 0.6 && (x + y) % 7 != 0) return 2;
        if (x == 20) return 2;
        return 0;
    }

    /**
     * The most frequent nonzero label of a pattern holding labels 0, 1 and 2 over the f × f block
     * at (bx, by) of {@code labels} ({@code w × h}; outside counts 0), ties to the smaller, 0 when
     * none: the pyramid's block rule for label maps, computed independently (and fast enough for
     * the 6.6 million pixels of a slide level).
     */
    public static int blockMode(byte[] labels, int w, int h, int bx, int by, int f) {
        int one = 0, two = 0;
        for (int y = Math.max(0, by); y < Math.min(h, by + f); y++) {
            for (int x = Math.max(0, bx); x < Math.min(w, bx + f); x++) {
                int v = labels[y * w + x];
                if (v == 1) one++;
                else if (v == 2) two++;
            }
        }
        return one == 0 && two == 0 ? 0 : two > one ? 2 : 1;
    }

    /** The label pattern of {@code w x h}. */
    public static byte[] labels(int w, int h) {
        byte[] b = new byte[w * h];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) b[y * w + x] = (byte) label(x, y, w, h);
        return b;
    }

    /**
     * Writes a SEG of {@code type} on {@code level}, holding {@link #labels} of {@code w x h} at
     * column x0, row y0 (FRACTIONAL: segment 1 = 1.0 in the disc, 0.4 in the block; one segment).
     */
    public static Path write(Path out, Path level, SegmentationType type, int x0, int y0, int w, int h) throws IOException {
        byte[] labels = labels(w, h);
        SegWriteOptions o = SegWriteOptions.builder().segmentationType(type)
                .transferSyntax(type == SegmentationType.BINARY ? OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN
                        : OutputTransferSyntax.RLE_LOSSLESS)
                .tiledGeometry(TiledGeometry.defaults().withRegionOffset(y0, x0)).build();
        if (type == SegmentationType.FRACTIONAL) {
            float[] f = new float[w * h];
            for (int i = 0; i < f.length; i++) f[i] = labels[i] == 1 ? 1f : labels[i] == 2 ? 0.4f : 0f;
            SegWriter.write(out, StackedMasks.ofFloats(new float[][][] {{f}}, h, w), descriptions(1), SourceImages.read(level), o);
        } else {
            SegWriter.write(out, LabelMapMask.ofBytes(new byte[][] {labels}, h, w), descriptions(2), SourceImages.read(level), o);
        }
        Conformance.assertConformant(out);
        return out;
    }

    /** Segment descriptions 1..n. */
    public static List<SegmentDescription> descriptions(int n) {
        List<SegmentDescription> l = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            l.add(SegmentDescription.builder(i, "Segment " + i)
                    .category(CodedConcept.sct("91723000", "Anatomical structure"))
                    .type(CodedConcept.sct("10200004", "Liver"))
                    .algorithmType(SegmentAlgorithmType.MANUAL)
                    .colorRgb(40 * i % 256, 255 - i % 256, 128)
                    .build());
        }
        return l;
    }
}

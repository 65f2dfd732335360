package org.dicomseg.ij.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.dicomseg.read.FrameInfo;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.read.SourceImageReference;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.ij.source.SourceHeader;
import org.dicomseg.ij.source.SourceSeries;

/**
 * Test helper: decodes an exported SEG back to per-segment planes in the order of the given
 * sources, placing each frame by the source image it references (and checking that its Image
 * Position (Patient) is that source's), so exports can be compared with their inputs pixel by pixel.
 */
public final class ExportDecoded {
    /** {@code masks[segment][plane]}: stored values (0/1, 0..max, or for LABELMAP 0/1 per segment); never null. */
    public final byte[][][] masks;
    public final List<SegmentDescription> segments;
    public final SegmentationType type;
    public final int frames;

    private ExportDecoded(byte[][][] masks, List<SegmentDescription> segments, SegmentationType type, int frames) {
        this.masks = masks;
        this.segments = segments;
        this.type = type;
        this.frames = frames;
    }

    /** Decodes {@code seg}, whose planes are the frames of {@code sources} in order. */
    public static ExportDecoded read(Path seg, SourceSeries sources) throws Exception {
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            int planes = sources.planeCount();
            int n = r.rows() * r.columns();
            List<SegmentDescription> segs = r.segments();
            byte[][][] masks = new byte[segs.size() + 1][planes][n];
            for (FrameInfo f : r.frames()) {
                List<SourceImageReference> refs = f.sources();
                assertEquals(1, refs.size(), "frame " + f.frameNumber() + " references one source image");
                int plane = planeOf(refs.get(0), sources);
                double[] pos = f.imagePositionPatient();
                SourceHeader h = sources.headers().get(sources.headers().size() == 1 ? 0 : plane);
                if (h.position() != null && sources.headers().size() > 1) {
                    assertNotNull(pos, "frame " + f.frameNumber() + " has a position");
                    for (int k = 0; k < 3; k++) assertEquals(h.position().toArray()[k], pos[k], 1e-3, "position of frame " + f.frameNumber());
                }
                if (r.segmentationType() == SegmentationType.LABELMAP) {
                    byte[] labels = r.readFrame(f.frameNumber());
                    for (int i = 0; i < n; i++) {
                        int s = labels[i] & 0xFF;
                        if (s > 0) masks[s][plane][i] = 1;
                    }
                } else {
                    assertTrue(f.hasReferencedSegment());
                    r.readFrame(f.frameNumber(), masks[f.referencedSegmentNumber()][plane], 0);
                }
            }
            return new ExportDecoded(masks, segs, r.segmentationType(), r.numberOfFrames());
        }
    }

    private static int planeOf(SourceImageReference ref, SourceSeries sources) {
        List<SourceHeader> hs = sources.headers();
        if (hs.size() == 1 && hs.get(0).frames() > 1) {
            assertEquals(hs.get(0).sopInstanceUid(), ref.sopInstanceUid());
            int[] fr = ref.frameNumbers();
            assertEquals(1, fr.length, "one referenced frame");
            return fr[0] - 1;
        }
        for (int i = 0; i < hs.size(); i++) if (hs.get(i).sopInstanceUid().equals(ref.sopInstanceUid())) return i;
        throw new AssertionError("Frame references unknown source " + ref.sopInstanceUid());
    }
}

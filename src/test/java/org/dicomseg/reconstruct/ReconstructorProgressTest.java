package org.dicomseg.reconstruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.dicomseg.read.FrameInfo;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.testing.Shared;
import org.dicomseg.task.CanceledException;
import org.dicomseg.task.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the ImageJ importer needs from the reconstruction: a per-frame progress hook that can
 * cancel, per-plane source references, and a plane-order description without decoding.
 */
class ReconstructorProgressTest {

    @BeforeAll
    static void corpus() {
        Shared.assumePresent();
    }

    /** Records every update; cancels once {@code cancelAfter} updates have been seen. */
    private static final class Recorder implements Progress {
        final List<int[]> updates = new ArrayList<>();
        final int cancelAfter;

        Recorder(int cancelAfter) { this.cancelAfter = cancelAfter; }

        @Override public void progress(long done, long total) { updates.add(new int[] {(int) done, (int) total}); }
        @Override public boolean canceled() { return updates.size() >= cancelAfter; }
    }

    @Test
    void progressIsCalledPerFrameAndEndsComplete() throws Exception {
        try (SegmentationReader r = SegmentationReader.open(Shared.corpus("dcmqi/segmentations/partial_overlaps.dcm"))) {
            Recorder p = new Recorder(Integer.MAX_VALUE);
            SegmentationVolume v = Reconstructor.volume(r, ReconstructionOptions.defaults().progress(p));
            int frames = r.numberOfFrames();
            // one update per placed frame (0..frames-1), then one saying "all done"
            assertEquals(frames + 1, p.updates.size());
            for (int k = 0; k < frames; k++) {
                assertEquals(k, p.updates.get(k)[0]);
                assertEquals(frames, p.updates.get(k)[1]);
            }
            assertEquals(frames, p.updates.get(frames)[0]);
            assertEquals(frames, v.framesRead());
        }
    }

    @Test
    void cancellingStopsBeforeTheRemainingFramesAreDecoded() throws Exception {
        try (SegmentationReader r = SegmentationReader.open(Shared.corpus("dcmqi/segmentations/partial_overlaps.dcm"))) {
            r.resetFramesRead();
            Recorder p = new Recorder(2);
            assertThrows(CanceledException.class,
                    () -> Reconstructor.volume(r, ReconstructionOptions.defaults().progress(p)));
            assertEquals(2, p.updates.size(), "stopped at the third frame");
            assertTrue(r.framesRead() <= 2, "decoded " + r.framesRead() + " of " + r.numberOfFrames());
        }
    }

    @Test
    void volumePlanesKnowTheirSourceInstance() throws Exception {
        try (SegmentationReader r = SegmentationReader.open(Shared.corpus("highdicom/seg_image_ct_binary.dcm"))) {
            SegmentationVolume v = Reconstructor.volume(r, ReconstructionOptions.defaults());
            assertEquals(3, v.planes());
            // frames are sorted along the normal; each plane's source is that of the frame placed there
            for (FrameInfo f : r.frames()) {
                int z = -1;
                for (int k = 0; k < v.planes(); k++) {
                    if (Math.abs(v.planePositions()[k][2] - f.imagePositionPatient()[2]) < 1e-3) z = k;
                }
                assertTrue(z >= 0);
                assertEquals(f.sources().get(0).sopInstanceUid(), v.planeSources()[z]);
            }
        }
        try (SegmentationReader r = SegmentationReader.open(Shared.corpus("dcmqi/segmentations/sparse-labelmap-noppv.dcm"))) {
            SegmentationVolume v = Reconstructor.volume(r, ReconstructionOptions.defaults());
            assertEquals(3, v.planes());
            assertTrue(v.isEmpty(0, 1));
            assertNull(v.planeSources()[1], "an inserted empty plane has no source");
            assertEquals(0, v.planeSourceFrames()[1]);
        }
    }

    @Test
    void planeOrderDescribesTheLayoutWithoutDecoding() throws Exception {
        try (SegmentationReader r = SegmentationReader.open(Shared.corpus("dcmqi/segmentations/sparse-labelmap-noppv.dcm"))) {
            r.resetFramesRead();
            String order = Reconstructor.planeOrder(r, ReconstructionOptions.defaults());
            assertEquals(0, r.framesRead());
            assertTrue(order.startsWith("by Image Position (Patient) along the slice normal, 3 planes"), order);
            assertTrue(order.contains("1 empty plane(s) inserted"), order);
        }
        try (SegmentationReader r = SegmentationReader.open(Shared.corpus("highdicom/seg_image_sm_dots_tiled_full.dcm"))) {
            assertTrue(Reconstructor.planeOrder(r, ReconstructionOptions.defaults()).startsWith("tiles of the Total Pixel Matrix"));
        }
    }
}

package org.dicomseg.reconstruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CyclicBarrier;

import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriter;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.source.SourceImages;
import org.dicomseg.mask.LabelMapMask;
import org.dicomseg.model.CodedConcept;
import org.dicomseg.model.SegmentAlgorithmType;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.samples.BenchmarkSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Planes of a reconstruction are allocated once each, also when several threads want the same
 * plane at the same moment (tiles of one Total Pixel Matrix decoded on several threads: a 900 MB
 * plane allocated twice costs its zeroing twice), and threads allocating different planes do not
 * wait for each other's zeroing.
 */
class PlaneFillerAllocationTest {
    @TempDir
    static Path tmp;

    @Test
    void aPlaneWantedByTwoThreadsAtOnceIsAllocatedOnce() throws Exception {
        SourceImages src = SourceImages.read(BenchmarkSeries.write(tmp.resolve("src"), 2, 256, 256, BenchmarkSeries.Pixels.ZEROS, 3));
        byte[][] labels = new byte[2][256 * 256];
        labels[0][5] = 1;
        Path seg = tmp.resolve("one.dcm");
        SegWriter.write(seg, LabelMapMask.ofBytes(labels, 256, 256), List.of(SegmentDescription.builder(1, "Liver")
                .category(CodedConcept.sct("91723000", "Anatomical structure")).type(CodedConcept.sct("10200004", "Liver"))
                .algorithmType(SegmentAlgorithmType.MANUAL).build()), src, SegWriteOptions.defaults());
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            for (int round = 0; round < 20; round++) {
                // 16 MiB planes: zeroing one takes long enough for the two threads to meet
                PlaneFiller f = new PlaneFiller(r, ReconstructionOptions.defaults(), new int[] {1}, 4096, 4096, 2);
                CyclicBarrier go = new CyclicBarrier(2);
                Object[] got = new Object[3];
                long before = PlaneFiller.PLANES_ALLOCATED.get();
                Thread other = new Thread(() -> {
                    try {
                        go.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    got[1] = f.allocate(0);
                    got[2] = f.allocate(1);
                });
                other.start();
                go.await();
                got[0] = f.allocate(0);
                other.join();
                assertSame(got[0], got[1], "round " + round + ": one array for plane 0");
                assertSame(got[2], f.allocate(1), "round " + round + ": plane 1 kept");
                assertEquals(before + 2, PlaneFiller.PLANES_ALLOCATED.get(), "round " + round + ": planes allocated");
            }
        }
    }
}

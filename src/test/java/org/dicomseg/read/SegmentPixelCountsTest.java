package org.dicomseg.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;

import org.dicomseg.testing.Shared;
import org.dicomseg.testing.SyntheticSegs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SegmentationReader#segmentPixelCounts} over many frames, counted on several threads (each
 * with its own frame buffers): the generator's own count of set pixels, the same as decoding every
 * frame one by one on the calling thread, and every frame read once.
 */
class SegmentPixelCountsTest {
    @TempDir Path dir;

    @Test void manyFramesCountedOnThreadsGiveTheGeneratorsCount() throws Exception {
        Path big = dir.resolve("big.dcm");
        long ones = SyntheticSegs.bigBinary(Shared.corpus("dcmqi/segmentations/liver.dcm"), big, 301, 4); // odd count: uneven shares
        try (SegmentationReader r = SegmentationReader.open(big)) {
            Map<Integer, Long> counts = r.segmentPixelCounts();
            assertEquals(Map.of(1, ones), counts);
            assertEquals(301, r.framesRead(), "each frame read once");
            assertEquals(counts, r.segmentPixelCounts(), "cached");
            assertEquals(301, r.framesRead());
            long oneByOne = 0;
            for (int f = 1; f <= r.numberOfFrames(); f++) {
                byte[] px = r.readFrameUnlessEmpty(f);
                if (px != null) for (byte b : px) if (b != 0) oneByOne++;
            }
            assertEquals(ones, oneByOne);
        }
    }
}

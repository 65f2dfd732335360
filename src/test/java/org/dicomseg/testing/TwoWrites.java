package org.dicomseg.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Two writes of the same output (into two folders, each derived from its own copy of any generated
 * sources), each reduced to its {@link CanonicalDicom}, and the check that they differ in nothing
 * but the masked ranges. Writing twice is how a golden test shows that its masking covers all that
 * varies from run to run (generated UIDs, the clock, the lengths around them) and nothing else: the
 * two must have as many files and masked ranges, the same raw bytes outside the masked ranges, the
 * same canonical hash and the same clock attributes.
 */
public final class TwoWrites {
    /** The canonical form of the first write (with a dump when asked for) and of the second. */
    public final CanonicalDicom first, second;
    private final int files;
    private final long bytes;
    private final boolean rawEqual;

    private TwoWrites(CanonicalDicom first, CanonicalDicom second, int files, long bytes, boolean rawEqual) {
        this.first = first;
        this.second = second;
        this.files = files;
        this.bytes = bytes;
        this.rawEqual = rawEqual;
    }

    /**
     * Canonicalises both writes (file by file, in the order given); fails if they wrote a different
     * number of files. Call {@link #assertDifferOnlyInMaskedRanges} next.
     *
     * @param name what was written, for messages
     * @param dumpFirst whether the first write's canonical form keeps a readable listing
     */
    public static TwoWrites read(String name, List<Path> firstFiles, List<Path> firstSources, List<Path> secondFiles,
            List<Path> secondSources, boolean dumpFirst) throws IOException {
        assertEquals(firstFiles.size(), secondFiles.size(), name + ": number of files");
        CanonicalDicom ca = new CanonicalDicom(firstSources, dumpFirst);
        CanonicalDicom cb = new CanonicalDicom(secondSources, false);
        boolean rawEqual = true;
        long size = 0;
        for (int i = 0; i < firstFiles.size(); i++) {
            byte[] fa = Files.readAllBytes(firstFiles.get(i)), fb = Files.readAllBytes(secondFiles.get(i));
            rawEqual &= Arrays.equals(fa, fb);
            size += fa.length;
            ca.file(i, fa);
            cb.file(i, fb);
        }
        return new TwoWrites(ca, cb, firstFiles.size(), size, rawEqual);
    }

    /** Files, bytes, masked ranges and generated UIDs of the first write, and whether the raw files were identical. */
    public String summary() {
        return String.format("%d file(s), %d bytes, %d masked ranges, %d generated UIDs, raw files %s", files, bytes,
                first.maskedRanges(), first.generatedUids(), rawEqual ? "IDENTICAL" : "differ");
    }

    /** Asserts that the two writes differ only in masked bytes; returns their (common) canonical hash. */
    public String assertDifferOnlyInMaskedRanges(String name) {
        String ha = first.hash(), hb = second.hash();
        assertEquals(first.maskedRanges(), second.maskedRanges(), name + ": number of masked ranges of the two writes");
        byte[] ra = first.residual(), rb = second.residual();
        if (!Arrays.equals(ra, rb)) {
            int i = Arrays.mismatch(ra, rb);
            fail(name + ": the two writes differ outside the masked UIDs, dates and lengths (unmasked byte " + i + " of "
                    + ra.length + " / " + rb.length + ")");
        }
        assertEquals(ha, hb, name + ": the canonical form of two writes differs");
        assertEquals(first.clock().keySet(), second.clock().keySet(), name + ": same clock attributes");
        return ha;
    }
}

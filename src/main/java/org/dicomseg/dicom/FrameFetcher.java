package org.dicomseg.dicom;

import java.io.IOException;

/**
 * Fetches stored frames of a remote instance (tiles of a slide level, frames of a SEG), e.g. by WADO-RS frame retrieval (PS3.18
 * 10.4.1.1.3, {@code source.web}): only the frames asked for, handed over as they arrive in their
 * stored encoding.
 */
public interface FrameFetcher {
    /** Receives one frame. */
    interface Sink {
        /**
         * Frame {@code frameNumber} (1-based) arrived, encoded in {@code transferSyntaxUid}
         * (null when the server did not say: the level's own).
         */
        void frame(int frameNumber, String transferSyntaxUid, byte[] bytes) throws IOException;
    }

    /** Fetches frames {@code frameNumbers} (1-based), in that order, into {@code sink}. */
    void fetch(int[] frameNumbers, Sink sink) throws IOException;
}

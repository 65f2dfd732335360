package org.dicomseg.write;

/**
 * Receives the progress of a SEG write, e.g. to drive ImageJ's progress bar: called on the
 * writing thread after the first pass over the mask (0 frames done) and then after each mask plane
 * has been encoded. Throwing an exception from it (e.g. when the user cancels) aborts the write;
 * nothing is left on disk then.
 */
@FunctionalInterface
public interface SegWriteProgress {
    /**
     * @param framesDone  frames encoded so far
     * @param totalFrames Number of Frames of the SEG being written
     */
    void progress(int framesDone, int totalFrames);
}

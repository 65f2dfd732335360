package org.dicomseg.write;

import java.util.List;

/**
 * What {@link PyramidWriter} did with each level of a slide: the SEGs written (in the order of the
 * levels given) and, one line each, the levels it could not write and why (a pixel spacing that is
 * not an integer multiple of the mask's level, or a region with no pixel on the level). Nothing is
 * skipped without a line here.
 */
public final class PyramidResult {
    private final List<SegWriteResult> written;
    private final List<String> notWritten;

    PyramidResult(List<SegWriteResult> written, List<String> notWritten) {
        this.written = List.copyOf(written);
        this.notWritten = List.copyOf(notWritten);
    }

    /** The SEG levels written, the mask's level first. */
    public List<SegWriteResult> written() { return written; }

    /** One line per level not written, naming the level file and the reason; empty when every level was written. */
    public List<String> notWritten() { return notWritten; }

    /** True when every level given got its SEG level. */
    public boolean complete() { return notWritten.isEmpty(); }

    @Override public String toString() {
        return written.size() + " levels written" + (notWritten.isEmpty() ? "" : ", not written: " + notWritten);
    }
}

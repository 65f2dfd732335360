package org.dicomseg.write;

/**
 * Thrown by {@link SegWriter} when a SEG cannot be written for a reason in the input rather than
 * a programming error: a source file that is not DICOM, sources and mask that do not match, an
 * output that exists without overwrite, an I/O failure. Invalid arguments (segment numbering,
 * values out of range, options that contradict the segmentation type) are reported as plain
 * {@link IllegalArgumentException}s; this class extends it so callers can catch one type.
 * The message always names the problem (and the file, when there is one). No output file or
 * temporary file is left behind when it is thrown.
 */
public class SegWriteException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public SegWriteException(String message) {
        super(message);
    }

    public SegWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}

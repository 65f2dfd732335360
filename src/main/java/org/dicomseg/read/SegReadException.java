package org.dicomseg.read;

import java.nio.file.Path;

import org.dicomseg.task.InputException;

/**
 * The one exception of the reader: "this file is not a DICOM Segmentation we can read".
 *
 * <p>Thrown by {@link SegmentationReader} for a file that is not DICOM, a DICOM object that is not a
 * Segmentation (SOP classes 1.2.840.10008.5.1.4.1.1.66.4 and .66.7, PS3.3 A.51 / C.8.20), an empty
 * or truncated file, a header whose numbers contradict each other (Rows, Columns, Number of
 * Frames, Bits Allocated, Pixel Data length, Per-frame Functional Groups, Segment Sequence), an
 * unsupported transfer syntax (the message names it), and a frame that cannot be decoded (the
 * {@link org.dicomseg.pixels.CorruptPixelDataException} is the cause; the message names the file and frame number).
 * It is an {@link InputException} (checked) because it is about the content of a file the caller chose:
 * callers (the ImageJ importer, the CLI) catch it and show {@link #getMessage()} to the user as is.
 * Programming errors (a frame number out of range, a null argument) stay unchecked
 * ({@link IllegalArgumentException}).</p>
 */
public class SegReadException extends InputException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int frameNumber;

    /** A problem with the file as a whole. */
    public SegReadException(Path file, String problem) {
        this(file, 0, problem, null);
    }

    /** A problem with the file as a whole, caused by {@code cause}. */
    public SegReadException(Path file, String problem, Throwable cause) {
        this(file, 0, problem, cause);
    }

    /**
     * A problem with one frame (1-based {@code frameNumber}, 0 when the whole file is concerned).
     */
    public SegReadException(Path file, int frameNumber, String problem, Throwable cause) {
        super(message(file, frameNumber, problem), cause);
        this.file = file;
        this.frameNumber = frameNumber;
    }

    private static String message(Path file, int frameNumber, String problem) {
        StringBuilder sb = new StringBuilder();
        sb.append(file == null ? "(no file)" : file.getFileName().toString());
        if (frameNumber > 0) sb.append(", frame ").append(frameNumber);
        sb.append(": ").append(problem);
        return sb.toString();
    }

    /** The file concerned, or null. */
    public Path file() { return file; }

    /** The 1-based frame number concerned, or 0 when the problem is not about one frame. */
    public int frameNumber() { return frameNumber; }
}

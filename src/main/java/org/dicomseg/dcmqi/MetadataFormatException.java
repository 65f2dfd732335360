package org.dicomseg.dcmqi;

import org.dicomseg.task.InputException;

/**
 * A dcmqi segmentation metadata document that cannot be used: not JSON, a required field missing,
 * or a field of the wrong type or value. The message names the JSON path of the problem, e.g.
 * {@code segmentAttributes[1][0].SegmentedPropertyTypeCodeSequence: missing required field "CodeValue"}.
 * An {@link InputException}: the document is an input the user chose.
 */
public final class MetadataFormatException extends InputException {
    private static final long serialVersionUID = 1L;
    private final String path;

    public MetadataFormatException(String path, String message) {
        super(path == null || path.isEmpty() ? message : path + ": " + message);
        this.path = path;
    }

    public MetadataFormatException(String path, String message, Throwable cause) {
        this(path, message);
        initCause(cause);
    }

    /**
     * The same problem, its message prefixed with the file the document was read from (so the
     * user's one line names the file, not only the JSON path).
     */
    public MetadataFormatException inFile(java.nio.file.Path file) {
        return new MetadataFormatException(path, file + ": " + getMessage(), getCause(), true);
    }

    private MetadataFormatException(String path, String fullMessage, Throwable cause, boolean full) {
        super(fullMessage);
        this.path = path;
        if (cause != null) initCause(cause);
    }

    /** The JSON path of the offending value ("" for the document itself). */
    public String path() { return path; }
}

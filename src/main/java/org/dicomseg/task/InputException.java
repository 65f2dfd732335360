package org.dicomseg.task;

import java.io.IOException;

/**
 * The root of "this input cannot be read": a file that is not DICOM or not a Segmentation, a
 * metadata document that is malformed, source images that do not match the mask. Its message
 * names the file and the problem and is shown to the user as it is. Subclasses say which reader
 * failed ({@code SegReadException}, {@code MetadataFormatException}, {@code SegWriteException}).
 */
public class InputException extends IOException {
    private static final long serialVersionUID = 1L;

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}

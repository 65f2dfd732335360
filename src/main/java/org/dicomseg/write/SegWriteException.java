package org.dicomseg.write;

import org.dicomseg.task.InputException;

/**
 * Thrown by {@link SegWriter} when the sources and the mask do not go together: a different number
 * of planes or frame size, source frames without or with differing plane geometry, a custom
 * geometry that does not fit, a slide mask outside the Total Pixel Matrix, files that are not slide
 * levels of one pyramid. An {@link InputException}: the message names the problem (and the file,
 * when there is one) and is shown to the user as it is. A source that cannot be read at all fails
 * earlier, in {@code SourceImages}, with an {@link InputException}; an output that cannot be
 * written fails with an {@link org.dicomseg.task.OutputException}. Invalid arguments (segment
 * numbering, values out of range, options that contradict the segmentation type) stay
 * {@link IllegalArgumentException}s. No output file or temporary file is left behind.
 */
public class SegWriteException extends InputException {
    private static final long serialVersionUID = 1L;

    public SegWriteException(String message) {
        super(message);
    }
}

package org.dicomseg.volume;

import org.dicomseg.task.InputException;

/**
 * A NIfTI or NRRD file that cannot be read as a segmentation volume: a header that lies or names
 * a type or layout this project does not read, truncated or corrupt data, or a grid that does not
 * match the source images. The message names the file and the problem in one line.
 */
public class VolumeFormatException extends InputException {
    private static final long serialVersionUID = 1L;

    public VolumeFormatException(String message) {
        super(message);
    }

    public VolumeFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

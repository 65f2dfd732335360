package org.dicomseg.task;

import java.io.IOException;

/**
 * The root of "this output cannot be written": the output exists and may not be replaced, it is
 * one of the inputs, its folder does not exist, the data do not fit the format, or writing failed
 * (disk full, no permission; the I/O failure is the cause). Its message names the file and the
 * problem and is shown to the user as it is. Whoever throws it leaves no partial output behind.
 */
public class OutputException extends IOException {
    private static final long serialVersionUID = 1L;

    public OutputException(String message) {
        super(message);
    }

    public OutputException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.dicomseg.web;

import java.io.IOException;

/**
 * A DICOMweb or DIMSE exchange failed. The message is one line that names the server and the
 * cause (unreachable, TLS, credentials refused, a UID not found, a timeout, not a DICOMweb server,
 * an instance refused), and never contains a password or token.
 */
public class DicomWebException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public DicomWebException(String message) {
        this(message, 0, null);
    }

    public DicomWebException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status the server answered, or 0 when there was no answer. */
    public int status() { return status; }
}

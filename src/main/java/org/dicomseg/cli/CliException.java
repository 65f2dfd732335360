package org.dicomseg.cli;

/** A usage error on the command line; {@link Main} prints its message and exits with status 2. */
public class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CliException(String message) {
        super(message);
    }
}

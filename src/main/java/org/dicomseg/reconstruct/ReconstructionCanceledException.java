package org.dicomseg.reconstruct;

/**
 * Thrown by a {@link ReconstructionProgress} that was canceled, to stop a reconstruction between
 * two frames. Cancelling is not an error: callers show "canceled", not a failure.
 */
public class ReconstructionCanceledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReconstructionCanceledException() {
        this("reconstruction canceled");
    }

    protected ReconstructionCanceledException(String message) {
        super(message);
    }
}

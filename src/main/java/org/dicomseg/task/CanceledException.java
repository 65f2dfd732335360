package org.dicomseg.task;

/**
 * The task stopped because its {@link Progress} was canceled (the user pressed Esc). Canceling is
 * not an error: callers show the message as a status, not as a failure. The task that knows what
 * canceling left behind says so in the message ("Export cancelled; no file was written").
 */
public class CanceledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Canceled, with no more to say than that. */
    public CanceledException() {
        this("canceled");
    }

    /** Canceled; {@code message} tells the user what that means for the task's output. */
    public CanceledException(String message) {
        super(message);
    }
}

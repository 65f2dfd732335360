package org.dicomseg.task;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ProgressTest {
    /** A progress canceled by a flag, as the Esc key cancels ImageJ's. */
    private static final class Flag implements Progress {
        boolean canceled;
        @Override public void progress(long done, long total) { }
        @Override public boolean canceled() { return canceled; }
    }

    @Test
    void checkCanceledThrowsOnlyOnceCanceled() {
        Flag p = new Flag();
        assertDoesNotThrow(p::checkCanceled);
        p.canceled = true;
        CanceledException e = assertThrows(CanceledException.class, p::checkCanceled);
        assertEquals("canceled", e.getMessage());
    }

    @Test
    void noneNeverCancels() {
        assertFalse(Progress.NONE.canceled());
        assertDoesNotThrow(Progress.NONE::checkCanceled);
    }

}

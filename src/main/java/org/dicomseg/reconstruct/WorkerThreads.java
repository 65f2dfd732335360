package org.dicomseg.reconstruct;

/**
 * Joining the helper threads of a reconstruction (frame batches, tile bands, clearing the
 * caller's arrays): the calling thread always takes a share of the work itself and then waits for
 * the others here.
 */
final class WorkerThreads {
    private WorkerThreads() { }

    /**
     * Waits for every worker: the workers finish their frames (or bands) even when this thread is
     * interrupted, and the interrupt is kept for the caller.
     */
    static void joinAll(Thread[] threads) {
        boolean interrupted = false;
        for (Thread th : threads) {
            while (true) {
                try {
                    th.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}

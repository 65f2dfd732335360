package org.dicomseg.testing;

import java.util.ArrayList;
import java.util.List;

/** Waits for background threads of ours to end (e.g. a cancelled metadata prefetch must leave none). */
public final class Threads {
    private Threads() {
    }

    /** True once no live thread's name starts with {@code prefix} (waiting at most {@code seconds}). */
    public static boolean awaitNoneNamed(String prefix, long seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            List<Thread> alive = new ArrayList<>();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.isAlive() && t.getName().startsWith(prefix)) alive.add(t);
            }
            if (alive.isEmpty()) return true;
            alive.get(0).join(100);
        }
        return false;
    }
}

package org.dicomseg.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * The benchmarks' warm-up ({@link Warmup}): exactly the minimum when the JIT condition is off,
 * never more than the maximum, at least the quiet streak when it is on, and a failing run stops it.
 */
class WarmupTest {

    @Test
    void runsExactlyTheMinimumWhenQuietIsOff() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        assertEquals(4, Warmup.untilJitQuiet(calls::incrementAndGet, 4, 0, 100));
        assertEquals(4, calls.get());
        assertEquals(0, Warmup.untilJitQuiet(calls::incrementAndGet, 0, 0, 100));
        assertEquals(4, calls.get());
    }

    @Test
    void neverRunsMoreThanTheMaximum() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        // a quiet streak longer than the maximum can never be reached
        assertEquals(7, Warmup.untilJitQuiet(calls::incrementAndGet, 2, 1000, 7));
        assertEquals(7, calls.get());
    }

    @Test
    void waitsForAQuietStreak() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        int runs = Warmup.untilJitQuiet(calls::incrementAndGet, 1, 3, 10_000);
        assertEquals(calls.get(), runs);
        assertTrue(runs >= 3 && runs < 10_000, "runs " + runs); // a trivial body stops compiling soon
    }

    @Test
    void aFailingRunStopsTheWarmUp() {
        assertThrows(IllegalStateException.class, () -> Warmup.untilJitQuiet(() -> {
            throw new IllegalStateException("broken operation");
        }, 3, 5, 100));
    }
}

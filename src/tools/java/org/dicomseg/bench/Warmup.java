package org.dicomseg.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Warm-up of an in-process benchmark until the JIT compiler is quiet: at least {@code min} runs,
 * then more until {@code quiet} runs in a row went by without compilation time being added
 * (the JVM's {@link CompilationMXBean}), at most {@code max} runs in all.
 *
 * <p>Why: on a 2-core machine the compiler threads take one of the two cores for the first tens
 * of runs of an operation (W1 read BINARY → channels: ~40 runs; with 3 warm-up runs half of the
 * timed runs were twice as slow as the rest, see docs/benchmarks.md), so a fixed short warm-up
 * measures the compiler, not the operation. A Fiji session that has read a few segmentations is
 * past this point; the whole-process figures, which include JIT start-up, are measured separately.
 * JMH solves the same problem with long warm-up iterations; this keeps each operation's warm-up
 * as short as its compilation allows.</p>
 */
final class Warmup {
    /** A benchmark body that may throw. */
    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    private Warmup() { }

    /**
     * Runs {@code body} as described above.
     *
     * @return the number of warm-up runs done
     */
    static int untilJitQuiet(Body body, int min, int quiet, int max) throws Exception {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean measurable = jit != null && jit.isCompilationTimeMonitoringSupported();
        int runs = 0;
        int calm = 0;
        while (runs < max && (runs < min || (measurable && quiet > 0 && calm < quiet))) {
            long before = measurable ? jit.getTotalCompilationTime() : 0;
            body.run();
            runs++;
            calm = measurable && jit.getTotalCompilationTime() == before ? calm + 1 : 0;
        }
        return runs;
    }
}

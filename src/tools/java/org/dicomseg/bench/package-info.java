/**
 * The benchmark harnesses run by {@code scripts/bench} (figures in docs/benchmarks.md): workload W1
 * (a CT label map written and read whole, {@link org.dicomseg.bench.Bench}) and W2 (a slide tissue
 * mask written and read tile by tile, {@link org.dicomseg.bench.W2Bench}) and W3 (117 segments over
 * 400 slices, {@link org.dicomseg.bench.W3Bench}), with JIT-quiet warm-up and
 * the floors they are compared with. A tool: in {@code src/tools/java}, outside the plugin jar; may
 * use everything in the plugin and {@code samples}, and nothing in the plugin may use it.
 */
package org.dicomseg.bench;

package org.dicomseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded run of {@link CommandFuzzer} in the suite: mutated SEGs through {@code import} (with
 * {@code --as}, {@code --region}, {@code --downsample}, {@code --segments}) and mutated label TIFFs,
 * RoiSet.zips, metadata JSON and source images through {@code export}; no crash, hang, OutOfMemoryError,
 * message with a Java class name, or left file. {@code -Ddicomseg.fuzz.executions=N} for more;
 * long runs: {@code scripts/fuzz --import|--export} (docs/robustness.md).
 */
class CommandFuzzTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void corpus() {
        Shared.assumePresent();
    }

    private void run(CommandFuzzer.Target target, long executions) throws Exception {
        CommandFuzzer f = new CommandFuzzer(target, tmp);
        try {
            CommandFuzzer.Stats st = f.campaign(executions, 20261206L, null, null);
            assertEquals(executions, st.executions);
            assertEquals(0, st.crashes + st.hangs + st.leftovers, st + " " + st.uniqueCrashes);
            assertTrue(st.ok > 0 && st.refused > 0, "both outcomes are reached: " + st);
        } finally {
            f.close();
        }
    }

    @Test
    void importFuzzRunIsClean() throws Exception {
        run(CommandFuzzer.Target.IMPORT, Long.getLong("dicomseg.fuzz.executions", 150));
    }

    @Test
    void exportFuzzRunIsClean() throws Exception {
        run(CommandFuzzer.Target.EXPORT, Long.getLong("dicomseg.fuzz.executions", 100));
    }
}

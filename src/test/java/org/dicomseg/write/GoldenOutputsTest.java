package org.dicomseg.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.dicomseg.testing.CanonicalDicom;
import org.dicomseg.testing.Shared;
import org.dicomseg.testing.TwoWrites;
import org.dicomseg.write.GoldenCase.Outputs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden outputs: a fixed set of SEG writes ({@link GoldenCases}: every segmentation type ×
 * transfer syntax, mask inputs, empty frames, odd sizes, single-frame / enhanced / corpus sources,
 * custom geometry, slides, pyramids, rich segment descriptions; {@link GoldenExportCases}: the
 * ImageJ export path and the command line) must stay byte for byte what they are, generated UIDs
 * and clock dates/times aside. It guards refactors that should not change any output.
 *
 * <p>Each case is written twice (two folders, so also two copies of generated sources) and each
 * write reduced to its {@link CanonicalDicom} form (generated UIDs, clock dates/times and lengths
 * masked); {@link TwoWrites} checks that the two writes give the same SHA-256 and the same raw
 * bytes outside the masked ranges, and here the masked clock values of cases with a fixed time are
 * checked. The hash must then equal the one listed for the case in
 * {@code src/test/resources/org/dicomseg/golden-outputs.txt}.</p>
 *
 * <p>{@code -Dgolden.update=true} rewrites that file (in the source tree) from the current code
 * instead of comparing; {@code -Dgolden.dump=DIR} also writes a readable listing of each case's
 * canonical form to DIR (dump before and after a change and diff them to see what moved).</p>
 */
class GoldenOutputsTest {
    static final boolean UPDATE = Boolean.getBoolean("golden.update");
    /** With {@code -Dgolden.dump=DIR}, the canonical form of every case is also written to DIR/case.txt (to diff two versions). */
    static final String DUMP = System.getProperty("golden.dump");
    static final String RESOURCE = "org/dicomseg/golden-outputs.txt";

    @TempDir
    static Path tmp;

    @BeforeAll
    static void shared() {
        Shared.assumePresent();
        assertTrue(Files.isDirectory(GoldenCases.CT), "sample-images/ct missing: " + GoldenCases.CT);
    }

    /** All cases, in golden-list order: the writer-level ones, then the ImageJ and command-line ones. */
    static List<GoldenCase> cases() {
        List<GoldenCase> l = new ArrayList<>(GoldenCases.writerCases());
        l.addAll(GoldenExportCases.exportCases());
        return l;
    }

    @TestFactory
    Stream<DynamicTest> writerOutputsAreGolden() throws IOException {
        List<GoldenCase> cases = cases();
        Map<String, String> golden = UPDATE ? Map.of() : readGolden();
        Map<String, String> computed = new LinkedHashMap<>();
        List<DynamicTest> tests = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (GoldenCase c : cases) {
            assertTrue(names.add(c.name), "duplicate case " + c.name);
            tests.add(dynamicTest(c.name, () -> {
                long t0 = System.nanoTime();
                String hash = selfChecked(c);
                computed.put(c.name, hash);
                System.out.printf("golden %-45s %s %5d ms%n", c.name, hash, (System.nanoTime() - t0) / 1_000_000);
                if (UPDATE) return;
                String want = golden.get(c.name);
                if (want == null) fail("Case " + c.name + " has no golden hash in " + RESOURCE + " (add it with -Dgolden.update=true)");
                if (!want.equals(hash)) {
                    fail("Case " + c.name + ": the written SEG changed (canonical SHA-256 " + hash + ", golden " + want
                            + "). If the change is intended, regenerate " + RESOURCE + " with -Dgolden.update=true");
                }
            }));
        }
        tests.add(dynamicTest("threads do not change the output", () -> {
            String a = computed.get("ct-probability-j2k"), b = computed.get("ct-probability-j2k-threads-3");
            if (a != null && b != null) assertEquals(a, b, "JPEG 2000 on 1 and on 3 threads");
        }));
        tests.add(dynamicTest("golden list matches the cases", () -> {
            if (UPDATE) {
                assertEquals(cases.size(), computed.size(), "not every case passed its self-check: golden file not written");
                writeGolden(computed);
                return;
            }
            List<String> stale = new ArrayList<>(golden.keySet());
            stale.removeAll(names);
            assertTrue(stale.isEmpty(), "Golden hashes for cases that no longer exist: " + stale);
        }));
        return tests.stream();
    }

    /** Writes the case twice; both must canonicalise alike and differ only in masked bytes. Returns the hash. */
    static String selfChecked(GoldenCase c) throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a").resolve(c.name));
        Path b = Files.createDirectories(tmp.resolve("b").resolve(c.name));
        Outputs oa = c.body.write(a, GoldenCases.slides(tmp.resolve("a")));
        Outputs ob = c.body.write(b, GoldenCases.slides(tmp.resolve("b")));
        TwoWrites w = TwoWrites.read(c.name, oa.files, oa.sources, ob.files, ob.sources, DUMP != null);
        System.out.printf("golden %-45s %s%n", c.name, w.summary());
        if (DUMP != null) {
            Path d = Files.createDirectories(Paths.get(DUMP));
            Files.writeString(d.resolve(c.name + ".txt"), w.first.dump(), StandardCharsets.UTF_8);
        }
        String hash = w.assertDifferOnlyInMaskedRanges(c.name);
        Map<String, String> clock = w.first.clock();
        assertTrue(clock.keySet().containsAll(GoldenCases.FIXED_CLOCK.keySet().stream().map(k -> "0:" + k).collect(Collectors.toList())),
                c.name + ": Series and Content Date/Time present: " + clock.keySet());
        if (c.fixedTime) {
            for (Map.Entry<String, String> e : clock.entrySet()) {
                String tag = e.getKey().substring(e.getKey().indexOf(':') + 1);
                if (GoldenCases.FIXED_CLOCK.containsKey(tag)) {
                    assertEquals(GoldenCases.FIXED_CLOCK.get(tag), e.getValue(), c.name + ": " + e.getKey());
                }
            }
        }
        return hash;
    }

    static Path goldenSourceFile() {
        return Paths.get(System.getProperty("basedir", System.getProperty("user.dir")))
                .resolve("src/test/resources").resolve(RESOURCE);
    }

    static Map<String, String> readGolden() throws IOException {
        Path f = goldenSourceFile();
        String text;
        if (Files.isRegularFile(f)) {
            text = Files.readString(f, StandardCharsets.UTF_8);
        } else {
            try (InputStream in = GoldenOutputsTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) throw new AssertionError("No " + RESOURCE + ": generate it with -Dgolden.update=true");
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            line = line.trim();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] p = line.split("\\s+");
            if (p.length != 2 || !p[1].matches("[0-9a-f]{64}")) throw new AssertionError("Bad line in " + RESOURCE + ": " + line);
            if (m.put(p[0], p[1]) != null) throw new AssertionError("Case listed twice in " + RESOURCE + ": " + p[0]);
        }
        return m;
    }

    static void writeGolden(Map<String, String> hashes) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# Golden outputs of the SEG writer: case name, SHA-256 of the canonical form of the file(s) it writes\n");
        sb.append("# (generated UIDs and clock dates/times masked; see GoldenOutputsTest). Checked by GoldenOutputsTest;\n");
        sb.append("# regenerate only for an intended output change:\n");
        sb.append("#   mvn -B -o test -Dtest=GoldenOutputsTest -Dsurefire.failIfNoSpecifiedTests=false -Dgolden.update=true\n");
        for (Map.Entry<String, String> e : hashes.entrySet()) sb.append(e.getKey()).append(' ').append(e.getValue()).append('\n');
        Path f = goldenSourceFile();
        Files.createDirectories(f.getParent());
        Files.writeString(f, sb.toString(), StandardCharsets.UTF_8);
        System.out.println("golden: wrote " + hashes.size() + " hashes to " + f);
    }
}

package org.dicomseg.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's file output ({@link ChannelOutput}): what goes in comes out in order, across the
 * hand-over of its two staging buffers, whatever the sizes of the writes; a file that is not
 * empty is emptied first; a failed system call (a full device) reaches the caller as an
 * {@link IOException} instead of being lost on the writing thread.
 */
class ChannelOutputTest {
    @TempDir
    Path dir;

    @Test
    void writesEveryByteInOrderAcrossBufferHandOvers() throws IOException {
        Random random = new Random(7);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        Path file = dir.resolve("out.bin");
        try (OutputStream out = new ChannelOutput(file)) {
            long total = 0;
            while (total < 5L * ChannelOutput.BUFFER + 12345) {
                int kind = random.nextInt(10);
                if (kind == 0) {
                    int b = random.nextInt(256);
                    out.write(b);
                    expected.write(b);
                    total++;
                } else if (kind == 1) {
                    out.flush(); // hands over a partly filled buffer
                } else {
                    // from a few bytes to more than two buffers in one call, at an offset
                    int len = kind == 2 ? 2 * ChannelOutput.BUFFER + random.nextInt(1000) : random.nextInt(70_000);
                    byte[] b = new byte[len + 9];
                    random.nextBytes(b);
                    out.write(b, 9, len);
                    expected.write(b, 9, len);
                    total += len;
                }
            }
        }
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(file));
    }

    /**
     * {@link ChannelOutput#skip}: skipped runs read as zeros between the bytes written around them,
     * across buffer hand-overs, and a skip at the very end still gives the file its full length.
     */
    @Test
    void skippedRunsReadAsZerosAndATrailingSkipKeepsTheLength() throws IOException {
        Random random = new Random(11);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        Path file = dir.resolve("holes.bin");
        try (ChannelOutput out = new ChannelOutput(file)) {
            for (int k = 0; k < 40; k++) {
                int len = random.nextInt(3) == 0 ? ChannelOutput.BUFFER + random.nextInt(5000) : random.nextInt(300_000);
                if (random.nextBoolean()) {
                    out.skip(len);
                    expected.write(new byte[len], 0, len);
                } else {
                    byte[] b = new byte[len];
                    random.nextBytes(b);
                    out.write(b, 0, len);
                    expected.write(b, 0, len);
                }
                assertEquals(expected.size(), out.position());
            }
            out.write(7);
            expected.write(7);
            out.skip(123_457);
            expected.write(new byte[123_457], 0, 123_457);
        }
        byte[] got = Files.readAllBytes(file);
        assertEquals(expected.size(), got.length);
        assertArrayEquals(expected.toByteArray(), got);
        assertThrows(IllegalArgumentException.class, () -> {
            try (ChannelOutput out = new ChannelOutput(dir.resolve("neg.bin"))) {
                out.skip(-1);
            }
        });
    }

    @Test
    void filesWrittenAtOnceFromSeveralThreadsKeepTheirOwnBytes() throws Exception {
        // the staging buffers are pooled between outputs: no buffer may serve two files at once
        int files = 6;
        byte[][] content = new byte[files][];
        Thread[] threads = new Thread[files];
        Throwable[] failures = new Throwable[files];
        for (int t = 0; t < files; t++) {
            int k = t;
            content[k] = new byte[3 * ChannelOutput.BUFFER + 1000 * k + 1];
            new Random(k).nextBytes(content[k]);
            threads[k] = new Thread(() -> {
                try {
                    for (int round = 0; round < 3; round++) {
                        Path f = dir.resolve("f" + k + "-" + round);
                        try (OutputStream out = new ChannelOutput(f)) {
                            for (int off = 0; off < content[k].length; off += 40_000) {
                                out.write(content[k], off, Math.min(40_000, content[k].length - off));
                            }
                        }
                        assertArrayEquals(content[k], Files.readAllBytes(f), f.toString());
                    }
                } catch (Throwable e) {
                    failures[k] = e;
                }
            });
            threads[k].start();
        }
        for (Thread t : threads) t.join();
        for (Throwable e : failures) if (e != null) throw new AssertionError(e);
    }

    @Test
    void emptiesAFileThatHoldsData() throws IOException {
        Path file = dir.resolve("old.bin");
        Files.write(file, new byte[100_000]);
        try (OutputStream out = new ChannelOutput(file)) {
            out.write(new byte[] {1, 2, 3});
        }
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(file));
    }

    @Test
    void refusesWritesAfterClose() throws IOException {
        Path file = dir.resolve("closed.bin");
        OutputStream out = new ChannelOutput(file);
        out.write(42);
        out.close();
        out.close(); // a second close is harmless
        IOException e = assertThrows(IOException.class, () -> out.write(1));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertEquals(1, Files.size(file));
    }

    @Test
    void aFailedWriteReachesTheCaller() throws IOException {
        Path full = Paths.get("/dev/full"); // every write fails with ENOSPC (Linux)
        assumeTrue(Files.isWritable(full), "no /dev/full here");
        IOException e = assertThrows(IOException.class, () -> {
            try (OutputStream out = new ChannelOutput(full)) {
                byte[] chunk = new byte[ChannelOutput.BUFFER];
                for (int i = 0; i < 4; i++) out.write(chunk);
            }
        });
        assertTrue(e.getMessage().toLowerCase().contains("space"), e.getMessage());
    }
}

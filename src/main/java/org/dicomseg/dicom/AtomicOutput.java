package org.dicomseg.dicom;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.Collection;

import org.dicomseg.task.OutputException;

/**
 * Writes a file so that readers never see half of it: content goes to a temporary file in the
 * target folder, which is renamed over the target at the end (atomically where the file system
 * allows it) and deleted on any failure. Also the guard against clobbering: a source file is never
 * overwritten, an existing output only when asked.
 *
 * <p>Temporary files are named {@code .<name>.dicomseg-<pid>-<random>.part}: a shutdown hook
 * deletes those being written when the JVM is stopped (Ctrl-C, SIGTERM), and every write first
 * sweeps from its folder those of processes no longer alive (a run killed with SIGKILL).</p>
 *
 * <p>Public because every file the project writes goes through it: SEGs (the writer), and the
 * TIFFs and ROI sets of the importer and the command line. It creates the temporary file with the
 * default permissions of the folder (not {@code Files.createTempFile}'s owner-only ones, which would
 * stay on the renamed output).</p>
 */
public final class AtomicOutput {
    private AtomicOutput() { }

    /**
     * Fails with an {@link OutputException} naming the problem unless {@code output} may be written: its
     * folder exists, it is none of {@code sources}, not a folder, and new unless {@code overwrite}.
     */
    public static void check(Path output, Collection<Path> sources, boolean overwrite) throws OutputException {
        Path abs = output.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new OutputException("Cannot write " + output + ": folder " + dir + " does not exist");
        }
        for (Path s : sources) {
            if (isSameFile(output, s)) {
                throw new OutputException("Output " + output + " is one of the source images (" + s + "); refusing to overwrite a source");
            }
        }
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isDirectory(abs)) throw new OutputException("Output " + output + " is a folder");
            if (!overwrite) {
                throw new OutputException("Output file " + output + " already exists; set overwrite to replace it");
            }
        }
    }

    /**
     * The one rule "no input can be the output", for every input of a command other than the source
     * images ({@link #check} covers those): fails with an {@link OutputException} naming the input
     * when {@code output} is {@code input} however either is spelt (relative, {@code ..}, symbolic
     * or hard links). {@code what} names the input for the message, e.g. "the label image (--labels)".
     * Null inputs are ignored.
     */
    public static void checkNotAnInput(Path output, Path input, String what) throws OutputException {
        if (input != null && isSameFile(output, input)) {
            throw new OutputException("Output " + output + " is " + what + " (" + input + "); refusing to overwrite an input");
        }
    }

    /**
     * True when {@code a} and {@code b} name the same file, however spelt: their real paths are equal
     * (for a file that does not exist yet, the real path of its folder plus its name), or both exist
     * and are the same file ({@link Files#isSameFile}: hard links too), or either is a symbolic link
     * to the other.
     */
    public static boolean isSameFile(Path a, Path b) {
        if (real(a).equals(real(b))) return true;
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** The real path of {@code p}, or of its folder plus its name when it does not exist (yet). */
    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException | SecurityException e) {
            Path abs = p.toAbsolutePath();
            Path parent = abs.getParent();
            Path name = abs.getFileName();
            if (parent == null || name == null) return abs.normalize();
            try {
                return real(parent).resolve(name).normalize();
            } catch (RuntimeException e2) {
                return abs.normalize();
            }
        }
    }

    /** Body that writes the temporary file. */
    @FunctionalInterface
    public interface Body {
        void write(Path temp) throws IOException;
    }

    /**
     * Runs {@code body} on a temporary file next to {@code output}, then moves it into place;
     * on any failure the temporary file is deleted and {@code output} is left as it was.
     * With {@code overwrite} false, an {@code output} that appeared meanwhile is not replaced.
     */
    public static void write(Path output, boolean overwrite, Body body) throws IOException {
        Path abs = output.toAbsolutePath().normalize();
        sweepStale(abs.getParent());
        // Not Files.createTempFile: its owner-only permissions would stay on the renamed output.
        Path temp = null;
        for (int attempt = 0; temp == null; attempt++) {
            Path t = abs.resolveSibling("." + abs.getFileName() + TEMP_MARK + ProcessHandle.current().pid() + "-"
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".part");
            try {
                Files.newOutputStream(t, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                temp = t;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt > 100) throw e;
            }
        }
        LIVE.add(temp);
        installHook();
        boolean done = false;
        try {
            body.write(temp);
            if (!overwrite && Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
                throw new OutputException("Output file " + output + " appeared while writing; set overwrite to replace it");
            }
            try {
                Files.move(temp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            try {
                if (!done) Files.deleteIfExists(temp);
            } finally {
                LIVE.remove(temp);
            }
        }
    }

    /** Marks a temporary file of ours and precedes the writing process's id: {@code .<name>.dicomseg-<pid>-<random>.part}. */
    static final String TEMP_MARK = ".dicomseg-";
    private static final java.util.regex.Pattern TEMP_NAME =
            java.util.regex.Pattern.compile("\\..+\\.dicomseg-(\\d+)-[0-9a-z]+\\.part");
    /** Temporary files being written now, deleted by the shutdown hook (SIGINT, SIGTERM, System.exit). */
    private static final java.util.Set<Path> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final java.util.concurrent.atomic.AtomicBoolean HOOK = new java.util.concurrent.atomic.AtomicBoolean();

    private static void installHook() {
        if (!HOOK.compareAndSet(false, true)) return;
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (Path p : LIVE) {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException | RuntimeException e) {
                        // the next run's sweep removes it
                    }
                }
            }, "dicomseg-temp-cleanup"));
        } catch (IllegalStateException | SecurityException e) {
            // shutting down already, or not allowed: the sweep of a later run removes what is left
        }
    }

    /**
     * Deletes the temporary files in {@code dir} left by a run that was killed (kill -9, a crash,
     * a power cut: no shutdown hook ran): ours by name ({@link #TEMP_MARK}), of a process that is no
     * longer alive. Files of live processes, and anything else, are left alone.
     */
    public static int sweepStale(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) return 0;
        int swept = 0;
        try (java.nio.file.DirectoryStream<Path> s = Files.newDirectoryStream(dir, ".*" + TEMP_MARK + "*.part")) {
            for (Path p : s) {
                java.util.regex.Matcher m = TEMP_NAME.matcher(p.getFileName().toString());
                if (!m.matches()) continue;
                long pid;
                try {
                    pid = Long.parseLong(m.group(1));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) continue;
                if (Files.deleteIfExists(p)) swept++;
            }
        } catch (IOException | RuntimeException e) {
            // a folder we cannot list: nothing to sweep
        }
        return swept;
    }
}

package org.dicomseg.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.dicomseg.options.CommandLine;
import org.dicomseg.web.ServerSettings;
import org.dicomseg.web.StoreOutcome;
import org.dicomseg.web.StoreTarget;

/**
 * {@code dicomseg store FILE... --to URL}: sends DICOM files (a folder stands for the files in it)
 * to a DICOMweb service or study by STOW-RS, or to {@code dicom://AET@host:port} by C-STORE. One
 * line per instance (stored, stored with a warning, failed and why); exit status 1 when any
 * instance was not stored.
 */
final class StoreCommand {
    private StoreCommand() { }

    static final String USAGE = "dicomseg store FILE... --to URL|dicom://AET@host:port " + ServerFlags.USAGE;

    static int run(List<String> argv, PrintStream out) throws IOException {
        CommandLine a = CommandLine.parse(argv, ServerFlags.with(Set.of("to")), Set.of());
        if (a.positional().isEmpty()) throw new CliException("usage: " + USAGE);
        StoreTarget target = target(a.require("to"), "to");
        List<Path> files = new ArrayList<>();
        for (String p : a.positional()) {
            Path f = Paths.get(p);
            if (Files.isDirectory(f)) {
                try (Stream<Path> s = Files.list(f)) {
                    files.addAll(s.filter(Files::isRegularFile).sorted().collect(Collectors.toList()));
                }
            } else if (Files.isRegularFile(f)) {
                files.add(f);
            } else {
                throw new IOException(f + " does not exist");
            }
        }
        if (files.isEmpty()) throw new IOException("No files to store in " + String.join(", ", a.positional()));
        return store(files, target, ServerFlags.settings(a), out, true);
    }

    /** Parses a store target flag; a usage error names the flag. */
    static StoreTarget target(String text, String flag) {
        try {
            return StoreTarget.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CliException("--" + flag + ": " + e.getMessage());
        }
    }

    /**
     * Stores {@code files}, one line per instance (naming the file when {@code showFiles}); 0 when
     * all were stored, else an IOException saying how many failed.
     */
    static int store(List<Path> files, StoreTarget target, ServerSettings server, PrintStream out, boolean showFiles) throws IOException {
        List<StoreOutcome> outcomes = target.store(files, server.credentials(), server.timeout(), server.callingAet(), null);
        List<StoreOutcome> failed = new ArrayList<>();
        for (StoreOutcome o : outcomes) {
            out.println(showFiles ? o : new StoreOutcome(null, o.sopInstanceUid(), o.status(), o.reason(), o.retrieveUrl()));
            if (o.status() == StoreOutcome.Status.FAILED) failed.add(o);
        }
        if (!failed.isEmpty()) {
            StoreOutcome f = failed.get(0);
            throw new IOException(target + " did not store " + failed.size() + " of " + outcomes.size() + " instance(s)"
                    + (failed.size() < outcomes.size() ? " (the others were stored)" : "") + "; first: "
                    + (f.file() != null && showFiles ? f.file().getFileName() : "SOP Instance UID " + f.sopInstanceUid()) + ": " + f.reason());
        }
        return 0;
    }
}

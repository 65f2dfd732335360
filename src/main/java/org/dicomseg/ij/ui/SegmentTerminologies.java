package org.dicomseg.ij.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.dicomseg.model.codes.Terminology;
import org.dicomseg.model.codes.TerminologyCatalog;
import org.dicomseg.model.codes.TerminologyReader;
import org.dicomseg.options.MacroKeys;

/**
 * The terminology Segment Metadata... offers: the built-in tables joined with the Slicer/dcmqi
 * files named in Options... ({@link MacroKeys#TERMINOLOGY}, {@link MacroKeys#ANATOMIC}); the
 * built-in tables alone where none is named ({@link TerminologyCatalog#builtIn()}). Read once and
 * kept until a setting or a file changes.
 */
public final class SegmentTerminologies {
    private static String cachedKey;
    private static TerminologyCatalog cached;

    private SegmentTerminologies() { }

    /** The catalogue of the current Options... settings. */
    public static synchronized TerminologyCatalog current() throws IOException {
        String types = SegOptions.get(MacroKeys.TERMINOLOGY), anatomic = SegOptions.get(MacroKeys.ANATOMIC);
        String key = types + "|" + stamp(types) + "|" + anatomic + "|" + stamp(anatomic);
        if (!key.equals(cachedKey)) {
            cached = load(types, anatomic);
            cachedKey = key;
        }
        return cached;
    }

    /** Reads the two files (blank = the built-in tables only) as Options... would use them; fails naming the bad file. */
    public static TerminologyCatalog check(String types, String anatomic) throws IOException {
        return load(types, anatomic);
    }

    private static TerminologyCatalog load(String types, String anatomic) throws IOException {
        Terminology t = types.isEmpty() ? null : read(types, MacroKeys.TERMINOLOGY);
        Terminology a = anatomic.isEmpty() ? null : read(anatomic, MacroKeys.ANATOMIC);
        return catalog(t, a, types, anatomic);
    }

    private static TerminologyCatalog catalog(Terminology t, Terminology a, String types, String anatomic) throws IOException {
        try {
            return TerminologyCatalog.of(t, a);
        } catch (IllegalArgumentException e) {
            throw new IOException((t != null && t.kind() != Terminology.Kind.CATEGORY_TYPE ? types : anatomic) + ": " + e.getMessage(), e);
        }
    }

    private static Terminology read(String path, String key) throws IOException {
        Path p = Paths.get(path);
        if (!Files.isRegularFile(p)) throw new IOException(key + ": terminology file not found: " + path);
        return TerminologyReader.read(p);
    }

    private static String stamp(String path) {
        if (path.isEmpty()) return "";
        try {
            return Files.getLastModifiedTime(Paths.get(path)).toString();
        } catch (IOException e) {
            return "missing";
        }
    }
}

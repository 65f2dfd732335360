package org.dicomseg.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a UID occurs in the source files a SEG was derived from (then it is no generated one).
 * {@link CanonicalDicom} masks the writer's generated "2.25." UIDs but must hash UIDs copied from
 * the sources exactly, and those may use the same root (the generated sample series and slides
 * do), so it asks here: the UID's ASCII bytes anywhere in a source file, not as part of a longer
 * UID. The files are read on the first question; answers are cached.
 */
final class SourceUids {
    private final List<Path> files;
    private List<byte[]> contents;
    private final Map<String, Boolean> known = new HashMap<>();

    SourceUids(List<Path> files) { this.files = files; }

    boolean contains(String uid) {
        return known.computeIfAbsent(uid, u -> {
            if (contents == null) {
                contents = new ArrayList<>();
                for (Path f : files) {
                    try {
                        contents.add(Files.readAllBytes(f));
                    } catch (IOException e) {
                        throw new AssertionError("Cannot read source " + f, e);
                    }
                }
            }
            byte[] needle = u.getBytes(StandardCharsets.US_ASCII);
            for (byte[] hay : contents) if (occurs(hay, needle)) return true;
            return false;
        });
    }

    /** {@code needle} in {@code hay}, not as part of a longer UID. */
    private static boolean occurs(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            if (i > 0 && uidChar(hay[i - 1])) continue;
            if (i + needle.length < hay.length && uidChar(hay[i + needle.length])) continue;
            return true;
        }
        return false;
    }

    private static boolean uidChar(byte b) { return b == '.' || (b >= '0' && b <= '9'); }
}

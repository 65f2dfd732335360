package org.dicomseg.model.codes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

import org.dicomseg.model.CodedConcept;

/**
 * Reads the project's code-table format: UTF-8 text, one concept a line, tab-separated columns
 * {@code value, scheme, meaning[, r,g,b[, parentScheme:parentValue[, sourceCid]]]}; lines starting
 * with {@code #} are comments, and one line {@code #!<TAB>cid<TAB>name} names the context group.
 *
 * <p>The format is deliberately trivial so that tables can be reviewed line by line against
 * PS3.16. A malformed line fails with its line number.</p>
 */
public final class CodeTableReader {
    private CodeTableReader() { }

    /**
     * Parses one table.
     *
     * @param in      the text
     * @param source  a name for error messages (file or resource)
     * @param parents resolves the parent column's "SCHEME:value" to a concept with its meaning;
     *                may be null, then parents get their value as meaning
     */
    public static ContextGroup read(Reader in, String source, ContextGroup parents) throws IOException {
        String cid = null;
        String name = null;
        List<CodeEntry> entries = new ArrayList<>();
        BufferedReader r = new BufferedReader(in);
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            if (line.startsWith("#!")) {
                String[] h = line.substring(2).trim().split("\t", 2);
                cid = h[0].trim();
                name = h.length > 1 ? h[1].trim() : "";
                continue;
            }
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t", -1);
            if (f.length < 3) {
                throw new IOException(source + " line " + n + ": expected at least 3 tab-separated columns "
                        + "(value, scheme, meaning), found " + f.length);
            }
            try {
                CodedConcept concept = new CodedConcept(f[0], f[1], f[2]);
                int[] rgb = f.length > 3 && !f[3].isBlank() ? parseRgb(f[3]) : null;
                CodedConcept parent = f.length > 4 && !f[4].isBlank() ? parseParent(f[4], parents) : null;
                String via = f.length > 5 ? f[5] : null;
                entries.add(new CodeEntry(concept, rgb, parent, via));
            } catch (IllegalArgumentException e) {
                throw new IOException(source + " line " + n + ": " + e.getMessage(), e);
            }
        }
        if (cid == null) throw new IOException(source + ": no '#!<TAB>cid<TAB>name' header line");
        return new ContextGroup(cid, name, entries);
    }

    private static int[] parseRgb(String s) {
        String[] p = s.split(",");
        if (p.length != 3) throw new IllegalArgumentException("colour '" + s + "' is not r,g,b");
        int[] c = new int[3];
        for (int i = 0; i < 3; i++) {
            try {
                c[i] = Integer.parseInt(p[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("colour '" + s + "' is not r,g,b");
            }
        }
        return c;
    }

    private static CodedConcept parseParent(String s, ContextGroup parents) {
        int colon = s.indexOf(':');
        if (colon <= 0) throw new IllegalArgumentException("parent '" + s + "' is not SCHEME:value");
        String scheme = s.substring(0, colon).trim();
        String value = s.substring(colon + 1).trim();
        if (parents != null) {
            return parents.find(value, scheme).map(CodeEntry::concept).orElseThrow(() -> new IllegalArgumentException(
                    "parent " + s + " is not in CID " + parents.cid()));
        }
        return new CodedConcept(value, scheme, value);
    }
}

package org.dicomseg.options;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which segments to load, as typed in the dialog or a macro: blank or "all" for every segment,
 * else a comma-separated list of Segment Numbers and ranges, e.g. {@code "1,3-5"}. Order and
 * duplicates are normalised to the file's segment order; numbers that are not in the file are an
 * error naming the numbers that are, so a typo is never silently ignored.
 */
public final class SegmentSelection {
    private final Set<Integer> numbers;

    private SegmentSelection(Set<Integer> numbers) {
        this.numbers = numbers;
    }

    /** Parses {@code spec}; throws IllegalArgumentException with the offending part. */
    public static SegmentSelection parse(String spec) {
        if (spec == null || spec.isBlank() || spec.trim().equalsIgnoreCase("all")) {
            return new SegmentSelection(null);
        }
        Set<Integer> set = new LinkedHashSet<>();
        for (String part : spec.split("[,;\\s]+")) {
            if (part.isEmpty()) continue;
            try {
                int dash = part.indexOf('-', 1);
                if (dash > 0) {
                    int a = Integer.parseInt(part.substring(0, dash).trim());
                    int b = Integer.parseInt(part.substring(dash + 1).trim());
                    if (a > b) throw new IllegalArgumentException("Segment range '" + part + "' runs backwards");
                    if (b - a > 65535) throw new IllegalArgumentException("Segment range '" + part + "' is too large");
                    for (int i = a; i <= b; i++) set.add(i);
                } else {
                    set.add(Integer.parseInt(part.trim()));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Cannot read '" + part + "' in segments \"" + spec
                        + "\": use Segment Numbers and ranges such as 1,3-5, or leave it blank for all");
            }
        }
        for (int n : set) {
            if (n < 0 || n > 65535) throw new IllegalArgumentException("Segment Number " + n + " is outside 0..65535");
        }
        return new SegmentSelection(set);
    }

    /** True when every segment is selected. */
    public boolean all() { return numbers == null; }

    /** True when Segment Number {@code n} is selected. */
    public boolean contains(int n) { return numbers == null || numbers.contains(n); }

    /**
     * The selected Segment Numbers among {@code available} (a file's numbers, in file order);
     * fails when a requested number is absent or nothing is selected.
     */
    public List<Integer> resolve(List<Integer> available) {
        List<Integer> out = new ArrayList<>();
        for (int n : available) if (contains(n)) out.add(n);
        if (numbers != null) {
            List<Integer> missing = new ArrayList<>();
            for (int n : numbers) if (!available.contains(n)) missing.add(n);
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("Segment" + (missing.size() == 1 ? " " : "s ") + join(missing)
                        + (missing.size() == 1 ? " is" : " are") + " not in this file; it has segments " + join(available));
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException("The file has no segments");
        return out;
    }

    private static String join(Iterable<Integer> ns) {
        StringBuilder sb = new StringBuilder();
        for (int n : ns) sb.append(sb.length() == 0 ? "" : ",").append(n);
        return sb.toString();
    }

    @Override public String toString() {
        return numbers == null ? "all" : numbers.toString();
    }
}

package org.dicomseg.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of a benchmark harness ({@link Bench}, {@link W2Bench}): {@code --name value}
 * (or {@code --name=value}) options only, checked against the names the harness declares so that a
 * typo in scripts/bench fails at once instead of silently benchmarking the default. The tools keep
 * their own parser so that nothing outside the plugin depends on the command line's ({@code cli}).
 */
final class BenchArgs {
    private final Map<String, String> options;

    private BenchArgs(Map<String, String> options) {
        this.options = options;
    }

    /**
     * Parses {@code args}.
     *
     * @param names names (without dashes) of the options the harness takes, each with a value
     * @throws IllegalArgumentException for a positional argument, an unknown or repeated option, or a missing value
     */
    static BenchArgs parse(List<String> args, Set<String> names) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--") || a.length() == 2) throw new IllegalArgumentException("unexpected argument " + a);
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (!names.contains(name)) throw new IllegalArgumentException("unknown option --" + name);
            if (value == null) {
                if (i + 1 >= args.size()) throw new IllegalArgumentException("--" + name + " needs a value");
                value = args.get(++i);
            }
            if (opts.putIfAbsent(name, value) != null) throw new IllegalArgumentException("--" + name + " is given twice");
        }
        return new BenchArgs(opts);
    }

    /** The value of an option, or {@code dflt}. */
    String get(String name, String dflt) { return options.getOrDefault(name, dflt); }

    /** The value of an option, or null. */
    String get(String name) { return options.get(name); }

    boolean has(String name) { return options.containsKey(name); }
}

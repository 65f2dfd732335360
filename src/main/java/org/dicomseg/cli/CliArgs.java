package org.dicomseg.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of one {@code dicomseg} sub-command: positional arguments, {@code --name value}
 * options and {@code --flag} switches, checked against the names the sub-command declares so that a
 * typo is an error, not a silently ignored option. {@code --name=value} is accepted too.
 */
public final class CliArgs {
    private final List<String> positional;
    private final Map<String, String> options;

    private CliArgs(List<String> positional, Map<String, String> options) {
        this.positional = positional;
        this.options = options;
    }

    /**
     * Parses {@code args}.
     *
     * @param valued names (without dashes) of options that take a value
     * @param flags names of options that take none
     * @throws CliException for an unknown option or a missing value
     */
    public static CliArgs parse(List<String> args, Set<String> valued, Set<String> flags) {
        List<String> pos = new ArrayList<>();
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--") && a.length() > 2) {
                String name = a.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (flags.contains(name)) {
                    if (value != null) throw new CliException("--" + name + " takes no value");
                    opts.put(name, "true");
                } else if (valued.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= args.size()) throw new CliException("--" + name + " needs a value");
                        value = args.get(++i);
                    }
                    if (opts.containsKey(name)) throw new CliException("--" + name + " is given twice");
                    opts.put(name, value);
                } else {
                    throw new CliException("unknown option --" + name);
                }
            } else {
                pos.add(a);
            }
        }
        return new CliArgs(Collections.unmodifiableList(pos), opts);
    }

    public List<String> positional() { return positional; }

    /** The value of an option, or null. */
    public String get(String name) { return options.get(name); }

    /** The value of an option, or {@code dflt}. */
    public String get(String name, String dflt) { return options.getOrDefault(name, dflt); }

    /** The value of a required option. */
    public String require(String name) {
        String v = options.get(name);
        if (v == null) throw new CliException("--" + name + " is required");
        return v;
    }

    public boolean flag(String name) { return options.containsKey(name); }

    public boolean has(String name) { return options.containsKey(name); }
}

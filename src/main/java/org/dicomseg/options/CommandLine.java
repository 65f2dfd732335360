package org.dicomseg.options;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command line: positional arguments, {@code --name value} options and {@code --flag} switches,
 * checked against the names the program declares so that a typo is an error, not a silently
 * ignored option. {@code --name=value} is accepted too. The one parser of the {@code dicomseg}
 * sub-commands and of the benchmark harnesses; a usage error is an {@link InvalidOptionException}
 * whose key is the option's name on the command line.
 */
public final class CommandLine {
    private final List<String> positional;
    private final Map<String, String> options;
    private final Map<String, List<String>> repeated;

    private CommandLine(List<String> positional, Map<String, String> options, Map<String, List<String>> repeated) {
        this.positional = positional;
        this.options = options;
        this.repeated = repeated;
    }

    /**
     * Parses {@code args}.
     *
     * @param valued names (without dashes) of options that take a value
     * @param flags names of options that take none
     * @throws InvalidOptionException for an unknown option, a missing or repeated value, or a value given to a switch
     */
    public static CommandLine parse(List<String> args, Set<String> valued, Set<String> flags) {
        return parse(args, valued, flags, Set.of());
    }

    /**
     * Parses {@code args}, where the options named in {@code repeatable} (also in {@code valued})
     * may be given more than once: {@link #all} lists their values in order, {@link #get} gives the
     * first.
     */
    public static CommandLine parse(List<String> args, Set<String> valued, Set<String> flags, Set<String> repeatable) {
        List<String> pos = new ArrayList<>();
        Map<String, String> opts = new LinkedHashMap<>();
        Map<String, List<String>> rep = new LinkedHashMap<>();
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
                    if (value != null) throw new InvalidOptionException(name, "--" + name + " takes no value");
                    opts.put(name, "true");
                } else if (valued.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= args.size()) throw new InvalidOptionException(name, "--" + name + " needs a value");
                        value = args.get(++i);
                    }
                    if (opts.containsKey(name) && !repeatable.contains(name)) {
                        throw new InvalidOptionException(name, "--" + name + " is given twice");
                    }
                    opts.putIfAbsent(name, value);
                    rep.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                } else {
                    throw new InvalidOptionException(name, "unknown option --" + name);
                }
            } else {
                pos.add(a);
            }
        }
        return new CommandLine(Collections.unmodifiableList(pos), opts, rep);
    }

    /** Every value given to {@code name}, in order (empty when it was not given). */
    public List<String> all(String name) {
        return Collections.unmodifiableList(repeated.getOrDefault(name, List.of()));
    }

    /** The arguments that are not options, in order. */
    public List<String> positional() { return positional; }

    /** The value of an option, or null. */
    public String get(String name) { return options.get(name); }

    /** The value of an option, or {@code dflt}. */
    public String get(String name, String dflt) { return options.getOrDefault(name, dflt); }

    /** The value of a required option. */
    public String require(String name) {
        String v = options.get(name);
        if (v == null) throw new InvalidOptionException(name, "--" + name + " is required");
        return v;
    }

    /** True when switch {@code name} was given. */
    public boolean flag(String name) { return options.containsKey(name); }

    /** True when option {@code name} was given. */
    public boolean has(String name) { return options.containsKey(name); }
}

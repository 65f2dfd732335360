package org.dicomseg.options;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The values of one filled form, key → text, as a dialog, a macro or a command line gave them, with
 * the typed reads every command shares: text (trimmed; absent = the default), a checkbox (present
 * with no value or {@code "true"}; absent or {@code "false"} = off, ImageJ's macro rule), a choice
 * (matched case-insensitively against the allowed items and returned as the item is spelt) and a
 * whole number. A bad value is an {@link InvalidOptionException} naming the option as the caller
 * shows it, so a message never has to be rewritten afterwards.
 */
public final class OptionValues {
    private final Map<String, String> values;
    private final UnaryOperator<String> shownAs;

    private OptionValues(Map<String, String> values, UnaryOperator<String> shownAs) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.shownAs = shownAs;
    }

    /** The values of a dialog or a macro: messages name a key as it is ({@code compression}). */
    public static OptionValues of(Map<String, String> values) {
        return of(values, UnaryOperator.identity());
    }

    /**
     * The values with the caller's names for the keys in messages, e.g. {@code key -> "--" + flag}
     * on the command line.
     *
     * @param values  key ({@link MacroKeys}) → value; absent keys take the reader's default
     * @param shownAs how a key is named in a message
     */
    public static OptionValues of(Map<String, String> values, UnaryOperator<String> shownAs) {
        return new OptionValues(Objects.requireNonNull(values, "values"), Objects.requireNonNull(shownAs, "shownAs"));
    }

    /** A text value, trimmed; {@code dflt} when the key is absent. */
    public String string(String key, String dflt) {
        String v = values.get(key);
        return v == null ? dflt : v.trim();
    }

    /** A checkbox: on when the key is present with no value or with {@code true} (any case). */
    public boolean flag(String key) {
        String v = values.get(key);
        return v != null && (v.isBlank() || v.trim().equalsIgnoreCase("true"));
    }

    /**
     * A choice: the item of {@code allowed} equal to the value ignoring case, spelt as in the list;
     * {@code dflt} when the key is absent.
     *
     * @throws InvalidOptionException naming the option and the allowed items when none matches
     */
    public String choice(String key, List<String> allowed, String dflt) {
        String v = string(key, dflt);
        String match = null;
        for (String item : allowed) if (item.equalsIgnoreCase(v)) match = item;
        if (match == null) {
            throw new InvalidOptionException(key, "\"" + v + "\" is not a valid choice for \"" + shown(key) + "\": use one of "
                    + allowed);
        }
        return match;
    }

    /**
     * A whole number (a decimal is rounded, as ImageJ's numeric fields do); {@code dflt} when the
     * key is absent.
     *
     * @throws InvalidOptionException naming the option when the value is not a number
     */
    public int number(String key, int dflt) {
        String v = string(key, null);
        if (v == null) return dflt;
        try {
            long n = Math.round(Double.parseDouble(v));
            if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
                throw new InvalidOptionException(key, shown(key) + "=" + v + " is out of range");
            }
            return (int) n;
        } catch (NumberFormatException e) {
            throw new InvalidOptionException(key, shown(key) + "=" + v + " is not a number");
        }
    }

    /** How {@code key} is named in messages (e.g. {@code --palette} on the command line). */
    public String shown(String key) { return shownAs.apply(key); }

    @Override public String toString() {
        return values.toString();
    }
}

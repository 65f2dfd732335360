package org.dicomseg.options;

/**
 * An option value that is not allowed: a choice outside its list, text where a number belongs, a
 * malformed region or segment list. The message names the option as the caller shows it and, for
 * a choice, the allowed values; {@link #key()} is the option's {@link MacroKeys} key, or for a
 * malformed command line ({@link CommandLine}) the option's name there. A dialog shows the message
 * as it is; the command line reports it as a usage error (exit status 2).
 */
public final class InvalidOptionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * @param key     the option's key ({@link MacroKeys})
     * @param message what is wrong, naming the option as the caller shows it
     */
    public InvalidOptionException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The option's key ({@link MacroKeys}), whatever name the message shows. */
    public String key() { return key; }
}

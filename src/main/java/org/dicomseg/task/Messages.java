package org.dicomseg.task;

/**
 * Makes a failure's message fit the one line the user sees (the command line's stderr line, the
 * command's dialog or Log line): control characters, in a file name or in a value copied from a
 * hostile header, are escaped ({@code \n}, {@code \t}, {@code \x1b}, ...), so a message is always
 * one line and never drives a terminal; numbers longer than {@value #MAX_DIGITS} digits (a 65 KB
 * "number" from a lying header) are shortened to their first digits and length; Java exception
 * class names ({@code java.io.IOException: }) are left out; the whole is cut to
 * {@value #MAX_LENGTH} characters.
 */
public final class Messages {
    /** Longest run of digits echoed as it is. */
    static final int MAX_DIGITS = 40; // a 2.25 UID (a UUID as a decimal) has components of up to 39 digits
    /** Longest message shown. */
    static final int MAX_LENGTH = 1000;

    /** A Java exception's class name as {@code Throwable.toString()} prints it ("java.io.IOException: "). */
    private static final java.util.regex.Pattern JAVA_CLASS = java.util.regex.Pattern.compile(
            "\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z]\\w*(?:Exception|Error)\\b(?::\\s*)?");

    /** A simple class name in parentheses, as ImageJ prints it: "File saving error (IOException): ...". */
    private static final java.util.regex.Pattern JAVA_CLASS_IN_PARENTHESES = java.util.regex.Pattern.compile(
            "\\s*\\((?:[a-z][a-z0-9_]*\\.)*[A-Z]\\w*(?:Exception|Error)\\)");

    private Messages() { }

    /** {@code text} as one printable line (null stays null). */
    public static String oneLine(String text) {
        if (text == null) return null;
        text = JAVA_CLASS.matcher(text).replaceAll("");
        text = JAVA_CLASS_IN_PARENTHESES.matcher(text).replaceAll("");
        StringBuilder b = new StringBuilder(Math.min(text.length(), MAX_LENGTH) + 16);
        int i = 0;
        int n = text.length();
        while (i < n && b.length() < MAX_LENGTH) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                int end = i;
                while (end < n && text.charAt(end) >= '0' && text.charAt(end) <= '9') end++;
                if (end - i > MAX_DIGITS) {
                    b.append(text, i, i + 8).append("... (a ").append(end - i).append("-digit number)");
                } else {
                    b.append(text, i, end);
                }
                i = end;
                continue;
            }
            if (c == '\n') b.append("\\n");
            else if (c == '\r') b.append("\\r");
            else if (c == '\t') b.append("\\t");
            else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == '\u2028' || c == '\u2029') {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
            i++;
        }
        if (i < n) b.append("... (").append(n).append(" characters)");
        return b.toString();
    }

    /**
     * The message of {@code t} for the user, one line: its own message when it has one, else the
     * message of the first cause that has one, else a plain description of what kind of failure it
     * was (never a Java class name).
     */
    public static String of(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String m = c.getMessage();
            if (m != null && !m.isBlank() && !looksLikeClassName(m)) return oneLine(m);
        }
        if (t instanceof java.io.EOFException) return "the file ends too early (truncated or damaged)";
        if (t instanceof java.io.IOException) return "a read or write failed";
        return "an unexpected internal failure (please report it with the file, if you can share it)";
    }

    private static boolean looksLikeClassName(String m) {
        return m.matches("(java|javax|sun|jdk)\\.[\\w.$]+(: .*)?");
    }
}

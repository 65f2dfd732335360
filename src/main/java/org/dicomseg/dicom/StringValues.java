package org.dicomseg.dicom;

/**
 * Values of the character string VRs as text (PS3.5 6.2; several values separated by backslashes,
 * PS3.5 6.4): padding removed, the numbers of a Decimal or Integer String (DS, IS). Shared by the
 * source package's own header walk and ImageJ's header text ({@code ij.source.DicomInfo}).
 */
public final class StringValues {
    private StringValues() { }

    /**
     * All values of {@code text} ("a\b\c", each value's leading and trailing spaces and the value's NUL
     * padding ignored) as numbers; null when {@code text} is null or blank, or a value (an empty one
     * too) is not a number.
     */
    public static double[] numbers(String text) {
        if (text == null) return null;
        String v = strip(text);
        if (v.isEmpty()) return null;
        String[] parts = v.split("\\\\", -1);
        double[] d = new double[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) d[i] = Double.parseDouble(parts[i].trim());
        } catch (NumberFormatException e) {
            return null;
        }
        return d;
    }

    /** Without leading and trailing spaces and NULs (value padding, PS3.5 6.2). */
    public static String strip(String s) {
        int a = 0, z = s.length();
        while (a < z && (s.charAt(a) == ' ' || s.charAt(a) == '\0')) a++;
        while (z > a && (s.charAt(z - 1) == ' ' || s.charAt(z - 1) == '\0')) z--;
        return s.substring(a, z);
    }
}

package org.dicomseg.model;

import java.math.BigInteger;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * DICOM UIDs (PS3.5 9.1): validation and creation. New UIDs use the "2.25." root with a random
 * UUID as a decimal integer (PS3.5 B.2), so no registered root is needed.
 */
public final class Uids {
    private static final Pattern UID = Pattern.compile("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))+");

    private Uids() { }

    /** A new globally unique UID, 2.25.&lt;uuid as integer&gt;. */
    public static String create() {
        UUID u = UUID.randomUUID();
        BigInteger hi = BigInteger.valueOf(u.getMostSignificantBits()).and(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
        BigInteger lo = BigInteger.valueOf(u.getLeastSignificantBits()).and(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
        return "2.25." + hi.shiftLeft(64).or(lo);
    }

    /** True when {@code s} is a syntactically valid UID of at most 64 characters. */
    public static boolean isValid(String s) {
        return s != null && s.length() <= 64 && UID.matcher(s).matches();
    }
}

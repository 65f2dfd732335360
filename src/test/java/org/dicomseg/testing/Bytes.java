package org.dicomseg.testing;

/** Byte arrays written out in tests, e.g. hand-made element headers (PS3.5 7.1). */
public final class Bytes {
    private Bytes() {
    }

    /** The bytes {@code v}, each taken modulo 256 (so 0xFF may be written as such). */
    public static byte[] of(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (byte) v[i];
        return out;
    }
}

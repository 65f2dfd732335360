package org.dicomseg.pixels;

import java.util.Arrays;

/**
 * The context model of one JPEG-LS scan (ITU-T T.87 | ISO/IEC 14495-1, Annex A), shared by the
 * decoder ({@link JpegLsScanDecoder}) and the encoder ({@link JpegLsScanEncoder}): the coding
 * parameters of A.2.1 (RANGE, qbpp, bpp, LIMIT) from MAXVAL and NEAR, the thresholds T1–T3 and
 * RESET (C.2.4.1.1, defaults of Table C.3 or an LSE segment's), gradient quantization (A.3.3),
 * the median edge detector (A.4.1), the 365 regular contexts A, B, C, N with their update (A.6)
 * and the two run-interruption contexts with Nn (A.7.2), and the run-length order J (A.7.1.1).
 *
 * <p>Counters are capped at 2^24 (A and |B|), as CharLS does: a legal stream never comes near,
 * a hostile one gets a {@link CorruptPixelDataException} instead of an overflow.</p>
 */
final class JpegLsContext {
    /** Run-length order J[RUNindex], T.87 A.7.1.1. */
    static final int[] J = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12, 13,
        14, 15};
    private static final int LIMIT_COUNTER = 1 << 24;

    final int maxVal;
    final int near;
    final int t1;
    final int t2;
    final int t3;
    final int reset;
    final int range;
    final int qbpp;
    final int limit;
    private final int initialA;
    /** {@link #quantize} of d at d + maxVal, for MAXVAL up to 4095 (the samples' differences lie in ±MAXVAL); else null. */
    private final byte[] quantized;

    final int[] a = new int[367];
    final int[] b = new int[367];
    final int[] c = new int[365];
    final int[] n = new int[367];
    /** Nn of the run-interruption contexts 365 (RItype 0) and 366 (RItype 1). */
    final int[] nn = new int[2];

    /**
     * @param maxVal MAXVAL (1 .. 65535)
     * @param near   NEAR (0 for lossless)
     * @param preset T1, T2, T3, RESET as signalled (0 for the default), or null for all defaults
     */
    JpegLsContext(int maxVal, int near, int[] preset) {
        this.maxVal = maxVal;
        this.near = near;
        int[] d = defaults(maxVal, near);
        int p1 = preset == null ? 0 : preset[0];
        int p2 = preset == null ? 0 : preset[1];
        int p3 = preset == null ? 0 : preset[2];
        int pr = preset == null ? 0 : preset[3];
        this.t1 = p1 != 0 ? p1 : d[0];
        this.t2 = p2 != 0 ? p2 : d[1];
        this.t3 = p3 != 0 ? p3 : d[2];
        this.reset = pr != 0 ? pr : 64;
        // C.2.4.1.1, Table C.1: the legal values of the preset coding parameters
        if (t1 < near + 1 || t1 > maxVal || t2 < t1 || t2 > maxVal || t3 < t2 || t3 > maxVal) {
            throw new CorruptPixelDataException("JPEG-LS thresholds T1=" + t1 + " T2=" + t2 + " T3=" + t3
                    + " are not legal for MAXVAL " + maxVal + " and NEAR " + near + " (T.87 C.2.4.1.1)");
        }
        if (reset < 3 || reset > Math.max(255, maxVal)) {
            throw new CorruptPixelDataException("JPEG-LS RESET " + reset + " is not legal for MAXVAL " + maxVal);
        }
        this.range = (maxVal + 2 * near) / (2 * near + 1) + 1;
        this.qbpp = ceilLog2(range);
        int bpp = Math.max(2, ceilLog2(maxVal + 1));
        this.limit = 2 * (bpp + Math.max(8, bpp));
        this.initialA = Math.max(2, (range + 32) / 64);
        if (maxVal <= 4095) {
            quantized = new byte[2 * maxVal + 1];
            for (int d2 = -maxVal; d2 <= maxVal; d2++) quantized[d2 + maxVal] = (byte) quantizeByThresholds(d2);
        } else {
            quantized = null;
        }
        resetState();
    }

    /** The default T1, T2, T3 of T.87 C.2.4.1.1 for this MAXVAL and NEAR. */
    static int[] defaults(int maxVal, int near) {
        int t1;
        int t2;
        int t3;
        if (maxVal >= 128) {
            int factor = (Math.min(maxVal, 4095) + 128) / 256;
            t1 = clamp(factor * (3 - 2) + 2 + 3 * near, near + 1, maxVal);
            t2 = clamp(factor * (7 - 3) + 3 + 5 * near, t1, maxVal);
            t3 = clamp(factor * (21 - 4) + 4 + 7 * near, t2, maxVal);
        } else {
            int factor = 256 / (maxVal + 1);
            t1 = clamp(Math.max(2, 3 / factor + 3 * near), near + 1, maxVal);
            t2 = clamp(Math.max(3, 7 / factor + 5 * near), t1, maxVal);
            t3 = clamp(Math.max(4, 21 / factor + 7 * near), t2, maxVal);
        }
        return new int[] {t1, t2, t3};
    }

    private static int clamp(int i, int j, int maxVal) {
        return i > maxVal || i < j ? j : i;
    }

    static int ceilLog2(int v) {
        int x = 0;
        while (v > (1 << x)) x++;
        return x;
    }

    /** Initial values of A.2.1 step 1 (at the start of a scan and after each restart marker). */
    void resetState() {
        Arrays.fill(a, initialA);
        Arrays.fill(b, 0);
        Arrays.fill(c, 0);
        Arrays.fill(n, 1);
        nn[0] = 0;
        nn[1] = 0;
    }

    /** Gradient quantization, T.87 A.3.3 (code segment A.4): from the table when d is in it. */
    int quantize(int d) {
        byte[] t = quantized;
        if (t != null) {
            int at = d + maxVal;
            if (at >= 0 && at < t.length) return t[at];
        }
        return quantizeByThresholds(d);
    }

    private int quantizeByThresholds(int d) {
        if (d <= -t3) return -4;
        if (d <= -t2) return -3;
        if (d <= -t1) return -2;
        if (d < -near) return -1;
        if (d <= near) return 0;
        if (d < t1) return 1;
        if (d < t2) return 2;
        if (d < t3) return 3;
        return 4;
    }

    /** The median edge detector, T.87 A.4.1 (code segment A.5). */
    static int predict(int ra, int rb, int rc) {
        if (rc >= Math.max(ra, rb)) return Math.min(ra, rb);
        if (rc <= Math.min(ra, rb)) return Math.max(ra, rb);
        return ra + rb - rc;
    }

    /** Golomb parameter k of a regular context, A.5.1 (code segment A.10). */
    int k(int q) {
        int k = 0;
        for (long nq = n[q]; nq < a[q]; nq <<= 1) k++;
        return k;
    }

    /** Golomb parameter k of run-interruption context {@code 365 + riType}, A.7.2.2 (code segment A.20). */
    int kRun(int riType) {
        int q = 365 + riType;
        long temp = a[q] + (long) (n[q] >> 1) * riType;
        int k = 0;
        for (long nq = n[q]; nq < temp; nq <<= 1) k++;
        return k;
    }

    /** Update of A, B, C, N after a regular-mode sample, A.6.1 and A.6.2 (code segments A.12, A.13). */
    void update(int q, int errVal) {
        int aq = a[q] + Math.abs(errVal);
        int bq = b[q] + errVal * (2 * near + 1);
        int nq = n[q];
        if (aq >= LIMIT_COUNTER || Math.abs(bq) >= LIMIT_COUNTER) {
            throw new CorruptPixelDataException("JPEG-LS prediction errors out of range: the scan data is corrupt");
        }
        if (nq == reset) {
            aq >>= 1;
            bq >>= 1;
            nq >>= 1;
        }
        nq++;
        if (bq + nq <= 0) {
            bq += nq;
            if (bq <= -nq) bq = -nq + 1;
            if (c[q] > -128) c[q]--;
        } else if (bq > 0) {
            bq -= nq;
            if (bq > 0) bq = 0;
            if (c[q] < 127) c[q]++;
        }
        a[q] = aq;
        b[q] = bq;
        n[q] = nq;
    }

    /** True when the regular-mode error mapping of A.5.2 is the inverted one (NEAR = 0, k = 0, 2B ≤ −N). */
    boolean invertedMapping(int q, int k) {
        return near == 0 && k == 0 && 2 * b[q] <= -n[q];
    }

    /** Whether a run-interruption error is mapped as negative-first (the {@code map} rule of A.7.2.2, code segment A.21). */
    boolean negativeFirst(int riType, int k) {
        return k != 0 || 2 * nn[riType] >= n[365 + riType];
    }

    /** Update after a run-interruption sample, A.7.2.2 (code segment A.23). */
    void updateRun(int riType, int errVal, int emErrVal) {
        int q = 365 + riType;
        if (errVal < 0) nn[riType]++;
        a[q] += (emErrVal + 1 - riType) >> 1;
        if (a[q] >= LIMIT_COUNTER) {
            throw new CorruptPixelDataException("JPEG-LS run interruption errors out of range: the scan data is corrupt");
        }
        if (n[q] == reset) {
            a[q] >>= 1;
            n[q] >>= 1;
            nn[riType] >>= 1;
        }
        n[q]++;
    }

    /** The sample reconstructed from a prediction and a (sign-applied, quantized) error, A.4.2 and A.5.4. */
    int reconstruct(int px, int errVal) {
        int rx = px + errVal * (2 * near + 1);
        if (rx < -near) {
            rx += range * (2 * near + 1);
        } else if (rx > maxVal + near) {
            rx -= range * (2 * near + 1);
        }
        return rx < 0 ? 0 : rx > maxVal ? maxVal : rx;
    }

    /** The prediction Px corrected by C[Q] and clamped, A.4.2 (code segment A.6). */
    int correct(int px, int q, int sign) {
        int v = px + sign * c[q];
        return v < 0 ? 0 : v > maxVal ? maxVal : v;
    }
}

package org.dicomseg.model;

import java.util.Arrays;

/**
 * A colour in DICOM's scaled CIELab encoding: three unsigned 16-bit values, L* scaled from 0..100
 * and a*, b* from -128..127 to 0..65535 (PS3.3 C.10.7.1.1, as used by Recommended Display CIELab
 * Value (0062,000D)). Converts to and from sRGB via CIE XYZ with the D65 white point, the same
 * route dcmqi and highdicom take, so colours survive a round trip within one step of 8-bit RGB.
 */
public final class CieLab {
    private final int l;
    private final int a;
    private final int b;

    /** Scaled DICOM values, each 0..65535. */
    public CieLab(int l, int a, int b) {
        check(l, "L*");
        check(a, "a*");
        check(b, "b*");
        this.l = l;
        this.a = a;
        this.b = b;
    }

    private static void check(int v, String what) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException("CIELab " + what + " value " + v + " is outside 0..65535");
        }
    }

    public int l() { return l; }
    public int a() { return a; }
    public int b() { return b; }

    /** The three scaled values as written in (0062,000D). */
    public int[] toArray() { return new int[] {l, a, b}; }

    /** From 8-bit sRGB. */
    public static CieLab fromRgb(int r, int g, int bl) {
        double[] xyz = rgbToXyz(r / 255.0, g / 255.0, bl / 255.0);
        double fx = f(xyz[0] / 0.950456), fy = f(xyz[1]), fz = f(xyz[2] / 1.088754);
        double lStar = 116 * fy - 16, aStar = 500 * (fx - fy), bStar = 200 * (fy - fz);
        return new CieLab(
                clamp((int) Math.round(lStar * 65535.0 / 100.0)),
                clamp((int) Math.round((aStar + 128) * 65535.0 / 255.0)),
                clamp((int) Math.round((bStar + 128) * 65535.0 / 255.0)));
    }

    /** From a packed 0xRRGGBB value, e.g. {@code java.awt.Color.getRGB()}. */
    public static CieLab fromRgb(int rgb) {
        return fromRgb((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
    }

    /** To 8-bit sRGB as {r, g, b}. */
    public int[] toRgb() {
        double lStar = l * 100.0 / 65535.0, aStar = a * 255.0 / 65535.0 - 128, bStar = b * 255.0 / 65535.0 - 128;
        double fy = (lStar + 16) / 116, fx = fy + aStar / 500, fz = fy - bStar / 200;
        double x = 0.950456 * finv(fx), y = finv(fy), z = 1.088754 * finv(fz);
        double rl = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z;
        double gl = -0.9692660 * x + 1.8760108 * y + 0.0415560 * z;
        double bl = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z;
        return new int[] {to8(gamma(rl)), to8(gamma(gl)), to8(gamma(bl))};
    }

    /** To a packed 0xRRGGBB value. */
    public int toRgbInt() {
        int[] c = toRgb();
        return (c[0] << 16) | (c[1] << 8) | c[2];
    }

    private static double[] rgbToXyz(double r, double g, double b) {
        r = linear(r); g = linear(g); b = linear(b);
        return new double[] {
            0.4124564 * r + 0.3575761 * g + 0.1804375 * b,
            0.2126729 * r + 0.7151522 * g + 0.0721750 * b,
            0.0193339 * r + 0.1191920 * g + 0.9503041 * b};
    }

    private static double linear(double c) { return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); }
    private static double gamma(double c) { return c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(c, 1 / 2.4) - 0.055; }
    private static double f(double t) { return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116; }
    private static double finv(double t) { return t * t * t > 216.0 / 24389 ? t * t * t : (116 * t - 16) / (24389.0 / 27); }
    private static int to8(double c) { return Math.max(0, Math.min(255, (int) Math.round(c * 255))); }
    private static int clamp(int v) { return Math.max(0, Math.min(0xFFFF, v)); }

    @Override public boolean equals(Object o) {
        return o instanceof CieLab && Arrays.equals(toArray(), ((CieLab) o).toArray());
    }

    @Override public int hashCode() { return Arrays.hashCode(toArray()); }

    @Override public String toString() { return "CIELab[" + l + "," + a + "," + b + "]"; }
}

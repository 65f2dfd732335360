package org.dicomseg.ij;

import org.dicomseg.mask.MaskPlanes;
import org.dicomseg.mask.PixelKind;

/** The distinct nonzero label values of an 8- or 16-bit label image, found in one pass over its planes. */
public final class LabelValues {
    private LabelValues() { }

    /** Sorted distinct nonzero values occurring in any plane. */
    public static int[] scan(MaskPlanes planes) {
        if (planes.kind() == PixelKind.FLOAT32) throw new IllegalArgumentException("Label values need an 8- or 16-bit image");
        boolean[] seen = new boolean[planes.kind() == PixelKind.UINT8 ? 256 : 65536];
        int n = planes.rows() * planes.columns();
        Object buf = null;
        for (int p = 0; p < planes.planes(); p++) {
            Object px = planes.readPlane(p, buf);
            if (px instanceof byte[]) {
                byte[] b = (byte[]) px;
                for (int i = 0; i < n; i++) seen[b[i] & 0xFF] = true;
            } else {
                short[] s = (short[]) px;
                for (int i = 0; i < n; i++) seen[s[i] & 0xFFFF] = true;
            }
        }
        int count = 0;
        for (int v = 1; v < seen.length; v++) if (seen[v]) count++;
        int[] out = new int[count];
        int k = 0;
        for (int v = 1; v < seen.length; v++) if (seen[v]) out[k++] = v;
        return out;
    }
}

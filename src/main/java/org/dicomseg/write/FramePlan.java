package org.dicomseg.write;

import java.util.Arrays;

import org.dicomseg.mask.MaskInventory;
import org.dicomseg.model.SegmentationType;

/**
 * Which frames the SEG will hold, in file order. BINARY and FRACTIONAL: one frame per (plane,
 * segment), plane by plane and, within a plane, by increasing segment number, so a label map is
 * read once per plane while streaming; readers locate frames through their functional groups
 * (Segment Identification, Plane Position, Dimension Index Values; PS3.3 C.8.20.3), not their
 * order. LABELMAP: one frame per plane (Sup 243). Empty frames are left out when asked (PS3.3
 * C.8.20.2 does not require frames without segment pixels), but at least one frame is always kept,
 * as highdicom does, because Number of Frames must be at least 1.
 */
final class FramePlan {
    /** 0-based mask plane of each frame. */
    final int[] plane;
    /** Segment number of each frame (0 for LABELMAP). */
    final int[] segment;

    private FramePlan(int[] plane, int[] segment) {
        this.plane = plane;
        this.segment = segment;
    }

    int frameCount() { return plane.length; }

    static FramePlan build(SegmentationType type, MaskInventory inv, int planes, int segments, boolean omitEmpty) {
        int[] p = new int[16];
        int[] s = new int[16];
        int n = 0;
        for (int pl = 0; pl < planes; pl++) {
            if (type == SegmentationType.LABELMAP) {
                if (omitEmpty && !inv.isPlaneNonEmpty(pl)) continue;
                if (n == p.length) { p = Arrays.copyOf(p, n * 2); s = Arrays.copyOf(s, n * 2); }
                p[n] = pl;
                s[n++] = 0;
            } else {
                for (int seg = 1; seg <= segments; seg++) {
                    if (omitEmpty && !inv.isPresent(pl, seg)) continue;
                    if (n == p.length) { p = Arrays.copyOf(p, n * 2); s = Arrays.copyOf(s, n * 2); }
                    p[n] = pl;
                    s[n++] = seg;
                }
            }
        }
        if (n == 0) {
            return new FramePlan(new int[] {0}, new int[] {type == SegmentationType.LABELMAP ? 0 : 1});
        }
        return new FramePlan(Arrays.copyOf(p, n), Arrays.copyOf(s, n));
    }

    /**
     * This plan with at least one frame in each of {@code blocks} blocks of {@code blockPlanes}
     * consecutive planes (a slide's focal planes: the tiles of focal plane b are planes
     * {@code b * blockPlanes ..}): a block without a frame gets its first plane's frame (segment 1;
     * LABELMAP none), empty, so that the SEG states every focal plane's Z Offset (PS3.3 C.8.12.6.1)
     * and a reader rebuilds a Z stack of the full depth. Frames stay in plane order.
     */
    FramePlan withFrameInEveryBlock(int blockPlanes, int blocks, SegmentationType type) {
        boolean[] has = new boolean[blocks];
        for (int pl : plane) has[pl / blockPlanes] = true;
        int missing = 0;
        for (boolean h : has) if (!h) missing++;
        if (missing == 0) return this;
        int[] p = new int[plane.length + missing];
        int[] s = new int[p.length];
        int n = 0, k = 0;
        for (int b = 0; b < blocks; b++) {
            if (!has[b]) {
                p[n] = b * blockPlanes;
                s[n++] = type == SegmentationType.LABELMAP ? 0 : 1;
            }
            while (k < plane.length && plane[k] / blockPlanes == b) {
                p[n] = plane[k];
                s[n++] = segment[k++];
            }
        }
        return new FramePlan(p, s);
    }

    /**
     * TILED_FULL (PS3.3 C.7.6.17.3): every tile, in the implicit order: tile columns fastest, then
     * tile rows (the planes of a tiled mask are already in that order), then segments (LABELMAP: no
     * segment dimension). Nothing is omitted.
     */
    static FramePlan tiledFull(SegmentationType type, int tiles, int segments) {
        int segs = type == SegmentationType.LABELMAP ? 1 : segments;
        long n = (long) tiles * segs;
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("TILED_FULL would need " + n + " frames");
        int[] p = new int[(int) n];
        int[] s = new int[(int) n];
        int f = 0;
        for (int seg = 1; seg <= segs; seg++) {
            for (int t = 0; t < tiles; t++) {
                p[f] = t;
                s[f++] = type == SegmentationType.LABELMAP ? 0 : seg;
            }
        }
        return new FramePlan(p, s);
    }
}

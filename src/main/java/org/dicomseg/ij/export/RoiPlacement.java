package org.dicomseg.ij.export;

import ij.gui.Roi;

/**
 * Decides which plane of the exported volume a ROI belongs to, following ImageJ's conventions for
 * ROI positions: a ROI with a hyperstack position (c, z, t) goes to slice z; a ROI with a plain
 * stack position n goes to the slice of stack index n of the image it was drawn on; position 0
 * (in the relevant dimension) means "every plane", as in the ROI Manager's "Show All".
 *
 * <p>The exported planes are the image's z slices, or its time frames when it has one slice and
 * several frames (a series opened as frames), or, when it has both, every slice of every time frame,
 * time frame by time frame (plane {@code (t - 1) × slices + z - 1}: a cine or dynamic source, see
 * {@code SourceSeries#timePoints}); there a ROI needs both a slice and a time frame, or neither
 * (every plane). Channels never select a plane: SEG segments are not channels, so a ROI's channel
 * is ignored.</p>
 */
public final class RoiPlacement {
    /** Returned by {@link #plane} for ROIs that apply to every plane. */
    public static final int ALL_PLANES = -1;

    private final int channels;
    private final int slices;
    private final int frames;
    private final boolean planesAreFrames;
    /** Slices and time frames both: planes are (z, t). */
    private final boolean spaceTime;

    /**
     * @param channels channels of the image the ROIs were drawn on (1 without an image)
     * @param slices   its z slices
     * @param frames   its time frames
     */
    public RoiPlacement(int channels, int slices, int frames) {
        if (channels < 1 || slices < 1 || frames < 1) {
            throw new IllegalArgumentException("Image dimensions must be at least 1: c=" + channels + " z=" + slices + " t=" + frames);
        }
        this.channels = channels;
        this.slices = slices;
        this.frames = frames;
        this.planesAreFrames = slices == 1 && frames > 1;
        this.spaceTime = slices > 1 && frames > 1;
    }

    /** Placement for a plain stack of {@code planes} slices (no image open: a RoiSet and a DICOM series). */
    public static RoiPlacement ofStack(int planes) {
        return new RoiPlacement(1, planes, 1);
    }

    /** Number of exported planes. */
    public int planeCount() {
        return spaceTime ? slices * frames : planesAreFrames ? frames : slices;
    }

    /**
     * The 0-based plane of {@code roi}, or {@link #ALL_PLANES}.
     *
     * @param index 1-based number of the ROI in its list, for messages
     * @throws IllegalArgumentException when the ROI's position lies outside the image
     */
    public int plane(Roi roi, int index) {
        if (spaceTime) return planeInTime(roi, index);
        int p;
        if (roi.hasHyperStackPosition()) {
            p = planesAreFrames ? roi.getTPosition() : roi.getZPosition();
            if (p == 0 && planesAreFrames && roi.getZPosition() > 1) {
                p = roi.getZPosition();
            }
        } else {
            int n = roi.getPosition();
            if (n <= 0) return ALL_PLANES;
            int size = channels * slices * frames;
            if (n > size) {
                throw new IllegalArgumentException("ROI " + RoiRasterizer.describe(roi, index) + " is on stack position " + n
                        + " but the image has only " + size + (size == 1 ? " plane" : " planes"));
            }
            int z = ((n - 1) / channels) % slices + 1;
            int t = (n - 1) / (channels * slices) + 1;
            p = planesAreFrames ? t : z;
        }
        if (p <= 0) return ALL_PLANES;
        if (p > planeCount()) {
            throw new IllegalArgumentException("ROI " + RoiRasterizer.describe(roi, index) + " is on "
                    + (planesAreFrames ? "frame " : "slice ") + p + " but the image has only " + planeCount()
                    + (planesAreFrames ? " frames" : " slices"));
        }
        return p - 1;
    }

    /** {@link #plane} on an image with slices and time frames: plane (t - 1) × slices + z - 1. */
    private int planeInTime(Roi roi, int index) {
        int z, t;
        if (roi.hasHyperStackPosition()) {
            z = roi.getZPosition();
            t = roi.getTPosition();
        } else {
            int n = roi.getPosition();
            if (n <= 0) return ALL_PLANES;
            int size = channels * slices * frames;
            if (n > size) {
                throw new IllegalArgumentException("ROI " + RoiRasterizer.describe(roi, index) + " is on stack position " + n
                        + " but the image has only " + size + " planes");
            }
            z = ((n - 1) / channels) % slices + 1;
            t = (n - 1) / (channels * slices) + 1;
        }
        if (z <= 0 && t <= 0) return ALL_PLANES;
        if (z <= 0 || t <= 0) {
            throw new IllegalArgumentException("ROI " + RoiRasterizer.describe(roi, index) + " is on "
                    + (z <= 0 ? "time frame " + t + " of every slice" : "slice " + z + " of every time frame")
                    + "; on an image of " + slices + " slices x " + frames + " time frames a ROI needs a slice and a time frame"
                    + " (or neither, for every plane)");
        }
        if (z > slices || t > frames) {
            throw new IllegalArgumentException("ROI " + RoiRasterizer.describe(roi, index) + " is on slice " + z + ", time frame "
                    + t + " but the image has " + slices + " slices x " + frames + " time frames");
        }
        return (t - 1) * slices + z - 1;
    }
}

package org.dicomseg.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Geometry given by the caller when the mask grid differs from the source images (resampled or
 * cropped masks): one Plane Position per mask plane and, optionally, the Plane Orientation and
 * Pixel Measures of all planes (PS3.3 C.7.6.16.2.1-4). Missing orientation or pixel measures are
 * taken from the first source frame. This is highdicom's {@code plane_positions},
 * {@code plane_orientation} and {@code pixel_measures} (guide: "Geometry of SEG Images").
 */
public final class SegmentationGeometry {
    private final List<PlanePosition> positions;
    private final PlaneOrientation orientation;
    private final PixelMeasures pixelMeasures;

    /**
     * @param positions     Image Position (Patient) of each mask plane, in plane order
     * @param orientation   orientation of every plane, or null for the sources'
     * @param pixelMeasures pixel spacing and slice thickness of the mask, or null for the sources'
     */
    public SegmentationGeometry(List<PlanePosition> positions, PlaneOrientation orientation, PixelMeasures pixelMeasures) {
        Objects.requireNonNull(positions, "plane positions");
        if (positions.isEmpty()) throw new IllegalArgumentException("Custom geometry needs one plane position per mask plane");
        for (int i = 0; i < positions.size(); i++) {
            if (positions.get(i) == null) throw new IllegalArgumentException("Plane position " + (i + 1) + " is missing");
        }
        this.positions = Collections.unmodifiableList(new ArrayList<>(positions));
        this.orientation = orientation;
        this.pixelMeasures = pixelMeasures;
    }

    /** Positions only; orientation and pixel measures come from the sources. */
    public static SegmentationGeometry ofPositions(List<PlanePosition> positions) {
        return new SegmentationGeometry(positions, null, null);
    }

    public List<PlanePosition> positions() { return positions; }
    /** The orientation, or null to use the sources'. */
    public PlaneOrientation orientation() { return orientation; }
    /** The pixel measures, or null to use the sources'. */
    public PixelMeasures pixelMeasures() { return pixelMeasures; }
}

package org.dicomseg.source;

import java.nio.file.Path;

import org.dicomseg.model.PixelMeasures;
import org.dicomseg.model.PlaneOrientation;
import org.dicomseg.model.PlanePosition;

/**
 * One frame of a source image as the SEG writer needs it: the identity it is referenced by
 * (Referenced SOP Class/Instance UID and, for multi-frame sources, Referenced Frame Number, PS3.3
 * C.7.6.16.2.6 Derivation Image Functional Group) and its geometry (Plane Position, Plane
 * Orientation, Pixel Measures, PS3.3 C.7.6.16.2.1-4) and time ({@link FrameTime}). Geometry fields are null when the source does
 * not state them. Immutable; no pixel data.
 */
public final class SourceFrame {
    private final Path file;
    private final String sopClassUid;
    private final String sopInstanceUid;
    private final String seriesInstanceUid;
    private final int frameNumber;
    private final boolean multiFrame;
    private final int rows;
    private final int columns;
    private final PlanePosition position;
    private final PlaneOrientation orientation;
    private final PixelMeasures pixelMeasures;
    private final FrameTime time;

    public SourceFrame(Path file, String sopClassUid, String sopInstanceUid, String seriesInstanceUid, int frameNumber,
                       boolean multiFrame, int rows, int columns, PlanePosition position, PlaneOrientation orientation,
                       PixelMeasures pixelMeasures) {
        this(file, sopClassUid, sopInstanceUid, seriesInstanceUid, frameNumber, multiFrame, rows, columns, position, orientation,
                pixelMeasures, FrameTime.NONE);
    }

    /** As above, with when the frame was acquired ({@link FrameTime}; null: not known). */
    public SourceFrame(Path file, String sopClassUid, String sopInstanceUid, String seriesInstanceUid, int frameNumber,
                       boolean multiFrame, int rows, int columns, PlanePosition position, PlaneOrientation orientation,
                       PixelMeasures pixelMeasures, FrameTime time) {
        this.time = time == null ? FrameTime.NONE : time;
        this.file = file;
        this.sopClassUid = sopClassUid;
        this.sopInstanceUid = sopInstanceUid;
        this.seriesInstanceUid = seriesInstanceUid;
        this.frameNumber = frameNumber;
        this.multiFrame = multiFrame;
        this.rows = rows;
        this.columns = columns;
        this.position = position;
        this.orientation = orientation;
        this.pixelMeasures = pixelMeasures;
    }

    /** The file it was read from, or null. */
    public Path file() { return file; }
    public String sopClassUid() { return sopClassUid; }
    public String sopInstanceUid() { return sopInstanceUid; }
    public String seriesInstanceUid() { return seriesInstanceUid; }
    /** 1-based frame number within its instance (1 for single-frame images). */
    public int frameNumber() { return frameNumber; }
    /** True when the instance is multi-frame, so references carry a Referenced Frame Number. */
    public boolean multiFrame() { return multiFrame; }
    public int rows() { return rows; }
    public int columns() { return columns; }
    /** Image Position (Patient), or null. */
    public PlanePosition position() { return position; }
    /** Image Orientation (Patient), or null. */
    public PlaneOrientation orientation() { return orientation; }
    /** Pixel Spacing and Slice Thickness, or null. */
    public PixelMeasures pixelMeasures() { return pixelMeasures; }
    /** When the frame was acquired (temporal attributes), never null. */
    public FrameTime time() { return time; }

    @Override public String toString() {
        return sopInstanceUid + (multiFrame ? " frame " + frameNumber : "") + (file != null ? " (" + file + ")" : "");
    }
}

package org.dicomseg.write;

import com.pixelmed.dicom.AttributeTag;

import org.dicomseg.source.FrameTime;
import org.dicomseg.source.SpaceTime;

/**
 * The time of a SEG frame over a cine or dynamic source ({@link SpaceTime}), in the Frame Content
 * Sequence of its per-frame functional groups (PS3.3 C.7.6.16.2.2): Temporal Position Index
 * (0020,9128), the 1-based time point (always: it is the temporal dimension of the Dimension Index
 * Sequence, C.7.6.17), and Frame Acquisition DateTime (0018,9074), copied from the source frame
 * when it has a full acquisition date-time (Frame Acquisition DateTime, Acquisition DateTime, or
 * Acquisition Date + Time).
 *
 * <p>Not written: the Cardiac Synchronization (C.7.6.16.2.7) and Temporal Position
 * (C.7.6.16.2.23) functional groups, which hold a source's trigger delay and time offset: they are
 * not among the Segmentation IOD's functional group macros (Table A.51-2; dciodvfy reports each as
 * "Attribute is not present in standard DICOM IOD" and the file as a Standard Extended SOP Class).
 * Each frame still references its source image or frame (Derivation Image), which carries them, and
 * the temporal dimension's Dimension Description Label names the attribute the time points were
 * ordered by (e.g. "Temporal Position Index (Trigger Time)").</p>
 */
final class TemporalGroups {
    static final AttributeTag FRAME_ACQUISITION_DATETIME = new AttributeTag(0x0018, 0x9074);
    static final AttributeTag TEMPORAL_POSITION_INDEX = new AttributeTag(0x0020, 0x9128);

    private TemporalGroups() { }

    /** Dimension Description Label of the temporal dimension: what the time points were ordered by. */
    static String dimensionLabel(SpaceTime time) {
        return time.kind() == SpaceTime.Kind.TEMPORAL_POSITION_INDEX ? "Temporal Position Index"
                : "Temporal Position Index (" + time.kind().label() + ")";
    }

    /** Frame Acquisition DateTime inside the Frame Content item (its first attribute), when a full date-time is known. */
    static void frameAcquisitionDateTime(PerFrameGroups.Bytes w, FrameTime t) {
        String dt = t.acquisitionDateTime();
        if (dt == null) return;
        int digits = 0;
        while (digits < dt.length() && Character.isDigit(dt.charAt(digits))) digits++;
        if (digits < 14 || dt.length() > 26) return; // a time without a date is no DT
        w.text(FRAME_ACQUISITION_DATETIME, 'D', 'T', dt, (byte) ' ');
    }

    /** Temporal Position Index inside the Frame Content item (after In-Stack Position Number). */
    static void temporalPositionIndex(PerFrameGroups.Bytes w, int timePoint) {
        w.ul(TEMPORAL_POSITION_INDEX, timePoint);
    }
}

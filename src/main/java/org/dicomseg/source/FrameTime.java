package org.dicomseg.source;

/**
 * When a source frame was acquired, as its header says it (any of these may be absent): the
 * attributes that tell the frames of a cine or dynamic series apart when they share a position.
 * <ul>
 *   <li>Temporal Position Index (0020,9128): Frame Content Sequence of an enhanced multi-frame
 *       image (PS3.3 C.7.6.16.2.2), or the top-level data set;</li>
 *   <li>Temporal Position Identifier (0020,0100): single-frame MR/PET/NM images (C.7.3.1, C.7.6.2);</li>
 *   <li>the cardiac trigger delay in ms: Nominal Cardiac Trigger Delay Time (0020,9153) of the
 *       Cardiac Synchronization Sequence (C.7.6.16.2.7), or Trigger Time (0018,1060) of a
 *       single-frame image (C.7.6.18.1 Cardiac Synchronization module, C.8.3.1 MR Image);</li>
 *   <li>Temporal Position Time Offset (0020,930D) in s: Temporal Position Sequence (C.7.6.16.2.23);</li>
 *   <li>the acquisition date-time ({@code YYYYMMDDHHMMSS.FFFFFF}): Frame Acquisition DateTime
 *       (0018,9074) of the Frame Content Sequence, else Acquisition DateTime (0008,002A), else
 *       Acquisition Date (0008,0022) + Acquisition Time (0008,0032) (time alone when no date).</li>
 * </ul>
 * Immutable.
 */
public final class FrameTime {
    /** No time attribute at all. */
    public static final FrameTime NONE = new FrameTime(null, null, null, null, null);

    private final Integer temporalPositionIndex;
    private final Integer temporalPositionIdentifier;
    private final Double triggerDelayMs;
    private final Double timeOffsetSeconds;
    private final String acquisitionDateTime;

    public FrameTime(Integer temporalPositionIndex, Integer temporalPositionIdentifier, Double triggerDelayMs,
                     Double timeOffsetSeconds, String acquisitionDateTime) {
        this.temporalPositionIndex = temporalPositionIndex;
        this.temporalPositionIdentifier = temporalPositionIdentifier;
        this.triggerDelayMs = triggerDelayMs != null && Double.isFinite(triggerDelayMs) ? triggerDelayMs : null;
        this.timeOffsetSeconds = timeOffsetSeconds != null && Double.isFinite(timeOffsetSeconds) ? timeOffsetSeconds : null;
        this.acquisitionDateTime = acquisitionDateTime == null || acquisitionDateTime.isBlank() ? null : acquisitionDateTime.trim();
    }

    /** Temporal Position Index (0020,9128), or null. */
    public Integer temporalPositionIndex() { return temporalPositionIndex; }
    /** Temporal Position Identifier (0020,0100), or null. */
    public Integer temporalPositionIdentifier() { return temporalPositionIdentifier; }
    /** Nominal Cardiac Trigger Delay Time (0020,9153) or Trigger Time (0018,1060) in ms, or null. */
    public Double triggerDelayMs() { return triggerDelayMs; }
    /** Temporal Position Time Offset (0020,930D) in s, or null. */
    public Double timeOffsetSeconds() { return timeOffsetSeconds; }
    /** Frame Acquisition DateTime, Acquisition DateTime or Acquisition Date + Time, or null. */
    public String acquisitionDateTime() { return acquisitionDateTime; }

    /** True when no attribute is known. */
    public boolean isEmpty() {
        return temporalPositionIndex == null && temporalPositionIdentifier == null && triggerDelayMs == null
                && timeOffsetSeconds == null && acquisitionDateTime == null;
    }

    /**
     * The acquisition date-time as seconds since an arbitrary origin (the date counts in days from
     * year 0, so only differences are meaningful), or null when absent or not a date-time/time.
     */
    public Double acquisitionSeconds() {
        String s = acquisitionDateTime;
        if (s == null) return null;
        int cut = s.length();
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) == '+' || s.charAt(i) == '-') { cut = i; break; }
        s = s.substring(0, cut);
        try {
            // YYYYMMDDHHMMSS[.F]: date (8) + time; HHMMSS[.F]: time only (as Acquisition Time alone).
            double days = 0;
            String time = s;
            int dot = s.indexOf('.');
            int digits = dot < 0 ? s.length() : dot;
            if (digits > 6) {
                if (digits < 8) return null;
                java.time.LocalDate d = java.time.LocalDate.parse(s.substring(0, 8), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
                days = d.toEpochDay();
                time = s.substring(8);
            }
            double sec = 0;
            if (!time.isEmpty()) {
                int tdot = time.indexOf('.');
                String hms = tdot < 0 ? time : time.substring(0, tdot);
                int hh = hms.length() >= 2 ? Integer.parseInt(hms.substring(0, 2)) : 0;
                int mm = hms.length() >= 4 ? Integer.parseInt(hms.substring(2, 4)) : 0;
                int ss = hms.length() >= 6 ? Integer.parseInt(hms.substring(4, 6)) : 0;
                double frac = tdot < 0 ? 0 : Double.parseDouble("0" + time.substring(tdot));
                sec = hh * 3600 + mm * 60 + ss + frac;
            }
            return days * 86400 + sec;
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override public String toString() {
        StringBuilder b = new StringBuilder("FrameTime[");
        if (temporalPositionIndex != null) b.append("TPI ").append(temporalPositionIndex).append(' ');
        if (temporalPositionIdentifier != null) b.append("TPId ").append(temporalPositionIdentifier).append(' ');
        if (triggerDelayMs != null) b.append("trigger ").append(triggerDelayMs).append(" ms ");
        if (timeOffsetSeconds != null) b.append("offset ").append(timeOffsetSeconds).append(" s ");
        if (acquisitionDateTime != null) b.append("acquired ").append(acquisitionDateTime);
        return b.toString().trim() + "]";
    }
}

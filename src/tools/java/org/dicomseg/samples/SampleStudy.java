package org.dicomseg.samples;

/**
 * The patient, study and frame of reference shared by every generated object of one sample
 * set, plus the UID source and the noise seed. Objects written with the same study share
 * Study Instance UID and Frame of Reference UID, so a segmentation of one applies to the other.
 */
public final class SampleStudy {
    private final SampleUids uids;
    private final long seed;
    private final String patientName;
    private final String patientId;
    private final String studyDate;
    private final String studyTime;
    private String studyUid;
    private String forUid;

    /**
     * @param uids        UID source
     * @param seed        seed of the pixel noise
     * @param patientName DICOM PN value, e.g. "Phantom^Abdomen"
     * @param patientId   Patient ID
     * @param studyDate   DA value (YYYYMMDD), used for study, series, content and acquisition dates
     * @param studyTime   TM value (HHMMSS), used likewise
     */
    public SampleStudy(SampleUids uids, long seed, String patientName, String patientId, String studyDate, String studyTime) {
        this.uids = uids;
        this.seed = seed;
        this.patientName = patientName;
        this.patientId = patientId;
        this.studyDate = studyDate;
        this.studyTime = studyTime;
    }

    /**
     * The reproducible study of the committed samples for a seed: UIDs derived from
     * "dicomseg-samples-" + seed, patient "Phantom^Abdomen" / "PHANTOM-" + seed, date 2026-01-01 12:00.
     */
    public static SampleStudy deterministic(long seed) {
        return new SampleStudy(SampleUids.deterministic("dicomseg-samples-" + seed), seed,
                "Phantom^Abdomen", "PHANTOM-" + seed, "20260101", "120000");
    }

    /** UID source. */
    public SampleUids uids() { return uids; }

    /** Noise seed. */
    public long seed() { return seed; }

    /** Patient's Name. */
    public String patientName() { return patientName; }

    /** Patient ID. */
    public String patientId() { return patientId; }

    /** Study (and content) date, YYYYMMDD. */
    public String studyDate() { return studyDate; }

    /** Study (and content) time, HHMMSS. */
    public String studyTime() { return studyTime; }

    /** Study Instance UID (the same on every call, also for random UIDs). */
    public synchronized String studyInstanceUid() {
        if (studyUid == null) studyUid = uids.uid("study");
        return studyUid;
    }

    /** Frame of Reference UID (the same on every call, also for random UIDs). */
    public synchronized String frameOfReferenceUid() {
        if (forUid == null) forUid = uids.uid("frame-of-reference");
        return forUid;
    }
}

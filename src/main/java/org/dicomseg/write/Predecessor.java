package org.dicomseg.write;

import java.util.Objects;

import org.dicomseg.model.Uids;

/**
 * The SEG an edited segmentation was made from (the edit loop: import a SEG, correct it, export it
 * again), identified by its Study, Series and SOP Instance UIDs; set with
 * {@link SegWriteOptions.Builder#predecessor}. Immutable.
 *
 * <p>The writer records it where PS3.3 gives a derived image the place for the instance it was
 * derived from: an item of the General Image module's Source Image Sequence (0008,2112) (PS3.3
 * C.7.6.1; C.7.6.1.1.4: the images used to create a derived image, items possibly being successive
 * steps of derivation), with Purpose of Reference (121322, DCM, "Source image for image processing
 * operation") (CID 7202) and Spatial Locations Preserved NO (C.7.6.1.1.3: its frames are not
 * asserted to be this SEG's frames pixel for pixel). The instance is also listed in the Common
 * Instance Reference module (C.12.2): under its series in Referenced Series Sequence (after the
 * source images' series) when it belongs to the sources' study, else in Studies Containing Other
 * Referenced Instances Sequence. The per-frame Derivation Image items and highdicom's
 * source-indexed reads are unaffected: the source images stay the sources.</p>
 */
public final class Predecessor {
    private final String studyInstanceUid;
    private final String seriesInstanceUid;
    private final String sopInstanceUid;
    private final String sopClassUid;

    private Predecessor(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid, String sopClassUid) {
        this.studyInstanceUid = uid(studyInstanceUid, "Study Instance UID");
        this.seriesInstanceUid = uid(seriesInstanceUid, "Series Instance UID");
        this.sopInstanceUid = uid(sopInstanceUid, "SOP Instance UID");
        this.sopClassUid = uid(sopClassUid, "SOP Class UID");
    }

    /**
     * The predecessor SEG with these UIDs (as {@code read.SegmentationMetadata} reports them).
     *
     * @param sopClassUid Segmentation Storage (1.2.840.10008.5.1.4.1.1.66.4) or Label Map
     *                    Segmentation Storage (1.2.840.10008.5.1.4.1.1.66.7)
     * @throws IllegalArgumentException when a UID is missing or not a valid UID
     */
    public static Predecessor of(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid, String sopClassUid) {
        return new Predecessor(studyInstanceUid, seriesInstanceUid, sopInstanceUid, sopClassUid);
    }

    private static String uid(String s, String what) {
        Objects.requireNonNull(s, "predecessor's " + what);
        String t = s.trim();
        if (!Uids.isValid(t)) throw new IllegalArgumentException("The predecessor's " + what + " '" + s + "' is not a valid UID");
        return t;
    }

    public String studyInstanceUid() { return studyInstanceUid; }
    public String seriesInstanceUid() { return seriesInstanceUid; }
    public String sopInstanceUid() { return sopInstanceUid; }
    public String sopClassUid() { return sopClassUid; }

    @Override public boolean equals(Object o) {
        if (!(o instanceof Predecessor)) return false;
        Predecessor p = (Predecessor) o;
        return studyInstanceUid.equals(p.studyInstanceUid) && seriesInstanceUid.equals(p.seriesInstanceUid)
                && sopInstanceUid.equals(p.sopInstanceUid) && sopClassUid.equals(p.sopClassUid);
    }

    @Override public int hashCode() { return Objects.hash(studyInstanceUid, seriesInstanceUid, sopInstanceUid, sopClassUid); }

    @Override public String toString() { return "SEG " + sopInstanceUid + " (series " + seriesInstanceUid + ")"; }
}

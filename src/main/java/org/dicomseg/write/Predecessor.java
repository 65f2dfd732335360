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
 *
 * <p>{@link #withEquipment} adds what is known of the equipment that wrote the predecessor
 * (its General Equipment module: Manufacturer, Manufacturer's Model Name, Software Versions); the
 * writer then records it as an item of the Contributing Equipment Sequence (PS3.3 C.12.1.1.5) with
 * Purpose of Reference {@link ContributingEquipment#PROCESSING_EQUIPMENT}.</p>
 */
public final class Predecessor {
    private final String studyInstanceUid;
    private final String seriesInstanceUid;
    private final String sopInstanceUid;
    private final String sopClassUid;
    private final ContributingEquipment equipment;

    private Predecessor(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid, String sopClassUid,
                        ContributingEquipment equipment) {
        this.studyInstanceUid = uid(studyInstanceUid, "Study Instance UID");
        this.seriesInstanceUid = uid(seriesInstanceUid, "Series Instance UID");
        this.sopInstanceUid = uid(sopInstanceUid, "SOP Instance UID");
        this.sopClassUid = uid(sopClassUid, "SOP Class UID");
        this.equipment = equipment;
    }

    /**
     * The predecessor SEG with these UIDs (as {@code read.SegmentationMetadata} reports them).
     *
     * @param sopClassUid Segmentation Storage (1.2.840.10008.5.1.4.1.1.66.4) or Label Map
     *                    Segmentation Storage (1.2.840.10008.5.1.4.1.1.66.7)
     * @throws IllegalArgumentException when a UID is missing or not a valid UID
     */
    public static Predecessor of(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid, String sopClassUid) {
        return new Predecessor(studyInstanceUid, seriesInstanceUid, sopInstanceUid, sopClassUid, null);
    }

    /**
     * This predecessor with the equipment that wrote it (its Manufacturer, Manufacturer's Model Name
     * and Software Versions, as {@code read.SegmentationMetadata} reports them; null or blank: not
     * known). Without a manufacturer (Type 2 in General Equipment, so possibly empty) nothing is
     * recorded, as highdicom does for a source without one.
     */
    public Predecessor withEquipment(String manufacturer, String modelName, String softwareVersions) {
        ContributingEquipment e = manufacturer == null || manufacturer.isBlank() ? null
                : ContributingEquipment.of(ContributingEquipment.PROCESSING_EQUIPMENT, manufacturer)
                        .withModelName(modelName).withSoftwareVersions(softwareVersions)
                        .withDescription("Equipment that created the segmentation this one was edited from");
        return new Predecessor(studyInstanceUid, seriesInstanceUid, sopInstanceUid, sopClassUid, e);
    }

    /** The equipment that wrote the predecessor (Purpose of Reference Processing Equipment), or null when not known. */
    public ContributingEquipment equipment() { return equipment; }

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
                && sopInstanceUid.equals(p.sopInstanceUid) && sopClassUid.equals(p.sopClassUid) && Objects.equals(equipment, p.equipment);
    }

    @Override public int hashCode() { return Objects.hash(studyInstanceUid, seriesInstanceUid, sopInstanceUid, sopClassUid, equipment); }

    @Override public String toString() { return "SEG " + sopInstanceUid + " (series " + seriesInstanceUid + ")"; }
}

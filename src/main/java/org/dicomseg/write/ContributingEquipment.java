package org.dicomseg.write;

import java.util.Objects;

import org.dicomseg.model.CodedConcept;

/**
 * One item of the Contributing Equipment Sequence (0018,A001) of the SOP Common module (PS3.3
 * C.12.1, C.12.1.1.5): equipment that contributed to the creation of the SEG other than the
 * equipment that wrote it (which is the General Equipment module's), with its Purpose of Reference
 * (CID 7005 "Contributing Equipment Purposes of Reference"), Manufacturer (Type 1), Manufacturer's
 * Model Name, Software Versions, Device Serial Number and Contribution Description (Type 3), as
 * highdicom 0.28.1's {@code ContributingEquipment} has them. Immutable; set with
 * {@link SegWriteOptions.Builder#contributingEquipment}.
 *
 * <p>An edited SEG records the equipment that made the SEG it was edited from as
 * {@link #PROCESSING_EQUIPMENT} ({@link Predecessor#withEquipment}): by the DICOM definitions
 * (PS3.16, DCM), (109102, "Processing Equipment") is "equipment that has processed composite
 * instances to create new composite instances" — what that equipment did when it wrote the
 * predecessor — while (109103, "Modifying Equipment") is "equipment that has modified existing
 * composite instances (without creating new composite instances)", which neither it nor this
 * writer did (an edit writes a new instance with its own SOP Instance UID).</p>
 */
public final class ContributingEquipment {
    /** (109101, DCM, "Acquisition Equipment"), CID 7005. */
    public static final CodedConcept ACQUISITION_EQUIPMENT = CodedConcept.dcm("109101", "Acquisition Equipment");
    /** (109102, DCM, "Processing Equipment"), CID 7005. */
    public static final CodedConcept PROCESSING_EQUIPMENT = CodedConcept.dcm("109102", "Processing Equipment");
    /** (109103, DCM, "Modifying Equipment"), CID 7005. */
    public static final CodedConcept MODIFYING_EQUIPMENT = CodedConcept.dcm("109103", "Modifying Equipment");

    private final CodedConcept purpose;
    private final String manufacturer;
    private final String modelName;
    private final String softwareVersions;
    private final String deviceSerialNumber;
    private final String description;

    private ContributingEquipment(CodedConcept purpose, String manufacturer, String modelName, String softwareVersions,
                                  String deviceSerialNumber, String description) {
        this.purpose = Objects.requireNonNull(purpose, "purpose of reference");
        this.manufacturer = lo(manufacturer, "Manufacturer");
        if (this.manufacturer == null) throw new IllegalArgumentException("Contributing equipment needs a Manufacturer (Type 1)");
        this.modelName = lo(modelName, "Manufacturer's Model Name");
        this.softwareVersions = softwareVersions(softwareVersions);
        this.deviceSerialNumber = lo(deviceSerialNumber, "Device Serial Number");
        if (description != null && description.length() > 1024) {
            throw new IllegalArgumentException("Contribution Description is longer than 1024 characters (VR ST)");
        }
        this.description = description == null || description.isBlank() ? null : description.trim();
    }

    /**
     * Equipment with this purpose (a code of CID 7005, e.g. {@link #PROCESSING_EQUIPMENT}) and
     * manufacturer (not blank).
     */
    public static ContributingEquipment of(CodedConcept purpose, String manufacturer) {
        return new ContributingEquipment(purpose, manufacturer, null, null, null, null);
    }

    /** With Manufacturer's Model Name (0008,1090) (null: none). */
    public ContributingEquipment withModelName(String s) {
        return new ContributingEquipment(purpose, manufacturer, s, softwareVersions, deviceSerialNumber, description);
    }

    /** With Software Versions (0018,1020): one value, or several separated by backslashes (null: none). */
    public ContributingEquipment withSoftwareVersions(String s) {
        return new ContributingEquipment(purpose, manufacturer, modelName, s, deviceSerialNumber, description);
    }

    /** With Device Serial Number (0018,1000) (null: none). */
    public ContributingEquipment withDeviceSerialNumber(String s) {
        return new ContributingEquipment(purpose, manufacturer, modelName, softwareVersions, s, description);
    }

    /** With Contribution Description (0018,A003) (null: none). */
    public ContributingEquipment withDescription(String s) {
        return new ContributingEquipment(purpose, manufacturer, modelName, softwareVersions, deviceSerialNumber, s);
    }

    private static String lo(String s, String what) {
        if (s == null || s.isBlank()) return null;
        String t = s.trim();
        if (t.length() > 64) throw new IllegalArgumentException(what + " is longer than 64 characters (VR LO): '" + s + "'");
        if (t.contains("\\")) throw new IllegalArgumentException(what + " must not contain a backslash: '" + s + "'");
        return t;
    }

    private static String softwareVersions(String s) {
        if (s == null || s.isBlank()) return null;
        for (String v : s.split("\\\\", -1)) {
            if (v.trim().length() > 64) throw new IllegalArgumentException("A Software Versions value is longer than 64 characters: '" + v + "'");
        }
        return s.trim();
    }

    public CodedConcept purpose() { return purpose; }
    public String manufacturer() { return manufacturer; }
    /** Manufacturer's Model Name, or null. */
    public String modelName() { return modelName; }
    /** Software Versions (values separated by backslashes), or null. */
    public String softwareVersions() { return softwareVersions; }
    /** Device Serial Number, or null. */
    public String deviceSerialNumber() { return deviceSerialNumber; }
    /** Contribution Description, or null. */
    public String description() { return description; }

    @Override public boolean equals(Object o) {
        if (!(o instanceof ContributingEquipment)) return false;
        ContributingEquipment e = (ContributingEquipment) o;
        return purpose.equals(e.purpose) && manufacturer.equals(e.manufacturer) && Objects.equals(modelName, e.modelName)
                && Objects.equals(softwareVersions, e.softwareVersions) && Objects.equals(deviceSerialNumber, e.deviceSerialNumber)
                && Objects.equals(description, e.description);
    }

    @Override public int hashCode() { return Objects.hash(purpose, manufacturer, modelName, softwareVersions, deviceSerialNumber, description); }

    @Override public String toString() { return purpose.meaning() + ": " + manufacturer + (softwareVersions == null ? "" : " " + softwareVersions); }
}

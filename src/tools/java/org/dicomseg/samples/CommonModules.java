package org.dicomseg.samples;

import static org.dicomseg.samples.Attrs.put;
import static org.dicomseg.samples.Attrs.putDs;
import static org.dicomseg.samples.Attrs.putInt;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;

/**
 * The modules common to the generated CT objects (Patient, General Study, General Series,
 * Frame of Reference, General Equipment, SOP Common, Image Pixel) and writing a list as a
 * Part 10 file in Explicit VR Little Endian.
 */
final class CommonModules {
    /** Manufacturer written into every generated object. */
    static final String MANUFACTURER = "DICOM SEG for ImageJ";
    /** Model name written into every generated object. */
    static final String MODEL = "Synthetic Phantom";
    /** Software version written into every generated object (fixed so files are reproducible). */
    static final String SOFTWARE = "dicomseg-samples 1";

    private CommonModules() { }

    /** Patient, General Study, Patient Study, Frame of Reference, equipment and SOP Common. */
    static void addStudyLevel(AttributeList l, SampleStudy s, boolean enhancedEquipment) {
        put(l, TagFromName.PatientName, s.patientName());
        put(l, TagFromName.PatientID, s.patientId());
        put(l, TagFromName.PatientBirthDate);
        put(l, TagFromName.PatientSex, "O");
        put(l, TagFromName.StudyInstanceUID, s.studyInstanceUid());
        put(l, TagFromName.StudyDate, s.studyDate());
        put(l, TagFromName.StudyTime, s.studyTime());
        put(l, TagFromName.ReferringPhysicianName);
        put(l, TagFromName.StudyID, "1");
        put(l, TagFromName.AccessionNumber);
        put(l, TagFromName.StudyDescription, "Synthetic abdominal phantom");
        put(l, TagFromName.FrameOfReferenceUID, s.frameOfReferenceUid());
        put(l, TagFromName.PositionReferenceIndicator);
        put(l, TagFromName.Manufacturer, MANUFACTURER);
        put(l, TagFromName.InstitutionName, "Synthetic");
        put(l, TagFromName.StationName, "PHANTOM");
        put(l, TagFromName.ManufacturerModelName, MODEL);
        put(l, TagFromName.SoftwareVersions, SOFTWARE);
        if (enhancedEquipment) put(l, TagFromName.DeviceSerialNumber, "0001");
    }

    /** General Series (Modality CT) with the given UID, number and description. */
    static void addSeries(AttributeList l, SampleStudy s, String seriesUid, int number, String description) {
        put(l, TagFromName.Modality, "CT");
        put(l, TagFromName.SeriesInstanceUID, seriesUid);
        putInt(l, TagFromName.SeriesNumber, number);
        put(l, TagFromName.SeriesDate, s.studyDate());
        put(l, TagFromName.SeriesTime, s.studyTime());
        put(l, TagFromName.SeriesDescription, description);
        put(l, TagFromName.BodyPartExamined, "ABDOMEN");
        put(l, TagFromName.PatientPosition, "HFS");
    }

    /** Image Pixel for 16-bit grayscale. */
    static void addImagePixel(AttributeList l, VolumeGeometry g, HuEncoding enc) {
        putInt(l, TagFromName.SamplesPerPixel, 1);
        put(l, TagFromName.PhotometricInterpretation, "MONOCHROME2");
        putInt(l, TagFromName.Rows, g.rows());
        putInt(l, TagFromName.Columns, g.columns());
        putInt(l, TagFromName.BitsAllocated, 16);
        putInt(l, TagFromName.BitsStored, 16);
        putInt(l, TagFromName.HighBit, 15);
        putInt(l, TagFromName.PixelRepresentation, enc.pixelRepresentation());
    }

    /** SOP Common. */
    static void addSop(AttributeList l, String sopClass, String sopInstance) {
        put(l, TagFromName.SOPClassUID, sopClass);
        put(l, TagFromName.SOPInstanceUID, sopInstance);
    }

    /** Soft-tissue window. */
    static void addWindow(AttributeList l) {
        putDs(l, TagFromName.WindowCenter, 40);
        putDs(l, TagFromName.WindowWidth, 400);
    }

    /** Writes {@code l} (with file meta information added) as a Part 10 file. */
    static void write(AttributeList l, Path file) throws IOException {
        try {
            String ts = TransferSyntax.ExplicitVRLittleEndian;
            FileMetaInformation.addFileMetaInformation(l, ts, "DICOMSEG");
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                l.write(out, ts, true, true);
            }
        } catch (DicomException e) {
            throw new IOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}

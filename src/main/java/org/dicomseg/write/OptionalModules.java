package org.dicomseg.write;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.SequenceAttribute;

import org.dicomseg.dicom.DataSetBuilder;
import org.dicomseg.dicom.SegTags;
import org.dicomseg.source.SourceFile;
import org.dicomseg.source.SourceImages;

/**
 * The header attributes of the options a SEG has only when asked for (those highdicom 0.28.1 writes
 * on request): the Multi-Resolution Pyramid module (Pyramid UID, Label, Description; PS3.3 Table
 * A.51-1, U), the ICC Profile module (C.11.15) and Palette Color Lookup Table UID (C.7.9) beside
 * a palette, the Contributing Equipment Sequence (SOP Common, C.12.1.1.5) and the further source
 * images (General Image Source Image Sequence, C.7.6.1.1.4; Common Instance Reference, C.12.2).
 * Nothing here is written with the default options, so the files of the default options are as
 * they were.
 */
final class OptionalModules {
    static final AttributeTag PYRAMID_UID = DataSetBuilder.tag(0x0008, 0x0019);
    static final AttributeTag PYRAMID_DESCRIPTION = DataSetBuilder.tag(0x0008, 0x1088);
    static final AttributeTag PYRAMID_LABEL = DataSetBuilder.tag(0x0020, 0x0027);
    static final AttributeTag ICC_PROFILE = DataSetBuilder.tag(0x0028, 0x2000);
    static final AttributeTag PALETTE_COLOR_LUT_UID = DataSetBuilder.tag(0x0028, 0x1199);
    static final AttributeTag CONTRIBUTING_EQUIPMENT_SEQUENCE = DataSetBuilder.tag(0x0018, 0xA001);
    static final AttributeTag CONTRIBUTION_DESCRIPTION = DataSetBuilder.tag(0x0018, 0xA003);

    private final DataSetBuilder b;

    OptionalModules(DataSetBuilder b) { this.b = b; }

    /**
     * Checks the further source images against the sources before anything is written: each must be
     * an image of the sources' study (highdicom refuses others too) and not one of the sources.
     */
    static void checkFurtherSources(SourceImages sources, SegWriteOptions o) throws SegWriteException {
        java.util.Set<String> own = new java.util.HashSet<>();
        for (Map<String, String> series : sources.instancesBySeries().values()) own.addAll(series.keySet());
        for (SourceFile f : o.furtherSourceImages()) {
            String study = f.headerValue(0x0020, 0x000D);
            if (study == null || !study.equals(sources.studyInstanceUid())) {
                throw new SegWriteException("Further source image " + f.location() + " belongs to study " + study
                        + ", not to the sources' study " + sources.studyInstanceUid() + ": a SEG references further images of its own study only");
            }
            if (f.sopInstanceUid() == null || f.sopClassUid() == null || f.seriesInstanceUid() == null) {
                throw new SegWriteException("Further source image " + f.location() + " lacks its SOP Class, SOP Instance or Series Instance UID");
            }
            if (own.contains(f.sopInstanceUid())) {
                throw new SegWriteException("Further source image " + f.location() + " is one of the source images");
            }
        }
    }

    /** Pyramid, ICC profile and palette UID, contributing equipment, further sources' Source Image items. */
    void write(AttributeList l, SegWriteOptions o, boolean tiled) {
        if (o.pyramidUid() != null && tiled) {
            b.text(l, PYRAMID_UID, "UI", o.pyramidUid());
            b.optionalText(l, PYRAMID_LABEL, "LO", o.pyramidLabel());
            b.optionalText(l, PYRAMID_DESCRIPTION, "LO", o.pyramidDescription());
        }
        if (o.paletteColorLut()) {
            b.optionalText(l, PALETTE_COLOR_LUT_UID, "UI", o.paletteColorLutUid());
            byte[] icc = o.iccProfile();
            if (icc != null) {
                OtherByteAttribute a = new OtherByteAttribute(ICC_PROFILE);
                try {
                    a.setValues(icc.length % 2 == 0 ? icc : java.util.Arrays.copyOf(icc, icc.length + 1));
                } catch (DicomException e) {
                    throw new IllegalStateException(e);
                }
                l.put(a);
            }
        }
        List<ContributingEquipment> equipment = new ArrayList<>(o.contributingEquipment());
        if (o.predecessor() != null && o.predecessor().equipment() != null) equipment.add(o.predecessor().equipment());
        if (!equipment.isEmpty()) {
            SequenceAttribute s = DataSetBuilder.seq(l, CONTRIBUTING_EQUIPMENT_SEQUENCE);
            for (ContributingEquipment e : equipment) {
                AttributeList it = DataSetBuilder.item(s);
                b.codeSequence(it, SegTags.PURPOSE_OF_REFERENCE_CODE_SEQUENCE, e.purpose());
                b.text(it, SegTags.MANUFACTURER, "LO", e.manufacturer());
                b.optionalText(it, SegTags.MANUFACTURER_MODEL_NAME, "LO", e.modelName());
                b.optionalText(it, SegTags.DEVICE_SERIAL_NUMBER, "LO", e.deviceSerialNumber());
                if (e.softwareVersions() != null) b.text(it, SegTags.SOFTWARE_VERSIONS, "LO", e.softwareVersions().split("\\\\"));
                b.optionalText(it, CONTRIBUTION_DESCRIPTION, "ST", e.description());
            }
        }
    }

    /**
     * The further source images as items of the General Image module's Source Image Sequence
     * (C.7.6.1.1.4), as highdicom writes them (Referenced SOP Class and Instance UIDs), with
     * Purpose of Reference (121322, DCM) like every other source reference of ours; no Spatial
     * Locations Preserved (they are not where the frames are).
     */
    void furtherSourceItems(SequenceAttribute s, SegWriteOptions o) {
        for (SourceFile f : o.furtherSourceImages()) {
            AttributeList it = DataSetBuilder.item(s);
            b.text(it, SegTags.REFERENCED_SOP_CLASS_UID, "UI", f.sopClassUid());
            b.text(it, SegTags.REFERENCED_SOP_INSTANCE_UID, "UI", f.sopInstanceUid());
            b.codeSequence(it, SegTags.PURPOSE_OF_REFERENCE_CODE_SEQUENCE, SegHeaderBuilder.SOURCE_IMAGE_FOR_PROCESSING);
        }
    }

    /** The further source images by series (after the sources' series in the Referenced Series Sequence). */
    static void addFurtherSources(Map<String, Map<String, String>> bySeries, SegWriteOptions o) {
        for (SourceFile f : o.furtherSourceImages()) {
            bySeries.computeIfAbsent(f.seriesInstanceUid(), k -> new LinkedHashMap<>()).put(f.sopInstanceUid(), f.sopClassUid());
        }
    }
}

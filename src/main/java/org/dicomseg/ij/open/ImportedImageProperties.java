package org.dicomseg.ij.open;

import java.nio.file.Path;

import ij.ImagePlus;

import org.dicomseg.dcmqi.DcmqiMetadata;
import org.dicomseg.ij.SegmentMetadataProperty;
import org.dicomseg.ij.source.PlaneSources;
import org.dicomseg.ij.source.SourceLocator;
import org.dicomseg.options.ImportOptions;
import org.dicomseg.write.Predecessor;
import org.dicomseg.write.SegWriteOptions;

/**
 * Leaves on imported images what the export commands look for, so that "import, edit, export"
 * keeps the segment descriptions and the source series (ImageJ saves these properties in TIFF
 * files, so the loop also works through {@code ./dicomseg import} and {@code export}):
 *
 * <ul>
 *   <li>the dcmqi JSON of the segments ({@link SegmentMetadataProperty}; label images: labelID =
 *       Segment Number = pixel value; hyperstacks: channel c is the segment listed c-th in
 *       {@link HyperstackBuilder#SEGMENT_NUMBERS_PROPERTY});</li>
 *   <li>the folder of the source images ({@link SourceLocator#SOURCE_PROPERTY}) and, per plane,
 *       the source's SOP Instance UID and Image Position (Patient) ({@link PlaneSources}), so an
 *       export matches planes to source files by UID;</li>
 *   <li>the imported SEG's identity ({@value #SEG_FILE_PROPERTY}, {@value #SEG_SOP_INSTANCE_PROPERTY},
 *       {@value #SEG_SOP_CLASS_PROPERTY}, {@value #SEG_SERIES_PROPERTY}, {@value #SEG_STUDY_PROPERTY}),
 *       the predecessor of the SEG an export of the edited image writes, and the equipment that
 *       wrote it ({@value #SEG_MANUFACTURER_PROPERTY}, {@value #SEG_MODEL_PROPERTY},
 *       {@value #SEG_SOFTWARE_PROPERTY}), recorded as contributing equipment of that SEG.</li>
 * </ul>
 */
public final class ImportedImageProperties {
    /** Image property: the SEG file the image was imported from. */
    public static final String SEG_FILE_PROPERTY = "DICOMSEG.import.seg";
    /** Image property: SOP Instance UID of the imported SEG. */
    public static final String SEG_SOP_INSTANCE_PROPERTY = "DICOMSEG.import.sopInstanceUid";
    /** Image property: SOP Class UID of the imported SEG. */
    public static final String SEG_SOP_CLASS_PROPERTY = "DICOMSEG.import.sopClassUid";
    /** Image property: Series Instance UID of the imported SEG. */
    public static final String SEG_SERIES_PROPERTY = "DICOMSEG.import.seriesInstanceUid";
    /** Image property: Study Instance UID of the imported SEG. */
    public static final String SEG_STUDY_PROPERTY = "DICOMSEG.import.studyInstanceUid";
    /** Image property: Manufacturer of the equipment that wrote the imported SEG. */
    public static final String SEG_MANUFACTURER_PROPERTY = "DICOMSEG.import.manufacturer";
    /** Image property: Manufacturer's Model Name of that equipment. */
    public static final String SEG_MODEL_PROPERTY = "DICOMSEG.import.manufacturerModelName";
    /** Image property: Software Versions of that equipment (backslash-separated values). */
    public static final String SEG_SOFTWARE_PROPERTY = "DICOMSEG.import.softwareVersions";

    private ImportedImageProperties() { }

    /**
     * Sets the properties on {@code imp}; {@code sourceFolder} may be null (not known).
     *
     * @param output what {@code imp} is; null for the source images opened beside the import (which
     *               get the source properties only)
     */
    public static void apply(ImagePlus imp, ImportedSegmentation v, ImportOptions.Output output, Path sourceFolder) {
        if (imp == null) return;
        if (output == ImportOptions.Output.LABEL_IMAGE || output == ImportOptions.Output.HYPERSTACK) {
            SegmentMetadataProperty.set(imp, metadata(v));
            if (v.sourcePath() != null) imp.setProp(SEG_FILE_PROPERTY, v.sourcePath());
            setIf(imp, SEG_SOP_INSTANCE_PROPERTY, header(v, "SOP Instance UID"));
            setIf(imp, SEG_SOP_CLASS_PROPERTY, header(v, "SOP Class UID"));
            setIf(imp, SEG_SERIES_PROPERTY, header(v, "Series Instance UID"));
            setIf(imp, SEG_STUDY_PROPERTY, header(v, "Study Instance UID"));
            setIf(imp, SEG_MANUFACTURER_PROPERTY, header(v, "Manufacturer"));
            setIf(imp, SEG_MODEL_PROPERTY, header(v, "Manufacturer's Model Name"));
            setIf(imp, SEG_SOFTWARE_PROPERTY, header(v, "Software Versions"));
        }
        if (sourceFolder != null) {
            imp.setProp(SourceLocator.SOURCE_PROPERTY, sourceFolder.toAbsolutePath().toString());
        }
        if (v.tiledPlan() == null) {
            PlaneGeometry g = v.geometry();
            String[] uids = new String[v.depth()];
            double[][] positions = new double[v.depth()][];
            for (int z = 0; z < uids.length; z++) {
                uids[z] = g.referencedInstance(z);
                positions[z] = g.position(z);
            }
            PlaneSources.record(imp, uids, positions, g.orientation());
        }
    }

    /**
     * The SEG {@code imp} was imported from, as the predecessor of a SEG exported from it (the edit
     * loop; the writer records it in the Source Image Sequence, PS3.3 C.7.6.1.1.4), or null when the
     * image does not record one (or records an invalid UID).
     */
    public static Predecessor predecessor(ImagePlus imp) {
        if (imp == null) return null;
        String study = imp.getProp(SEG_STUDY_PROPERTY), series = imp.getProp(SEG_SERIES_PROPERTY);
        String sop = imp.getProp(SEG_SOP_INSTANCE_PROPERTY), sopClass = imp.getProp(SEG_SOP_CLASS_PROPERTY);
        if (study == null || series == null || sop == null || sopClass == null) return null;
        try {
            Predecessor p = Predecessor.of(study, series, sop, sopClass);
            try {
                return p.withEquipment(imp.getProp(SEG_MANUFACTURER_PROPERTY), imp.getProp(SEG_MODEL_PROPERTY),
                        imp.getProp(SEG_SOFTWARE_PROPERTY));
            } catch (IllegalArgumentException e) {
                return p; // equipment values a Contributing Equipment item cannot hold: the UIDs alone
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code options} with the predecessor {@code imp} records ({@link #predecessor}), if any. */
    public static SegWriteOptions withPredecessor(SegWriteOptions options, ImagePlus imp) {
        Predecessor p = predecessor(imp);
        return p == null ? options : options.toBuilder().predecessor(p).build();
    }

    /** The segments' descriptions as dcmqi metadata, or null when the dcmqi template cannot hold one of them. */
    static DcmqiMetadata metadata(ImportedSegmentation v) {
        try {
            DcmqiMetadata.Builder b = DcmqiMetadata.builder();
            for (ImportedSegmentation.Segment s : v.segments()) b.addSegment(s.description());
            return b.build();
        } catch (RuntimeException e) {
            // a third-party description the dcmqi template cannot hold: the export falls back to defaults
            return null;
        }
    }

    /** The value of a "Key: value" header line of {@code v}, or null. */
    private static String header(ImportedSegmentation v, String key) {
        String prefix = key + ": ";
        for (String line : v.header()) if (line.startsWith(prefix)) return line.substring(prefix.length()).trim();
        return null;
    }

    private static void setIf(ImagePlus imp, String key, String value) {
        if (value != null && !value.isBlank() && !"null".equals(value)) imp.setProp(key, value);
    }
}

package org.dicomseg.ij;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import ij.ImagePlus;

import org.dicomseg.dcmqi.DcmqiMetadataReader;
import org.dicomseg.dcmqi.DcmqiMetadataWriter;
import org.dicomseg.dcmqi.MetadataFormatException;
import org.dicomseg.dcmqi.DcmqiMetadata;
import org.dicomseg.task.InputException;

/**
 * Segment metadata attached to an image: dcmqi JSON text in the image property
 * {@value #PROPERTY} ({@code imp.setProp}), which ImageJ saves with the image in TIFF files. Written
 * by Plugins > DICOM SEG > Segment Metadata..., read by the export commands; a {@code meta=} file
 * given to an export wins over it.
 */
public final class SegmentMetadataProperty {
    /** The ImagePlus property holding dcmqi JSON. */
    public static final String PROPERTY = "DICOMSEG.metadata";

    private SegmentMetadataProperty() { }

    /** The metadata stored on {@code imp}, or null. */
    public static DcmqiMetadata get(ImagePlus imp) throws MetadataFormatException {
        String json = imp == null ? null : imp.getProp(PROPERTY);
        if (json == null || json.isBlank()) return null;
        try {
            return DcmqiMetadataReader.parse(json);
        } catch (MetadataFormatException e) {
            throw new MetadataFormatException(e.path(), "The segment metadata stored on '" + imp.getTitle()
                    + "' is invalid: " + e.getMessage(), e);
        }
    }

    /** Stores {@code meta} on {@code imp} (null removes it). */
    public static void set(ImagePlus imp, DcmqiMetadata meta) {
        imp.setProp(PROPERTY, meta == null ? null : DcmqiMetadataWriter.toJson(meta));
    }

    /**
     * The metadata an export uses: the dcmqi JSON file {@code metaPath} when given, else the image's
     * property, else null (defaults).
     */
    public static DcmqiMetadata resolve(ImagePlus imp, String metaPath) throws IOException {
        if (metaPath != null && !metaPath.isBlank()) {
            Path p = Paths.get(metaPath.trim());
            if (!Files.isRegularFile(p)) throw new InputException("Segment metadata file not found: " + p);
            return DcmqiMetadataReader.readFile(p);
        }
        return get(imp);
    }
}

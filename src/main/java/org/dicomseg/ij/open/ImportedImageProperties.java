package org.dicomseg.ij.open;

import java.nio.file.Path;

import ij.ImagePlus;

import org.dicomseg.dcmqi.DcmqiMetadata;
import org.dicomseg.ij.SegmentMetadataProperty;
import org.dicomseg.ij.source.SourceLocator;
import org.dicomseg.options.ImportOptions;

/**
 * Leaves on imported images what the export commands look for, so that "import, edit, export"
 * keeps the segment metadata and the source series: the dcmqi JSON of the segments
 * ({@link SegmentMetadataProperty}, label images only, where labelID = Segment Number = pixel value
 * is exact) and the folder of the source images ({@link SourceLocator#SOURCE_PROPERTY}).
 */
public final class ImportedImageProperties {
    private ImportedImageProperties() { }

    /** Sets the properties on {@code imp}; {@code sourceFolder} may be null (not known). */
    public static void apply(ImagePlus imp, ImportedSegmentation v, ImportOptions.Output output, Path sourceFolder) {
        if (imp == null) return;
        if (output == ImportOptions.Output.LABEL_IMAGE) {
            try {
                DcmqiMetadata.Builder b = DcmqiMetadata.builder();
                for (ImportedSegmentation.Segment s : v.segments()) b.addSegment(s.description());
                SegmentMetadataProperty.set(imp, b.build());
            } catch (RuntimeException e) {
                // a third-party description the dcmqi template cannot hold: the export falls back to defaults
                imp.setProp(SegmentMetadataProperty.PROPERTY, null);
            }
        }
        if (sourceFolder != null) {
            imp.setProp(SourceLocator.SOURCE_PROPERTY, sourceFolder.toAbsolutePath().toString());
        }
    }
}

package org.dicomseg.testing;

import java.nio.file.Files;
import java.nio.file.Path;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;

import org.dicomseg.model.Uids;

/**
 * A copy of a series folder as another series (new Series and SOP Instance UIDs), of the same study
 * or of a new one: the "T2 and DWI beside the T1" of further-source tests, written with PixelMed.
 */
public final class OtherSeries {
    private OtherSeries() { }

    /** Copies every file of {@code series} into {@code target} as one new series. */
    public static Path copy(Path series, Path target, boolean otherStudy) throws Exception {
        Path d = Files.createDirectories(target);
        String seriesUid = Uids.create();
        String studyUid = Uids.create();
        try (var files = Files.list(series)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                AttributeList l = new AttributeList();
                l.read(f.toFile());
                l.replaceWithValueIfPresent(TagFromName.SeriesInstanceUID, seriesUid);
                String sop = Uids.create();
                l.replaceWithValueIfPresent(TagFromName.SOPInstanceUID, sop);
                l.replaceWithValueIfPresent(TagFromName.MediaStorageSOPInstanceUID, sop);
                if (otherStudy) l.replaceWithValueIfPresent(TagFromName.StudyInstanceUID, studyUid);
                l.write(d.resolve(f.getFileName()).toFile(), Attribute.getSingleStringValueOrNull(l, TagFromName.TransferSyntaxUID),
                        true, true);
            }
        }
        return d;
    }
}

package org.dicomseg.samples;

import org.dicomseg.dcmqi.DcmqiMetadata;
import org.dicomseg.model.AlgorithmIdentification;
import org.dicomseg.model.CodedConcept;
import org.dicomseg.model.SegmentAlgorithmType;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.codes.CodeTables;
import org.dicomseg.model.codes.Codes;

/**
 * The segment descriptions of the sample label image ({@code labels-meta.json}): what a user would
 * fill in with Segment Metadata... for the phantom's three structures, found by HU thresholds —
 * hence AUTOMATIC, algorithm family Histogram Analysis (CID 7162).
 */
public final class SampleMetadata {
    private SampleMetadata() { }

    /** Labels 1 liver, 2 bone, 3 lesion of {@code labels.tif}, with codes from the built-in tables. */
    public static DcmqiMetadata labels() {
        AlgorithmIdentification thresholds = new AlgorithmIdentification(Codes.HISTOGRAM_ANALYSIS, "HU thresholds", "1.0");
        CodedConcept bone = CodeTables.types().require("272673000", "SCT");
        CodedConcept lesion = CodeTables.types().require("52988006", "SCT");
        return DcmqiMetadata.builder()
                .seriesDescription("Phantom segmentation")
                .seriesNumber("300")
                .instanceNumber("1")
                .contentCreatorName("Sample^Generator")
                .addSegment(segment(1, "liver", Codes.ANATOMICAL_STRUCTURE, Codes.LIVER, thresholds, 221, 130, 101), 0, 1)
                .addSegment(segment(2, "bone", Codes.TISSUE, bone, thresholds, 241, 214, 145), 0, 2)
                .addSegment(segment(3, "lesion", Codes.MORPHOLOGICALLY_ABNORMAL_STRUCTURE, lesion, thresholds, 144, 238, 144), 0, 3)
                .build();
    }

    private static SegmentDescription segment(int n, String label, CodedConcept category, CodedConcept type,
            AlgorithmIdentification algo, int r, int g, int b) {
        return SegmentDescription.builder(n, label).category(category).type(type)
                .algorithmType(SegmentAlgorithmType.AUTOMATIC).algorithm(algo).colorRgb(r, g, b).build();
    }
}

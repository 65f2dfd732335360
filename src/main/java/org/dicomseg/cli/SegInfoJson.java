package org.dicomseg.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

import java.util.Map;

import org.dicomseg.read.SegReadException;
import org.dicomseg.read.SegmentationMetadata;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.model.CodedConcept;
import org.dicomseg.model.SegmentDescription;

/**
 * The JSON document of {@code dicomseg info SEG --json}. Its keys are a contract that scripts rely
 * on (issue "Read any DICOM SEG"): {@code sopClassUID}, {@code segmentationType},
 * {@code fractionalType}, {@code maxFractionalValue}, {@code transferSyntaxUID},
 * {@code dimensionOrganizationType}, {@code rows}, {@code columns}, {@code frames} (Number of
 * Frames), {@code totalPixelMatrix} ({rows, columns} when tiled, else null) and {@code segments}:
 * [{number, label, category, type, algorithmType, trackingId, trackingUid, pixelCount}], codes as
 * {CodeValue, CodingSchemeDesignator, CodeMeaning} as dcmqi writes them. Absent values are null,
 * never omitted, so every key is always there.
 */
public final class SegInfoJson {
    private SegInfoJson() { }

    /** Builds the document; reads every frame once to count pixels. */
    public static JsonObject of(SegmentationReader seg) throws SegReadException {
        SegmentationMetadata m = seg.metadata();
        JsonObject o = new JsonObject();
        o.addProperty("sopClassUID", m.sopClassUid());
        o.addProperty("segmentationType", m.segmentationType() == null ? null : m.segmentationType().name());
        o.addProperty("fractionalType", m.fractionalType() == null ? null : m.fractionalType().name());
        if (m.segmentationType() == org.dicomseg.model.SegmentationType.FRACTIONAL) {
            o.addProperty("maxFractionalValue", m.maximumFractionalValue());
        } else {
            o.add("maxFractionalValue", JsonNull.INSTANCE);
        }
        o.addProperty("transferSyntaxUID", m.transferSyntaxUid());
        o.addProperty("dimensionOrganizationType",
                m.dimensionOrganizationType() == null ? null : m.dimensionOrganizationType().dicomValue());
        o.addProperty("rows", m.rows());
        o.addProperty("columns", m.columns());
        o.addProperty("frames", m.numberOfFrames());
        if (m.isTiled()) {
            JsonObject tpm = new JsonObject();
            tpm.addProperty("rows", m.totalPixelMatrixRows());
            tpm.addProperty("columns", m.totalPixelMatrixColumns());
            o.add("totalPixelMatrix", tpm);
        } else {
            o.add("totalPixelMatrix", JsonNull.INSTANCE);
        }
        Map<Integer, Long> counts = seg.segmentPixelCounts();
        JsonArray segments = new JsonArray();
        for (SegmentDescription s : seg.segments()) {
            JsonObject j = new JsonObject();
            j.addProperty("number", s.segmentNumber());
            j.addProperty("label", s.label());
            j.add("category", code(s.category()));
            j.add("type", code(s.type()));
            j.addProperty("algorithmType", s.algorithmType().name());
            j.addProperty("trackingId", s.trackingId());
            j.addProperty("trackingUid", s.trackingUid());
            j.addProperty("pixelCount", counts.getOrDefault(s.segmentNumber(), 0L));
            segments.add(j);
        }
        o.add("segments", segments);
        return o;
    }

    /** The document as pretty-printed text with nulls kept. */
    public static String toText(JsonObject o) {
        return new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create().toJson(o);
    }

    private static JsonObject code(CodedConcept c) {
        JsonObject j = new JsonObject();
        j.addProperty("CodeValue", c.value());
        j.addProperty("CodingSchemeDesignator", c.schemeDesignator());
        j.addProperty("CodeMeaning", c.meaning());
        return j;
    }
}

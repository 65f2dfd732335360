package org.dicomseg.dcmqi;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonWriter;

import org.dicomseg.model.AlgorithmIdentification;
import org.dicomseg.model.CieLab;
import org.dicomseg.model.CodedConcept;
import org.dicomseg.model.SegmentDescription;

/**
 * Writes {@link DcmqiMetadata} as dcmqi segmentation metadata JSON ({@code seg-schema.json}),
 * so a description edited here can be reused by dcmqi's {@code itkimage2segimage} and 3D Slicer.
 *
 * <p>Segments are grouped by input ({@code segmentAttributes[input]}) in segment-number order,
 * each with its {@code labelID}. Both {@code recommendedDisplayRGBValue} (what Slicer reads) and
 * the exact {@code RecommendedDisplayCIELabValue} are written, so reading the file back gives the
 * same colour. Code sequences with one code are written as an object (the schema's form); more
 * than one modifier or region is written as an array, which {@link DcmqiMetadataReader} accepts
 * but strict schema validators do not.</p>
 *
 * <p>Not representable in dcmqi's format, hence not written: algorithm family, version, source and
 * parameters (only {@code SegmentAlgorithmName}), primary anatomic structures, coding scheme
 * versions ({@link #toCompleteJson} adds them under DICOM keywords, for metadata this plugin keeps
 * itself). dcmqi numbers segments by position, so a segment list whose numbers are not 1..N in
 * input order is renumbered when read back.</p>
 */
public final class DcmqiMetadataWriter {
    /** The schema reference dcmqi writes at the top of its examples. */
    public static final String SCHEMA = "https://raw.githubusercontent.com/qiicr/dcmqi/master/doc/schemas/seg-schema.json#";

    private DcmqiMetadataWriter() { }

    /** The metadata as pretty-printed JSON text. */
    public static String toJson(DcmqiMetadata m) {
        return pretty(toJsonObject(m)) + "\n";
    }

    /**
     * The metadata as pretty-printed JSON text that loses nothing of the descriptions: dcmqi's keys,
     * plus, per segment, the DICOM keywords dcmqi has no key for ({@value #ALGORITHM_FAMILY},
     * {@value #ALGORITHM_VERSION}, {@value #ALGORITHM_SOURCE}, {@value #ALGORITHM_PARAMETERS},
     * {@value #PRIMARY_ANATOMIC_STRUCTURE}) and {@code CodingSchemeVersion} in codes, which
     * {@link DcmqiMetadataReader} reads back. For metadata kept by this plugin (image properties);
     * templates for dcmqi are written by {@link #toJson(DcmqiMetadata)}.
     */
    public static String toCompleteJson(DcmqiMetadata m) {
        return pretty(toJsonObject(m, true)) + "\n";
    }

    /** Algorithm Family Code Sequence (0066,002F), an extension of dcmqi's segment attributes. */
    public static final String ALGORITHM_FAMILY = "AlgorithmFamilyCodeSequence";
    /** Algorithm Version (0066,0031), an extension of dcmqi's segment attributes. */
    public static final String ALGORITHM_VERSION = "AlgorithmVersion";
    /** Algorithm Source (0024,0202), an extension of dcmqi's segment attributes. */
    public static final String ALGORITHM_SOURCE = "AlgorithmSource";
    /** Algorithm Parameters (0066,0032), an extension of dcmqi's segment attributes. */
    public static final String ALGORITHM_PARAMETERS = "AlgorithmParameters";
    /** Primary Anatomic Structure Sequence (0008,2228), an extension of dcmqi's segment attributes. */
    public static final String PRIMARY_ANATOMIC_STRUCTURE = "PrimaryAnatomicStructureSequence";

    /** Writes the metadata to a file (UTF-8). */
    public static void write(DcmqiMetadata m, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(toJson(m));
        }
    }

    /** The metadata as a gson tree, e.g. to embed it elsewhere. */
    public static JsonObject toJsonObject(DcmqiMetadata m) {
        return toJsonObject(m, false);
    }

    /** The metadata as a gson tree; {@code complete}: with the extensions of {@link #toCompleteJson}. */
    public static JsonObject toJsonObject(DcmqiMetadata m, boolean complete) {
        JsonObject o = new JsonObject();
        o.addProperty("@schema", SCHEMA);
        put(o, "ContentCreatorName", m.contentCreatorName());
        put(o, "ClinicalTrialSeriesID", m.clinicalTrialSeriesId());
        put(o, "ClinicalTrialTimePointID", m.clinicalTrialTimePointId());
        put(o, "ClinicalTrialCoordinatingCenterName", m.clinicalTrialCoordinatingCenterName());
        put(o, "SeriesDescription", m.seriesDescription());
        put(o, "SeriesNumber", m.seriesNumber());
        put(o, "InstanceNumber", m.instanceNumber());
        put(o, "BodyPartExamined", m.bodyPartExamined());
        put(o, "ContentLabel", m.contentLabel());
        put(o, "ContentDescription", m.contentDescription());
        if (!m.inputFiles().isEmpty()) {
            JsonArray files = new JsonArray();
            for (String f : m.inputFiles()) files.add(f);
            o.add("segmentAttributesFileMapping", files);
        }
        JsonArray inputs = new JsonArray();
        for (int in = 0; in < m.inputCount(); in++) {
            JsonArray segs = new JsonArray();
            for (SegmentDescription s : m.segmentsOfInput(in)) {
                segs.add(segment(s, m.mapping(s.segmentNumber()).orElseThrow().labelId(), complete));
            }
            inputs.add(segs);
        }
        o.add("segmentAttributes", inputs);
        return o;
    }

    private static JsonObject segment(SegmentDescription s, int labelId, boolean complete) {
        JsonObject o = new JsonObject();
        o.addProperty("labelID", labelId);
        put(o, "SegmentDescription", s.description());
        o.addProperty("SegmentLabel", s.label());
        o.add("SegmentedPropertyCategoryCodeSequence", code(s.category(), complete));
        o.add("SegmentedPropertyTypeCodeSequence", code(s.type(), complete));
        codes(o, "SegmentedPropertyTypeModifierCodeSequence", s.typeModifiers(), complete);
        codes(o, "AnatomicRegionSequence", s.anatomicRegions(), complete);
        codes(o, "AnatomicRegionModifierSequence", s.anatomicRegionModifiers(), complete);
        o.addProperty("SegmentAlgorithmType", s.algorithmType().name());
        AlgorithmIdentification a = s.algorithmIdentification();
        if (a != null) o.addProperty("SegmentAlgorithmName", a.name());
        if (complete && a != null) {
            o.add(ALGORITHM_FAMILY, code(a.family(), true));
            o.addProperty(ALGORITHM_VERSION, a.version());
            put(o, ALGORITHM_SOURCE, a.source());
            put(o, ALGORITHM_PARAMETERS, a.parameters());
        }
        if (complete) codes(o, PRIMARY_ANATOMIC_STRUCTURE, s.primaryAnatomicStructures(), true);
        CieLab lab = s.recommendedDisplayCieLab();
        if (lab != null) {
            o.add("recommendedDisplayRGBValue", ints(lab.toRgb()));
            o.add("RecommendedDisplayCIELabValue", ints(lab.toArray()));
        }
        put(o, "TrackingIdentifier", s.trackingId());
        put(o, "TrackingUniqueIdentifier", s.trackingUid());
        return o;
    }

    private static void codes(JsonObject o, String key, List<CodedConcept> l, boolean complete) {
        if (l.isEmpty()) return;
        if (l.size() == 1) {
            o.add(key, code(l.get(0), complete));
            return;
        }
        JsonArray a = new JsonArray();
        for (CodedConcept c : l) a.add(code(c, complete));
        o.add(key, a);
    }

    private static JsonObject code(CodedConcept c, boolean complete) {
        JsonObject o = new JsonObject();
        o.addProperty("CodeValue", c.value());
        o.addProperty("CodingSchemeDesignator", c.schemeDesignator());
        if (complete && c.schemeVersion() != null) o.addProperty("CodingSchemeVersion", c.schemeVersion());
        o.addProperty("CodeMeaning", c.meaning());
        return o;
    }

    private static JsonArray ints(int[] v) {
        JsonArray a = new JsonArray();
        for (int x : v) a.add(x);
        return a;
    }

    /**
     * {@code e} as pretty-printed JSON, character for character what
     * {@code new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(e)} writes (Gson's
     * own JSON writer, two-space indent, no HTML escaping, null members left out), without building a
     * {@code Gson}: that loads and sets up some hundred classes, a noticeable part of an import's first use
     * in ImageJ (the import stores this text on the image).
     */
    static String pretty(JsonElement e) {
        java.io.StringWriter out = new java.io.StringWriter();
        try {
            JsonWriter w = new JsonWriter(out);
            w.setIndent("  ");
            w.setHtmlSafe(false);
            w.setSerializeNulls(false);
            w.setLenient(true);
            write(w, e);
            w.flush();
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void write(JsonWriter w, JsonElement e) throws IOException {
        if (e == null || e.isJsonNull()) {
            w.nullValue();
        } else if (e.isJsonPrimitive()) {
            JsonPrimitive p = e.getAsJsonPrimitive();
            if (p.isNumber()) w.value(p.getAsNumber());
            else if (p.isBoolean()) w.value(p.getAsBoolean());
            else w.value(p.getAsString());
        } else if (e.isJsonArray()) {
            w.beginArray();
            for (JsonElement x : e.getAsJsonArray()) write(w, x);
            w.endArray();
        } else {
            w.beginObject();
            for (java.util.Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
                w.name(m.getKey());
                write(w, m.getValue());
            }
            w.endObject();
        }
    }

    private static void put(JsonObject o, String key, String value) {
        if (value != null) o.addProperty(key, value);
    }
}

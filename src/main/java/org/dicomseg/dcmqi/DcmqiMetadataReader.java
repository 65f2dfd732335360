package org.dicomseg.dcmqi;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonIOException;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import org.dicomseg.model.AlgorithmIdentification;
import org.dicomseg.model.CieLab;
import org.dicomseg.model.CodedConcept;
import org.dicomseg.model.SegmentAlgorithmType;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.codes.Codes;

/**
 * Reads dcmqi segmentation metadata JSON (the "meta.json" of dcmqi's {@code itkimage2segimage},
 * schema {@code doc/schemas/seg-schema.json}) into {@link DcmqiMetadata}.
 *
 * <p>Segments are numbered 1..N in document order: all segments of {@code segmentAttributes[0]},
 * then those of {@code segmentAttributes[1]}, and so on, as dcmqi does; each keeps its input index
 * and {@code labelID} ({@link LabelMapping}), so gapped labels (1 and 5) become segments 1 and 2.</p>
 *
 * <p>Mapping decisions, because dcmqi's format carries less than the Segment Sequence:</p>
 * <ul>
 *   <li>dcmqi gives only {@code SegmentAlgorithmName}; DICOM needs an Algorithm Identification with
 *       family and version for AUTOMATIC and SEMIAUTOMATIC segments. The reader builds one with
 *       family (123110, DCM, "Artificial Intelligence") for AUTOMATIC and (123109, DCM, "Manual
 *       Processing") for SEMIAUTOMATIC (a person steering a tool; CID 7162 has no better term),
 *       version {@value #UNKNOWN}, and name {@value #UNKNOWN} when the JSON gives none. The families
 *       can be changed with {@link #withAlgorithmFamilies}. A MANUAL segment gets an identification
 *       only when the JSON names an algorithm (family Manual Processing).</li>
 *   <li>Colours: {@code RecommendedDisplayCIELabValue} wins when present; otherwise
 *       {@code recommendedDisplayRGBValue} is converted to CIELab ({@link CieLab#fromRgb}).</li>
 *   <li>A missing {@code SegmentLabel} becomes the type's Code Meaning (what dcmqi shows).</li>
 *   <li>Code sequences are single objects in the schema; an array of objects is accepted too
 *       (several modifiers or regions). Category and type must be exactly one code.</li>
 *   <li>Unknown properties are ignored; numbers are accepted for the IS strings SeriesNumber and
 *       InstanceNumber.</li>
 * </ul>
 * Problems raise {@link MetadataFormatException} naming the JSON path. Instances are immutable.
 */
public final class DcmqiMetadataReader {
    /** Algorithm name and version used when dcmqi JSON does not give them. */
    public static final String UNKNOWN = "unknown";

    private final CodedConcept automaticFamily;
    private final CodedConcept semiautomaticFamily;

    private DcmqiMetadataReader(CodedConcept automaticFamily, CodedConcept semiautomaticFamily) {
        this.automaticFamily = Objects.requireNonNull(automaticFamily, "automatic family");
        this.semiautomaticFamily = Objects.requireNonNull(semiautomaticFamily, "semiautomatic family");
    }

    /** A reader with the default families (Artificial Intelligence / Manual Processing). */
    public static DcmqiMetadataReader create() {
        return new DcmqiMetadataReader(Codes.ARTIFICIAL_INTELLIGENCE, Codes.MANUAL_PROCESSING);
    }

    /** A reader that uses these CID 7162 families for AUTOMATIC and SEMIAUTOMATIC segments. */
    public DcmqiMetadataReader withAlgorithmFamilies(CodedConcept automatic, CodedConcept semiautomatic) {
        return new DcmqiMetadataReader(automatic, semiautomatic);
    }

    /** Reads a file with the default reader. */
    public static DcmqiMetadata readFile(Path file) throws IOException {
        return create().read(file);
    }

    /** Parses JSON text with the default reader. */
    public static DcmqiMetadata parse(String json) throws MetadataFormatException {
        try {
            return create().read(new StringReader(json));
        } catch (MetadataFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new MetadataFormatException("", e.getMessage(), e);
        }
    }

    /** Reads a file (UTF-8). */
    public DcmqiMetadata read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r);
        } catch (MetadataFormatException e) {
            throw e.inFile(file);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new MetadataFormatException("", file + ": not UTF-8 text (a JSON document is UTF-8, RFC 8259)", e);
        }
    }

    /** Reads JSON from a reader. */
    public DcmqiMetadata read(Reader in) throws IOException {
        JsonElement root;
        try {
            root = JsonParser.parseReader(in);
        } catch (JsonIOException e) {
            throw e.getCause() instanceof IOException ? (IOException) e.getCause() : new IOException(e.getMessage(), e);
        } catch (JsonParseException e) {
            throw new MetadataFormatException("", "not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || root.isJsonNull()) throw new MetadataFormatException("", "empty document");
        if (!root.isJsonObject()) throw new MetadataFormatException("", "expected a JSON object at the top level");
        return read(root.getAsJsonObject());
    }

    private DcmqiMetadata read(JsonObject o) throws MetadataFormatException {
        DcmqiMetadata.Builder b = DcmqiMetadata.builder()
                .contentCreatorName(text(o, "ContentCreatorName", ""))
                .clinicalTrialSeriesId(text(o, "ClinicalTrialSeriesID", ""))
                .clinicalTrialTimePointId(text(o, "ClinicalTrialTimePointID", ""))
                .clinicalTrialCoordinatingCenterName(text(o, "ClinicalTrialCoordinatingCenterName", ""))
                .seriesDescription(text(o, "SeriesDescription", ""))
                .seriesNumber(text(o, "SeriesNumber", ""))
                .instanceNumber(text(o, "InstanceNumber", ""))
                .bodyPartExamined(text(o, "BodyPartExamined", ""))
                .contentLabel(text(o, "ContentLabel", ""))
                .contentDescription(text(o, "ContentDescription", ""));
        if (o.has("segmentAttributesFileMapping")) {
            JsonArray files = array(o.get("segmentAttributesFileMapping"), "segmentAttributesFileMapping");
            List<String> names = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                names.add(string(files.get(i), "segmentAttributesFileMapping[" + i + "]"));
            }
            b.inputFiles(names);
        }
        if (!o.has("segmentAttributes")) {
            throw new MetadataFormatException("", "missing required field \"segmentAttributes\"");
        }
        JsonArray inputs = array(o.get("segmentAttributes"), "segmentAttributes");
        if (inputs.size() == 0) {
            throw new MetadataFormatException("segmentAttributes", "must list at least one input (an array of segments)");
        }
        int segmentNumber = 0;
        for (int in = 0; in < inputs.size(); in++) {
            String ip = "segmentAttributes[" + in + "]";
            JsonArray segs = array(inputs.get(in), ip);
            if (segs.size() == 0) throw new MetadataFormatException(ip, "must describe at least one segment");
            List<Integer> seen = new ArrayList<>();
            for (int k = 0; k < segs.size(); k++) {
                String sp = ip + "[" + k + "]";
                JsonObject s = object(segs.get(k), sp);
                int label = labelId(s, sp);
                if (seen.contains(label)) {
                    throw new MetadataFormatException(sp + ".labelID", "labelID " + label + " is described twice in " + ip);
                }
                seen.add(label);
                segmentNumber++;
                if (segmentNumber > 65535) throw new MetadataFormatException(sp, "more than 65535 segments");
                b.addSegment(segment(s, sp, segmentNumber), in, label);
            }
        }
        if (o.has("segmentAttributesFileMapping")) {
            int n = o.getAsJsonArray("segmentAttributesFileMapping").size();
            if (n != inputs.size()) {
                throw new MetadataFormatException("segmentAttributesFileMapping", "names " + n
                        + " files but segmentAttributes has " + inputs.size() + " inputs");
            }
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new MetadataFormatException("", e.getMessage(), e);
        }
    }

    private SegmentDescription segment(JsonObject s, String sp, int number) throws MetadataFormatException {
        CodedConcept category = singleCode(s, "SegmentedPropertyCategoryCodeSequence", sp);
        CodedConcept type = singleCode(s, "SegmentedPropertyTypeCodeSequence", sp);
        if (!s.has("SegmentAlgorithmType")) {
            throw new MetadataFormatException(sp, "missing required field \"SegmentAlgorithmType\"");
        }
        String typeText = string(s.get("SegmentAlgorithmType"), sp + ".SegmentAlgorithmType");
        SegmentAlgorithmType algorithmType;
        try {
            algorithmType = SegmentAlgorithmType.parse(typeText);
        } catch (IllegalArgumentException e) {
            throw new MetadataFormatException(sp + ".SegmentAlgorithmType", e.getMessage(), e);
        }
        String label = text(s, "SegmentLabel", sp);
        String algorithmName = text(s, "SegmentAlgorithmName", sp);
        SegmentDescription.Builder d = SegmentDescription.builder(number, label == null || label.isBlank() ? type.meaning() : label)
                .description(text(s, "SegmentDescription", sp))
                .category(category).type(type).algorithmType(algorithmType)
                .trackingId(text(s, "TrackingIdentifier", sp))
                .trackingUid(text(s, "TrackingUniqueIdentifier", sp));
        for (CodedConcept c : codes(s, "SegmentedPropertyTypeModifierCodeSequence", sp)) d.addTypeModifier(c);
        for (CodedConcept c : codes(s, "AnatomicRegionSequence", sp)) d.addAnatomicRegion(c);
        for (CodedConcept c : codes(s, "AnatomicRegionModifierSequence", sp)) d.addAnatomicRegionModifier(c);
        for (CodedConcept c : codes(s, DcmqiMetadataWriter.PRIMARY_ANATOMIC_STRUCTURE, sp)) d.addPrimaryAnatomicStructure(c);
        boolean named = algorithmName != null && !algorithmName.isBlank();
        if (algorithmType != SegmentAlgorithmType.MANUAL || named) {
            CodedConcept family = algorithmType == SegmentAlgorithmType.AUTOMATIC ? automaticFamily
                    : algorithmType == SegmentAlgorithmType.SEMIAUTOMATIC ? semiautomaticFamily : Codes.MANUAL_PROCESSING;
            // the plugin's own extensions (DcmqiMetadataWriter.toCompleteJson), when present
            if (s.has(DcmqiMetadataWriter.ALGORITHM_FAMILY)) family = singleCode(s, DcmqiMetadataWriter.ALGORITHM_FAMILY, sp);
            String version = text(s, DcmqiMetadataWriter.ALGORITHM_VERSION, sp);
            try {
                d.algorithm(new AlgorithmIdentification(family, named ? algorithmName : UNKNOWN,
                        version == null || version.isBlank() ? UNKNOWN : version,
                        text(s, DcmqiMetadataWriter.ALGORITHM_SOURCE, sp), text(s, DcmqiMetadataWriter.ALGORITHM_PARAMETERS, sp)));
            } catch (IllegalArgumentException e) {
                throw new MetadataFormatException(sp + ".SegmentAlgorithmName", e.getMessage(), e);
            }
        }
        CieLab colour = colour(s, sp);
        if (colour != null) d.color(colour);
        try {
            return d.build();
        } catch (IllegalArgumentException e) {
            throw new MetadataFormatException(sp, e.getMessage(), e);
        }
    }

    private static int labelId(JsonObject s, String sp) throws MetadataFormatException {
        if (!s.has("labelID")) throw new MetadataFormatException(sp, "missing required field \"labelID\"");
        JsonElement e = s.get("labelID");
        String p = sp + ".labelID";
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new MetadataFormatException(p, "expected an integer, found " + describe(e));
        }
        double v = e.getAsDouble();
        if (v != Math.rint(v)) throw new MetadataFormatException(p, "expected an integer, found " + e);
        if (v < 1 || v > 65535) throw new MetadataFormatException(p, "labelID " + e + " is outside 1..65535");
        return (int) v;
    }

    private static CieLab colour(JsonObject s, String sp) throws MetadataFormatException {
        if (s.has("RecommendedDisplayCIELabValue")) {
            int[] v = triple(s.get("RecommendedDisplayCIELabValue"), sp + ".RecommendedDisplayCIELabValue", 65535);
            return new CieLab(v[0], v[1], v[2]);
        }
        if (s.has("recommendedDisplayRGBValue")) {
            int[] v = triple(s.get("recommendedDisplayRGBValue"), sp + ".recommendedDisplayRGBValue", 255);
            return CieLab.fromRgb(v[0], v[1], v[2]);
        }
        return null;
    }

    private static int[] triple(JsonElement e, String p, int max) throws MetadataFormatException {
        JsonArray a = array(e, p);
        if (a.size() != 3) throw new MetadataFormatException(p, "expected 3 integers, found " + a.size() + " values");
        int[] v = new int[3];
        for (int i = 0; i < 3; i++) {
            JsonElement x = a.get(i);
            if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isNumber() || x.getAsDouble() != Math.rint(x.getAsDouble())) {
                throw new MetadataFormatException(p + "[" + i + "]", "expected an integer, found " + describe(x));
            }
            double d = x.getAsDouble();
            if (d < 0 || d > max) throw new MetadataFormatException(p + "[" + i + "]", "value " + x + " is outside 0.." + max);
            v[i] = (int) d;
        }
        return v;
    }

    private static CodedConcept singleCode(JsonObject s, String key, String sp) throws MetadataFormatException {
        if (!s.has(key)) throw new MetadataFormatException(sp, "missing required field \"" + key + "\"");
        List<CodedConcept> l = codes(s, key, sp);
        if (l.size() != 1) throw new MetadataFormatException(sp + "." + key, "expected exactly one code, found " + l.size());
        return l.get(0);
    }

    private static List<CodedConcept> codes(JsonObject s, String key, String sp) throws MetadataFormatException {
        List<CodedConcept> l = new ArrayList<>();
        JsonElement e = s.get(key);
        String p = sp + "." + key;
        if (e == null || e.isJsonNull()) return l;
        if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            for (int i = 0; i < a.size(); i++) l.add(code(a.get(i), p + "[" + i + "]"));
        } else {
            l.add(code(e, p));
        }
        return l;
    }

    private static CodedConcept code(JsonElement e, String p) throws MetadataFormatException {
        JsonObject o = object(e, p);
        String value = requiredText(o, "CodeValue", p);
        String scheme = requiredText(o, "CodingSchemeDesignator", p);
        String meaning = requiredText(o, "CodeMeaning", p);
        try {
            return new CodedConcept(value, scheme, meaning, text(o, "CodingSchemeVersion", p));
        } catch (IllegalArgumentException ex) {
            throw new MetadataFormatException(p, ex.getMessage(), ex);
        }
    }

    private static String requiredText(JsonObject o, String key, String p) throws MetadataFormatException {
        if (!o.has(key) || o.get(key).isJsonNull()) throw new MetadataFormatException(p, "missing required field \"" + key + "\"");
        String s = string(o.get(key), p + "." + key);
        if (s.isBlank()) throw new MetadataFormatException(p + "." + key, "must not be empty");
        return s;
    }

    /** A string field (numbers accepted and kept as written), or null when absent. */
    private static String text(JsonObject o, String key, String parent) throws MetadataFormatException {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) return null;
        String p = parent.isEmpty() ? key : parent + "." + key;
        if (e.isJsonPrimitive()) {
            JsonPrimitive v = e.getAsJsonPrimitive();
            if (v.isString() || v.isNumber()) return v.getAsString();
        }
        throw new MetadataFormatException(p, "expected a string, found " + describe(e));
    }

    private static String string(JsonElement e, String p) throws MetadataFormatException {
        if (e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) return e.getAsString();
        throw new MetadataFormatException(p, "expected a string, found " + describe(e));
    }

    private static JsonArray array(JsonElement e, String p) throws MetadataFormatException {
        if (e != null && e.isJsonArray()) return e.getAsJsonArray();
        throw new MetadataFormatException(p, "expected an array, found " + describe(e));
    }

    private static JsonObject object(JsonElement e, String p) throws MetadataFormatException {
        if (e != null && e.isJsonObject()) return e.getAsJsonObject();
        throw new MetadataFormatException(p, "expected an object, found " + describe(e));
    }

    private static String describe(JsonElement e) {
        if (e == null || e.isJsonNull()) return "null";
        if (e.isJsonArray()) return "an array";
        if (e.isJsonObject()) return "an object";
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) return "a boolean (" + p + ")";
        if (p.isNumber()) return "a number (" + p + ")";
        return "a string (" + p + ")";
    }
}

package org.dicomseg.model.codes;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import org.dicomseg.model.CodedConcept;

/**
 * Reads 3D Slicer / dcmqi terminology files (segment-context JSON, as in dcmqi's
 * {@code doc/segContexts}) into a {@link Terminology}, so users can bring their own pick-lists:
 * <pre>
 * { "SegmentationCategoryTypeContextName": "...",
 *   "SegmentationCodes": { "Category": [ { CodeValue, CodingSchemeDesignator, CodeMeaning,
 *        "Type": [ { ..., "recommendedDisplayRGBValue": [r,g,b], "Modifier": [ {...} ] } ] } ] } }
 * { "AnatomicContextName": "...",
 *   "AnatomicCodes": { "AnatomicRegion": [ { ..., "Modifier": [ {...} ] } ] } }
 * </pre>
 * Unknown fields are ignored. Errors name the JSON path of the offending entry.
 */
public final class TerminologyReader {
    private TerminologyReader() { }

    /** Reads a terminology file (UTF-8). */
    public static Terminology read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.getFileName().toString());
        }
    }

    /** Reads terminology JSON; {@code source} names it in error messages. */
    public static Terminology read(Reader in, String source) throws IOException {
        JsonElement root;
        try {
            root = JsonParser.parseReader(in);
        } catch (JsonParseException e) {
            throw new IOException(source + ": not valid JSON: " + e.getMessage(), e);
        }
        if (!root.isJsonObject()) throw new IOException(source + ": expected a JSON object at the top level");
        JsonObject o = root.getAsJsonObject();
        try {
            if (o.has("SegmentationCodes")) {
                JsonObject codes = object(o, "SegmentationCodes", "$");
                JsonArray cats = array(codes, "Category", "$.SegmentationCodes");
                List<TerminologyEntry> roots = new ArrayList<>();
                for (int i = 0; i < cats.size(); i++) {
                    roots.add(entry(cats.get(i), "$.SegmentationCodes.Category[" + i + "]", "Type"));
                }
                return new Terminology(string(o, "SegmentationCategoryTypeContextName"), Terminology.Kind.CATEGORY_TYPE, roots);
            }
            if (o.has("AnatomicCodes")) {
                JsonObject codes = object(o, "AnatomicCodes", "$");
                JsonArray regions = array(codes, "AnatomicRegion", "$.AnatomicCodes");
                List<TerminologyEntry> roots = new ArrayList<>();
                for (int i = 0; i < regions.size(); i++) {
                    roots.add(entry(regions.get(i), "$.AnatomicCodes.AnatomicRegion[" + i + "]", null));
                }
                return new Terminology(string(o, "AnatomicContextName"), Terminology.Kind.ANATOMIC, roots);
            }
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
        throw new IOException(source + ": not a Slicer/dcmqi terminology file (neither \"SegmentationCodes\" nor "
                + "\"AnatomicCodes\" found)");
    }

    private static TerminologyEntry entry(JsonElement el, String path, String childKey) {
        if (!el.isJsonObject()) throw new IllegalArgumentException(path + ": expected an object");
        JsonObject o = el.getAsJsonObject();
        CodedConcept c;
        try {
            c = new CodedConcept(required(o, "CodeValue", path), required(o, "CodingSchemeDesignator", path),
                    required(o, "CodeMeaning", path));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith("$") ? e.getMessage() : path + ": " + e.getMessage(), e);
        }
        int[] rgb = null;
        if (o.has("recommendedDisplayRGBValue")) {
            JsonArray a = array(o, "recommendedDisplayRGBValue", path);
            if (a.size() != 3) throw new IllegalArgumentException(path + ".recommendedDisplayRGBValue: expected 3 numbers");
            rgb = new int[] {a.get(0).getAsInt(), a.get(1).getAsInt(), a.get(2).getAsInt()};
        }
        List<TerminologyEntry> children = new ArrayList<>();
        if (childKey != null && o.has(childKey)) {
            JsonArray a = array(o, childKey, path);
            for (int i = 0; i < a.size(); i++) children.add(entry(a.get(i), path + "." + childKey + "[" + i + "]", null));
        }
        List<TerminologyEntry> modifiers = new ArrayList<>();
        if (o.has("Modifier")) {
            JsonArray a = array(o, "Modifier", path);
            for (int i = 0; i < a.size(); i++) modifiers.add(entry(a.get(i), path + ".Modifier[" + i + "]", null));
        }
        return new TerminologyEntry(c, rgb, string(o, "cid"), string(o, "contextGroupName"), string(o, "3dSlicerLabel"),
                children, modifiers);
    }

    private static String required(JsonObject o, String key, String path) {
        String s = string(o, key);
        if (s == null || s.isBlank()) throw new IllegalArgumentException(path + ": missing \"" + key + "\"");
        return s;
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) return null;
        if (!e.isJsonPrimitive()) throw new IllegalArgumentException("\"" + key + "\" is not a string");
        return e.getAsString();
    }

    private static JsonObject object(JsonObject o, String key, String path) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonObject()) throw new IllegalArgumentException(path + "." + key + ": expected an object");
        return e.getAsJsonObject();
    }

    private static JsonArray array(JsonObject o, String key, String path) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonArray()) throw new IllegalArgumentException(path + "." + key + ": expected an array");
        return e.getAsJsonArray();
    }
}

package org.dicomseg.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Reading values of the DICOM JSON Model (PS3.18 F.2): an object keyed by 8-hex-digit tags whose
 * values are {@code {"vr": …, "Value": […]}}; person names are {@code {"Alphabetic": …}} objects.
 */
public final class DicomJson {
    private DicomJson() { }

    /** The first value of {@code tag} as text (a person name's Alphabetic group), or null. */
    public static String string(JsonObject o, String tag) {
        JsonArray v = values(o, tag);
        if (v == null || v.size() == 0 || v.get(0).isJsonNull()) return null;
        JsonElement e = v.get(0);
        if (e.isJsonObject()) {
            JsonElement a = e.getAsJsonObject().get("Alphabetic");
            return a == null || a.isJsonNull() ? null : a.getAsString();
        }
        if (e.isJsonArray()) return null;
        String s = e.getAsString();
        return s.isEmpty() ? null : s;
    }

    /** The first value of {@code tag} as an integer, or null. */
    public static Integer integer(JsonObject o, String tag) {
        JsonArray v = values(o, tag);
        if (v == null || v.size() == 0 || v.get(0).isJsonNull() || !v.get(0).isJsonPrimitive()) return null;
        try {
            return (int) Math.round(v.get(0).getAsDouble());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The Value array of {@code tag}, or null when absent or empty. */
    public static JsonArray values(JsonObject o, String tag) {
        if (o == null) return null;
        JsonElement e = o.get(tag);
        if (e == null || !e.isJsonObject()) return null;
        JsonElement v = e.getAsJsonObject().get("Value");
        return v != null && v.isJsonArray() ? v.getAsJsonArray() : null;
    }

    /** The VR of {@code tag}, or null. */
    public static String vr(JsonObject o, String tag) {
        JsonElement e = o.get(tag);
        if (e == null || !e.isJsonObject()) return null;
        JsonElement vr = e.getAsJsonObject().get("vr");
        return vr == null ? null : vr.getAsString();
    }
}

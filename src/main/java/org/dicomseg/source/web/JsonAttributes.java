package org.dicomseg.source.web;

import java.util.Base64;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;

/**
 * The DICOM JSON Model (PS3.18 F.2) as a PixelMed data set: each {@code "ggggeeee": {"vr", "Value"}}
 * becomes an attribute of that VR; person names take their Alphabetic (= Ideographic = Phonetic)
 * groups (F.2.2); numbers keep the text the server sent (a DS of "0.625" stays "0.625"); sequences
 * recurse; InlineBinary is decoded (F.2.7); a BulkDataURI (pixel data and other large values, F.2.6)
 * is left out — the headers are all a source needs.
 */
public final class JsonAttributes {
    private JsonAttributes() { }

    /** The data set of one DICOM JSON object. */
    public static AttributeList of(JsonObject json) throws DicomException {
        AttributeList list = new AttributeList();
        for (Map.Entry<String, JsonElement> e : json.entrySet()) {
            if (e.getKey().length() != 8 || !e.getValue().isJsonObject()) continue;
            int tag;
            try {
                tag = (int) Long.parseLong(e.getKey(), 16);
            } catch (NumberFormatException x) {
                continue;
            }
            AttributeTag t = new AttributeTag(tag >>> 16, tag & 0xFFFF);
            JsonObject value = e.getValue().getAsJsonObject();
            JsonElement vrElement = value.get("vr");
            if (vrElement == null || value.has("BulkDataURI")) continue;
            String vr = vrElement.getAsString();
            if (vr.length() != 2) continue;
            Attribute a = AttributeFactory.newAttribute(t, vr.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            JsonElement v = value.get("Value");
            if (vr.equals("SQ")) {
                SequenceAttribute seq = (SequenceAttribute) a;
                if (v != null && v.isJsonArray()) {
                    for (JsonElement item : v.getAsJsonArray()) {
                        seq.addItem(item.isJsonObject() ? of(item.getAsJsonObject()) : new AttributeList());
                    }
                }
            } else if (value.has("InlineBinary")) {
                byte[] bytes = Base64.getDecoder().decode(value.get("InlineBinary").getAsString());
                if (vr.equals("OB") || vr.equals("UN")) a.setValues(bytes);
                else continue;
            } else if (v != null && v.isJsonArray()) {
                if (vr.equals("AT")) continue;
                addValues(a, vr, v.getAsJsonArray());
            }
            list.put(a);
        }
        return list;
    }

    private static void addValues(Attribute a, String vr, JsonArray values) throws DicomException {
        for (JsonElement v : values) {
            if (v == null || v.isJsonNull()) {
                a.addValue("");
            } else if (vr.equals("PN")) {
                a.addValue(personName(v));
            } else if (v.isJsonPrimitive()) {
                switch (vr) {
                    case "US": case "SS": case "SL": a.addValue(v.getAsInt()); break;
                    case "UL": case "SV": case "UV": a.addValue(v.getAsLong()); break;
                    case "FL": a.addValue(v.getAsFloat()); break;
                    case "FD": a.addValue(v.getAsDouble()); break;
                    default: a.addValue(v.getAsString());
                }
            }
        }
    }

    private static String personName(JsonElement v) {
        if (!v.isJsonObject()) return v.isJsonPrimitive() ? v.getAsString() : "";
        JsonObject o = v.getAsJsonObject();
        String alphabetic = text(o, "Alphabetic");
        String ideographic = text(o, "Ideographic");
        String phonetic = text(o, "Phonetic");
        if (!phonetic.isEmpty()) return alphabetic + "=" + ideographic + "=" + phonetic;
        if (!ideographic.isEmpty()) return alphabetic + "=" + ideographic;
        return alphabetic;
    }

    private static String text(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? "" : e.getAsString();
    }
}

package org.dicomseg.web;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The checked answer of a STOW-RS request (PS3.18 10.5.3, Store Instances Response Module
 * PS3.18 Table 10.5.3-3): for every instance sent, whether the server lists it in the Referenced
 * SOP Sequence (0008,1199) — stored, or stored with a Warning Reason (0008,1196) — or in the Failed
 * SOP Sequence (0008,1198) with a Failure Reason (0008,1197); an instance the server names in
 * neither did not get stored either.
 */
public final class StowResponse {
    private final int httpStatus;
    private final List<StoreOutcome> outcomes;

    private StowResponse(int httpStatus, List<StoreOutcome> outcomes) {
        this.httpStatus = httpStatus;
        this.outcomes = Collections.unmodifiableList(outcomes);
    }

    /**
     * Matches the server's answer {@code body} (DICOM JSON, may be null) to the instances sent.
     *
     * @param sent        SOP Instance UID → file, in the order sent
     * @param failureNote added to every failure's reason (e.g. the HTTP 409 conflict), or null
     */
    static StowResponse of(int httpStatus, JsonObject body, Map<String, Path> sent, String failureNote) {
        Map<String, StoreOutcome> byUid = new LinkedHashMap<>();
        if (body != null) {
            for (JsonObject item : items(body, "00081199")) {
                String uid = DicomJson.string(item, "00081155");
                Integer warning = DicomJson.integer(item, "00081196");
                String url = DicomJson.string(item, "00081190");
                byUid.put(uid, new StoreOutcome(sent.get(uid), uid, warning != null ? StoreOutcome.Status.WARNING : StoreOutcome.Status.STORED,
                        warning != null ? StoreOutcome.statusText(warning) : null, url));
            }
            for (JsonObject item : items(body, "00081198")) {
                String uid = DicomJson.string(item, "00081155");
                Integer failure = DicomJson.integer(item, "00081197");
                byUid.put(uid, new StoreOutcome(sent.get(uid), uid, StoreOutcome.Status.FAILED,
                        (failure != null ? StoreOutcome.statusText(failure) : "refused without a Failure Reason")
                                + (failureNote != null ? "; " + failureNote : ""), null));
            }
        }
        List<StoreOutcome> out = new ArrayList<>();
        for (Map.Entry<String, Path> e : sent.entrySet()) {
            StoreOutcome o = byUid.get(e.getKey());
            if (o == null) {
                boolean ok = httpStatus == 200 && body == null;
                o = new StoreOutcome(e.getValue(), e.getKey(), ok ? StoreOutcome.Status.STORED : StoreOutcome.Status.FAILED,
                        ok ? null : "the server's answer (HTTP " + httpStatus + ") does not list it as stored", null);
            }
            out.add(o);
        }
        return new StowResponse(httpStatus, out);
    }

    private static List<JsonObject> items(JsonObject body, String tag) {
        List<JsonObject> l = new ArrayList<>();
        JsonElement e = body.get(tag);
        if (e == null || !e.isJsonObject()) return l;
        JsonElement v = e.getAsJsonObject().get("Value");
        if (v == null || !v.isJsonArray()) return l;
        JsonArray a = v.getAsJsonArray();
        for (JsonElement i : a) if (i.isJsonObject()) l.add(i.getAsJsonObject());
        return l;
    }

    /** The HTTP status: 200 all stored, 202 some warnings or failures, 409 none stored (PS3.18 10.5.3). */
    public int httpStatus() { return httpStatus; }

    /** One outcome per instance sent, in the order sent. */
    public List<StoreOutcome> outcomes() { return outcomes; }

    /** The instances that were not stored. */
    public List<StoreOutcome> failures() {
        List<StoreOutcome> f = new ArrayList<>();
        for (StoreOutcome o : outcomes) if (o.status() == StoreOutcome.Status.FAILED) f.add(o);
        return f;
    }
}

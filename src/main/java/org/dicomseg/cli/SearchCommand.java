package org.dicomseg.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.dicomseg.options.CommandLine;
import org.dicomseg.web.DicomJson;
import org.dicomseg.web.DicomWebClient;
import org.dicomseg.web.DicomWebException;
import org.dicomseg.web.DicomWebUrl;

/**
 * {@code dicomseg search URL [--study UID] [--modality SEG] [--patient ID] [--json]}: QIDO-RS
 * series search (PS3.18 10.6). One line per series, starting with its URL (which {@code info},
 * {@code import} and {@code export --source} accept), or with {@code --json} an array of objects
 * with the keys {@code url}, {@code studyInstanceUID}, {@code seriesInstanceUID}, {@code modality},
 * {@code patientID}, {@code patientName}, {@code studyDate}, {@code seriesNumber},
 * {@code seriesDescription}, {@code instances}.
 */
final class SearchCommand {
    private SearchCommand() { }

    static final String USAGE = "dicomseg search URL [--study UID] [--modality SEG] [--patient ID] [--json] " + ServerFlags.USAGE;

    static int run(List<String> argv, PrintStream out) throws DicomWebException {
        CommandLine a = CommandLine.parse(argv, ServerFlags.with(Set.of("study", "modality", "patient")), Set.of("json"));
        if (a.positional().size() != 1) throw new CliException("usage: " + USAGE);
        DicomWebUrl url;
        try {
            url = DicomWebUrl.parse(a.positional().get(0));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        String study = a.get("study", url.study());
        DicomWebUrl scope = study != null ? DicomWebUrl.of(url.base(), study, null, null) : null;
        Map<String, String> query = new LinkedHashMap<>();
        if (a.has("modality")) query.put("Modality", a.get("modality"));
        if (a.has("patient")) query.put("PatientID", a.get("patient"));
        if (url.series() != null) query.put("SeriesInstanceUID", url.series());
        query.put("includefield", "0008103E,00201209,00100010,00100020,00080020,00200011");
        DicomWebClient client = ServerFlags.settings(a).client(url);
        List<JsonObject> found = client.search(scope, "series", query);
        JsonArray json = new JsonArray();
        for (JsonObject o : found) {
            String st = DicomJson.string(o, "0020000D") != null ? DicomJson.string(o, "0020000D") : study;
            String se = DicomJson.string(o, "0020000E");
            if (st == null || se == null) continue;
            JsonObject r = new JsonObject();
            r.addProperty("url", DicomWebUrl.of(url.base(), st, se, null).toString());
            r.addProperty("studyInstanceUID", st);
            r.addProperty("seriesInstanceUID", se);
            r.addProperty("modality", DicomJson.string(o, "00080060"));
            r.addProperty("patientID", DicomJson.string(o, "00100020"));
            r.addProperty("patientName", DicomJson.string(o, "00100010"));
            r.addProperty("studyDate", DicomJson.string(o, "00080020"));
            r.addProperty("seriesNumber", DicomJson.integer(o, "00200011"));
            r.addProperty("seriesDescription", DicomJson.string(o, "0008103E"));
            r.addProperty("instances", DicomJson.integer(o, "00201209"));
            json.add(r);
        }
        if (a.flag("json")) {
            out.println(new GsonBuilder().serializeNulls().setPrettyPrinting().create().toJson(json));
            return 0;
        }
        for (int i = 0; i < json.size(); i++) {
            JsonObject r = json.get(i).getAsJsonObject();
            out.println(r.get("url").getAsString() + "  " + text(r, "modality") + "  " + text(r, "patientID")
                    + "  " + text(r, "studyDate") + "  " + (r.get("instances").isJsonNull() ? "?" : r.get("instances").getAsString())
                    + " instance(s)" + (r.get("seriesDescription").isJsonNull() ? "" : "  '" + r.get("seriesDescription").getAsString() + "'"));
        }
        if (json.size() == 0) out.println("no series found");
        return 0;
    }

    private static String text(JsonObject r, String key) {
        return r.get(key).isJsonNull() ? "-" : r.get(key).getAsString();
    }
}

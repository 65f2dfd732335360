package org.dicomseg.ij;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ij.Prefs;

import org.dicomseg.task.Progress;
import org.dicomseg.web.Credentials;
import org.dicomseg.web.DicomWebUrl;
import org.dicomseg.web.ServerSettings;
import org.dicomseg.web.StoreOutcome;
import org.dicomseg.web.StoreTarget;

/**
 * The named servers of Plugins &gt; DICOM SEG &gt; Servers..., kept in ImageJ's preferences (name,
 * URL, user, how to authenticate, calling AE title). A password or token is kept for the running
 * session only (in memory), unless the user asks to keep it in the preferences; without either,
 * the environment's {@code DICOMSEG_PASSWORD} / {@code DICOMSEG_TOKEN} is used. Secrets are never
 * logged or shown.
 */
public final class ServerRegistry {
    private static final String NAMES = "dicomseg.servers";
    private static final String PREFIX = "dicomseg.server.";
    private static final Map<String, String> SESSION_SECRETS = new ConcurrentHashMap<>();

    private ServerRegistry() { }

    /** How a server authenticates. */
    public enum Auth {
        NONE, PASSWORD, TOKEN;

        public String key() { return name().toLowerCase(Locale.ROOT); }

        public static Auth parse(String s) {
            for (Auth a : values()) if (a.key().equalsIgnoreCase(s == null ? "" : s.trim())) return a;
            throw new IllegalArgumentException("auth must be none, password or token, not '" + s + "'");
        }

        public static String[] keys() { return Arrays.stream(values()).map(Auth::key).toArray(String[]::new); }
    }

    /** One named server. Immutable. */
    public static final class Server {
        private final String name;
        private final String url;
        private final String user;
        private final Auth auth;
        private final String callingAet;

        public Server(String name, String url, String user, Auth auth, String callingAet) {
            if (name == null || !name.matches("[A-Za-z0-9_.-]{1,40}")) {
                throw new IllegalArgumentException("A server name is 1 to 40 letters, digits, '_', '.' or '-', not '" + name + "'");
            }
            StoreTarget.parse(url); // checks the URL
            this.name = name;
            this.url = url.trim();
            this.user = user == null ? "" : user.trim();
            this.auth = auth;
            this.callingAet = callingAet == null || callingAet.isBlank() ? StoreTarget.DEFAULT_CALLING_AET : callingAet.trim();
            if (auth == Auth.PASSWORD && this.user.isEmpty()) throw new IllegalArgumentException("auth=password needs a user name");
        }

        public String name() { return name; }
        public String url() { return url; }
        public String user() { return user; }
        public Auth auth() { return auth; }
        public String callingAet() { return callingAet; }
        /** True for a DICOMweb server, false for {@code dicom://} (store only). */
        public boolean isDicomWeb() { return DicomWebUrl.isUrl(url); }

        @Override public String toString() {
            return name + " = " + url + (auth == Auth.PASSWORD ? " (user " + user + ")" : auth == Auth.TOKEN ? " (token)" : "");
        }
    }

    /** The names kept, in the order added. */
    public static List<String> names() {
        String s = Prefs.get(NAMES, "");
        List<String> out = new ArrayList<>();
        for (String n : s.split(",")) if (!n.isBlank()) out.add(n.trim());
        return out;
    }

    /** The server called {@code name}; an IllegalArgumentException naming the known ones when there is none. */
    public static Server get(String name) {
        if (name == null || name.isBlank() || !names().contains(name.trim())) {
            throw new IllegalArgumentException("No server called '" + name + "'" + (names().isEmpty()
                    ? "; add one with Plugins > DICOM SEG > Servers..." : "; known: " + String.join(", ", names())));
        }
        String k = PREFIX + name.trim() + ".";
        return new Server(name.trim(), Prefs.get(k + "url", ""), Prefs.get(k + "user", ""), Auth.parse(Prefs.get(k + "auth", "none")),
                Prefs.get(k + "aet", ""));
    }

    /**
     * Adds or replaces {@code server}; {@code secret} (password or token, may be null) is kept for
     * this session, and in the preferences only when {@code remember}.
     */
    public static void put(Server server, String secret, boolean remember) {
        String k = PREFIX + server.name() + ".";
        Prefs.set(k + "url", server.url());
        Prefs.set(k + "user", server.user());
        Prefs.set(k + "auth", server.auth().key());
        Prefs.set(k + "aet", server.callingAet());
        if (secret != null && !secret.isEmpty()) SESSION_SECRETS.put(server.name(), secret);
        Prefs.set(k + "secret", remember && secret != null ? secret : "");
        List<String> n = names();
        if (!n.contains(server.name())) n.add(server.name());
        Prefs.set(NAMES, String.join(",", n));
    }

    /** Forgets {@code name} (and its secrets). */
    public static void remove(String name) {
        get(name);
        String k = PREFIX + name + ".";
        for (String f : new String[] {"url", "user", "auth", "aet", "secret"}) Prefs.set(k + f, "");
        SESSION_SECRETS.remove(name);
        List<String> n = names();
        n.remove(name);
        Prefs.set(NAMES, String.join(",", n));
    }

    /** True when a secret for {@code name} is known (session or preferences). */
    public static boolean hasSecret(String name) {
        return SESSION_SECRETS.containsKey(name) || !Prefs.get(PREFIX + name + ".secret", "").isEmpty();
    }

    /** The credentials and calling AE title to use with {@code server}. */
    public static ServerSettings settings(Server server, Duration timeout) {
        String secret = SESSION_SECRETS.get(server.name());
        if (secret == null || secret.isEmpty()) secret = Prefs.get(PREFIX + server.name() + ".secret", "");
        Map<String, String> env = System.getenv();
        Credentials c;
        switch (server.auth()) {
            case PASSWORD:
                c = Credentials.basic(server.user(), !secret.isEmpty() ? secret : env.getOrDefault(Credentials.ENV_PASSWORD, ""));
                break;
            case TOKEN:
                String t = !secret.isEmpty() ? secret : env.get(Credentials.ENV_TOKEN);
                if (t == null || t.isBlank()) {
                    throw new IllegalArgumentException("Server '" + server.name() + "' needs a token: enter it in Servers... or set DICOMSEG_TOKEN");
                }
                c = Credentials.token(t);
                break;
            default:
                c = Credentials.NONE;
        }
        ServerSettings.Builder b = ServerSettings.builder().credentials(c).callingAet(server.callingAet());
        if (timeout != null) b.timeout(timeout);
        return b.build();
    }

    /**
     * The settings for a DICOMweb {@code url} typed in a dialog: those of the kept server whose base
     * URL it starts with, else the environment's credentials.
     */
    public static ServerSettings settingsFor(String url) {
        for (String n : names()) {
            Server s = get(n);
            if (s.isDicomWeb() && url.trim().startsWith(DicomWebUrl.parse(s.url()).base())) return settings(s, null);
        }
        return ServerSettings.builder().credentials(Credentials.resolve(null, null)).build();
    }

    /**
     * Stores {@code file} to the server called {@code name} (STOW-RS or C-STORE); returns the
     * outcome lines; an IOException (one line: how many failed and why) when it was not stored.
     */
    public static List<String> store(String name, Path file, Progress progress) throws IOException {
        Server s = get(name);
        ServerSettings settings = settings(s, null);
        List<StoreOutcome> outcomes = StoreTarget.parse(s.url()).store(List.of(file), settings.credentials(), settings.timeout(),
                settings.callingAet(), progress);
        List<String> lines = new ArrayList<>();
        for (StoreOutcome o : outcomes) {
            if (o.status() == StoreOutcome.Status.FAILED) {
                throw new IOException("Server '" + name + "' (" + s.url() + ") did not store " + file.getFileName() + ": " + o.reason());
            }
            lines.add(o.toString());
        }
        return lines;
    }
}

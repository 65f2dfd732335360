package org.dicomseg.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * How to authenticate to a DICOMweb server (PS3.18 leaves it to HTTP): none, HTTP basic
 * (RFC 7617, user and password) or a bearer token (RFC 6750, e.g. a cloud store's OAuth 2 access
 * token). {@link #toString()} never shows the secret; nothing here logs it.
 */
public final class Credentials {
    /** Environment variables read by {@link #resolve}. */
    public static final String ENV_USER = "DICOMSEG_USER";
    public static final String ENV_PASSWORD = "DICOMSEG_PASSWORD";
    public static final String ENV_TOKEN = "DICOMSEG_TOKEN";

    /** No credentials. */
    public static final Credentials NONE = new Credentials(null, null, null);

    private final String user;
    private final String password;
    private final String token;

    private Credentials(String user, String password, String token) {
        this.user = user;
        this.password = password;
        this.token = token;
    }

    /** HTTP basic credentials. */
    public static Credentials basic(String user, String password) {
        if (user == null || user.isEmpty()) throw new IllegalArgumentException("a user name is required");
        return new Credentials(user, password == null ? "" : password, null);
    }

    /** A bearer token. */
    public static Credentials token(String token) {
        if (token == null || token.isBlank()) throw new IllegalArgumentException("the token is empty");
        return new Credentials(null, null, token.trim());
    }

    /**
     * The credentials a command was given: {@code token} (e.g. {@code --token}) wins, then
     * {@code user} (e.g. {@code --user NAME} or {@code NAME:PASSWORD}; without a password,
     * {@value #ENV_PASSWORD} gives it), then the environment ({@value #ENV_TOKEN}, then
     * {@value #ENV_USER} with {@value #ENV_PASSWORD}); {@link #NONE} when nothing is given.
     */
    public static Credentials resolve(String user, String token, Map<String, String> env) {
        if (token != null && !token.isBlank()) return token(token);
        if (user != null && !user.isEmpty()) {
            int colon = user.indexOf(':');
            if (colon > 0) return basic(user.substring(0, colon), user.substring(colon + 1));
            return basic(user, env.get(ENV_PASSWORD));
        }
        String envToken = env.get(ENV_TOKEN);
        if (envToken != null && !envToken.isBlank()) return token(envToken);
        String envUser = env.get(ENV_USER);
        if (envUser != null && !envUser.isEmpty()) return basic(envUser, env.get(ENV_PASSWORD));
        return NONE;
    }

    /** {@link #resolve(String, String, Map)} with the process environment. */
    public static Credentials resolve(String user, String token) {
        return resolve(user, token, System.getenv());
    }

    /** The value of the HTTP Authorization header, or null for none. */
    String authorization() {
        if (token != null) return "Bearer " + token;
        if (user != null) {
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }

    /**
     * Who these credentials make the caller, as a key that does not reveal the secret: the SHA-256
     * (hex) of the Authorization header value, or "none". Two credentials have the same identity
     * exactly when they send the same header (same user and password, or the same token), so a
     * cache keyed by it never serves what one user read to another.
     */
    public String identity() {
        String auth = authorization();
        if (auth == null) return "none";
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(auth.getBytes(StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder(64);
            for (byte x : d) b.append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
            return b.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** The user name of basic credentials, or null. */
    public String user() { return user; }

    /** True unless {@link #NONE}. */
    public boolean present() { return user != null || token != null; }

    /** What was given, without the secret: "user NAME", "a token" or "no credentials". */
    public String describe() {
        return token != null ? "a token" : user != null ? "user " + user : "no credentials";
    }

    @Override public String toString() { return describe(); }
}

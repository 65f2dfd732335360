package org.dicomseg.cli;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.dicomseg.options.CommandLine;
import org.dicomseg.options.InvalidOptionException;
import org.dicomseg.web.Credentials;
import org.dicomseg.web.ServerSettings;

/**
 * The flags every command that talks to an archive shares: {@code --user NAME[:PASSWORD]} (the
 * password otherwise from {@code DICOMSEG_PASSWORD}), {@code --token TOKEN}, or the environment
 * ({@code DICOMSEG_USER}, {@code DICOMSEG_PASSWORD}, {@code DICOMSEG_TOKEN}); {@code --timeout
 * SECONDS} (default 60); {@code --calling-aet AET} for {@code dicom://} targets. No secret is ever
 * printed.
 */
final class ServerFlags {
    private ServerFlags() { }

    /** The valued flags. */
    static final Set<String> VALUED = Set.of("user", "token", "timeout", "calling-aet");

    /** The usage text of the flags. */
    static final String USAGE = "[--user NAME] [--token TOKEN] [--timeout SECONDS] [--calling-aet AET]";

    /** {@code own} plus the server flags. */
    static Set<String> with(Set<String> own) {
        Set<String> s = new HashSet<>(own);
        s.addAll(VALUED);
        return s;
    }

    /** The settings the flags (and environment) give. */
    static ServerSettings settings(CommandLine a) {
        ServerSettings.Builder b = ServerSettings.builder();
        try {
            b.credentials(Credentials.resolve(a.get("user"), a.get("token")));
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(a.has("token") ? "token" : "user", "--" + (a.has("token") ? "token" : "user") + ": " + e.getMessage());
        }
        if (a.has("timeout")) {
            double s;
            try {
                s = Double.parseDouble(a.get("timeout"));
            } catch (NumberFormatException e) {
                throw new InvalidOptionException("timeout", "--timeout must be a number of seconds, not '" + a.get("timeout") + "'");
            }
            if (!(s > 0) || s > 86400) throw new InvalidOptionException("timeout", "--timeout must be between 0 and 86400 seconds");
            b.timeout(Duration.ofMillis(Math.round(s * 1000)));
        }
        if (a.has("calling-aet")) {
            try {
                b.callingAet(a.get("calling-aet"));
            } catch (IllegalArgumentException e) {
                throw new InvalidOptionException("calling-aet", "--calling-aet: " + e.getMessage());
            }
        }
        return b.build();
    }
}

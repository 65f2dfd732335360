package org.dicomseg.web;

import java.time.Duration;
import java.util.Objects;

/**
 * How to talk to an archive, apart from its URL: the credentials (DICOMweb), the timeout for
 * connecting and for each answer, and the calling AE title (DIMSE). Immutable; {@link #builder()}.
 */
public final class ServerSettings {
    /** No credentials, {@link DicomWebClient#DEFAULT_TIMEOUT}, calling AE title {@value StoreTarget#DEFAULT_CALLING_AET}. */
    public static final ServerSettings DEFAULTS = builder().build();

    private final Credentials credentials;
    private final Duration timeout;
    private final String callingAet;

    private ServerSettings(Builder b) {
        this.credentials = b.credentials;
        this.timeout = b.timeout;
        this.callingAet = b.callingAet;
    }

    public static Builder builder() { return new Builder(); }

    public Credentials credentials() { return credentials; }
    public Duration timeout() { return timeout; }
    public String callingAet() { return callingAet; }

    /** A client of the DICOMweb service of {@code url} with these settings. */
    public DicomWebClient client(DicomWebUrl url) {
        return DicomWebClient.connect(url, credentials, timeout);
    }

    /** Builder of {@link ServerSettings}. */
    public static final class Builder {
        private Credentials credentials = Credentials.NONE;
        private Duration timeout = DicomWebClient.DEFAULT_TIMEOUT;
        private String callingAet = StoreTarget.DEFAULT_CALLING_AET;

        public Builder credentials(Credentials c) {
            this.credentials = Objects.requireNonNull(c, "credentials");
            return this;
        }

        /** @throws IllegalArgumentException unless positive */
        public Builder timeout(Duration t) {
            if (t == null || t.isNegative() || t.isZero()) throw new IllegalArgumentException("the timeout must be positive");
            this.timeout = t;
            return this;
        }

        /** @throws IllegalArgumentException unless 1-16 characters of the default repertoire without backslash */
        public Builder callingAet(String aet) {
            if (aet == null || aet.isBlank() || aet.trim().length() > 16 || aet.contains("\\")) {
                throw new IllegalArgumentException("a calling AE title has 1 to 16 characters, not '" + aet + "'");
            }
            this.callingAet = aet.trim();
            return this;
        }

        public ServerSettings build() { return new ServerSettings(this); }
    }
}

package org.dicomseg.samples;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import org.dicomseg.model.Uids;

/**
 * UIDs for generated sample objects. With a seed, every UID is
 * {@code 2.25.<first 128 bits of SHA-256(seed + "/" + name) as an unsigned decimal>}
 * (PS3.5 B.2 form, at most 44 characters), so the same seed and name always give the same UID
 * and committed samples are reproducible byte for byte. Without a seed, every call gives a new
 * random UID.
 */
public final class SampleUids {
    private final String seed;

    private SampleUids(String seed) {
        this.seed = seed;
    }

    /** UIDs derived deterministically from {@code seed} and the name asked for. */
    public static SampleUids deterministic(String seed) {
        if (seed == null) throw new IllegalArgumentException("seed must not be null");
        return new SampleUids(seed);
    }

    /** UIDs that are new random UIDs on every call (names are ignored). */
    public static SampleUids random() {
        return new SampleUids(null);
    }

    /** True when UIDs are derived from a seed. */
    public boolean isDeterministic() {
        return seed != null;
    }

    /** The UID for {@code name}, e.g. "study", "series/ct", "sop/ct/3". */
    public String uid(String name) {
        if (seed == null) return Uids.create();
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] h = md.digest((seed + "/" + name).getBytes(StandardCharsets.UTF_8));
            return "2.25." + new BigInteger(1, Arrays.copyOf(h, 16)).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}

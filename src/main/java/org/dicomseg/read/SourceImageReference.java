package org.dicomseg.read;

import java.util.Arrays;
import java.util.Objects;

/**
 * A reference to a source image (instance, optionally some of its frames), as in the Image SOP
 * Instance Reference Macro (PS3.3 Table 10-3): Referenced SOP Class UID (0008,1150), Referenced
 * SOP Instance UID (0008,1155), Referenced Frame Number (0008,1160). Used for the Source Image
 * Sequence (0008,2112) of a frame's Derivation Image Functional Group (C.7.6.16.2.6) and for the
 * Referenced Instance Sequence of the Common Instance Reference Module (C.12.2).
 */
public final class SourceImageReference {
    private final String sopClassUid;
    private final String sopInstanceUid;
    private final int[] frameNumbers;

    public SourceImageReference(String sopClassUid, String sopInstanceUid, int[] frameNumbers) {
        this.sopClassUid = sopClassUid;
        this.sopInstanceUid = Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
        this.frameNumbers = frameNumbers == null ? new int[0] : frameNumbers.clone();
    }

    /** Referenced SOP Class UID, or null when absent. */
    public String sopClassUid() { return sopClassUid; }

    /** Referenced SOP Instance UID. */
    public String sopInstanceUid() { return sopInstanceUid; }

    /** Referenced Frame Numbers (1-based); empty when the whole (single-frame) instance is meant. */
    public int[] frameNumbers() { return frameNumbers.clone(); }

    @Override public boolean equals(Object o) {
        if (!(o instanceof SourceImageReference)) return false;
        SourceImageReference r = (SourceImageReference) o;
        return sopInstanceUid.equals(r.sopInstanceUid) && Objects.equals(sopClassUid, r.sopClassUid)
                && Arrays.equals(frameNumbers, r.frameNumbers);
    }

    @Override public int hashCode() { return Objects.hash(sopInstanceUid, Arrays.hashCode(frameNumbers)); }

    @Override public String toString() {
        return sopInstanceUid + (frameNumbers.length == 0 ? "" : " frames " + Arrays.toString(frameNumbers));
    }
}

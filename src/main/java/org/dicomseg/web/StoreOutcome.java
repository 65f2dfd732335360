package org.dicomseg.web;

import java.nio.file.Path;

/**
 * What an archive said about one instance sent to it (STOW-RS, PS3.18 10.5.3; C-STORE, PS3.4
 * B.2.3): stored, stored with a warning, or refused, with the reason in words. Immutable.
 */
public final class StoreOutcome {
    /** The three answers a store can give an instance. */
    public enum Status { STORED, WARNING, FAILED }

    private final Path file;
    private final String sopInstanceUid;
    private final Status status;
    private final String reason;
    private final String retrieveUrl;

    public StoreOutcome(Path file, String sopInstanceUid, Status status, String reason, String retrieveUrl) {
        this.file = file;
        this.sopInstanceUid = sopInstanceUid;
        this.status = status;
        this.reason = reason;
        this.retrieveUrl = retrieveUrl;
    }

    public Path file() { return file; }
    public String sopInstanceUid() { return sopInstanceUid; }
    public Status status() { return status; }
    /** Why a warning or failure, or null. */
    public String reason() { return reason; }
    /** Where the server says the instance can be retrieved (STOW-RS Retrieve URL), or null. */
    public String retrieveUrl() { return retrieveUrl; }

    /** One line: "stored FILE (SOP Instance UID)" / "warning: …" / "failed: … : reason". */
    @Override public String toString() {
        String what = (file != null ? file + " " : "") + "(SOP Instance UID " + sopInstanceUid + ")";
        switch (status) {
            case STORED: return "stored " + what + (retrieveUrl != null ? " at " + retrieveUrl : "");
            case WARNING: return "stored with a warning " + what + ": " + reason;
            default: return "failed " + what + ": " + reason;
        }
    }

    /**
     * The meaning of a DIMSE/STOW status code (PS3.4 Annex B.2.3, PS3.18 Table 10.5.3-1 and
     * 10.5.3-2), with the code in hex.
     */
    public static String statusText(int code) {
        String t;
        switch (code) {
            case 0xA700: t = "out of resources"; break;
            case 0xA900: t = "data set does not match SOP class"; break;
            case 0xC000: t = "cannot understand"; break;
            case 0x0110: t = "processing failure"; break;
            case 0x0111: t = "duplicate SOP instance"; break;
            case 0x0112: t = "no such SOP instance"; break;
            case 0x0117: t = "invalid object instance"; break;
            case 0x0122: t = "SOP class not supported"; break;
            case 0x0124: t = "not authorized"; break;
            case 0xB000: t = "coercion of data elements"; break;
            case 0xB006: t = "elements discarded"; break;
            case 0xB007: t = "data set does not match SOP class"; break;
            case 0xC122: t = "referenced transfer syntax not supported"; break;
            default:
                if ((code & 0xF000) == 0xA000) t = "refused: out of resources";
                else if ((code & 0xF000) == 0xC000) t = "error: cannot understand";
                else t = "status";
        }
        return t + " (" + String.format("%04XH", code) + ")";
    }
}

package org.dicomseg.dicom;

/**
 * The transfer syntaxes (PS3.5 Section 10 and Annex A) the SEG reader understands, with what each
 * means for finding and decoding frames.
 *
 * <ul>
 *   <li>Native ("unencapsulated", PS3.5 A.1-A.3, 8.2): frames lie back to back in Pixel Data; 1-bit
 *       frames are a continuous bit stream (PS3.5 8.1.1), so frame k starts at bit k*rows*cols.</li>
 *   <li>Deflated Explicit VR Little Endian (PS3.5 A.5): the whole data set after the File Meta
 *       Information is one raw deflate stream; it is inflated once, then read as native.</li>
 *   <li>Encapsulated (PS3.5 A.4): Pixel Data is a sequence of fragments after a Basic Offset Table;
 *       RLE Lossless (Annex G), JPEG 2000 (A.4.4), JPEG-LS lossless and near-lossless (A.4.3, ITU-T
 *       T.87), Deflated Image Frame Compression (A.4.11, each frame raw-deflated).</li>
 * </ul>
 */
public enum SegTransferSyntax {
    IMPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2", "Implicit VR Little Endian", false, false, Encoding.NATIVE),
    EXPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, false, Encoding.NATIVE),
    EXPLICIT_VR_BIG_ENDIAN("1.2.840.10008.1.2.2", "Explicit VR Big Endian (retired)", true, true, Encoding.NATIVE),
    DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, false,
            Encoding.NATIVE),
    RLE_LOSSLESS("1.2.840.10008.1.2.5", "RLE Lossless", true, false, Encoding.RLE),
    JPEG_2000_LOSSLESS("1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)", true, false,
            Encoding.JPEG_2000),
    JPEG_2000("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression", true, false, Encoding.JPEG_2000),
    JPEG_LS_LOSSLESS("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless Image Compression", true, false, Encoding.JPEG_LS),
    JPEG_LS_NEAR_LOSSLESS("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless) Image Compression", true, false,
            Encoding.JPEG_LS),
    DEFLATED_IMAGE_FRAME("1.2.840.10008.1.2.8.1", "Deflated Image Frame Compression", true, false,
            Encoding.DEFLATED_FRAME);

    /** How frames are stored in Pixel Data. */
    public enum Encoding { NATIVE, RLE, JPEG_2000, JPEG_LS, DEFLATED_FRAME }

    private final String uid;
    private final String displayName;
    private final boolean explicitVr;
    private final boolean bigEndian;
    private final Encoding encoding;

    SegTransferSyntax(String uid, String displayName, boolean explicitVr, boolean bigEndian, Encoding encoding) {
        this.uid = uid;
        this.displayName = displayName;
        this.explicitVr = explicitVr;
        this.bigEndian = bigEndian;
        this.encoding = encoding;
    }

    public String uid() { return uid; }
    public String displayName() { return displayName; }
    public boolean explicitVr() { return explicitVr; }
    public boolean bigEndian() { return bigEndian; }
    public Encoding encoding() { return encoding; }
    /** True for the syntaxes whose Pixel Data is a sequence of fragments (PS3.5 A.4). */
    public boolean encapsulated() { return encoding != Encoding.NATIVE; }
    /** True when the data set itself is deflated (PS3.5 A.5). */
    public boolean deflatedDataSet() { return this == DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN; }

    /** The syntax with this UID, or null when the reader does not support it. */
    public static SegTransferSyntax forUid(String uid) {
        if (uid == null) return null;
        String u = uid.trim();
        for (SegTransferSyntax t : values()) {
            if (t.uid.equals(u)) return t;
        }
        return null;
    }

    /** A readable name for any transfer syntax UID, for messages about unsupported ones. */
    public static String describe(String uid) {
        SegTransferSyntax t = forUid(uid);
        if (t != null) return t.displayName + " (" + t.uid + ")";
        String name;
        switch (uid == null ? "" : uid.trim()) {
            case "1.2.840.10008.1.2.4.50": name = "JPEG Baseline (Process 1)"; break;
            case "1.2.840.10008.1.2.4.51": name = "JPEG Extended (Process 2 & 4)"; break;
            case "1.2.840.10008.1.2.4.57": name = "JPEG Lossless, Non-Hierarchical (Process 14)"; break;
            case "1.2.840.10008.1.2.4.70": name = "JPEG Lossless, First-Order Prediction (Process 14 SV1)"; break;
            case "1.2.840.10008.1.2.4.201": name = "High-Throughput JPEG 2000 Image Compression (Lossless Only)"; break;
            case "1.2.840.10008.1.2.4.202": name = "High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)"; break;
            case "1.2.840.10008.1.2.4.203": name = "High-Throughput JPEG 2000 Image Compression"; break;
            case "1.2.840.10008.1.2.4.100": case "1.2.840.10008.1.2.4.101": case "1.2.840.10008.1.2.4.102":
            case "1.2.840.10008.1.2.4.103": case "1.2.840.10008.1.2.4.104": case "1.2.840.10008.1.2.4.105":
            case "1.2.840.10008.1.2.4.106": case "1.2.840.10008.1.2.4.107": case "1.2.840.10008.1.2.4.108":
                name = "MPEG/HEVC video"; break;
            default: name = "unknown transfer syntax";
        }
        return name + " (" + uid + ")";
    }
}

package org.dicomseg.dicom;

/**
 * The transfer syntaxes the SEG writer can produce (PS3.5 Section 10, Annex A):
 * <ul>
 *   <li>{@link #EXPLICIT_VR_LITTLE_ENDIAN} (default): native Pixel Data; BINARY frames packed as one
 *       continuous bit stream (PS3.5 8.1.1, 8.2).</li>
 *   <li>{@link #RLE_LOSSLESS} (PS3.5 Annex G): one fragment per frame; 1-bit frames packed from bit
 *       0 of each frame (byte aligned). Valid for every Segmentation Type, but pydicom 3 and
 *       highdicom cannot decode 1-bit RLE.</li>
 *   <li>{@link #JPEG_2000_LOSSLESS} (PS3.5 A.4.4): one code stream per frame; BINARY frames as
 *       code streams of precision 1 (Bits Allocated = Bits Stored = 1), as highdicom writes them.</li>
 *   <li>{@link #JPEG_LS_LOSSLESS} (PS3.5 A.4.3, ITU-T T.87 with NEAR = 0): one code stream per frame,
 *       LABELMAP and FRACTIONAL only (8- or 16-bit grey, precision = Bits Stored); BINARY is refused,
 *       as highdicom refuses it (JPEG-LS has no 1-bit samples).</li>
 *   <li>{@link #DEFLATED_IMAGE_FRAME} (PS3.5 A.4.11, Deflated Image Frame Compression): one fragment
 *       per frame, each frame (1-bit frames packed from bit 0, as for RLE) one raw Deflate stream.
 *       Valid for every Segmentation Type; newer than pydicom 3.0.2, highdicom 0.28.1 and the 2022
 *       dciodvfy, which do not read it.</li>
 * </ul>
 */
public enum OutputTransferSyntax {
    EXPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2.1", false),
    RLE_LOSSLESS("1.2.840.10008.1.2.5", true),
    JPEG_2000_LOSSLESS("1.2.840.10008.1.2.4.90", true),
    JPEG_LS_LOSSLESS("1.2.840.10008.1.2.4.80", true),
    DEFLATED_IMAGE_FRAME("1.2.840.10008.1.2.8.1", true);

    private final String uid;
    private final boolean encapsulated;

    OutputTransferSyntax(String uid, boolean encapsulated) {
        this.uid = uid;
        this.encapsulated = encapsulated;
    }

    /** The Transfer Syntax UID written in (0002,0010). */
    public String uid() { return uid; }

    /** True when Pixel Data is encapsulated: one fragment per frame (PS3.5 A.4). */
    public boolean encapsulated() { return encapsulated; }

    /** The syntax with this UID; IllegalArgumentException naming the supported ones otherwise. */
    public static OutputTransferSyntax forUid(String uid) {
        for (OutputTransferSyntax t : values()) if (t.uid.equals(uid == null ? null : uid.trim())) return t;
        throw new IllegalArgumentException("The SEG writer cannot write transfer syntax " + uid
                + "; use 1.2.840.10008.1.2.1 (Explicit VR Little Endian), 1.2.840.10008.1.2.5 (RLE Lossless)"
                + ", 1.2.840.10008.1.2.4.90 (JPEG 2000 Lossless), 1.2.840.10008.1.2.4.80 (JPEG-LS Lossless) or 1.2.840.10008.1.2.8.1"
                + " (Deflated Image Frame Compression)");
    }
}

package org.dicomseg.web;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The File Meta Information of a DICOM Part 10 file (PS3.10 7.1: preamble, "DICM", group 0002 in
 * Explicit VR Little Endian): what a store needs to name an instance before sending it — Media
 * Storage SOP Class and Instance UID and the Transfer Syntax UID. Reads a few hundred bytes.
 */
final class Part10Meta {
    final String sopClassUid;
    final String sopInstanceUid;
    final String transferSyntaxUid;

    private Part10Meta(String sopClassUid, String sopInstanceUid, String transferSyntaxUid) {
        this.sopClassUid = sopClassUid;
        this.sopInstanceUid = sopInstanceUid;
        this.transferSyntaxUid = transferSyntaxUid;
    }

    /** Reads the meta header of {@code file}; an IOException naming the file when it is not DICOM Part 10. */
    static Part10Meta read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException(file + " does not exist or is not a file");
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(raw)) {
            byte[] head = in.readNBytes(132);
            if (head.length < 132 || head[128] != 'D' || head[129] != 'I' || head[130] != 'C' || head[131] != 'M') {
                throw new IOException(file + " is not a DICOM file (no DICM preamble)");
            }
            String cls = null;
            String inst = null;
            String ts = null;
            byte[] h = new byte[8];
            while (true) {
                if (in.readNBytes(h, 0, 8) < 8) break;
                int group = (h[0] & 0xFF) | (h[1] & 0xFF) << 8;
                int element = (h[2] & 0xFF) | (h[3] & 0xFF) << 8;
                if (group != 0x0002) break;
                String vr = new String(h, 4, 2, StandardCharsets.US_ASCII);
                long len;
                if (vr.equals("OB") || vr.equals("OW") || vr.equals("UN") || vr.equals("SQ") || vr.equals("UT") || vr.equals("UC")
                        || vr.equals("UR") || vr.equals("OF") || vr.equals("OD") || vr.equals("OL") || vr.equals("OV")) {
                    byte[] l = in.readNBytes(4);
                    if (l.length < 4) break;
                    len = (l[0] & 0xFFL) | (l[1] & 0xFFL) << 8 | (l[2] & 0xFFL) << 16 | (l[3] & 0xFFL) << 24;
                } else {
                    len = (h[6] & 0xFF) | (h[7] & 0xFF) << 8;
                }
                if (len > 1024) {
                    in.skipNBytes(len);
                    continue;
                }
                byte[] v = in.readNBytes((int) len);
                String s = new String(v, StandardCharsets.US_ASCII).replace("\0", "").trim();
                if (element == 0x0002) cls = s;
                else if (element == 0x0003) inst = s;
                else if (element == 0x0010) ts = s;
            }
            if (cls == null || inst == null) {
                throw new IOException(file + " is not a DICOM Part 10 file: its meta header has no Media Storage SOP Class/Instance UID");
            }
            return new Part10Meta(cls, inst, ts);
        }
    }
}

package org.dicomseg.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.dicomseg.dicom.ChannelReader;
import org.dicomseg.dicom.DataSetWalker;
import org.dicomseg.testing.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StrictElementReader#header}: the element header fields it reads through
 * {@code ElementCursor} (PS3.5 7.1.2 explicit, 7.1.3 implicit, 7.5 items) and the headers it
 * refuses — one running past its item (also when the file ends inside a long-length header: a
 * refusal, not a read past the end), a VR it does not know (also 00 00, which must not be read
 * as an implicit header), and a long-length VR whose reserved bytes are not 0.
 */
class StrictElementReaderTest {
    @TempDir
    Path tmp;

    private static final int ITEM = DataSetWalker.TAG_ITEM;

    /** {@code header(0, end)} on {@code bytes}, the reader left for its fields. */
    private StrictElementReader header(byte[] bytes, boolean explicitVr, long end) throws Exception {
        Path f = Files.write(tmp.resolve("e.bin"), bytes);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            StrictElementReader r = new StrictElementReader(new ChannelReader(ch), explicitVr);
            r.header(0, end < 0 ? bytes.length : end);
            return r;
        }
    }

    private String refusal(byte[] bytes, boolean explicitVr, long end) {
        return assertThrows(StrictElementReader.Unsupported.class, () -> header(bytes, explicitVr, end)).getMessage();
    }

    @Test
    void readsExplicitShortAndLongHeadersItemsAndImplicitHeaders() throws Exception {
        // (0062,000B) US, 2-byte length 2
        StrictElementReader r = header(Bytes.of(0x62, 0, 0x0B, 0, 'U', 'S', 2, 0, 7, 0), true, -1);
        assertEquals(0x0062000B, r.tag);
        assertEquals("US", r.vr);
        assertEquals(2, r.length);
        assertEquals(8, r.valueOffset);
        // (0029,1001) SQ: reserved 0000, 4-byte length 0x01000010
        r = header(Bytes.of(0x29, 0, 0x01, 0x10, 'S', 'Q', 0, 0, 0x10, 0, 0, 1), true, -1);
        assertEquals(0x00291001, r.tag);
        assertEquals("SQ", r.vr);
        assertEquals(0x01000010L, r.length);
        assertEquals(12, r.valueOffset);
        // An item in an explicit syntax has no VR (PS3.5 7.5): undefined length
        r = header(Bytes.of(0xFE, 0xFF, 0x00, 0xE0, 0xFF, 0xFF, 0xFF, 0xFF), true, -1);
        assertEquals(ITEM, r.tag);
        assertNull(r.vr);
        assertEquals(DataSetWalker.UNDEFINED, r.length);
        assertEquals(8, r.valueOffset);
        // Implicit VR: 4-byte length, no VR
        r = header(Bytes.of(0x62, 0, 0x0B, 0, 2, 0, 0, 0, 7, 0), false, -1);
        assertEquals(0x0062000B, r.tag);
        assertNull(r.vr);
        assertEquals(2, r.length);
        assertEquals(8, r.valueOffset);
    }

    @Test
    void refusesHeadersOutsideTheStrictSubset() {
        byte[] sq = Bytes.of(0x29, 0, 0x01, 0x10, 'S', 'Q', 0, 0, 0, 0, 0, 0);
        assertEquals("element header at 0 runs past its item", refusal(sq, true, 7));
        assertEquals("element header at 0 runs past its item", refusal(sq, true, 11));
        // The file ends inside the 4-byte length: refused before the length is read
        assertEquals("element header at 0 runs past its item", refusal(Bytes.of(0x29, 0, 0x01, 0x10, 'S', 'Q', 0, 0, 0, 0), true, -1));
        assertEquals("reserved bytes of a long VR are not 0 at 0",
                refusal(Bytes.of(0x29, 0, 0x01, 0x10, 'O', 'B', 0, 1, 0, 0, 0, 0), true, -1));
        // OV (a long-length VR PixelMed may not know) is refused for its VR, even where its length would be past the end
        assertEquals("VR OV at 0", refusal(Bytes.of(0x29, 0, 0x01, 0x10, 'O', 'V', 0, 0), true, -1));
        assertEquals("VR \0\0 at 0", refusal(Bytes.of(0x29, 0, 0x01, 0x10, 0, 0, 0, 0), true, -1));
    }
}

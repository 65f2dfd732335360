package org.dicomseg.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;

import org.dicomseg.testing.Bytes;
import org.junit.jupiter.api.Test;

/**
 * {@link ElementCursor}: the header shapes of PS3.5 7.1 (explicit VR with a 2-byte or, for the VRs
 * of Table 7.1-1, reserved bytes and a 4-byte length; implicit VR) and 7.5 (items and delimiters
 * without a VR in any syntax), read whole ({@link ElementCursor#read}) or in steps, the VR before
 * the length ({@link ElementCursor#readVr}, {@link ElementCursor#readValueLength}).
 */
class ElementCursorTest {
    @Test
    void readsEachHeaderShape() throws Exception {
        // Explicit, short: (0028,0010) US length 2
        ElementCursor c = new ElementCursor(ElementBytes.of(Bytes.of(0x28, 0, 0x10, 0, 'U', 'S', 2, 0, 0, 1))).read(0, true, false);
        assertEquals(0x00280010, c.tag());
        assertEquals("US", c.vrString());
        assertEquals(2, c.length());
        assertEquals(8, c.valueOffset());
        assertEquals(10, c.next());
        assertEquals(0, c.reserved());
        // Explicit, long: OB with reserved bytes 0102 (kept for strict readers), length 4
        c = new ElementCursor(ElementBytes.of(Bytes.of(0x29, 0, 0x01, 0x10, 'O', 'B', 1, 2, 4, 0, 0, 0))).read(0, true, false);
        assertTrue(c.isVr('O', 'B'));
        assertEquals(0x0201, c.reserved());
        assertEquals(4, c.length());
        assertEquals(12, c.valueOffset());
        // Big endian long: SQ undefined length
        c = new ElementCursor(ElementBytes.of(Bytes.of(0, 0x29, 0x10, 0x01, 'S', 'Q', 0, 0, 0xFF, 0xFF, 0xFF, 0xFF))).read(0, true, true);
        assertEquals(0x00291001, c.tag());
        assertTrue(c.undefinedLength());
        // An item in an explicit syntax: no VR
        c = new ElementCursor(ElementBytes.of(Bytes.of(0xFE, 0xFF, 0x00, 0xE0, 8, 0, 0, 0))).read(0, true, false);
        assertNull(c.vrString());
        assertEquals(8, c.length());
        // Implicit: 4-byte length
        c = new ElementCursor(ElementBytes.of(Bytes.of(0x28, 0, 0x10, 0, 2, 0, 0, 0))).read(0, false, false);
        assertNull(c.vrString());
        assertEquals(2, c.length());
        // The next header, where the one before ends: (0028,0011) US 2 after (0028,0010) UL 4
        c = new ElementCursor(ElementBytes.of(Bytes.of(0x28, 0, 0x10, 0, 'U', 'L', 4, 0, 1, 2, 3, 4, 0x28, 0, 0x11, 0, 'U', 'S', 2, 0, 9, 0)));
        c.read(c.read(0, true, false).next(), true, false);
        assertEquals(0x00280011, c.tag());
        assertTrue(c.isVr('U', 'S'));
        assertEquals(2, c.length());
        assertEquals(20, c.valueOffset());
        // VR bytes 00 00 in an explicit syntax are a (bad) VR, read with a 2-byte length, not as an implicit header
        c = new ElementCursor(ElementBytes.of(Bytes.of(0x28, 0, 0x10, 0, 0, 0, 2, 0))).read(0, true, false);
        assertEquals(2, c.length());
        assertEquals(8, c.valueOffset());
    }

    @Test
    void readsTheVrBeforeTheLength() throws Exception {
        // Only the 8 bytes of a long-length header are there: its VR is readable, its length is not
        ElementCursor c = new ElementCursor(ElementBytes.of(Bytes.of(0x29, 0, 0x01, 0x10, 'O', 'V', 0, 0)));
        assertEquals(0x00291001, c.readTag(0, false));
        assertEquals('O' << 8 | 'V', c.readVr(true));
        assertTrue(ElementCursor.hasLongLength('O', 'V'));
        assertThrows(EOFException.class, c::readValueLength);
        // No VR: items in any syntax, any header in an implicit one
        c = new ElementCursor(ElementBytes.of(Bytes.of(0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0)));
        c.readTag(0, false);
        assertEquals(-1, c.readVr(true));
        c.readValueLength();
        assertEquals(0, c.length());
        assertFalse(c.isVr('O', 'B'));
        c = new ElementCursor(ElementBytes.of(Bytes.of(0x28, 0, 0x10, 0, 2, 0, 0, 0)));
        c.readTag(0, false);
        assertEquals(-1, c.readVr(false));
    }
}

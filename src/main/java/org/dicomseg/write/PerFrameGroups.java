package org.dicomseg.write;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HashMap;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.TransferSyntax;
import org.dicomseg.dicom.DataSetBuilder;
import org.dicomseg.dicom.SegTags;

/**
 * The Per-frame Functional Groups Sequence (5200,9230) of a SEG, encoded straight to Explicit VR
 * Little Endian bytes while the file is written, after PixelMed has written the rest of the header
 * (every other attribute has a smaller tag, Pixel Data comes after), instead of one PixelMed
 * attribute list per frame: one item per frame is most of a many-frame SEG's header. Undefined-length
 * sequences and items with delimiters, attributes in tag order, values padded to even length —
 * exactly the bytes PixelMed writes for the same attributes (the writer tests compare them with
 * PixelMed's); constant parts (code sequences) are encoded by PixelMed once ({@link #encode}).
 *
 * <p>Subclasses give the content of frame {@code f}'s item: {@link TiledHeader.SparseFrameGroups}
 * (tiles of a slide) and {@link SegHeaderBuilder.PlaneFrameGroups} (planes of patient geometry or of
 * projection images).</p>
 */
abstract class PerFrameGroups {
    /** Number of items (frames). */
    abstract int frameCount();

    /** Writes the attributes of frame {@code f}'s item (between the item delimiters). */
    abstract void item(Bytes w, int f);

    /** Writes the whole sequence element. */
    final void write(OutputStream out) throws IOException {
        Bytes w = new Bytes();
        w.sequence(SegTags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE);
        for (int f = 0, n = frameCount(); f < n; f++) {
            w.item();
            item(w, f);
            w.itemEnd();
            if (w.size > 1 << 16) w.flushTo(out);
        }
        w.sequenceEnd();
        w.flushTo(out);
    }

    /** The whole sequence element as bytes (tests). */
    final byte[] toBytes() {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            write(b);
            return b.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@link DataSetBuilder#formatDs}, remembered: positions repeat over frames (every segment of a
     * plane; on an axis-aligned slide one value per tile column or row), so most frames format nothing.
     */
    private final HashMap<Double, String> formatted = new HashMap<>();

    final String ds(double v) {
        return formatted.computeIfAbsent(v, DataSetBuilder::formatDs);
    }

    /** The attributes of {@code l} (in tag order) as PixelMed writes them in Explicit VR Little Endian. */
    static byte[] encode(AttributeList l) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DicomOutputStream out = new DicomOutputStream(bytes, null, TransferSyntax.ExplicitVRLittleEndian);
            for (Attribute a : l.values()) a.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException | DicomException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A growable byte buffer with the Explicit VR Little Endian element forms the per-frame groups use. */
    static final class Bytes {
        byte[] buf;
        int size;

        /** A buffer for the whole sequence (written out every 64 KiB). */
        Bytes() { this(1 << 17); }

        Bytes(int capacity) { buf = new byte[capacity]; }

        private void ensure(int n) {
            if (size + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }

        private void u16(int v) { buf[size++] = (byte) v; buf[size++] = (byte) (v >>> 8); }

        private void u32(long v) { u16((int) v & 0xFFFF); u16((int) (v >>> 16) & 0xFFFF); }

        private void tag(AttributeTag t) { u16(t.getGroup()); u16(t.getElement()); }

        /** Short-form element header: tag, VR, 16-bit length. */
        private void head(AttributeTag t, char v0, char v1, int length) {
            ensure(8 + length + 1);
            tag(t);
            buf[size++] = (byte) v0;
            buf[size++] = (byte) v1;
            u16(length);
        }

        Bytes raw(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
            return this;
        }

        /** Undefined-length sequence header. */
        Bytes sequence(AttributeTag t) {
            ensure(12);
            tag(t);
            buf[size++] = 'S';
            buf[size++] = 'Q';
            u16(0);
            u32(0xFFFFFFFFL);
            return this;
        }

        private Bytes delimiter(int element, long length) {
            ensure(8);
            u16(0xFFFE);
            u16(element);
            u32(length);
            return this;
        }

        Bytes item() { return delimiter(0xE000, 0xFFFFFFFFL); }
        Bytes itemEnd() { return delimiter(0xE00D, 0); }
        Bytes sequenceEnd() { return delimiter(0xE0DD, 0); }

        /** One ASCII string value, padded to even length with {@code pad}. */
        void text(AttributeTag t, char v0, char v1, String value, byte pad) {
            int n = value.length();
            head(t, v0, v1, n + (n & 1));
            for (int i = 0; i < n; i++) buf[size++] = (byte) value.charAt(i);
            if ((n & 1) != 0) buf[size++] = pad;
        }

        /** Several ASCII string values separated by backslashes, padded to even length with {@code pad}. */
        void texts(AttributeTag t, char v0, char v1, byte pad, String... values) {
            int n = values.length - 1;
            for (String v : values) n += v.length();
            head(t, v0, v1, n + (n & 1));
            for (int k = 0; k < values.length; k++) {
                if (k > 0) buf[size++] = '\\';
                String v = values[k];
                for (int i = 0; i < v.length(); i++) buf[size++] = (byte) v.charAt(i);
            }
            if ((n & 1) != 0) buf[size++] = pad;
        }

        void ul(AttributeTag t, long... values) {
            head(t, 'U', 'L', 4 * values.length);
            for (long v : values) u32(v);
        }

        void sl(AttributeTag t, int v) {
            head(t, 'S', 'L', 4);
            u32(v & 0xFFFFFFFFL);
        }

        void us(AttributeTag t, int v) {
            head(t, 'U', 'S', 2);
            u16(v);
        }

        void flushTo(OutputStream out) throws IOException {
            out.write(buf, 0, size);
            size = 0;
        }
    }
}

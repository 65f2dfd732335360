package org.dicomseg.testing;

import java.nio.file.Path;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DecimalStringAttribute;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.IntegerStringAttribute;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.UnsignedLongAttribute;
import com.pixelmed.dicom.UnsignedShortAttribute;

/**
 * Test fixtures derived from corpus files with PixelMed (independent of the reader under test):
 * re-encodings (Deflated Explicit VR Little Endian, 16-bit label maps, Big Endian), headers that
 * lie (huge Number of Frames, Rows), and a large multi-frame BINARY SEG for the benchmark.
 */
public final class SyntheticSegs {
    public static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    public static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";
    public static final String DEFLATED = "1.2.840.10008.1.2.1.99";

    private SyntheticSegs() { }

    public static AttributeList readAll(Path file) throws Exception {
        AttributeList l = new AttributeList();
        l.read(file.toString());
        return l;
    }

    public static void write(AttributeList l, Path out, String transferSyntax) throws Exception {
        l.removeGroupLengthAttributes();
        l.remove(TagFromName.FileMetaInformationGroupLength);
        FileMetaInformation.addFileMetaInformation(l, transferSyntax, "DICOMSEG_TEST");
        l.write(out.toFile(), transferSyntax, true, true);
    }

    /** {@code source} re-encoded in another native transfer syntax. */
    public static Path reencode(Path source, Path out, String transferSyntax) throws Exception {
        write(readAll(source), out, transferSyntax);
        return out;
    }

    /** {@code source} with one integer attribute replaced (e.g. a lying Number of Frames). */
    public static Path withInteger(Path source, Path out, AttributeTag tag, long value) throws Exception {
        AttributeList l = readAll(source);
        Attribute a;
        if (tag.equals(TagFromName.NumberOfFrames) || tag.equals(TagFromName.InstanceNumber)) {
            a = new IntegerStringAttribute(tag);
        } else if (tag.equals(TagFromName.TotalPixelMatrixRows) || tag.equals(TagFromName.TotalPixelMatrixColumns)) {
            a = new UnsignedLongAttribute(tag);
        } else {
            a = new UnsignedShortAttribute(tag);
        }
        a.addValue(value);
        l.put(a);
        write(l, out, EXPLICIT_LE);
        return out;
    }

    /** {@code source} with frame {@code frameNumber}'s Referenced Segment Number replaced. */
    public static Path withFrameSegment(Path source, Path out, int frameNumber, int segment) throws Exception {
        AttributeList l = readAll(source);
        SequenceAttribute pf = (SequenceAttribute) l.get(TagFromName.PerFrameFunctionalGroupsSequence);
        AttributeList item = pf.getItem(frameNumber - 1).getAttributeList();
        AttributeList id = ((SequenceAttribute) item.get(TagFromName.SegmentIdentificationSequence)).getItem(0).getAttributeList();
        Attribute ref = new UnsignedShortAttribute(TagFromName.ReferencedSegmentNumber);
        ref.addValue(segment);
        id.put(ref);
        write(l, out, EXPLICIT_LE);
        return out;
    }

    /** {@code source} without the Segment Sequence. */
    public static Path withoutSegmentSequence(Path source, Path out) throws Exception {
        AttributeList l = readAll(source);
        l.remove(TagFromName.SegmentSequence);
        write(l, out, EXPLICIT_LE);
        return out;
    }

    /** An 8-bit label map SEG stored with Bits Allocated 16 (values unchanged), as OW. */
    public static Path labelMap16(Path source8, Path out, String transferSyntax) throws Exception {
        AttributeList l = readAll(source8);
        byte[] px = l.get(TagFromName.PixelData).getByteValues();
        short[] words = new short[px.length];
        for (int i = 0; i < px.length; i++) words[i] = (short) ((px[i] & 0xFF) == 0 ? 0 : (px[i] & 0xFF) + 0);
        OtherWordAttribute pd = new OtherWordAttribute(TagFromName.PixelData);
        pd.setValues(words);
        l.put(pd);
        for (AttributeTag t : new AttributeTag[] {TagFromName.BitsAllocated, TagFromName.BitsStored}) {
            Attribute a = new UnsignedShortAttribute(t);
            a.addValue(16);
            l.put(a);
        }
        Attribute hb = new UnsignedShortAttribute(TagFromName.HighBit);
        hb.addValue(15);
        l.put(hb);
        write(l, out, transferSyntax);
        return out;
    }

    /**
     * A BINARY SEG like dcmqi's liver.dcm but with {@code frames} frames of 512 x 512 at 1 mm
     * steps, frame k (0-based) holding a disk of radius 20 + k % 150 around the centre, every third
     * frame empty. Frames are stored in reverse spatial order to exercise sorting.
     *
     * @return the number of set pixels, for checks
     */
    public static long bigBinary(Path liver, Path out, int frames) throws Exception {
        return bigBinary(liver, out, frames, 3);
    }

    /** Like {@link #bigBinary(Path, Path, int)} with every {@code emptyEvery}-th frame empty (0: none). */
    public static long bigBinary(Path liver, Path out, int frames, int emptyEvery) throws Exception {
        AttributeList l = readAll(liver);
        SequenceAttribute perFrame = new SequenceAttribute(TagFromName.PerFrameFunctionalGroupsSequence);
        int rows = 512, cols = 512, n = rows * cols;
        byte[] packed = new byte[(int) (((long) n * frames + 7) / 8)];
        long ones = 0;
        byte[] frame = new byte[n];
        for (int k = 0; k < frames; k++) {
            int z = frames - 1 - k; // reverse order on disk
            AttributeList item = new AttributeList();
            SequenceAttribute segId = new SequenceAttribute(TagFromName.SegmentIdentificationSequence);
            AttributeList si = new AttributeList();
            Attribute ref = new UnsignedShortAttribute(TagFromName.ReferencedSegmentNumber);
            ref.addValue(1);
            si.put(ref);
            segId.addItem(si);
            item.put(segId);
            SequenceAttribute pos = new SequenceAttribute(TagFromName.PlanePositionSequence);
            AttributeList pi = new AttributeList();
            Attribute ipp = new DecimalStringAttribute(TagFromName.ImagePositionPatient);
            ipp.addValue(-235.2);
            ipp.addValue(-226.8);
            ipp.addValue(-400.0 + z);
            pi.put(ipp);
            pos.addItem(pi);
            item.put(pos);
            perFrame.addItem(item);
            java.util.Arrays.fill(frame, (byte) 0);
            if (emptyEvery <= 0 || z % emptyEvery != emptyEvery - 1) {
                int r = 20 + z % 150;
                for (int y = 0; y < rows; y++) {
                    for (int x = 0; x < cols; x++) {
                        int dx = x - 256, dy = y - 256;
                        if (dx * dx + dy * dy <= r * r) {
                            frame[y * cols + x] = 1;
                            ones++;
                        }
                    }
                }
            }
            long bit = (long) k * n;
            for (int i = 0; i < n; i++) {
                if (frame[i] != 0) packed[(int) ((bit + i) >>> 3)] |= (byte) (1 << ((bit + i) & 7));
            }
        }
        l.put(perFrame);
        Attribute nf = new IntegerStringAttribute(TagFromName.NumberOfFrames);
        nf.addValue(frames);
        l.put(nf);
        SequenceAttribute shared = (SequenceAttribute) l.get(TagFromName.SharedFunctionalGroupsSequence);
        shared.getItem(0).getAttributeList().remove(TagFromName.DerivationImageSequence);
        OtherByteAttribute pd = new OtherByteAttribute(TagFromName.PixelData);
        pd.setValues(packed);
        l.put(pd);
        write(l, out, EXPLICIT_LE);
        return ones;
    }
}

package org.dicomseg.read;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TagFromName;

import org.dicomseg.dicom.AttributeListView;
import org.dicomseg.dicom.DataSetView;

/**
 * A Segmentation's header parsed by PixelMed ({@link AttributeList#read}): what {@link SegmentationFile#open}
 * falls back to when the lean walk ({@link org.dicomseg.dicom.LeanDataSet}) leaves a header to it (big
 * endian, deflated, unusual character sets or structures) and what the tests take as the reference. A
 * class of its own so that a plain open never loads PixelMed's parser (issue 19: its class initialisation
 * alone costs tens of milliseconds in a fresh JVM).
 */
final class PixelMedHeader {
    private PixelMedHeader() { }

    /**
     * PixelMed's header up to the first top-level tag from (5200,9230) on, which the walker found
     * at {@code stopOffset}; null when PixelMed stopped elsewhere: it ends quietly at an element it
     * cannot read (e.g. a nested length running past the end of the file), and then the whole
     * header must be read as before so that the result (and the message) stays what it was.
     */
    static DataSetView readBefore(Path file, Path from, String rawSyntax, long stopOffset) throws SegReadException {
        AttributeList list = new AttributeList();
        long stoppedAt = read(file, from, rawSyntax, list, true);
        // PixelMed returns the offset just past the tag it stopped at (4 bytes).
        return stoppedAt == stopOffset + 4 ? AttributeListView.of(list) : null;
    }

    /** Stops PixelMed at the first top-level tag from (5200,9230) on: the Per-frame Functional Groups and after. */
    private static final AttributeList.ReadTerminationStrategy BEFORE_PER_FRAME_GROUPS = (list, tag, offset) ->
            tag.getGroup() > 0x5200 || (tag.getGroup() == 0x5200 && tag.getElement() >= 0x9230);

    /** PixelMed's parse of everything before Pixel Data (Pixel Data itself is never read here). */
    static DataSetView read(Path file, Path from, String rawSyntax) throws SegReadException {
        AttributeList list = new AttributeList();
        read(file, from, rawSyntax, list, false);
        return AttributeListView.of(list);
    }

    /**
     * PixelMed's parse into {@code list}: everything before Pixel Data, or ({@code beforePerFrameGroups})
     * only the elements before the Per-frame Functional Groups Sequence; returns where PixelMed stopped.
     * {@code from} is {@code file} (a PS3.10 file), or the inflated copy of its data set, a bare data set
     * in {@code rawSyntax}; messages name {@code file}.
     */
    private static long read(Path file, Path from, String rawSyntax, AttributeList list, boolean beforePerFrameGroups)
            throws SegReadException {
        // Nested (icon) pixel data stays as it is: decoding it here would run image decoders on hostile bytes.
        list.setDecompressPixelData(false);
        try (InputStream fin = Files.newInputStream(from);
             DicomInputStream din = rawSyntax == null ? new DicomInputStream(new BufferedInputStream(fin, 65536))
                     : new DicomInputStream(new BufferedInputStream(fin, 65536), rawSyntax, false)) {
            return beforePerFrameGroups ? list.read(din, BEFORE_PER_FRAME_GROUPS) : list.read(din, TagFromName.PixelData);
        } catch (EOFException e) {
            throw new SegReadException(file, "the file is truncated: it ends inside the header", e);
        } catch (IOException | DicomException | RuntimeException e) {
            throw new SegReadException(file, "cannot parse the DICOM header: " + e.getMessage(), e);
        } catch (StackOverflowError e) {
            // PixelMed parses nested sequences recursively; thousands of levels exhaust a thread's stack.
            throw new SegReadException(file, "cannot parse the DICOM header: its sequences are nested too deeply", e);
        }
    }
}

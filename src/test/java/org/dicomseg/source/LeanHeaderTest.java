package org.dicomseg.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;

import org.dicomseg.task.InputException;
import org.dicomseg.testing.SegTestData.Sources;
import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LeanHeader}: every source image of the shared corpus read through {@link SourceFile#read} (the lean
 * walk where it applies) gives exactly what PixelMed's whole parse gives — each accessor, and each frame
 * {@link SourceImages} makes of it — and the files it must leave to PixelMed are left to it.
 */
class LeanHeaderTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void shared() {
        Shared.assumePresent();
    }

    /** Every DICOM file of the corpus that PixelMed reads as a source image. */
    private static List<Path> corpusImages() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(Shared.root().resolve("corpus"))) {
            for (Path p : s.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
                if (!SourceHeaderCache.shared().isDicomFile(p)) continue;
                if (SourceHeaderCache.isNonImageClass(SourceHeaderCache.shared().mediaStorageSopClassUid(p))) continue;
                try {
                    SourceFile.readWhole(p);
                    out.add(p);
                } catch (InputException e) {
                    // not a source image for PixelMed either
                }
            }
        }
        return out;
    }

    @Test
    void corpusImagesReadLeanEqualWholeParse() throws IOException {
        List<Path> files = corpusImages();
        assertTrue(files.size() >= 20, "corpus source images: " + files.size());
        int lean = 0;
        for (Path p : files) {
            SourceFile a = SourceFile.read(p);
            SourceFile b = SourceFile.readWhole(p);
            if (a.isLean()) lean++;
            assertSame(a, b, p);
        }
        assertTrue(lean >= 10, "plain single-frame images read lean: " + lean + " of " + files.size());
    }

    @Test
    void plainCtsAreLeanEnhancedAndSlidesAreNot() throws IOException {
        assertTrue(SourceFile.read(Shared.corpus("highdicom/ct_image.dcm")).isLean(), "Explicit VR Little Endian CT");
        for (Path p : Sources.CT2.paths()) assertTrue(SourceFile.read(p).isLean(), "CT2 " + p);
        assertTrue(SourceFile.read(Shared.corpus("dcmqi/segmentations/ct-3slice/01.dcm")).isLean(), "Implicit VR Little Endian CT");
        assertFalse(SourceFile.read(Shared.corpus("pydicom-data/eCT_Supplemental.dcm")).isLean(), "enhanced CT: functional groups");
        assertFalse(SourceFile.read(Shared.corpus("highdicom/sm_image.dcm")).isLean(), "slide");
        assertFalse(SourceFile.read(Shared.corpus("dcmqi/segmentations/23x38x3/multiframe/mf.dcm")).isLean(), "legacy converted multi-frame");
    }

    @Test
    void wholeHeaderParsedWhenAskedFor() throws IOException {
        SourceImages s = SourceImages.of(Sources.CT2.paths().stream().map(p -> {
            try {
                return SourceFile.read(p);
            } catch (InputException e) {
                throw new AssertionError(e);
            }
        }).collect(Collectors.toList()));
        assertEquals("Doe^Archibald", s.headerValue(0x0010, 0x0010), "patient's name, for the writer, from the first file");
        SourceFile f = SourceFile.read(Sources.CT2.paths().get(1));
        assertTrue(f.isLean());
        assertEquals(SourceFile.readWhole(Sources.CT2.paths().get(1)).headerValue(0x0008, 0x0008), f.headerValue(0x0008, 0x0008));
    }

    @Test
    void nonAsciiDescriptionAndUndefinedLengthSequencesAndUnknownVr() throws Exception {
        Path ct = Shared.corpus("highdicom/ct_image.dcm");
        AttributeList l = new AttributeList();
        l.read(ct.toFile());
        l.remove(TagFromName.PixelData);
        // a sequence of undefined length before the wanted attributes: walked over
        SequenceAttribute seq = new SequenceAttribute(TagFromName.ReferencedImageSequence);
        AttributeList item = new AttributeList();
        CodeStringAttribute cs = new CodeStringAttribute(TagFromName.ImageType);
        cs.addValue("ORIGINAL");
        item.put(cs);
        seq.addItem(new SequenceItem(item));
        l.put(seq);
        Path plain = write(l, "seq.dcm", TransferSyntax.ExplicitVRLittleEndian);
        SourceFile a = SourceFile.read(plain);
        assertTrue(a.isLean(), "a sequence is walked over");
        assertSame(a, SourceFile.readWhole(plain), plain);
        Path implicit = write(l, "implicit.dcm", TransferSyntax.ImplicitVRLittleEndian);
        assertTrue(SourceFile.read(implicit).isLean());
        assertSame(SourceFile.read(implicit), SourceFile.readWhole(implicit), implicit);
        // a Series Description outside ASCII: left to PixelMed (character sets)
        l.remove(TagFromName.SpecificCharacterSet);
        CodeStringAttribute charset = new CodeStringAttribute(TagFromName.SpecificCharacterSet);
        charset.addValue("ISO_IR 192");
        l.put(charset);
        l.remove(TagFromName.SeriesDescription);
        LongStringAttribute d = new LongStringAttribute(TagFromName.SeriesDescription, new com.pixelmed.dicom.SpecificCharacterSet(new String[] {"ISO_IR 192"}));
        d.addValue("Thorax ÄÖÜ");
        l.put(d);
        Path utf8 = write(l, "utf8.dcm", TransferSyntax.ExplicitVRLittleEndian);
        SourceFile u = SourceFile.read(utf8);
        assertFalse(u.isLean(), "non-ASCII text goes to PixelMed");
        assertEquals("Thorax ÄÖÜ", u.seriesDescription());
        // Number of Frames 0 is PixelMed's (and SourceImages' message) to handle
        l.remove(d.getTag());
        com.pixelmed.dicom.IntegerStringAttribute nf = new com.pixelmed.dicom.IntegerStringAttribute(TagFromName.NumberOfFrames);
        nf.addValue(0);
        l.put(nf);
        Path zero = write(l, "zero-frames.dcm", TransferSyntax.ExplicitVRLittleEndian);
        assertFalse(SourceFile.read(zero).isLean());
    }

    private Path write(AttributeList l, String name, String ts) throws Exception {
        AttributeList copy = (AttributeList) l.clone();
        com.pixelmed.dicom.FileMetaInformation.addFileMetaInformation(copy, ts, "TEST");
        Path out = dir.resolve(name);
        copy.write(out.toFile(), ts, true, true);
        return out;
    }

    /** The same answers from both parses, the file's frame included. */
    private static void assertSame(SourceFile a, SourceFile b, Path p) throws InputException {
        SourceFile fresh = a.isLean() ? SourceFile.read(p) : a; // its frames made before its whole header was parsed
        assertEquals(String.valueOf(SourceImages.of(List.of(b)).frames()), String.valueOf(SourceImages.of(List.of(fresh)).frames()), p + " frames, lean");
        assertEquals(b.rows(), a.rows(), p + " rows");
        assertEquals(b.columns(), a.columns(), p + " columns");
        assertEquals(b.numberOfFrames(), a.numberOfFrames(), p + " frames");
        assertEquals(b.sopClassUid(), a.sopClassUid(), p + " SOP class");
        assertEquals(b.sopInstanceUid(), a.sopInstanceUid(), p + " SOP instance");
        assertEquals(b.seriesInstanceUid(), a.seriesInstanceUid(), p + " series");
        assertEquals(b.studyInstanceUid(), a.studyInstanceUid(), p + " study");
        assertEquals(b.seriesDescription(), a.seriesDescription(), p + " series description");
        assertEquals(b.frameOfReferenceUid(), a.frameOfReferenceUid(), p + " frame of reference");
        assertEquals(b.instanceNumber(), a.instanceNumber(), p + " instance number");
        assertEquals(String.valueOf(b.imagePosition()), String.valueOf(a.imagePosition()), p + " position");
        assertEquals(String.valueOf(b.imageOrientation()), String.valueOf(a.imageOrientation()), p + " orientation");
        // the whole header, parsed from the bytes the lean walk read, is PixelMed's parse of the file
        assertEquals(b.header().toString(), a.header().toString(), p + " whole header");
        assertTrue(a.header().size() > 5, p + " whole header");
        List<SourceFrame> fa = SourceImages.of(List.of(a)).frames(), fb = SourceImages.of(List.of(b)).frames();
        assertEquals(fb.size(), fa.size(), p + " frames");
        for (int i = 0; i < fa.size(); i++) {
            SourceFrame x = fa.get(i), y = fb.get(i);
            assertEquals(y.toString(), x.toString(), p + " frame " + i);
            assertEquals(y.multiFrame(), x.multiFrame(), p + " multi-frame");
            assertEquals(y.frameNumber(), x.frameNumber());
            if (y.position() != null) assertArrayEquals(y.position().toArray(), x.position().toArray(), 0.0, p + " position");
            assertEquals(y.position() == null, x.position() == null);
            if (y.orientation() != null) assertArrayEquals(y.orientation().toArray(), x.orientation().toArray(), 0.0);
            assertEquals(y.orientation() == null, x.orientation() == null);
            assertEquals(String.valueOf(y.pixelMeasures()), String.valueOf(x.pixelMeasures()), p + " pixel measures");
            if (y.pixelMeasures() != null) {
                assertEquals(y.pixelMeasures().rowSpacing(), x.pixelMeasures().rowSpacing(), 0.0);
                assertEquals(y.pixelMeasures().columnSpacing(), x.pixelMeasures().columnSpacing(), 0.0);
                assertEquals(y.pixelMeasures().sliceThickness(), x.pixelMeasures().sliceThickness());
                assertEquals(y.pixelMeasures().spacingBetweenSlices(), x.pixelMeasures().spacingBetweenSlices());
            }
            FrameTime ta = x.time(), tb = y.time();
            assertNotNull(ta);
            assertEquals(tb.temporalPositionIndex(), ta.temporalPositionIndex(), p + " temporal position index");
            assertEquals(tb.temporalPositionIdentifier(), ta.temporalPositionIdentifier(), p + " temporal position identifier");
            assertEquals(tb.triggerDelayMs(), ta.triggerDelayMs(), p + " trigger");
            assertEquals(tb.timeOffsetSeconds(), ta.timeOffsetSeconds());
            assertEquals(tb.acquisitionDateTime(), ta.acquisitionDateTime(), p + " acquisition time");
        }
    }
}

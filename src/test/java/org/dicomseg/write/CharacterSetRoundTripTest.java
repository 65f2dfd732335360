package org.dicomseg.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.PersonNameAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SpecificCharacterSet;
import com.pixelmed.dicom.TagFromName;

import org.dicomseg.mask.LabelMapMask;
import org.dicomseg.model.CodedConcept;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.Shared;
import org.dicomseg.testing.SyntheticSegs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.read.SegmentationReaderBadInputTest;
import org.dicomseg.source.SourceImages;
import org.dicomseg.testing.SegTestData;

/**
 * Non-ASCII labels and patient names survive write and read: the writer encodes all text in UTF-8
 * and states Specific Character Set (0008,0005) "ISO_IR 192" when any value is not ASCII (source
 * values in another character set, e.g. ISO_IR 100, are re-encoded); the reader decodes each file
 * by its own Specific Character Set (ISO_IR 100 and ISO_IR 192 tested here). Labels longer than 64
 * characters (VR LO) are refused by the writer and truncated to 64 by the reader.
 */
class CharacterSetRoundTripTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void corpus() {
        Shared.assumePresent();
    }

    static final String[] LABELS = {"L\u00e4sion rechts (M\u00fcller)", "\u03a9\u03bc\u03ad\u03b3\u03b1 \u03ae\u03c0\u03b1\u03c1",
        "\u809d\u81d3 \u8179\u90e8", "C\u0153ur \u2013 \u00e9t\u00e9"};
    static final String PATIENT = "M\u00fcller^J\u00fcrgen";

    /** The CT_23X38 sources re-written with Specific Character Set ISO_IR 100 and a Latin-1 patient name. */
    private List<Path> latin1Sources() throws Exception {
        List<Path> out = new ArrayList<>();
        SpecificCharacterSet latin1 = new SpecificCharacterSet(new String[] {"ISO_IR 100"});
        int i = 0;
        for (Path p : SegTestData.Sources.CT_23X38.paths()) {
            AttributeList l = SyntheticSegs.readAll(p);
            Attribute cs = new CodeStringAttribute(TagFromName.SpecificCharacterSet);
            cs.addValue("ISO_IR 100");
            l.put(cs);
            Attribute pn = new PersonNameAttribute(TagFromName.PatientName, latin1);
            pn.addValue(PATIENT);
            l.put(pn);
            Path q = dir.resolve("src" + (i++) + ".dcm");
            SyntheticSegs.write(l, q, SyntheticSegs.EXPLICIT_LE);
            byte[] raw = Files.readAllBytes(q);
            assertTrue(SegmentationReaderBadInputTest.indexOf(raw, "M\u00fcller".getBytes(StandardCharsets.ISO_8859_1), 0) > 0,
                    "the source holds the name in Latin-1");
            out.add(q);
        }
        return out;
    }

    @Test
    void labelsAndPatientNameRoundTripInUtf8() throws Exception {
        List<SegmentDescription> d = new ArrayList<>();
        for (int s = 0; s < LABELS.length; s++) {
            d.add(SegmentDescription.builder(s + 1, LABELS[s]).category(CodedConcept.sct("123037004", "Anatomical Structure"))
                    .type(CodedConcept.sct("10200004", "Liver")).algorithmType(org.dicomseg.model.SegmentAlgorithmType.MANUAL).description("Beschreibung \u00fc\u00df " + (s + 1)).build());
        }
        SegTestData.Sources src = SegTestData.Sources.CT_23X38;
        byte[][] planes = new byte[src.planes][src.rows * src.columns];
        for (int s = 0; s < LABELS.length; s++) planes[0][s * 10] = (byte) (s + 1);
        Path out = dir.resolve("unicode.dcm");
        SegWriter.write(out, LabelMapMask.ofBytes(planes, src.rows, src.columns), d, SourceImages.read(latin1Sources()), null,
                SegWriteOptions.builder().seriesDescription("S\u00e9rie \u00e0 l'\u00e9tude").build());
        Conformance.assertConformant(out);

        byte[] raw = Files.readAllBytes(out);
        assertTrue(SegmentationReaderBadInputTest.indexOf(raw, "ISO_IR 192".getBytes(StandardCharsets.US_ASCII), 132) > 0);
        assertTrue(SegmentationReaderBadInputTest.indexOf(raw, PATIENT.getBytes(StandardCharsets.UTF_8), 132) > 0,
                "the ISO_IR 100 name was re-encoded in UTF-8");
        try (SegmentationReader r = SegmentationReader.open(out)) {
            for (int s = 0; s < LABELS.length; s++) {
                assertEquals(LABELS[s], r.getSegmentDescription(s + 1).label());
                assertEquals("Beschreibung \u00fc\u00df " + (s + 1), r.getSegmentDescription(s + 1).description());
            }
            assertEquals(PATIENT, r.metadata().patientName());
            assertEquals("S\u00e9rie \u00e0 l'\u00e9tude", r.metadata().seriesDescription());
        }
    }

    @Test
    void readerDecodesIsoIr100Files() throws Exception {
        AttributeList l = SyntheticSegs.readAll(Shared.corpus("highdicom/seg_image_ct_binary.dcm"));
        SpecificCharacterSet latin1 = new SpecificCharacterSet(new String[] {"ISO_IR 100"});
        Attribute cs = new CodeStringAttribute(TagFromName.SpecificCharacterSet);
        cs.addValue("ISO_IR 100");
        l.put(cs);
        Attribute pn = new PersonNameAttribute(TagFromName.PatientName, latin1);
        pn.addValue(PATIENT);
        l.put(pn);
        AttributeList item = ((SequenceAttribute) l.get(TagFromName.SegmentSequence)).getItem(0).getAttributeList();
        Attribute label = new LongStringAttribute(TagFromName.SegmentLabel, latin1);
        label.addValue("L\u00e4sion \u00e9l\u00e8ve");
        item.put(label);
        Path p = dir.resolve("latin1.dcm");
        SyntheticSegs.write(l, p, SyntheticSegs.EXPLICIT_LE);
        byte[] raw = Files.readAllBytes(p);
        assertTrue(SegmentationReaderBadInputTest.indexOf(raw, "L\u00e4sion".getBytes(StandardCharsets.ISO_8859_1), 132) > 0,
                "the label is stored in Latin-1");
        try (SegmentationReader r = SegmentationReader.open(p)) {
            assertEquals(PATIENT, r.metadata().patientName());
            assertEquals("L\u00e4sion \u00e9l\u00e8ve", r.segments().get(0).label());
        }
    }

    @Test
    void labelsLongerThan64CharactersAreRefusedByTheWriterAndTruncatedByTheReader() throws Exception {
        String long65 = "\u00c4".repeat(65);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SegmentDescription.builder(1, long65)
                .category(CodedConcept.sct("123037004", "Anatomical Structure")).type(CodedConcept.sct("10200004", "Liver")).algorithmType(org.dicomseg.model.SegmentAlgorithmType.MANUAL).build());
        assertTrue(e.getMessage().contains("64 characters"), e.getMessage());
        SegmentDescription.builder(1, long65.substring(1)).category(CodedConcept.sct("123037004", "Anatomical Structure"))
                .type(CodedConcept.sct("10200004", "Liver")).algorithmType(org.dicomseg.model.SegmentAlgorithmType.MANUAL).build(); // 64 non-ASCII characters (more than 64 bytes) are fine

        AttributeList l = SyntheticSegs.readAll(Shared.corpus("highdicom/seg_image_ct_binary.dcm"));
        AttributeList item = ((SequenceAttribute) l.get(TagFromName.SegmentSequence)).getItem(0).getAttributeList();
        Attribute label = new LongStringAttribute(TagFromName.SegmentLabel);
        label.addValue("x".repeat(80));
        item.put(label);
        Path p = dir.resolve("long-label.dcm");
        SyntheticSegs.write(l, p, SyntheticSegs.EXPLICIT_LE);
        try (SegmentationReader r = SegmentationReader.open(p)) {
            assertEquals("x".repeat(64), r.segments().get(0).label());
            assertTrue(r.metadata().warnings().stream().anyMatch(w -> w.contains("Segment Label (0062,0005) of segment 1 has 80 characters")),
                    r.metadata().warnings().toString());
        }
    }
}

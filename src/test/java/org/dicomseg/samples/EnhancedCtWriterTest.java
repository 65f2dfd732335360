package org.dicomseg.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.dicomseg.testing.Conformance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.TagFromName;

class EnhancedCtWriterTest {
    @TempDir
    static Path tmp;

    static VolumeGeometry g;
    static Path enhanced;
    static List<Path> series;
    static String sopUid;

    @BeforeAll
    static void write() throws Exception {
        g = SampleImages.geometry();
        SampleStudy s = SampleStudy.deterministic(11);
        series = new CtSeriesWriter(s, g, Phantom.standard()).write(tmp.resolve("ct"));
        enhanced = tmp.resolve("e/enhanced.dcm");
        sopUid = new EnhancedCtWriter(s, g, Phantom.standard()).write(enhanced);
    }

    @Test
    void headerDescribesAFiveFrameEnhancedCt() throws Exception {
        AttributeList l = Dicom.read(enhanced);
        assertEquals(EnhancedCtWriter.SOP_CLASS, Dicom.str(l, TagFromName.SOPClassUID));
        assertEquals(sopUid, Dicom.str(l, TagFromName.SOPInstanceUID));
        assertEquals(5, Dicom.integer(l, TagFromName.NumberOfFrames));
        assertEquals(64, Dicom.integer(l, TagFromName.Rows));
        AttributeList first = Dicom.read(series.get(0));
        assertEquals(Dicom.str(first, TagFromName.StudyInstanceUID), Dicom.str(l, TagFromName.StudyInstanceUID));
        assertEquals(Dicom.str(first, TagFromName.FrameOfReferenceUID), Dicom.str(l, TagFromName.FrameOfReferenceUID));
        assertTrue(!Dicom.str(first, TagFromName.SeriesInstanceUID).equals(Dicom.str(l, TagFromName.SeriesInstanceUID)));

        AttributeList shared = Dicom.item(l, TagFromName.SharedFunctionalGroupsSequence, 0);
        AttributeList measures = Dicom.item(shared, TagFromName.PixelMeasuresSequence);
        assertArrayEquals(new double[] {4, 4}, Dicom.doubles(measures, TagFromName.PixelSpacing), 0);
        assertEquals(5, Dicom.doubles(measures, TagFromName.SliceThickness)[0], 0);
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0},
                Dicom.doubles(Dicom.item(shared, TagFromName.PlaneOrientationSequence), TagFromName.ImageOrientationPatient), 0);
        AttributeList transform = Dicom.item(shared, TagFromName.PixelValueTransformationSequence);
        assertEquals(-1024, Dicom.doubles(transform, TagFromName.RescaleIntercept)[0], 0);
        assertEquals("HU", Dicom.str(transform, TagFromName.RescaleType));
        assertArrayEquals(new String[] {"DERIVED", "PRIMARY", "VOLUME", "NONE"}, l.get(TagFromName.ImageType).getStringValues());
        assertArrayEquals(new String[] {"DERIVED", "PRIMARY", "VOLUME", "NONE"},
                Dicom.item(shared, TagFromName.CTImageFrameTypeSequence).get(TagFromName.FrameType).getStringValues());
        assertTrue(shared.get(new AttributeTag(0x0018, 0x9477)) != null, "Irradiation Event Identification");

        AttributeList dim = Dicom.item(l, TagFromName.DimensionIndexSequence, 0);
        assertEquals(TagFromName.ImagePositionPatient,
                ((com.pixelmed.dicom.AttributeTagAttribute) dim.get(TagFromName.DimensionIndexPointer)).getAttributeTagValues()[0]);
    }

    @Test
    void framesMatchTheSingleFrameSeries() {
        AttributeList l = Dicom.read(enhanced);
        short[] all = Dicom.pixels(l);
        assertEquals(5 * 64 * 64, all.length);
        for (int k = 0; k < 5; k++) {
            AttributeList frame = Dicom.item(l, TagFromName.PerFrameFunctionalGroupsSequence, k);
            AttributeList content = Dicom.item(frame, TagFromName.FrameContentSequence);
            assertEquals(k + 1, Dicom.integer(content, TagFromName.InStackPositionNumber));
            assertEquals(k + 1, Dicom.integer(content, TagFromName.DimensionIndexValues));
            double[] pos = Dicom.doubles(Dicom.item(frame, TagFromName.PlanePositionSequence), TagFromName.ImagePositionPatient);
            AttributeList slice = Dicom.read(series.get(k));
            assertArrayEquals(Dicom.doubles(slice, TagFromName.ImagePositionPatient), pos, 0);
            short[] sp = Dicom.pixels(slice);
            short[] fp = new short[sp.length];
            System.arraycopy(all, k * sp.length, fp, 0, sp.length);
            assertArrayEquals(sp, fp, "frame " + (k + 1));
        }
    }

    @Test
    void passesDciodvfyWithoutErrorsOrWarnings() {
        String out = Conformance.dciodvfy(enhanced);
        assertTrue(out.contains("EnhancedCTImage"), "not validated as Enhanced CT:\n" + out);
        assertEquals(List.of(), Dicom.dciodvfyErrors(enhanced), out);
        assertEquals(List.of(), Dicom.dciodvfyWarnings(enhanced), out);
        Conformance.assertConformant(enhanced);
    }
}

package org.dicomseg.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.dicomseg.model.CodedConcept;
import org.dicomseg.model.DimensionOrganization;
import org.dicomseg.model.FractionalType;
import org.dicomseg.model.SegmentAlgorithmType;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.dicomseg.dicom.SegTransferSyntax;

/** Header values, segment descriptions, segment search and the frame index of corpus files. */
class SegmentationReaderMetadataTest {

    @BeforeAll
    static void corpus() {
        Shared.assumePresent();
    }

    @Test
    void highdicomBinaryHeader() throws Exception {
        try (SegmentationReader r = SegmentationReader.open(Shared.corpus("highdicom/seg_image_ct_binary.dcm"))) {
            SegmentationMetadata m = r.metadata();
            assertEquals("1.2.840.10008.5.1.4.1.1.66.4", m.sopClassUid());
            assertEquals("1.2.826.0.1.3680043.10.511.3.13328978933257881317937615676904125", m.sopInstanceUid());
            assertEquals(SegTransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, m.transferSyntax());
            assertEquals(16, m.rows());
            assertEquals(16, m.columns());
            assertEquals(3, m.numberOfFrames());
            assertEquals(1, m.bitsAllocated());
            assertArrayEquals(new double[] {0.488281, 0.488281}, m.pixelSpacing(), 1e-9);
            assertEquals(1.25, m.sliceThickness(), 1e-9);
            assertTrue(Double.isNaN(m.spacingBetweenSlices()));
            assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0}, m.imageOrientationPatient(), 1e-9);
            assertEquals("1.3.6.1.4.1.5962.1.1.0.0.0.1196530851.28319.0.4", m.frameOfReferenceUid());
            assertEquals("Doe^Archibald", m.patientName());
            assertEquals("77654033", m.patientId());
            assertEquals("1.3.6.1.4.1.5962.1.1.0.0.0.1196530851.28319.0.1", m.studyInstanceUid());
            assertEquals("NO", m.segmentsOverlap());
            assertNull(m.fractionalType());
            assertNull(m.dimensionOrganizationType());
            assertEquals(1, m.referencedSeries().size());
            assertEquals("1.3.6.1.4.1.5962.1.1.0.0.0.1196530851.28319.0.2", m.referencedSeries().get(0).seriesInstanceUid());
            assertEquals(4, m.referencedSeries().get(0).instances().size());
            assertEquals("1.2.840.10008.5.1.4.1.1.2", m.referencedSeries().get(0).instances().get(0).sopClassUid());
            assertTrue(m.warnings().isEmpty(), m.warnings().toString());

            SegmentDescription s = r.getSegmentDescription(1);
            assertEquals("first segment", s.label());
            assertEquals(CodedConcept.sct("85756007", "Tissue"), s.category());
            assertEquals("Tissue", s.category().meaning());
            assertEquals(CodedConcept.sct("272673000", "Bone"), s.type());
            assertEquals(SegmentAlgorithmType.AUTOMATIC, s.algorithmType());
            assertEquals("test", s.algorithmIdentification().name());
            assertEquals("v1.0", s.algorithmIdentification().version());
            assertEquals(CodedConcept.dcm("123110", "Artificial Intelligence"), s.algorithmIdentification().family());
            assertEquals("test segmentation of computed tomography image", s.trackingId());
            assertEquals("1.2.826.0.1.3680043.10.511.3.10019350872562748248892382642075888", s.trackingUid());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.getSegmentDescription(2));
            assertTrue(e.getMessage().contains("[1]"), e.getMessage());

            FrameInfo f1 = r.frame(1);
            assertEquals(1, f1.referencedSegmentNumber());
            assertArrayEquals(new double[] {-125.0, -128.100006, 103.019997}, f1.imagePositionPatient(), 1e-9);
            assertEquals(1, f1.sources().size());
            assertEquals("1.3.6.1.4.1.5962.1.1.0.0.0.1196530851.28319.0.94", f1.sources().get(0).sopInstanceUid());
            assertArrayEquals(new int[] {1, 2, 3}, r.framesOfSegment(1));
        }
    }

    @Test
    void segmentSearchLikeHighdicom() throws Exception {
        try (SegmentationReader r = SegmentationReader.open(Shared.corpus("highdicom/seg_image_ct_binary.dcm"))) {
            assertEquals(List.of(1), r.segmentNumbers(SegmentFilter.any()));
            assertEquals(List.of(1), r.segmentNumbers(SegmentFilter.any().label("first segment")));
            assertEquals(List.of(), r.segmentNumbers(SegmentFilter.any().label("second segment")));
            assertEquals(List.of(1), r.segmentNumbers(SegmentFilter.any().propertyType(CodedConcept.sct("272673000", "whatever"))));
            assertEquals(List.of(), r.segmentNumbers(SegmentFilter.any().propertyType(CodedConcept.sct("10200004", "Liver"))));
            assertEquals(List.of(1), r.segmentNumbers(SegmentFilter.any().propertyCategory(CodedConcept.sct("85756007", "Tissue"))));
            assertEquals(List.of(1), r.segmentNumbers(SegmentFilter.any().algorithmType(SegmentAlgorithmType.AUTOMATIC)));
            assertEquals(List.of(), r.segmentNumbers(SegmentFilter.any().algorithmType(SegmentAlgorithmType.MANUAL)));
            assertEquals(List.of(1), r.segmentNumbers(SegmentFilter.any().trackingId("test segmentation of computed tomography image")));
            assertEquals(List.of(1), r.segmentNumbers(SegmentFilter.any()
                    .trackingUid("1.2.826.0.1.3680043.10.511.3.10019350872562748248892382642075888")));
            assertEquals(List.of(), r.segmentNumbers(SegmentFilter.any().label("first segment").trackingUid("1.2.3")));
        }
        try (SegmentationReader r = SegmentationReader.open(Shared.corpus("dcmqi/segmentations/partial_overlaps.dcm"))) {
            assertEquals(List.of(1, 2, 3, 4, 5), r.segmentNumbers());
            assertEquals(List.of(4), r.segmentNumbers(SegmentFilter.any().label("LIGHT_BLUE")));
            assertArrayEquals(new int[] {3, 4, 5}, r.framesOfSegment(3));
        }
    }

    @Test
    void fractionalHeaderAndStoredValues() throws Exception {
        try (SegmentationReader r = SegmentationReader.open(Shared.corpus("highdicom/seg_image_ct_binary_fractional.dcm"))) {
            assertEquals(SegmentationType.FRACTIONAL, r.segmentationType());
            assertEquals(FractionalType.PROBABILITY, r.metadata().fractionalType());
            assertEquals(255, r.metadata().maximumFractionalValue());
            assertEquals(8, r.metadata().bitsAllocated());
            byte[] frame = r.readFrame(1);
            long full = 0;
            for (byte b : frame) {
                assertTrue(b == 0 || b == (byte) 255, "stored value " + (b & 0xFF));
                if (b != 0) full++;
            }
            try (SegmentationReader bin = SegmentationReader.open(Shared.corpus("highdicom/seg_image_ct_binary.dcm"))) {
                byte[] b1 = bin.readFrame(1);
                long ones = 0;
                for (byte b : b1) ones += b;
                assertEquals(ones, full, "same mask as the BINARY file");
            }
        }
    }

    @Test
    void tiledFullImplicitFrameOrder() throws Exception {
        try (SegmentationReader r = SegmentationReader.open(Shared.corpus("highdicom/seg_image_sm_dots_tiled_full.dcm"))) {
            SegmentationMetadata m = r.metadata();
            assertEquals(DimensionOrganization.TILED_FULL, m.dimensionOrganizationType());
            assertTrue(m.isTiled());
            assertEquals(50, m.totalPixelMatrixRows());
            assertEquals(50, m.totalPixelMatrixColumns());
            assertArrayEquals(new double[] {0, -1, 0, -1, 0, 0}, m.imageOrientationSlide(), 1e-12);
            // 5 x 5 tiles per segment: columns of tiles first, then rows, then segments.
            FrameInfo f1 = r.frame(1), f2 = r.frame(2), f6 = r.frame(6), f26 = r.frame(26), last = r.frame(1250);
            assertEquals(1, f1.referencedSegmentNumber());
            assertEquals(1, f1.rowPositionInTotalPixelMatrix());
            assertEquals(1, f1.columnPositionInTotalPixelMatrix());
            assertEquals(11, f2.columnPositionInTotalPixelMatrix());
            assertEquals(1, f2.rowPositionInTotalPixelMatrix());
            assertEquals(11, f6.rowPositionInTotalPixelMatrix());
            assertEquals(1, f6.columnPositionInTotalPixelMatrix());
            assertEquals(2, f26.referencedSegmentNumber());
            assertEquals(1, f26.columnPositionInTotalPixelMatrix());
            assertEquals(50, last.referencedSegmentNumber());
            assertEquals(41, last.rowPositionInTotalPixelMatrix());
            assertEquals(41, last.columnPositionInTotalPixelMatrix());
        }
        try (SegmentationReader r = SegmentationReader.open(Shared.corpus("highdicom/seg_image_sm_dots.dcm"))) {
            assertTrue(r.frames().stream().allMatch(FrameInfo::isTile));
            assertTrue(r.frame(1).sources().get(0).frameNumbers().length == 1, Arrays.toString(r.frame(1).sources().get(0).frameNumbers()));
        }
    }

    @Test
    void paletteColorLabelMap() throws Exception {
        try (SegmentationReader r = SegmentationReader.open(Shared.corpus("highdicom/seg_image_sm_control_labelmap_palette_color.dcm"))) {
            assertEquals("1.2.840.10008.5.1.4.1.1.66.7", r.metadata().sopClassUid());
            assertEquals(SegmentationType.LABELMAP, r.segmentationType());
            assertEquals("PALETTE COLOR", r.metadata().photometricInterpretation());
            assertEquals(DimensionOrganization.TILED_SPARSE, r.metadata().dimensionOrganizationType());
            assertTrue(r.hasSegment(0));
            assertEquals(FrameInfo.NO_SEGMENT, r.frame(1).referencedSegmentNumber());
            byte[] frame = r.readFrame(1);
            for (byte b : frame) assertTrue((b & 0xFF) <= 20, "label " + (b & 0xFF));
        }
    }
}

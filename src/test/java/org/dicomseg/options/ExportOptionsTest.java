package org.dicomseg.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.dicomseg.dcmqi.DcmqiMetadata;
import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.model.DimensionOrganization;
import org.dicomseg.model.FractionalType;
import org.dicomseg.model.SegmentAlgorithmType;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.model.codes.Codes;
import org.dicomseg.write.SegWriteOptions;

/** The one conversion of filled export options into {@link SegWriteOptions}, shared by the dialogs and the CLI. */
class ExportOptionsTest {
    private static final String IJ_VERSION = "1.54f";

    private static SegWriteOptions convert(Map<String, String> values, DcmqiMetadata meta) {
        return ExportOptions.toWriteOptions(OptionValues.of(values), meta, IJ_VERSION);
    }

    private static Map<String, String> map(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) m.put(keyValues[i], keyValues[i + 1]);
        return m;
    }

    @Test
    void everyOptionReachesTheWriterOptions() {
        SegWriteOptions o = convert(map(MacroKeys.SEGMENTATION, "fractional", MacroKeys.FRACTIONAL_TYPE, "occupancy",
                MacroKeys.COMPRESSION, "RLE", MacroKeys.SERIES, "  Liver seg ", MacroKeys.SERIES_NUMBER, "12",
                MacroKeys.INSTANCE, "4", MacroKeys.CONTENT, "liver 1", MacroKeys.CREATOR, "Doe^Jane",
                MacroKeys.MANUFACTURER, "ACME", MacroKeys.MODEL, "Segmenter", MacroKeys.SOFTWARE, "9.9",
                MacroKeys.SERIAL, "SN-7", MacroKeys.KEEP, "", MacroKeys.OVERWRITE, "true"), null);
        assertEquals(SegmentationType.FRACTIONAL, o.segmentationType());
        assertEquals(FractionalType.OCCUPANCY, o.fractionalType());
        assertEquals(OutputTransferSyntax.RLE_LOSSLESS, o.transferSyntax());
        assertEquals("Liver seg", o.seriesDescription());
        assertEquals(12, o.seriesNumber());
        assertEquals(4, o.instanceNumber());
        assertEquals("LIVER 1", o.contentLabel());
        assertEquals("Doe^Jane", o.contentCreatorName());
        assertEquals("ACME", o.manufacturer());
        assertEquals("Segmenter", o.manufacturerModelName());
        assertEquals("9.9", o.softwareVersions());
        assertEquals("SN-7", o.deviceSerialNumber());
        assertFalse(o.omitEmptyFrames(), "keep given as a bare key = checked");
        assertTrue(o.overwrite());
    }

    @Test
    void absentKeysTakeTheDefaultsWithTheCallersImageJVersion() {
        SegWriteOptions o = convert(Map.of(), null);
        SegWriteOptions d = SegWriteOptions.defaults();
        assertEquals(SegmentationType.BINARY, o.segmentationType());
        assertEquals(FractionalType.PROBABILITY, o.fractionalType());
        assertEquals(OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, o.transferSyntax());
        assertEquals("Segmentation", o.seriesDescription());
        assertEquals(300, o.seriesNumber());
        assertEquals(1, o.instanceNumber());
        assertEquals("SEGMENTATION", o.contentLabel());
        assertNull(o.contentCreatorName());
        assertEquals(d.manufacturer(), o.manufacturer());
        assertTrue(o.softwareVersions().endsWith(" ImageJ 1.54f"), o.softwareVersions());
        assertEquals(ExportOptions.defaultSoftwareVersions(IJ_VERSION), o.softwareVersions());
        assertTrue(o.omitEmptyFrames());
        assertFalse(o.overwrite());
        assertFalse(o.paletteColorLut(), "MONOCHROME2 unless palette is asked for");
        // the dialog's defaults are the same table, in dialog order
        Map<String, String> defaults = ExportOptions.defaults(SegmentationType.LABELMAP, IJ_VERSION);
        assertEquals(List.of(MacroKeys.SEGMENTATION, MacroKeys.FRACTIONAL_TYPE, MacroKeys.COMPRESSION, MacroKeys.SERIES,
                MacroKeys.SERIES_NUMBER, MacroKeys.INSTANCE, MacroKeys.CONTENT, MacroKeys.CREATOR, MacroKeys.MANUFACTURER,
                MacroKeys.MODEL, MacroKeys.SOFTWARE, MacroKeys.SERIAL, MacroKeys.KEEP, MacroKeys.PALETTE, MacroKeys.OVERWRITE),
                List.copyOf(defaults.keySet()));
        assertEquals("LABELMAP", defaults.get(MacroKeys.SEGMENTATION));
        assertEquals("300", defaults.get(MacroKeys.SERIES_NUMBER));
        assertEquals("false", defaults.get(MacroKeys.KEEP));
        assertEquals(SegmentationType.LABELMAP, ExportOptions.toWriteOptions(OptionValues.of(defaults), null, IJ_VERSION)
                .segmentationType());
    }

    /** dcmqi metadata with one segment (it needs one), series-level values to be added. */
    private static DcmqiMetadata.Builder metadata() {
        return DcmqiMetadata.builder().addSegment(SegmentDescription.builder(1, "Liver").category(Codes.ANATOMICAL_STRUCTURE)
                .type(Codes.TISSUE).algorithmType(SegmentAlgorithmType.MANUAL).build());
    }

    @Test
    void metadataReplacesOnlyWhatWasLeftAtItsDefault() {
        DcmqiMetadata meta = metadata().seriesDescription("From dcmqi").seriesNumber("77").instanceNumber("5")
                .contentLabel("dcmqi_label").contentCreatorName("Reader^One").contentDescription("From the JSON").build();
        SegWriteOptions fromMeta = convert(Map.of(), meta);
        assertEquals("From dcmqi", fromMeta.seriesDescription());
        assertEquals(77, fromMeta.seriesNumber());
        assertEquals(5, fromMeta.instanceNumber());
        assertEquals("DCMQI_LABEL", fromMeta.contentLabel());
        assertEquals("Reader^One", fromMeta.contentCreatorName());
        assertEquals("From the JSON", fromMeta.contentDescription());

        SegWriteOptions explicit = convert(map(MacroKeys.SERIES, "Typed", MacroKeys.SERIES_NUMBER, "9", MacroKeys.INSTANCE, "2",
                MacroKeys.CONTENT, "TYPED", MacroKeys.CREATOR, "Typed^Name"), meta);
        assertEquals("Typed", explicit.seriesDescription());
        assertEquals(9, explicit.seriesNumber());
        assertEquals(2, explicit.instanceNumber());
        assertEquals("TYPED", explicit.contentLabel());
        assertEquals("Typed^Name", explicit.contentCreatorName());
        assertEquals("From the JSON", explicit.contentDescription(), "the metadata's content description is always taken");

        // a value typed equal to the default counts as the default; a series number dcmqi spells badly is ignored
        SegWriteOptions atDefault = convert(map(MacroKeys.SERIES, "Segmentation", MacroKeys.SERIES_NUMBER, "300"),
                metadata().seriesDescription("Meta").seriesNumber("x7").build());
        assertEquals("Meta", atDefault.seriesDescription());
        assertEquals(300, atDefault.seriesNumber());
    }

    @Test
    void aBadChoiceNamesTheKeyAsTheCallerShowsItAndTheAllowedValues() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> convert(map(MacroKeys.COMPRESSION, "zip"), null));
        assertEquals(MacroKeys.COMPRESSION, e.key());
        assertEquals("\"zip\" is not a valid choice for \"compression\": use one of [none, rle, j2k, jpegls, deflate]", e.getMessage());

        InvalidOptionException cli = assertThrows(InvalidOptionException.class, () -> ExportOptions.toWriteOptions(
                OptionValues.of(map(MacroKeys.FRACTIONAL_TYPE, "fuzzy"), key -> "--" + key.replace('_', '-')), null, IJ_VERSION));
        assertEquals(MacroKeys.FRACTIONAL_TYPE, cli.key());
        assertEquals("\"fuzzy\" is not a valid choice for \"--fractional-type\": use one of [PROBABILITY, OCCUPANCY]",
                cli.getMessage());

        InvalidOptionException n = assertThrows(InvalidOptionException.class,
                () -> convert(map(MacroKeys.SERIES_NUMBER, "ten"), null));
        assertEquals("series_number=ten is not a number", n.getMessage());
    }

    @Test
    void theWritersOwnRefusalIsNotAnOptionError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> convert(map(MacroKeys.SEGMENTATION, "BINARY", MacroKeys.CONTENT, "not-a-code-string"), null));
        assertFalse(e instanceof InvalidOptionException, e.getMessage());
        assertTrue(e.getMessage().contains("Content Label"), e.getMessage());
    }

    @Test
    void binaryRleWarnsThatPydicomCannotReadIt() {
        String w = ExportOptions.readerWarning(convert(map(MacroKeys.SEGMENTATION, "BINARY", MacroKeys.COMPRESSION, "rle"), null));
        assertTrue(w != null && w.startsWith("warning:") && w.contains("pydicom") && w.contains("highdicom") && w.contains("1-bit RLE"), w);
        for (String[] ok : new String[][] {{"BINARY", "none"}, {"BINARY", "j2k"}, {"LABELMAP", "rle"}, {"FRACTIONAL", "rle"}}) {
            assertNull(ExportOptions.readerWarning(convert(map(MacroKeys.SEGMENTATION, ok[0], MacroKeys.COMPRESSION, ok[1]), null)),
                    ok[0] + "+" + ok[1]);
        }
        assertTrue(ExportOptions.COMPRESSION_HELP.contains("pydicom/highdicom cannot read BINARY (1-bit) RLE"));
    }

    @Test
    void slideChoices() {
        SegWriteOptions base = SegWriteOptions.defaults();
        assertEquals(DimensionOrganization.TILED_SPARSE,
                ExportOptions.withTileOrganization(base, OptionValues.of(Map.of())).tiledGeometry().organization());
        assertEquals(DimensionOrganization.TILED_FULL, ExportOptions.withTileOrganization(base,
                OptionValues.of(map(MacroKeys.TILES, "FULL"))).tiledGeometry().organization());
        assertFalse(ExportOptions.targetsFinestLevel(OptionValues.of(Map.of())));
        assertTrue(ExportOptions.targetsFinestLevel(OptionValues.of(map(MacroKeys.TARGET, "finest"))));
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> ExportOptions.targetsFinestLevel(OptionValues.of(map(MacroKeys.TARGET, "coarsest"))));
        assertEquals("\"coarsest\" is not a valid choice for \"target\": use one of [image, finest]", e.getMessage());
    }

    @Test
    void compressionChoicesMapToTransferSyntaxes() {
        assertEquals(OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, ExportOptions.transferSyntax("none"));
        assertEquals(OutputTransferSyntax.RLE_LOSSLESS, ExportOptions.transferSyntax("rle"));
        assertEquals(OutputTransferSyntax.JPEG_2000_LOSSLESS, ExportOptions.transferSyntax("J2K"));
        assertEquals(OutputTransferSyntax.DEFLATED_IMAGE_FRAME, ExportOptions.transferSyntax("deflate"));
        assertEquals(OutputTransferSyntax.JPEG_LS_LOSSLESS, ExportOptions.transferSyntax("jpegls"));
    }
}

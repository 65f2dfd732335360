package org.dicomseg.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;

import ij.ImagePlus;

import org.dicomseg.read.SegmentationReader;
import org.dicomseg.ij.export.ExportDecoded;
import org.dicomseg.options.ImportOptions;
import org.dicomseg.ij.open.SegImporter;
import org.dicomseg.ij.open.ImportedSegmentation;
import org.dicomseg.ij.open.ImportReader;
import org.dicomseg.ij.source.SourceLocator;
import org.dicomseg.testing.Conformance;
import org.dicomseg.task.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Import, then export again without saying anything: the importer's properties give sources and metadata. */
class ExportImportRoundTripTest {
    @Test void importedLabelImageExportsAgainUnchanged(@TempDir Path dir) throws Exception {
        ImagePlus imp = ExportCommandTest.labels();
        ExportMacroRunner.run(imp, ExportSegmentMetadataTest.EDIT_LIVER, () -> SegmentMetadataCommand.apply(imp));
        Path first = dir.resolve("first.dcm");
        ExportMacroRunner.run(imp, "source=[" + ExportCommandTest.CT + "] out=[" + first + "]", () -> ExportLabelImageCommand.export(imp));

        ImagePlus imported;
        try (SegmentationReader r = SegmentationReader.open(first)) {
            ImportOptions o = ImportOptions.builder().output(ImportOptions.Output.LABEL_IMAGE).openSource(true)
                    .sourceFolder(ExportCommandTest.CT.toString()).build();
            ImportedSegmentation v = ImportReader.read(r, o.segments(), Progress.NONE);
            imported = new SegImporter(o, Progress.NONE).run(v, first, "imported").image();
        }
        assertNotNull(imported.getProp(SourceLocator.SOURCE_PROPERTY), "the importer records the source folder");
        Path second = dir.resolve("second.dcm");
        ExportMacroRunner.run(imported, "out=[" + second + "]", () -> ExportLabelImageCommand.export(imported));
        Conformance.assertConformant(second);
        ExportDecoded d = ExportDecoded.read(second, SourceLocator.fromPath(ExportCommandTest.CT.toString(), 64, 64, 5));
        ExportCommandTest.assertSameAsLabels(imp, d, 3);
        assertEquals("Liver", d.segments.get(0).label());
        assertEquals("L-1", d.segments.get(0).trackingId());
    }
}

package org.dicomseg.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.dicomseg.cli.Main;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.reconstruct.ReconstructionOptions;
import org.dicomseg.reconstruct.Reconstructor;
import org.dicomseg.reconstruct.SegmentationVolume;
import org.dicomseg.source.SourceFrame;
import org.dicomseg.source.SourceImages;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * dcmqi's NRRD ground truths against their DICOM sources ({@code ../shared/corpus/dcmqi}, see
 * MANIFEST.tsv): {@code export --labels X.nrrd} gives a SEG whose every segment equals dcmqi's SEG
 * of the same file voxel for voxel (segments matched by label: both take their descriptions from
 * dcmqi's metadata examples), both read on the source grid (each plane by its position).
 */
class DcmqiGroundTruthTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({
        "liver_seg.nrrd, ct-3slice, liver.dcm, ../doc/examples/seg-example.json, 1",
        "partial_overlaps-1.nrrd, ct-3slice, partial_overlaps.dcm, ../doc/examples/seg-example_partial_overlaps.json, 1 4 5",
        "partial_overlaps-2.nrrd, ct-3slice, partial_overlaps.dcm, ../doc/examples/seg-example_partial_overlaps.json, 2",
        "partial_overlaps-3.nrrd, ct-3slice, partial_overlaps.dcm, ../doc/examples/seg-example_partial_overlaps.json, 3",
        "23x38x3/nrrd/label.nrrd, 23x38x3/image, 23x38x3/seg/label.seg, ../doc/examples/seg-example.json, 1",
    })
    void ourSegEqualsDcmqisVoxelForVoxel(String nrrd, String source, String dcmqiSeg, String meta, String segments) throws Exception {
        Shared.assumePresent();
        Path base = Shared.corpus("dcmqi/segmentations");
        Path ours = tmp.resolve("ours.dcm");
        List<String> args = new ArrayList<>(List.of("export", "--labels", base.resolve(nrrd).toString(), "--source",
                base.resolve(source).toString(), "--out", ours.toString()));
        if (meta != null) args.addAll(List.of("--meta", base.resolve(meta).normalize().toString()));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, Main.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8)),
                err.toString());
        Conformance.assertConformant(ours);

        List<Path> files;
        try (Stream<Path> s = Files.list(base.resolve(source))) {
            files = s.sorted().collect(Collectors.toList());
        }
        List<double[]> positions = new ArrayList<>();
        for (SourceFrame f : SourceImages.read(files).frames()) positions.add(f.position().toArray());
        try (SegmentationReader a = SegmentationReader.open(ours); SegmentationReader b = SegmentationReader.open(base.resolve(dcmqiSeg))) {
            for (String s : segments.trim().split(" ")) {
                int seg = Integer.parseInt(s);
                String label = b.getSegmentDescription(seg).label();
                int mine = a.segments().stream().filter(d -> d.label().equals(label)).findFirst().orElseThrow().segmentNumber();
                SegmentationVolume va = Reconstructor.volumeOnGrid(a, positions, null, ReconstructionOptions.defaults().segments(mine));
                SegmentationVolume vb = Reconstructor.volumeOnGrid(b, positions, null, ReconstructionOptions.defaults().segments(seg));
                assertEquals(positions.size(), va.planes());
                long nonzero = 0;
                for (int p = 0; p < va.planes(); p++) {
                    assertArrayEquals(vb.bytePlane(0, p), va.bytePlane(0, p), nrrd + " segment " + seg + " plane " + p);
                    for (byte x : va.bytePlane(0, p)) if (x != 0) nonzero++;
                }
                assertTrue(nonzero > 0, "segment " + seg + " is empty");
                assertEquals(b.segmentPixelCounts().get(seg), a.segmentPixelCounts().get(mine));
            }
        }
    }
}

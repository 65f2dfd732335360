package org.dicomseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;

import org.dicomseg.read.SegmentationReader;
import org.dicomseg.reconstruct.ReconstructionOptions;
import org.dicomseg.reconstruct.Reconstructor;
import org.dicomseg.reconstruct.SegmentationVolume;
import org.dicomseg.samples.BenchmarkSeries;
import org.dicomseg.samples.VolumeGeometry;
import org.dicomseg.source.SourceImages;
import org.dicomseg.testing.CanonicalDicom;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.Nibabel;
import org.dicomseg.testing.OrthancServer;
import org.dicomseg.web.Credentials;
import org.dicomseg.web.DicomJson;
import org.dicomseg.web.DicomWebClient;
import org.dicomseg.web.DicomWebUrl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code export --labels X.nii.gz}: NIfTI files written by nibabel in several axis orders and
 * directions (RAS as nnU-Net keeps it, rows bottom-up as dcm2niix, flipped in x and stored in reverse
 * slice order, transposed with a qform only, slice axis first with an sform only, big-endian int16,
 * NIfTI-2 uint16, an sform that wins over a disagreeing qform) must give the same SEG, byte for byte
 * but for generated UIDs and clock values, as the TIFF of the same labels in DICOM order; a file one
 * slice off the sources is refused and leaves nothing.
 */
class VolumeExportCliTest {
    static final int PLANES = 150;
    static final int ROWS = 83;
    static final int COLUMNS = 97;

    @TempDir
    static Path dir;
    static Path ct;
    static List<Path> ctFiles;
    static Path tiffSeg;
    static byte[] labels;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Labels 1, 2 and 5 (gapped) in SEG order; planes 0-9, 70-74 and 141-149 empty. */
    static int label(int p, int r, int c) {
        if (p < 10 || (p >= 70 && p < 75) || p >= 141) return 0;
        double dz = (p - 35) / 25.0, dy = (r - 30) / 18.0, dx = (c - 40) / 25.0;
        if (dz * dz + dy * dy + dx * dx <= 1) return 1;
        if (p >= 40 && r >= 50 && r < 75 && c >= 60 && c < 90) return 2;
        dz = (p - 85) / 6.0;
        dy = (r - 20) / 8.0;
        dx = (c - 75) / 9.0;
        return dz * dz + dy * dy + dx * dx <= 1 ? 5 : 0;
    }

    static double[] origin() {
        VolumeGeometry g = BenchmarkSeries.geometry(PLANES, ROWS, COLUMNS);
        return new double[] {-(COLUMNS - 1) * g.columnSpacing() / 2.0, -(ROWS - 1) * g.rowSpacing() / 2.0, -(PLANES - 1) * g.sliceSpacing() / 2.0};
    }

    static double[] spacing() {
        VolumeGeometry g = BenchmarkSeries.geometry(PLANES, ROWS, COLUMNS);
        return new double[] {g.columnSpacing(), g.rowSpacing(), g.sliceSpacing()};
    }

    @BeforeAll
    static void fixtures() throws Exception {
        ct = Files.createDirectories(dir.resolve("ct"));
        ctFiles = BenchmarkSeries.write(ct, PLANES, ROWS, COLUMNS, BenchmarkSeries.Pixels.ZEROS, 17);
        labels = new byte[PLANES * ROWS * COLUMNS];
        ImageStack stack = new ImageStack(COLUMNS, ROWS);
        for (int p = 0; p < PLANES; p++) {
            byte[] plane = new byte[ROWS * COLUMNS];
            for (int r = 0; r < ROWS; r++) for (int c = 0; c < COLUMNS; c++) plane[r * COLUMNS + c] = (byte) label(p, r, c);
            System.arraycopy(plane, 0, labels, p * ROWS * COLUMNS, plane.length);
            stack.addSlice(new ByteProcessor(COLUMNS, ROWS, plane));
        }
        Path tif = dir.resolve("labels.tif");
        assertTrue(new FileSaver(new ImagePlus("labels", stack)).saveAsTiffStack(tif.toString()));
        tiffSeg = dir.resolve("tiff-seg.dcm");
        assertEquals(0, Main.run(List.of("export", "--labels", tif.toString(), "--source", ct.toString(), "--out", tiffSeg.toString()),
                new PrintStream(new ByteArrayOutputStream()), System.err));
        Conformance.assertConformant(tiffSeg);
        Nibabel.writeVariants(Files.createDirectories(dir.resolve("nib")), labels, PLANES, ROWS, COLUMNS, origin(), spacing());
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    static String canonical(Path seg) throws Exception {
        CanonicalDicom c = new CanonicalDicom(ctFiles, false);
        c.file(0, Files.readAllBytes(seg));
        return c.hash();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ras.nii.gz", "rows_flipped.nii.gz", "x_and_slices_flipped.nii.gz", "transposed.nii", "slices_first.nii.gz",
        "bigendian_int16.nii", "nifti2_uint16.nii.gz", "sform_wins.nii.gz"})
    void everyOrientationGivesTheSegOfTheTiffInDicomOrder(String variant) throws Exception {
        Path seg = dir.resolve(variant + ".dcm");
        assertEquals(0, run("export", "--labels", dir.resolve("nib").resolve(variant).toString(), "--source", ct.toString(), "--out",
                seg.toString()), err.toString());
        assertTrue(out.toString().contains("planes matched by position"), out.toString());
        Conformance.assertConformant(seg);
        assertEquals(canonical(tiffSeg), canonical(seg), variant + " gives another SEG than the TIFF in DICOM order");
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            SegmentationVolume v = Reconstructor.volumeOnGrid(r, positions(), null, ReconstructionOptions.defaults().combineToLabelMap());
            int[] expectedValue = {0, 1, 2, 0, 0, 3}; // labels 1, 2, 5 are segments 1, 2, 3
            for (int p = 0; p < PLANES; p++) {
                byte[] got = v.bytePlane(0, p);
                for (int i = 0; i < ROWS * COLUMNS; i++) {
                    if ((got[i] & 0xFF) != expectedValue[labels[p * ROWS * COLUMNS + i]]) {
                        throw new AssertionError(variant + ": plane " + p + " pixel " + i + " is " + (got[i] & 0xFF));
                    }
                }
            }
        }
    }

    /**
     * A NIfTI export against a DICOMweb series with {@code --user}: the credentials reach the source
     * lookup (they were ignored there, only the environment variables were read), and the SEG is the
     * one written against the local files.
     */
    @Test
    void aServerSeriesWithUserGivesTheSegOfTheLocalFiles() throws Exception {
        try (OrthancServer orthanc = OrthancServer.startOrSkip()) {
            orthanc.uploadFolder(ct);
            DicomWebClient c = DicomWebClient.connect(DicomWebUrl.parse(orthanc.dicomWeb()),
                    Credentials.basic(orthanc.user(), orthanc.password()), null);
            JsonObject s = c.search(null, "series", Map.of("Modality", "CT")).get(0);
            String series = orthanc.dicomWeb() + "/studies/" + DicomJson.string(s, "0020000D") + "/series/" + DicomJson.string(s, "0020000E");
            Path seg = dir.resolve("remote-ras.dcm");
            assertEquals(0, run("export", "--labels", dir.resolve("nib/ras.nii.gz").toString(), "--source", series, "--out", seg.toString(),
                    "--user", orthanc.user() + ":" + orthanc.password()), err.toString());
            Conformance.assertConformant(seg);
            assertEquals(canonical(tiffSeg), canonical(seg), "the SEG against the server's series differs from the local one");
            Path none = dir.resolve("remote-refused.dcm");
            assertEquals(1, run("export", "--labels", dir.resolve("nib/ras.nii.gz").toString(), "--source", series, "--out", none.toString(),
                    "--user", orthanc.user() + ":not-the-password"));
            assertTrue(err.toString().contains("refused the credentials"), err.toString());
            assertFalse(Files.exists(none));
        }
    }

    static List<double[]> positions() throws Exception {
        List<double[]> pos = new ArrayList<>();
        for (var f : SourceImages.read(ctFiles).frames()) pos.add(f.position().toArray());
        return pos;
    }

    @Test
    void aFileOneSliceOffIsRefusedNamingTheOriginAndLeavesNothing() {
        Path seg = dir.resolve("off.dcm");
        assertEquals(1, run("export", "--labels", dir.resolve("nib/one_slice_off.nii.gz").toString(), "--source", ct.toString(), "--out",
                seg.toString()));
        String e = err.toString().trim();
        assertTrue(e.contains("one_slice_off.nii.gz does not lie on the source grid: origin differs"), e);
        assertEquals(1, e.lines().count(), e);
        assertFalse(Files.exists(seg));
    }

    @Test
    void ownGeometryWritesTheFilesPlanes() throws Exception {
        Path seg = dir.resolve("own.dcm");
        assertEquals(0, run("export", "--labels", dir.resolve("nib/one_slice_off.nii.gz").toString(), "--source", ct.toString(), "--out",
                seg.toString(), "--geometry", "file"), err.toString());
        Conformance.assertConformant(seg);
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            SegmentationVolume v = Reconstructor.volume(r, ReconstructionOptions.defaults().combineToLabelMap());
            // the file's plane k lies one slice above source plane k: its first plane with labels is plane 10, at source plane 11
            double[] first = v.planePositions()[0];
            assertEquals(origin()[2] + 11 * spacing()[2], first[2], 1e-3);
        }
    }

    @Test
    void floatsAreFractionsAndOutOfRangeValuesAreRefusedByName() throws Exception {
        Path d = Files.createDirectories(dir.resolve("float"));
        float[] f = new float[PLANES * ROWS * COLUMNS];
        ImageStack stack = new ImageStack(COLUMNS, ROWS);
        for (int p = 0; p < PLANES; p++) {
            float[] plane = new float[ROWS * COLUMNS];
            for (int i = 0; i < plane.length; i++) plane[i] = labels[p * ROWS * COLUMNS + i] == 0 ? 0f : (labels[p * ROWS * COLUMNS + i] * 0.19f);
            System.arraycopy(plane, 0, f, p * plane.length, plane.length);
            stack.addSlice(new FloatProcessor(COLUMNS, ROWS, plane));
        }
        Path tif = d.resolve("p.tif");
        assertTrue(new FileSaver(new ImagePlus("p", stack)).saveAsTiffStack(tif.toString()));
        Path tiff = d.resolve("tiff.dcm");
        assertEquals(0, run("export", "--labels", tif.toString(), "--source", ct.toString(), "--out", tiff.toString()), err.toString());
        Nibabel.writeVariants(d, f, PLANES, ROWS, COLUMNS, origin(), spacing());
        Path seg = d.resolve("nii.dcm");
        assertEquals(0, run("export", "--labels", d.resolve("x_and_slices_flipped.nii.gz").toString(), "--source", ct.toString(), "--out",
                seg.toString()), err.toString());
        assertTrue(out.toString().contains("FRACTIONAL"), out.toString());
        Conformance.assertConformant(seg, tiff);
        assertEquals(canonical(tiff), canonical(seg));

        f[5 * ROWS * COLUMNS + 7] = 1.5f;
        Nibabel.writeVariants(d, f, PLANES, ROWS, COLUMNS, origin(), spacing());
        Path bad = d.resolve("bad.dcm");
        assertEquals(1, run("export", "--labels", d.resolve("ras.nii.gz").toString(), "--source", ct.toString(), "--out", bad.toString()));
        assertTrue(err.toString().contains("ras.nii.gz: value 1.5 at SEG plane 6, row 1, column 8 is outside [0, 1]"), err.toString());
        assertFalse(Files.exists(bad));
    }

    /** A NRRD header for the labels on the sources' grid, in {@code space}, with {@code spacingScale} on the column spacing. */
    static String nrrdHeader(String space, double spacingScale, String data) {
        double[] o = origin();
        double[] sp = spacing();
        double sx = "right-anterior-superior".equals(space) ? -1 : 1;
        return "NRRD0005\n# hand-written\ntype: uint8\ndimension: 3\nspace: " + space + "\nsizes: " + COLUMNS + " " + ROWS + " " + PLANES
                + "\nspace directions: (" + sx * sp[0] * spacingScale + ",0,0) (0," + sx * sp[1] + ",0) (0,0," + sp[2] + ")\n"
                + "kinds: domain domain domain\nencoding: raw\n" + (data != null ? "data file: " + data + "\n" : "")
                + "space origin: (" + sx * o[0] + "," + sx * o[1] + "," + o[2] + ")\n";
    }

    @Test
    void detachedAndRasNrrdHeadersGiveTheTiffsSeg() throws Exception {
        Path d = Files.createDirectories(dir.resolve("nrrd"));
        Files.write(d.resolve("labels.raw"), labels);
        Files.writeString(d.resolve("lps.nhdr"), nrrdHeader("left-posterior-superior", 1, "labels.raw"));
        byte[] head = (nrrdHeader("right-anterior-superior", 1, null) + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + labels.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(labels, 0, all, head.length, labels.length);
        Files.write(d.resolve("ras.nrrd"), all);
        for (String f : new String[] {"lps.nhdr", "ras.nrrd"}) {
            Path seg = d.resolve(f + ".dcm");
            assertEquals(0, run("export", "--labels", d.resolve(f).toString(), "--source", ct.toString(), "--out", seg.toString()), err.toString());
            Conformance.assertConformant(seg);
            assertEquals(canonical(tiffSeg), canonical(seg), f);
        }
        Files.writeString(d.resolve("wide.nhdr"), nrrdHeader("left-posterior-superior", 1.1, "labels.raw"));
        Path seg = d.resolve("wide.dcm");
        assertEquals(1, run("export", "--labels", d.resolve("wide.nhdr").toString(), "--source", ct.toString(), "--out", seg.toString()));
        assertTrue(err.toString().contains("wide.nhdr does not lie on the source grid: spacing differs (file 2.90"), err.toString());
        assertFalse(Files.exists(seg));
    }

    /** Exports {@code file} expecting exit 1, one line on stderr containing {@code message}, and no output. */
    private void refused(Path file, String message, String... more) throws java.io.IOException {
        Path seg = dir.resolve("refused.dcm");
        List<String> args = new ArrayList<>(List.of("export", "--labels", file.toString(), "--source", ct.toString(), "--out", seg.toString()));
        args.addAll(List.of(more));
        assertEquals(1, run(args.toArray(new String[0])), out.toString());
        String e = err.toString().trim();
        assertTrue(e.contains(message), e);
        assertEquals(1, e.lines().count(), e);
        assertFalse(Files.exists(seg));
        try (var s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith("refused")), "leftover temporary file");
        }
    }

    @Test
    void badFilesAreRefusedWithOneLineAndNoOutput() throws Exception {
        Path d = Files.createDirectories(dir.resolve("bad"));
        byte[] gz = Files.readAllBytes(dir.resolve("nib/ras.nii.gz"));
        Files.write(d.resolve("truncated.nii.gz"), java.util.Arrays.copyOf(gz, gz.length * 2 / 3));
        refused(d.resolve("truncated.nii.gz"), "truncated.nii.gz: ");
        byte[] nii = Files.readAllBytes(dir.resolve("nib/transposed.nii"));
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(nii.clone()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putFloat(108, 100f);
        Files.write(d.resolve("vox_offset_inside.nii"), b.array());
        refused(d.resolve("vox_offset_inside.nii"), "vox_offset_inside.nii: vox_offset 100.0 lies inside the header");
        b = java.nio.ByteBuffer.wrap(nii.clone()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putFloat(108, 4096f);
        Files.write(d.resolve("vox_offset_beyond.nii"), b.array());
        refused(d.resolve("vox_offset_beyond.nii"), "vox_offset_beyond.nii: the header says 83 x 97 x 150 voxels of UINT8 (1207650 bytes from offset 4096) but the file has");
        b = java.nio.ByteBuffer.wrap(nii.clone()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putShort(46, (short) 30000);
        Files.write(d.resolve("lying_dims.nii"), b.array());
        refused(d.resolve("lying_dims.nii"), "lying_dims.nii: the header says 83 x 97 x 30000 voxels");
        b = java.nio.ByteBuffer.wrap(nii.clone()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putShort(70, (short) 128).putShort(72, (short) 24);
        Files.write(d.resolve("rgb.nii"), b.array());
        refused(d.resolve("rgb.nii"), "rgb.nii: voxels of type RGB24 are not read");
        // lying dims inside gzip: the data end early while the SEG is being written
        byte[] raw;
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            raw = in.readAllBytes();
        }
        java.nio.ByteBuffer.wrap(raw).order(java.nio.ByteOrder.LITTLE_ENDIAN).putShort(46, (short) 151);
        java.io.ByteArrayOutputStream z = new java.io.ByteArrayOutputStream();
        try (var zo = new java.util.zip.GZIPOutputStream(z)) {
            zo.write(raw);
        }
        Files.write(d.resolve("lying_dims.nii.gz"), z.toByteArray());
        refused(d.resolve("lying_dims.nii.gz"), "lying_dims.nii.gz: the voxel data end early, in plane 150 of 151", "--geometry", "file");
    }
}

package org.dicomseg.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.dicomseg.mask.MaskPlanes;
import org.dicomseg.mask.PixelKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The formats at the level of headers and planes: our NIfTI/NRRD writers read back by our readers
 * (grid and voxels), NRRD with the component axis first, NIfTI scaling, the quaternion both ways,
 * and headers whose sizes cannot be true refused before anything is allocated.
 */
class VolumeFormatsTest {
    @TempDir
    Path dir;

    static VolumeGrid oblique(int nx, int ny, int nz) {
        double a = Math.toRadians(17);
        double[] r = {Math.cos(a), Math.sin(a), 0};
        double[] c = {-Math.sin(a) * Math.cos(0.2), Math.cos(a) * Math.cos(0.2), Math.sin(0.2)};
        double[] n = {r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0]};
        return new VolumeGrid(new int[] {nx, ny, nz}, new double[] {-120.5, 33.25, 410},
                new double[][] {{r[0] * 0.7, r[1] * 0.7, r[2] * 0.7}, {c[0] * 0.8, c[1] * 0.8, c[2] * 0.8}, {n[0] * 2.5, n[1] * 2.5, n[2] * 2.5}});
    }

    @Test
    void writtenNiftiAndNrrdReadBackWithTheirGridAndVoxels() throws Exception {
        VolumeGrid g = oblique(13, 11, 7);
        short[][] planes = new short[2 * 7][13 * 11];
        Random rnd = new Random(5);
        for (short[] p : planes) for (int i = 0; i < p.length; i++) p[i] = (short) (rnd.nextInt(4) == 0 ? rnd.nextInt(3000) : 0);
        for (String name : new String[] {"v.nii", "v.nii.gz", "v.nrrd"}) {
            Path f = dir.resolve(name);
            VolumeWriter.forFile(f).write(f, g, VoxelType.UINT16, 2, (c, k) -> planes[c * 7 + k]);
            try (LabelVolume v = LabelVolume.read(f)) {
                assertEquals(2, v.components(), name);
                assertEquals(VoxelType.UINT16, v.header().type());
                for (int a = 0; a < 3; a++) {
                    assertEquals(g.size(a), v.grid().size(a));
                    assertArrayEquals(g.axis(a), v.grid().axis(a), 1e-5, name + " axis " + a);
                }
                assertArrayEquals(g.origin(), v.grid().origin(), 1e-4, name);
                for (int c = 0; c < 2; c++) {
                    MaskPlanes m = v.planes(c, v.ownGrid());
                    assertEquals(PixelKind.UINT16, m.kind());
                    for (int k = 0; k < 7; k++) assertArrayEquals(planes[c * 7 + k], (short[]) m.readPlane(k, null), name + " " + c + "," + k);
                }
            }
        }
    }

    @Test
    void quaternionRoundTripsIncludingLeftHandedFrames() {
        Random rnd = new Random(11);
        for (int t = 0; t < 200; t++) {
            double b = rnd.nextGaussian(), c = rnd.nextGaussian(), d = rnd.nextGaussian(), a = rnd.nextGaussian();
            double n = Math.sqrt(a * a + b * b + c * c + d * d);
            if (a < 0) n = -n;
            double[][] r = NiftiHeader.rotation(b / n, c / n, d / n);
            double[][] cols = {{r[0][0], r[1][0], r[2][0]}, {r[0][1], r[1][1], r[2][1]}, {r[0][2], r[1][2], r[2][2]}};
            boolean flip = t % 2 == 1;
            if (flip) cols[2] = new double[] {-cols[2][0], -cols[2][1], -cols[2][2]};
            double[] q = NiftiHeader.quaternion(cols);
            assertEquals(flip ? -1 : 1, q[3]);
            double[][] back = NiftiHeader.rotation(q[0], q[1], q[2]);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) assertEquals(cols[j][i] * (j == 2 ? q[3] : 1), back[i][j], 1e-9, "t=" + t);
            }
        }
    }

    @Test
    void nrrdWithTheComponentAxisFirstAndBigEndianShorts() throws Exception {
        int nx = 5, ny = 4, nz = 3, nc = 3;
        ByteBuffer b = ByteBuffer.allocate(2 * nx * ny * nz * nc).order(ByteOrder.BIG_ENDIAN);
        for (int z = 0; z < nz; z++) for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++) for (int c = 0; c < nc; c++) b.putShort((short) (c == (x + y + z) % 3 ? 1 : 0));
        String h = "NRRD0004\ntype: short\ndimension: 4\nspace: LPS\nsizes: 3 5 4 3\nspace directions: none (1,0,0) (0,1,0) (0,0,2)\n"
                + "kinds: vector domain domain domain\nendian: big\nencoding: raw\nspace origin: (1,2,3)\n\n";
        Path f = dir.resolve("v.nrrd");
        byte[] head = h.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + b.capacity()];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(b.array(), 0, all, head.length, b.capacity());
        Files.write(f, all);
        try (LabelVolume v = LabelVolume.read(f)) {
            assertEquals(3, v.components());
            assertTrue(v.header().componentsFastest());
            for (int c = 0; c < nc; c++) {
                MaskPlanes m = v.planes(c, v.ownGrid());
                for (int z = 0; z < nz; z++) {
                    short[] p = (short[]) m.readPlane(z, null);
                    for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++) assertEquals(c == (x + y + z) % 3 ? 1 : 0, p[y * nx + x]);
                }
            }
        }
    }

    @Test
    void sclSlopeMakesFractions() throws Exception {
        VolumeGrid g = oblique(6, 5, 4);
        byte[] plane = new byte[30];
        for (int i = 0; i < 30; i++) plane[i] = (byte) (i * 8);
        Path f = dir.resolve("p.nii");
        VolumeWriter.nifti(false).write(f, g, VoxelType.UINT8, 1, (c, k) -> plane);
        byte[] raw = Files.readAllBytes(f);
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).putFloat(112, 1 / 255f).putFloat(116, 0f);
        Files.write(f, raw);
        try (LabelVolume v = LabelVolume.read(f)) {
            assertTrue(v.fractional());
            float[] p = (float[]) v.planes(0, v.ownGrid()).readPlane(2, null);
            for (int i = 0; i < 30; i++) assertEquals(i * 8 / 255.0, p[i], 1e-6);
        }
    }

    @Test
    void headersThatCannotBeTrueAreRefusedBeforeAllocation() throws Exception {
        Path f = dir.resolve("huge.nrrd");
        Files.writeString(f, "NRRD0004\ntype: float\ndimension: 3\nspace: LPS\nsizes: 200000 200000 9\n"
                + "space directions: (1,0,0) (0,1,0) (0,0,1)\nencoding: raw\nspace origin: (0,0,0)\n\n");
        VolumeFormatException e = assertThrows(VolumeFormatException.class, () -> LabelVolume.read(f));
        assertTrue(e.getMessage().startsWith("huge.nrrd: one plane of 200000 x 200000 voxels"), e.getMessage());
        Files.writeString(f, "NRRD0004\ntype: uchar\ndimension: 3\nspace: LPS\nsizes: 2000 2000 900\n"
                + "space directions: (1,0,0) (0,1,0) (0,0,1)\nencoding: raw\nspace origin: (0,0,0)\n\nxx");
        e = assertThrows(VolumeFormatException.class, () -> LabelVolume.read(f));
        assertTrue(e.getMessage().contains("but the file has"), e.getMessage());
        Files.writeString(f, "NRRD0004\ntype: uchar\ndimension: 3\nspace: scanner-xyz\nsizes: 2 2 1\n"
                + "space directions: (1,0,0) (0,1,0) (0,0,1)\nencoding: raw\nspace origin: (0,0,0)\n\nxxxx");
        e = assertThrows(VolumeFormatException.class, () -> LabelVolume.read(f));
        assertTrue(e.getMessage().contains("space 'scanner-xyz' is not a patient space"), e.getMessage());
        Files.writeString(f, "NRRD0004\ntype: uchar\ndimension: 4\nspace: LPS\nsizes: 3 2 2 1\n"
                + "space directions: none (1,0,0) (0,1,0) (0,0,1)\nkinds: RGB-color domain domain domain\nencoding: raw\nspace origin: (0,0,0)\n\nxxxxxxxxxxxx");
        e = assertThrows(VolumeFormatException.class, () -> LabelVolume.read(f));
        assertTrue(e.getMessage().contains("colour, complex or tensor voxels"), e.getMessage());
    }
}

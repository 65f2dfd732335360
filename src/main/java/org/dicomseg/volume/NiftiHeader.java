package org.dicomseg.volume;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The NIfTI-1 ({@code nifti1.h}: 348-byte header, magic {@code "n+1"}) and NIfTI-2
 * ({@code nifti2.h}: 540-byte header, magic {@code "n+2\0\r\n\032\n"}) single-file headers, read in
 * either byte order (told by {@code sizeof_hdr}), plain or gzip-compressed ({@code .nii.gz}), and the
 * NIfTI-1 header this project writes.
 *
 * <p>Geometry ({@code nifti1.h}, "3D IMAGE (VOLUME) ORIENTATION AND LOCATION IN SPACE"): method 3,
 * the {@code srow_x/y/z} affine, when {@code sform_code > 0}; else method 2, the quaternion
 * {@code quatern_b/c/d}, {@code qoffset_x/y/z}, {@code pixdim[1..3]} and {@code qfac = pixdim[0]},
 * when {@code qform_code > 0}; a file with neither is refused (method 1 has no orientation). Both
 * map to RAS+ (x right→left negated, y anterior→posterior negated), converted here to DICOM LPS.
 * {@code scl_slope} 0 or NaN means "not scaled".</p>
 */
public final class NiftiHeader {
    /** Bytes of a NIfTI-1 header; the voxels of the files we write start at 352 (header + 4 extension bytes). */
    static final int NIFTI1_SIZE = 348;
    static final int NIFTI2_SIZE = 540;
    static final int NIFTI1_VOX_OFFSET = 352;

    private NiftiHeader() { }

    /** Reads the header of {@code file} ({@code .nii} or {@code .nii.gz}). */
    public static VolumeHeader read(Path file) throws VolumeFormatException {
        String name = file.getFileName().toString();
        boolean gz = name.toLowerCase(Locale.ROOT).endsWith(".gz");
        byte[] h;
        long fileSize;
        try (InputStream in = VoxelSource.open(file, gz)) {
            fileSize = Files.size(file);
            h = in.readNBytes(NIFTI2_SIZE);
        } catch (IOException e) {
            throw new VolumeFormatException(name + ": cannot read the NIfTI header (" + VoxelSource.why(e) + ")", e);
        }
        if (h.length < NIFTI1_SIZE) throw new VolumeFormatException(name + ": too short for a NIfTI header (" + h.length + " bytes)");
        ByteBuffer le = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer be = ByteBuffer.wrap(h).order(ByteOrder.BIG_ENDIAN);
        int sizeLe = le.getInt(0);
        int sizeBe = be.getInt(0);
        ByteBuffer b;
        boolean two;
        if (sizeLe == NIFTI1_SIZE || sizeBe == NIFTI1_SIZE) {
            b = sizeLe == NIFTI1_SIZE ? le : be;
            two = false;
        } else if (sizeLe == NIFTI2_SIZE || sizeBe == NIFTI2_SIZE) {
            if (h.length < NIFTI2_SIZE) throw new VolumeFormatException(name + ": too short for a NIfTI-2 header (" + h.length + " bytes)");
            b = sizeLe == NIFTI2_SIZE ? le : be;
            two = true;
        } else {
            throw new VolumeFormatException(name + ": not a NIfTI file (sizeof_hdr is " + sizeLe + ", neither 348 nor 540)");
        }
        return two ? nifti2(file, name, b, gz, fileSize) : nifti1(file, name, b, gz, fileSize);
    }

    private static VolumeHeader nifti1(Path file, String name, ByteBuffer b, boolean gz, long fileSize) throws VolumeFormatException {
        String magic = new String(h(b, 344, 3), StandardCharsets.US_ASCII);
        if (magic.equals("ni1")) throw new VolumeFormatException(name + ": a NIfTI-1 header of a .hdr/.img pair; use a single .nii file");
        if (!magic.equals("n+1")) throw new VolumeFormatException(name + ": NIfTI-1 magic is '" + printable(magic) + "', not 'n+1'");
        long[] dim = new long[8];
        double[] pixdim = new double[8];
        for (int i = 0; i < 8; i++) {
            dim[i] = b.getShort(40 + 2 * i);
            pixdim[i] = b.getFloat(76 + 4 * i);
        }
        int datatype = b.getShort(70);
        int bitpix = b.getShort(72);
        double voxOffset = b.getFloat(108);
        double[] q = {b.getFloat(256), b.getFloat(260), b.getFloat(264), b.getFloat(268), b.getFloat(272), b.getFloat(276)};
        double[][] srow = new double[3][4];
        for (int r = 0; r < 3; r++) for (int c = 0; c < 4; c++) srow[r][c] = b.getFloat(280 + 16 * r + 4 * c);
        return build(file, name, "NIfTI-1", b.order(), gz, fileSize, dim, pixdim, datatype, bitpix, voxOffset, NIFTI1_VOX_OFFSET,
                b.getFloat(112), b.getFloat(116), b.getShort(252), b.getShort(254), q, srow);
    }

    private static VolumeHeader nifti2(Path file, String name, ByteBuffer b, boolean gz, long fileSize) throws VolumeFormatException {
        String magic = new String(h(b, 4, 3), StandardCharsets.US_ASCII);
        if (magic.equals("ni2")) throw new VolumeFormatException(name + ": a NIfTI-2 header of a .hdr/.img pair; use a single .nii file");
        if (!magic.equals("n+2")) throw new VolumeFormatException(name + ": NIfTI-2 magic is '" + printable(magic) + "', not 'n+2'");
        long[] dim = new long[8];
        double[] pixdim = new double[8];
        for (int i = 0; i < 8; i++) {
            dim[i] = b.getLong(16 + 8 * i);
            pixdim[i] = b.getDouble(104 + 8 * i);
        }
        double[] q = new double[6];
        for (int i = 0; i < 6; i++) q[i] = b.getDouble(352 + 8 * i);
        double[][] srow = new double[3][4];
        for (int r = 0; r < 3; r++) for (int c = 0; c < 4; c++) srow[r][c] = b.getDouble(400 + 32 * r + 8 * c);
        return build(file, name, "NIfTI-2", b.order(), gz, fileSize, dim, pixdim, b.getShort(12), b.getShort(14), b.getLong(168),
                NIFTI2_SIZE + 4, b.getDouble(176), b.getDouble(184), b.getInt(344), b.getInt(348), q, srow);
    }

    private static VolumeHeader build(Path file, String name, String format, ByteOrder order, boolean gz, long fileSize, long[] dim,
                                      double[] pixdim, int datatype, int bitpix, double voxOffset, int minOffset, double slope,
                                      double inter, int qformCode, int sformCode, double[] q, double[][] srow)
            throws VolumeFormatException {
        int n = (int) dim[0];
        if (n < 1 || n > 7) throw new VolumeFormatException(name + ": dim[0] is " + dim[0] + ", not 1..7");
        long[] size = {1, 1, 1, 1};
        for (int i = 1; i <= n; i++) {
            if (dim[i] < 1 || dim[i] > Integer.MAX_VALUE) throw new VolumeFormatException(name + ": dim[" + i + "] is " + dim[i]);
            if (i <= 4) size[i - 1] = dim[i];
            else if (dim[i] > 1) {
                throw new VolumeFormatException(name + ": a " + n + "-D volume (dim[" + i + "] = " + dim[i]
                        + "); only 3-D label maps and 4-D volumes of segments are read");
            }
        }
        VoxelType type = VoxelType.ofNifti(datatype);
        if (type == null) {
            throw new VolumeFormatException(name + ": voxels of type " + VoxelType.niftiName(datatype)
                    + " are not read (labels: uint8/int16/uint16/int32; fractions: float32/float64)");
        }
        if (bitpix != 8 * type.bytes()) throw new VolumeFormatException(name + ": bitpix " + bitpix + " does not match datatype " + type);
        if (voxOffset != Math.rint(voxOffset) || voxOffset < minOffset) {
            throw new VolumeFormatException(name + ": vox_offset " + voxOffset + " lies inside the header (must be at least " + minOffset + ")");
        }
        if (!(slope == slope) || slope == 0) slope = 1;
        if (!(inter == inter)) inter = 0;
        VolumeGrid grid = grid(name, new int[] {(int) size[0], (int) size[1], (int) size[2]}, pixdim, qformCode, sformCode, q, srow);
        VolumeHeader header = VolumeHeader.builder().format(format).file(file).dataOffset((long) voxOffset).gzip(gz).order(order)
                .type(type).components((int) size[3]).grid(grid).scaling(slope, inter).build();
        VoxelSource.checkSizes(header, fileSize);
        return header;
    }

    private static VolumeGrid grid(String name, int[] sizes, double[] pixdim, int qformCode, int sformCode, double[] q, double[][] srow)
            throws VolumeFormatException {
        double[] origin;
        double[][] axes = new double[3][3];
        if (sformCode > 0) {
            origin = new double[] {srow[0][3], srow[1][3], srow[2][3]};
            for (int a = 0; a < 3; a++) for (int d = 0; d < 3; d++) axes[a][d] = srow[d][a];
        } else if (qformCode > 0) {
            double[][] r = rotation(q[0], q[1], q[2]);
            double qfac = pixdim[0] < 0 ? -1 : 1;
            double[] step = {Math.abs(pixdim[1]), Math.abs(pixdim[2]), Math.abs(pixdim[3]) * qfac};
            for (int a = 0; a < 3; a++) for (int d = 0; d < 3; d++) axes[a][d] = r[d][a] * step[a];
            origin = new double[] {q[3], q[4], q[5]};
        } else {
            throw new VolumeFormatException(name + ": no orientation (qform_code and sform_code are both 0), so its voxels"
                    + " cannot be placed on the source images");
        }
        // RAS+ → LPS: x and y change sign.
        origin[0] = -origin[0];
        origin[1] = -origin[1];
        for (double[] axis : axes) {
            axis[0] = -axis[0];
            axis[1] = -axis[1];
        }
        VolumeGrid g = new VolumeGrid(sizes, origin, axes);
        if (!g.isRegular()) throw new VolumeFormatException(name + ": its " + (sformCode > 0 ? "sform" : "qform") + " affine is degenerate");
        return g;
    }

    /** The rotation matrix R[row][column] of the unit quaternion (a, b, c, d), a ≥ 0 from b, c, d ({@code nifti1.h} method 2). */
    static double[][] rotation(double b, double c, double d) {
        double a = 1 - (b * b + c * c + d * d);
        if (a < 1e-7) {
            a = 1 / Math.sqrt(b * b + c * c + d * d);
            b *= a;
            c *= a;
            d *= a;
            a = 0;
        } else {
            a = Math.sqrt(a);
        }
        return new double[][] {
            {a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)},
            {2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)},
            {2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b}};
    }

    /**
     * The quaternion (b, c, d) and qfac of a rotation given by its columns (unit, orthogonal), as
     * {@code nifti_mat44_to_quatern} computes it: a left-handed frame gets qfac -1 and its third
     * column negated.
     */
    static double[] quaternion(double[][] col) {
        double[][] r = new double[3][3]; // r[row][column]
        for (int c = 0; c < 3; c++) for (int row = 0; row < 3; row++) r[row][c] = col[c][row];
        double det = r[0][0] * (r[1][1] * r[2][2] - r[1][2] * r[2][1]) - r[0][1] * (r[1][0] * r[2][2] - r[1][2] * r[2][0])
                + r[0][2] * (r[1][0] * r[2][1] - r[1][1] * r[2][0]);
        double qfac = 1;
        if (det < 0) {
            qfac = -1;
            for (int row = 0; row < 3; row++) r[row][2] = -r[row][2];
        }
        double a = r[0][0] + r[1][1] + r[2][2] + 1;
        double b, c, d;
        if (a > 0.5) {
            a = 0.5 * Math.sqrt(a);
            b = 0.25 * (r[2][1] - r[1][2]) / a;
            c = 0.25 * (r[0][2] - r[2][0]) / a;
            d = 0.25 * (r[1][0] - r[0][1]) / a;
        } else {
            double xd = 1 + r[0][0] - (r[1][1] + r[2][2]);
            double yd = 1 + r[1][1] - (r[0][0] + r[2][2]);
            double zd = 1 + r[2][2] - (r[0][0] + r[1][1]);
            if (xd > 1) {
                b = 0.5 * Math.sqrt(xd);
                c = 0.25 * (r[0][1] + r[1][0]) / b;
                d = 0.25 * (r[0][2] + r[2][0]) / b;
                a = 0.25 * (r[2][1] - r[1][2]) / b;
            } else if (yd > 1) {
                c = 0.5 * Math.sqrt(yd);
                b = 0.25 * (r[0][1] + r[1][0]) / c;
                d = 0.25 * (r[1][2] + r[2][1]) / c;
                a = 0.25 * (r[0][2] - r[2][0]) / c;
            } else {
                d = 0.5 * Math.sqrt(zd);
                b = 0.25 * (r[0][2] + r[2][0]) / d;
                c = 0.25 * (r[1][2] + r[2][1]) / d;
                a = 0.25 * (r[1][0] - r[0][1]) / d;
            }
            if (a < 0) {
                b = -b;
                c = -c;
                d = -d;
            }
        }
        return new double[] {b, c, d, qfac};
    }

    /**
     * A NIfTI-1 header (348 bytes) and an empty extension flag (4 bytes), little endian, for voxels
     * of {@code type} on {@code grid} (LPS, written as RAS sform and qform, code 1 = scanner
     * anatomical; the qform only when the axes are orthogonal), {@code components} > 1 making it 4-D.
     */
    static byte[] write(VolumeGrid grid, VoxelType type, int components) {
        ByteBuffer b = ByteBuffer.allocate(NIFTI1_VOX_OFFSET).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, NIFTI1_SIZE);
        b.put(38, (byte) 'r');
        short[] dim = {(short) (components > 1 ? 4 : 3), (short) grid.size(0), (short) grid.size(1), (short) grid.size(2),
            (short) components, 1, 1, 1};
        for (int i = 0; i < 8; i++) b.putShort(40 + 2 * i, dim[i]);
        b.putShort(70, (short) type.niftiCode());
        b.putShort(72, (short) (8 * type.bytes()));
        double[][] ras = new double[3][];
        double[][] dir = new double[3][];
        for (int a = 0; a < 3; a++) {
            double[] v = grid.axis(a);
            ras[a] = new double[] {-v[0], -v[1], v[2]};
            double s = grid.spacing(a);
            dir[a] = new double[] {ras[a][0] / s, ras[a][1] / s, ras[a][2] / s};
        }
        double[] o = grid.origin();
        double[] origin = {-o[0], -o[1], o[2]};
        boolean orthogonal = Math.abs(dot(dir[0], dir[1])) < 1e-4 && Math.abs(dot(dir[0], dir[2])) < 1e-4
                && Math.abs(dot(dir[1], dir[2])) < 1e-4;
        double[] quat = orthogonal ? quaternion(dir) : new double[] {0, 0, 0, 1};
        b.putFloat(76, (float) quat[3]);
        for (int a = 0; a < 3; a++) b.putFloat(80 + 4 * a, (float) grid.spacing(a));
        b.putFloat(92, 1f);
        b.putFloat(108, NIFTI1_VOX_OFFSET);
        b.putFloat(112, 1f);
        b.put(123, (byte) 2); // xyzt_units: NIFTI_UNITS_MM
        byte[] descrip = "DICOM SEG for ImageJ".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < descrip.length; i++) b.put(148 + i, descrip[i]);
        b.putShort(252, (short) (orthogonal ? 1 : 0));
        b.putShort(254, (short) 1);
        for (int i = 0; i < 3; i++) b.putFloat(256 + 4 * i, (float) quat[i]);
        for (int i = 0; i < 3; i++) b.putFloat(268 + 4 * i, (float) origin[i]);
        for (int row = 0; row < 3; row++) {
            for (int a = 0; a < 3; a++) b.putFloat(280 + 16 * row + 4 * a, (float) ras[a][row]);
            b.putFloat(280 + 16 * row + 12, (float) origin[row]);
        }
        b.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1');
        return b.array();
    }

    private static double dot(double[] a, double[] b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }

    private static byte[] h(ByteBuffer b, int at, int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) out[i] = b.get(at + i);
        return out;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char ch : s.toCharArray()) sb.append(ch >= 32 && ch < 127 ? ch : '?');
        return sb.toString();
    }
}

package org.dicomseg.volume;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes planes as a volume file, one plane at a time (never the volume in memory twice): NIfTI-1
 * ({@link #nifti}: {@code .nii}, or gzip-compressed {@code .nii.gz}) or NRRD ({@link #nrrd}:
 * attached, gzip encoding). One writer per format behind this one interface; the header of each
 * is {@link NiftiHeader#write} / {@link NrrdHeader#write}. Voxels: little endian, i fastest, then
 * j, k and (4-D) the component. Gzip at {@link Deflater#BEST_SPEED}: label maps compress well at
 * any level, and the fastest level keeps import time near the TIFF writer's.
 */
public abstract class VolumeWriter {
    /** The planes to write: {@code byte[]}, {@code short[]} or {@code float[]} of i×j voxels, i fastest. */
    @FunctionalInterface
    public interface Planes {
        Object plane(int component, int k) throws IOException;
    }

    VolumeWriter() { }

    /** The writer for {@code file}'s name ({@code .nii}, {@code .nii.gz}, {@code .nrrd}). */
    public static VolumeWriter forFile(Path file) {
        VolumeFormat f = VolumeFormat.of(file);
        if (f == null) throw new IllegalArgumentException(file.getFileName() + " is not named .nii, .nii.gz or .nrrd");
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".nhdr")) throw new IllegalArgumentException(file.getFileName() + ": a detached header is not written; name it .nrrd");
        return f == VolumeFormat.NIFTI ? nifti(n.endsWith(".gz")) : nrrd();
    }

    /** NIfTI-1, single file; gzip-compressed as a whole when {@code gzip}. */
    public static VolumeWriter nifti(boolean gzip) {
        return new VolumeWriter() {
            @Override void write(OutputStream raw, VolumeGrid grid, VoxelType type, int components, Planes planes) throws IOException {
                for (int a = 0; a < 3; a++) {
                    if (grid.size(a) > Short.MAX_VALUE) throw new IOException("NIfTI-1 sizes are at most 32767; axis " + a + " has " + grid.size(a));
                }
                if (components > Short.MAX_VALUE) throw new IOException("NIfTI-1 holds at most 32767 components, not " + components);
                OutputStream out = gzip ? gzip(raw) : raw;
                out.write(NiftiHeader.write(grid, type, components));
                voxels(out, grid, type, components, planes);
                out.flush();
                if (out instanceof GZIPOutputStream) ((GZIPOutputStream) out).finish();
            }
        };
    }

    /** NRRD0004, attached, gzip encoding. */
    public static VolumeWriter nrrd() {
        return new VolumeWriter() {
            @Override void write(OutputStream out, VolumeGrid grid, VoxelType type, int components, Planes planes) throws IOException {
                out.write(NrrdHeader.write(grid, type, components, true));
                GZIPOutputStream z = gzip(out);
                voxels(z, grid, type, components, planes);
                z.finish();
            }
        };
    }

    /**
     * Writes {@code components} × k planes of {@code type} (UINT8, UINT16 or FLOAT32) on {@code grid}
     * to {@code file} (the caller writes it atomically: a temporary file, then a rename).
     */
    public void write(Path file, VolumeGrid grid, VoxelType type, int components, Planes planes) throws IOException {
        if (type != VoxelType.UINT8 && type != VoxelType.UINT16 && type != VoxelType.FLOAT32) {
            throw new IllegalArgumentException("planes are written as uint8, uint16 or float32, not " + type);
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            write(out, grid, type, components, planes);
        }
    }

    abstract void write(OutputStream out, VolumeGrid grid, VoxelType type, int components, Planes planes) throws IOException;

    private static GZIPOutputStream gzip(OutputStream out) throws IOException {
        return new GZIPOutputStream(out, 1 << 16) {
            { def.setLevel(Deflater.BEST_SPEED); }
        };
    }

    static void voxels(OutputStream out, VolumeGrid grid, VoxelType type, int components, Planes planes) throws IOException {
        int n = grid.size(0) * grid.size(1);
        ByteBuffer buf = ByteBuffer.allocate(n * type.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int c = 0; c < components; c++) {
            for (int k = 0; k < grid.size(2); k++) {
                Object p = planes.plane(c, k);
                buf.clear();
                if (type == VoxelType.UINT8) {
                    out.write((byte[]) p, 0, n);
                    continue;
                }
                if (type == VoxelType.UINT16) buf.asShortBuffer().put((short[]) p, 0, n);
                else buf.asFloatBuffer().put((float[]) p, 0, n);
                out.write(buf.array(), 0, n * type.bytes());
            }
        }
    }
}

package org.dicomseg.volume;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a NIfTI or NRRD header says about its voxels: where they are (file, offset, gzip or raw,
 * byte order), their type, the three spatial sizes, the number of components (a 4th axis: one
 * segment each) and whether that axis is the fastest or the slowest, the grid in LPS, and the
 * NIfTI {@code scl_slope}/{@code scl_inter} scaling. Immutable; made by {@link Builder}.
 */
public final class VolumeHeader {
    private final String format;
    private final Path file;
    private final Path dataFile;
    private final long streamOffset;
    private final long dataOffset;
    private final boolean gzip;
    private final ByteOrder order;
    private final VoxelType type;
    private final int components;
    private final boolean componentsFastest;
    private final VolumeGrid grid;
    private final double slope;
    private final double intercept;

    private VolumeHeader(Builder b) {
        this.format = Objects.requireNonNull(b.format, "format");
        this.file = Objects.requireNonNull(b.file, "file");
        this.dataFile = b.dataFile == null ? b.file : b.dataFile;
        this.streamOffset = b.streamOffset;
        this.dataOffset = b.dataOffset;
        this.gzip = b.gzip;
        this.order = Objects.requireNonNull(b.order, "byte order");
        this.type = Objects.requireNonNull(b.type, "voxel type");
        this.components = b.components;
        this.componentsFastest = b.componentsFastest;
        this.grid = Objects.requireNonNull(b.grid, "grid");
        this.slope = b.slope;
        this.intercept = b.intercept;
    }

    public static Builder builder() { return new Builder(); }

    /** "NIfTI-1", "NIfTI-2" or "NRRD". */
    public String format() { return format; }
    /** The file the header was read from. */
    public Path file() { return file; }
    /** The file holding the voxels (the same file, or a detached NRRD header's data file). */
    public Path dataFile() { return dataFile; }
    /** Where the data stream (raw or gzip) starts in {@link #dataFile()}: the length of an attached NRRD header, else 0. */
    public long streamOffset() { return streamOffset; }
    /** Where the voxels start in the (decompressed) data stream, bytes; -1: the raw data end at the end of the file. */
    public long dataOffset() { return dataOffset; }
    /** True when the data stream is gzip-compressed. */
    public boolean gzip() { return gzip; }
    public ByteOrder order() { return order; }
    public VoxelType type() { return type; }
    /** Voxels along the spatial axis {@code a} (0..2). */
    public int size(int a) { return grid.size(a); }
    /** The 4th-axis length: 1 for a 3-D volume. */
    public int components() { return components; }
    /** True when the component axis is the fastest (NRRD "kinds: vector domain domain domain"). */
    public boolean componentsFastest() { return componentsFastest; }
    public VolumeGrid grid() { return grid; }
    /** Stored value × slope + intercept = value (1 and 0 when the file does not scale). */
    public double slope() { return slope; }
    public double intercept() { return intercept; }
    /** True when the stored values are scaled (slope ≠ 1 or intercept ≠ 0). */
    public boolean scaled() { return slope != 1 || intercept != 0; }
    /** True when the values are fractions (float voxels, or scaled integers) rather than labels. */
    public boolean fractional() { return type.isFloat() || scaled(); }

    /** Bytes of one i×j plane of one component. */
    public long planeBytes() { return (long) size(0) * size(1) * type.bytes(); }

    /** Bytes of all voxels. */
    public long dataBytes() { return planeBytes() * size(2) * components; }

    /** The file name, for messages. */
    public String name() { return file.getFileName().toString(); }

    @Override public String toString() {
        return format + " " + name() + ": " + type + (components > 1 ? " x " + components + " components" : "") + ", " + grid;
    }

    /** Builder of {@link VolumeHeader}. */
    public static final class Builder {
        private String format;
        private Path file;
        private Path dataFile;
        private long streamOffset;
        private long dataOffset;
        private boolean gzip;
        private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        private VoxelType type;
        private int components = 1;
        private boolean componentsFastest;
        private VolumeGrid grid;
        private double slope = 1;
        private double intercept;

        private Builder() { }

        public Builder format(String v) { format = v; return this; }
        public Builder file(Path v) { file = v; return this; }
        public Builder dataFile(Path v) { dataFile = v; return this; }
        public Builder streamOffset(long v) { streamOffset = v; return this; }
        public Builder dataOffset(long v) { dataOffset = v; return this; }
        public Builder gzip(boolean v) { gzip = v; return this; }
        public Builder order(ByteOrder v) { order = v; return this; }
        public Builder type(VoxelType v) { type = v; return this; }
        public Builder components(int v) { components = v; return this; }
        public Builder componentsFastest(boolean v) { componentsFastest = v; return this; }
        public Builder grid(VolumeGrid v) { grid = v; return this; }
        public Builder scaling(double slope, double intercept) { this.slope = slope; this.intercept = intercept; return this; }
        public VolumeHeader build() { return new VolumeHeader(this); }
    }
}

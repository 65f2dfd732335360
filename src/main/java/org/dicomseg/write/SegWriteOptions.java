package org.dicomseg.write;

import java.time.LocalDateTime;
import java.util.Objects;
import java.util.regex.Pattern;

import org.dicomseg.model.FractionalType;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.model.Uids;
import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.task.Progress;

/**
 * Immutable settings of one SEG write: what kind of segmentation (PS3.3 C.8.20.2 Segmentation
 * Type, Fractional Type, Maximum Fractional Value; Sup 243 LABELMAP), how it is encoded (transfer
 * syntax, empty frames), and the identifying attributes of the new series and instance (General
 * Series, Content Identification Macro PS3.3 C.10.9, Enhanced General Equipment PS3.3 C.7.5.2).
 * Build with {@link #builder()}; {@link Builder#build()} validates values (UIDs, Code Strings,
 * lengths). Every Segmentation Type goes with every transfer syntax (BINARY + JPEG 2000: 1-bit code
 * streams, PS3.5 A.4.4; BINARY + RLE: 1-bit RLE, which pydicom/highdicom cannot read).
 */
public final class SegWriteOptions {
    /** Code String (CS, PS3.5 6.2): uppercase letters, digits, space and underscore, at most 16. */
    private static final Pattern CS = Pattern.compile("[A-Z0-9 _]{1,16}");

    private final SegmentationType segmentationType;
    private final FractionalType fractionalType;
    private final int maxFractionalValue;
    private final OutputTransferSyntax transferSyntax;
    private final boolean omitEmptyFrames;
    private final String seriesDescription;
    private final int seriesNumber;
    private final int instanceNumber;
    private final String contentLabel;
    private final String contentDescription;
    private final String contentCreatorName;
    private final String manufacturer;
    private final String manufacturerModelName;
    private final String softwareVersions;
    private final String deviceSerialNumber;
    private final String seriesInstanceUid;
    private final String sopInstanceUid;
    private final LocalDateTime contentDateTime;
    private final boolean overwrite;
    private final int threads;
    private final Progress progress;
    private final TiledGeometry tiledGeometry;
    private final Predecessor predecessor;
    private final boolean paletteColorLut;

    private SegWriteOptions(Builder b) {
        this.segmentationType = Objects.requireNonNull(b.segmentationType, "segmentation type");
        this.fractionalType = Objects.requireNonNull(b.fractionalType, "fractional type");
        if (b.maxFractionalValue < 1 || b.maxFractionalValue > 255) {
            throw new IllegalArgumentException("Maximum Fractional Value must be 1..255 (8-bit FRACTIONAL frames), got "
                    + b.maxFractionalValue);
        }
        this.maxFractionalValue = b.maxFractionalValue;
        this.transferSyntax = Objects.requireNonNull(b.transferSyntax, "transfer syntax");
        if (b.seriesNumber < 0 || b.instanceNumber < 0) {
            throw new IllegalArgumentException("Series Number and Instance Number must not be negative");
        }
        this.seriesNumber = b.seriesNumber;
        this.instanceNumber = b.instanceNumber;
        if (b.contentLabel == null || !CS.matcher(b.contentLabel).matches()) {
            throw new IllegalArgumentException("Content Label '" + b.contentLabel + "' is not a valid Code String:"
                    + " 1 to 16 characters of A-Z, 0-9, space or underscore");
        }
        this.contentLabel = b.contentLabel;
        this.seriesDescription = lo(b.seriesDescription, "Series Description");
        this.contentDescription = lo(b.contentDescription, "Content Description");
        this.contentCreatorName = b.contentCreatorName;
        if (contentCreatorName != null && contentCreatorName.length() > 64 * 5) {
            throw new IllegalArgumentException("Content Creator's Name is too long for a PN");
        }
        this.manufacturer = required(lo(b.manufacturer, "Manufacturer"), "Manufacturer");
        this.manufacturerModelName = required(lo(b.manufacturerModelName, "Manufacturer's Model Name"), "Manufacturer's Model Name");
        this.softwareVersions = required(lo(b.softwareVersions, "Software Versions"), "Software Versions");
        this.deviceSerialNumber = required(lo(b.deviceSerialNumber, "Device Serial Number"), "Device Serial Number");
        this.seriesInstanceUid = uid(b.seriesInstanceUid, "Series Instance UID");
        this.sopInstanceUid = uid(b.sopInstanceUid, "SOP Instance UID");
        this.contentDateTime = b.contentDateTime;
        this.omitEmptyFrames = b.omitEmptyFrames;
        this.overwrite = b.overwrite;
        if (b.threads < 0) throw new IllegalArgumentException("Threads must be 0 (automatic) or more, got " + b.threads);
        this.threads = b.threads;
        this.tiledGeometry = Objects.requireNonNull(b.tiledGeometry, "tiled geometry");
        this.progress = b.progress;
        this.predecessor = b.predecessor;
        if (b.paletteColorLut && segmentationType != SegmentationType.LABELMAP) {
            throw new IllegalArgumentException("A Palette Color Lookup Table can only be written for a LABELMAP segmentation,"
                    + " not " + segmentationType);
        }
        this.paletteColorLut = b.paletteColorLut;
    }

    private static String lo(String s, String what) {
        if (s == null || s.isBlank()) return null;
        if (s.length() > 64) throw new IllegalArgumentException(what + " is longer than 64 characters (VR LO): '" + s + "'");
        if (s.contains("\\")) throw new IllegalArgumentException(what + " must not contain a backslash: '" + s + "'");
        return s.trim();
    }

    private static String required(String s, String what) {
        if (s == null) throw new IllegalArgumentException(what + " must not be empty (type 1 in Enhanced General Equipment)");
        return s;
    }

    private static String uid(String s, String what) {
        if (s == null || s.isBlank()) return null;
        if (!Uids.isValid(s.trim())) throw new IllegalArgumentException(what + " '" + s + "' is not a valid UID");
        return s.trim();
    }

    /** A builder with the defaults: BINARY, Explicit VR Little Endian, empty frames omitted. */
    public static Builder builder() { return new Builder(); }

    /** The defaults. */
    public static SegWriteOptions defaults() { return new Builder().build(); }

    /** A builder pre-filled with these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.segmentationType = segmentationType;
        b.fractionalType = fractionalType;
        b.maxFractionalValue = maxFractionalValue;
        b.transferSyntax = transferSyntax;
        b.omitEmptyFrames = omitEmptyFrames;
        b.seriesDescription = seriesDescription;
        b.seriesNumber = seriesNumber;
        b.instanceNumber = instanceNumber;
        b.contentLabel = contentLabel;
        b.contentDescription = contentDescription;
        b.contentCreatorName = contentCreatorName;
        b.manufacturer = manufacturer;
        b.manufacturerModelName = manufacturerModelName;
        b.softwareVersions = softwareVersions;
        b.deviceSerialNumber = deviceSerialNumber;
        b.seriesInstanceUid = seriesInstanceUid;
        b.sopInstanceUid = sopInstanceUid;
        b.contentDateTime = contentDateTime;
        b.overwrite = overwrite;
        b.threads = threads;
        b.progress = progress;
        b.tiledGeometry = tiledGeometry;
        b.predecessor = predecessor;
        b.paletteColorLut = paletteColorLut;
        return b;
    }

    public SegmentationType segmentationType() { return segmentationType; }
    /** Segmentation Fractional Type (0062,0010), used when FRACTIONAL. */
    public FractionalType fractionalType() { return fractionalType; }
    /** Maximum Fractional Value (0062,000E), used when FRACTIONAL. */
    public int maxFractionalValue() { return maxFractionalValue; }
    public OutputTransferSyntax transferSyntax() { return transferSyntax; }
    /** True (default) to leave out frames without any segment pixel (at least one frame is always written). */
    public boolean omitEmptyFrames() { return omitEmptyFrames; }
    /** Series Description (0008,103E), or null. */
    public String seriesDescription() { return seriesDescription; }
    public int seriesNumber() { return seriesNumber; }
    public int instanceNumber() { return instanceNumber; }
    public String contentLabel() { return contentLabel; }
    /** Content Description (0070,0081), or null (written empty). */
    public String contentDescription() { return contentDescription; }
    /** Content Creator's Name (0070,0084), or null (written empty). */
    public String contentCreatorName() { return contentCreatorName; }
    public String manufacturer() { return manufacturer; }
    public String manufacturerModelName() { return manufacturerModelName; }
    public String softwareVersions() { return softwareVersions; }
    public String deviceSerialNumber() { return deviceSerialNumber; }
    /** Series Instance UID, or null to create one per write. */
    public String seriesInstanceUid() { return seriesInstanceUid; }
    /** SOP Instance UID, or null to create one per write. */
    public String sopInstanceUid() { return sopInstanceUid; }
    /** Content Date/Time, or null for "now" at write time. */
    public LocalDateTime contentDateTime() { return contentDateTime; }
    /** True to replace an existing output file (never a source file). */
    public boolean overwrite() { return overwrite; }
    /**
     * Threads for encoding frames (RLE and JPEG 2000 compression, packing BINARY planes of in-memory
     * masks): 0 (default) = automatic: JPEG 2000 compression on up to 4 threads (or the number of
     * processors), everything else on the calling thread; 1 = the calling thread only; n &gt; 1 = n
     * threads for all of it. (The first pass over an in-memory label map uses the common fork-join
     * pool.)
     */
    public int threads() { return threads; }
    /**
     * The progress of the write ({@link Progress#NONE} by default): told after the first pass over
     * the mask (0 frames done), then after each mask plane has been encoded, with the Number of
     * Frames as the total. Canceling it (or throwing from it) aborts the write; nothing is left on disk.
     */
    public Progress progress() { return progress; }
    /** How a mask on a slide is tiled (used when the source is a slide); default {@link TiledGeometry#defaults()}. */
    public TiledGeometry tiledGeometry() { return tiledGeometry; }
    /**
     * The SEG this one was edited from, or null (default): recorded as {@link Predecessor} says
     * (General Image Source Image Sequence, PS3.3 C.7.6.1.1.4; Common Instance Reference, C.12.2).
     */
    public Predecessor predecessor() { return predecessor; }
    /**
     * True to write a LABELMAP with Photometric Interpretation PALETTE COLOR and a Palette Color
     * Lookup Table made of the segments' colours (PS3.3 C.7.6.3, C.7.9; as highdicom 0.28.1 writes
     * it: 8 bits per entry, first mapped value 0, entry 0 black for the background, entry n the
     * Recommended Display colour of segment n, white for a segment without one). The segments'
     * Recommended Display CIELab Values are then left out (the palette carries the colours;
     * highdicom refuses both together). False (default): MONOCHROME2.
     */
    public boolean paletteColorLut() { return paletteColorLut; }

    /** Collects options; {@link #build()} validates them. */
    public static final class Builder {
        private SegmentationType segmentationType = SegmentationType.BINARY;
        private FractionalType fractionalType = FractionalType.PROBABILITY;
        private int maxFractionalValue = 255;
        private OutputTransferSyntax transferSyntax = OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
        private boolean omitEmptyFrames = true;
        private String seriesDescription = "Segmentation";
        private int seriesNumber = 300;
        private int instanceNumber = 1;
        private String contentLabel = "SEGMENTATION";
        private String contentDescription;
        private String contentCreatorName;
        private String manufacturer = "DICOM SEG for ImageJ";
        private String manufacturerModelName = "DICOM_SEG";
        // the plugin jar's version (its manifest's Implementation-Version); "0.1.0" only when run from
        // class folders without a manifest (the tests, whose golden outputs hash it)
        private String softwareVersions = java.util.Objects.requireNonNullElse(
                SegWriteOptions.class.getPackage().getImplementationVersion(), "0.1.0");
        private String deviceSerialNumber = "1";
        private String seriesInstanceUid;
        private String sopInstanceUid;
        private LocalDateTime contentDateTime;
        private boolean overwrite;
        private int threads;
        private Progress progress = Progress.NONE;
        private TiledGeometry tiledGeometry = TiledGeometry.defaults();
        private Predecessor predecessor;
        private boolean paletteColorLut;

        private Builder() { }

        public Builder segmentationType(SegmentationType t) { this.segmentationType = t; return this; }
        public Builder fractionalType(FractionalType t) { this.fractionalType = t; return this; }
        public Builder maxFractionalValue(int v) { this.maxFractionalValue = v; return this; }
        public Builder transferSyntax(OutputTransferSyntax t) { this.transferSyntax = t; return this; }
        /** By Transfer Syntax UID, e.g. "1.2.840.10008.1.2.5". */
        public Builder transferSyntax(String uid) { this.transferSyntax = OutputTransferSyntax.forUid(uid); return this; }
        public Builder omitEmptyFrames(boolean omit) { this.omitEmptyFrames = omit; return this; }
        public Builder seriesDescription(String s) { this.seriesDescription = s; return this; }
        public Builder seriesNumber(int n) { this.seriesNumber = n; return this; }
        public Builder instanceNumber(int n) { this.instanceNumber = n; return this; }
        public Builder contentLabel(String s) { this.contentLabel = s; return this; }
        public Builder contentDescription(String s) { this.contentDescription = s; return this; }
        public Builder contentCreatorName(String s) { this.contentCreatorName = s; return this; }
        public Builder manufacturer(String s) { this.manufacturer = s; return this; }
        public Builder manufacturerModelName(String s) { this.manufacturerModelName = s; return this; }
        public Builder softwareVersions(String s) { this.softwareVersions = s; return this; }
        public Builder deviceSerialNumber(String s) { this.deviceSerialNumber = s; return this; }
        public Builder seriesInstanceUid(String s) { this.seriesInstanceUid = s; return this; }
        public Builder sopInstanceUid(String s) { this.sopInstanceUid = s; return this; }
        public Builder contentDateTime(LocalDateTime t) { this.contentDateTime = t; return this; }
        public Builder overwrite(boolean o) { this.overwrite = o; return this; }
        /** Threads for frame compression; 0 = automatic, 1 = calling thread only. */
        public Builder threads(int n) { this.threads = n; return this; }
        /** The progress of the write (null for {@link Progress#NONE}); canceling it aborts the write. */
        public Builder progress(Progress p) { this.progress = p == null ? Progress.NONE : p; return this; }

        /** Region offset, tile size and TILED_SPARSE/TILED_FULL of a SEG on a slide (PS3.3 C.7.6.17.3). */
        public Builder tiledGeometry(TiledGeometry g) { this.tiledGeometry = g; return this; }

        /** The SEG this one was edited from (null: none); see {@link Predecessor}. */
        public Builder predecessor(Predecessor p) { this.predecessor = p; return this; }
        /** LABELMAP only: PALETTE COLOR with a palette of the segments' colours ({@link SegWriteOptions#paletteColorLut()}). */
        public Builder paletteColorLut(boolean p) { this.paletteColorLut = p; return this; }

        public SegWriteOptions build() { return new SegWriteOptions(this); }
    }
}

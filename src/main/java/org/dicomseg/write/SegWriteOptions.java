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
    private final boolean extendedOffsetTable;
    private final byte[] iccProfile;
    private final String paletteColorLutUid;
    private final String pyramidUid;
    private final String pyramidLabel;
    private final String pyramidDescription;
    private final java.util.List<org.dicomseg.source.SourceFile> furtherSourceImages;
    private final java.util.List<ContributingEquipment> contributingEquipment;

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
        this.extendedOffsetTable = b.extendedOffsetTable;
        if ((b.iccProfile != null || b.paletteColorLutUid != null) && !b.paletteColorLut) {
            throw new IllegalArgumentException("An ICC Profile and a Palette Color Lookup Table UID are written only with the palette"
                    + " (PALETTE COLOR, LABELMAP): set paletteColorLut(true)");
        }
        if (b.iccProfile != null) {
            String problem = iccProfileProblem(b.iccProfile);
            if (problem != null) throw new IllegalArgumentException("Not a usable ICC profile: " + problem);
        }
        this.iccProfile = b.iccProfile == null ? null : b.iccProfile.clone();
        this.paletteColorLutUid = uid(b.paletteColorLutUid, "Palette Color Lookup Table UID");
        this.pyramidUid = uid(b.pyramidUid, "Pyramid UID");
        this.pyramidLabel = lo(b.pyramidLabel, "Pyramid Label");
        this.pyramidDescription = lo(b.pyramidDescription, "Pyramid Description");
        this.furtherSourceImages = java.util.List.copyOf(b.furtherSourceImages);
        this.contributingEquipment = java.util.List.copyOf(b.contributingEquipment);
    }

    /**
     * Why {@code icc} cannot be the ICC Profile (0028,2000) of a PALETTE COLOR SEG, or null when it
     * can: the checks of highdicom 0.28.1 ({@code _add_icc_profile_attributes}) on the profile header
     * (ICC.1 7.2): signature 'acsp', device class input ('scnr') or colour space ('spac'), data
     * colour space 'RGB ', connection space 'Lab ' or 'XYZ ', and the size the header states.
     */
    public static String iccProfileProblem(byte[] icc) {
        if (icc == null || icc.length < 132) return "shorter than an ICC profile header (128 bytes and a tag count)";
        if (!ascii(icc, 36).equals("acsp")) return "no 'acsp' profile signature at byte 36 (not an ICC profile)";
        long size = ((icc[0] & 0xFFL) << 24) | ((icc[1] & 0xFF) << 16) | ((icc[2] & 0xFF) << 8) | (icc[3] & 0xFF);
        if (size != icc.length) return "its header states " + size + " bytes, the data has " + icc.length;
        String cls = ascii(icc, 12);
        if (!cls.equals("scnr") && !cls.equals("spac")) {
            return "device class '" + cls.trim() + "': an input ('scnr') or colour space ('spac') profile is required";
        }
        if (!ascii(icc, 16).equals("RGB ")) return "data colour space '" + ascii(icc, 16).trim() + "', not RGB";
        String pcs = ascii(icc, 20);
        if (!pcs.equals("Lab ") && !pcs.equals("XYZ ")) return "profile connection space '" + pcs.trim() + "', not Lab or XYZ";
        return null;
    }

    private static String ascii(byte[] b, int off) {
        return new String(b, off, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
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
        b.extendedOffsetTable = extendedOffsetTable;
        b.iccProfile = iccProfile;
        b.paletteColorLutUid = paletteColorLutUid;
        b.pyramidUid = pyramidUid;
        b.pyramidLabel = pyramidLabel;
        b.pyramidDescription = pyramidDescription;
        b.furtherSourceImages = new java.util.ArrayList<>(furtherSourceImages);
        b.contributingEquipment = new java.util.ArrayList<>(contributingEquipment);
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

    /**
     * True to write the Extended Offset Table (7FE0,0001/0002, PS3.5 A.4) with encapsulated Pixel
     * Data whatever its size (highdicom's {@code use_extended_offset_table=True}). False (default):
     * written only when the Pixel Data may reach 4 GiB, so that readers find frames beyond the 32-bit
     * offsets of the Basic Offset Table (which the writer always leaves empty). Ignored for native
     * Pixel Data.
     */
    public boolean extendedOffsetTable() { return extendedOffsetTable; }

    /**
     * The ICC Profile (0028,2000) written with the palette (PS3.3 C.11.15; the ICC Profile module of
     * the Segmentation IOD, required when the palette is written: C.8.20.2 for 66.7), or null
     * (default: none, as highdicom writes none unless given one). Color Space (0028,2002, Type 3) is
     * not written, as highdicom does not.
     */
    public byte[] iccProfile() { return iccProfile == null ? null : iccProfile.clone(); }
    /** Palette Color Lookup Table UID (0028,1199) written with the palette (C.7.9, Type 3), or null (default: none, as highdicom). */
    public String paletteColorLutUid() { return paletteColorLutUid; }
    /**
     * Pyramid UID (0008,0019) of the Multi-Resolution Pyramid module (a User module of the Segmentation IOD, PS3.3 Table A.51-1; Type 1 in it), or
     * null. {@link PyramidWriter} gives all levels of one pyramid one (this one, else a new one);
     * a single tiled SEG gets it only when set here. Only for tiled SEGs on a slide.
     */
    public String pyramidUid() { return pyramidUid; }
    /** Pyramid Label (0020,0027), written with a {@linkplain #pyramidUid() Pyramid UID}, or null. */
    public String pyramidLabel() { return pyramidLabel; }
    /** Pyramid Description (0008,1088), written with a {@linkplain #pyramidUid() Pyramid UID}, or null. */
    public String pyramidDescription() { return pyramidDescription; }
    /**
     * Further source images (highdicom's {@code further_source_images}): images of other series of
     * the sources' study that the segmentation also used (e.g. the T2 and DWI series beside the T1 it
     * lies on), listed in the Referenced Series Sequence (C.12.2) and the General Image module's
     * Source Image Sequence (C.7.6.1) but not used for geometry; empty by default. The writer refuses
     * images of another study.
     */
    public java.util.List<org.dicomseg.source.SourceFile> furtherSourceImages() { return furtherSourceImages; }
    /**
     * Contributing Equipment Sequence (0018,A001) items (SOP Common, PS3.3 C.12.1.1.5), in order;
     * the {@linkplain #predecessor() predecessor's} equipment, when known, follows them. Empty by default.
     */
    public java.util.List<ContributingEquipment> contributingEquipment() { return contributingEquipment; }

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
        private boolean extendedOffsetTable;
        private byte[] iccProfile;
        private String paletteColorLutUid;
        private String pyramidUid;
        private String pyramidLabel;
        private String pyramidDescription;
        private java.util.List<org.dicomseg.source.SourceFile> furtherSourceImages = new java.util.ArrayList<>();
        private java.util.List<ContributingEquipment> contributingEquipment = new java.util.ArrayList<>();

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

        /** True: an Extended Offset Table with any encapsulated Pixel Data ({@link SegWriteOptions#extendedOffsetTable()}). */
        public Builder extendedOffsetTable(boolean e) { this.extendedOffsetTable = e; return this; }

        /** With the palette only: the ICC profile to write beside it (null: none); {@link SegWriteOptions#iccProfile()}. */
        public Builder iccProfile(byte[] icc) { this.iccProfile = icc == null ? null : icc.clone(); return this; }
        /** With the palette only: its Palette Color Lookup Table UID (null: none). */
        public Builder paletteColorLutUid(String uid) { this.paletteColorLutUid = uid; return this; }
        /** Pyramid UID of a tiled SEG (null: none; {@link PyramidWriter} makes one per pyramid). */
        public Builder pyramidUid(String uid) { this.pyramidUid = uid; return this; }
        /** Pyramid Label (LO), written with the Pyramid UID. */
        public Builder pyramidLabel(String s) { this.pyramidLabel = s; return this; }
        /** Pyramid Description (LO), written with the Pyramid UID. */
        public Builder pyramidDescription(String s) { this.pyramidDescription = s; return this; }
        /** Further source images of the sources' study ({@link SegWriteOptions#furtherSourceImages()}); replaces earlier ones. */
        public Builder furtherSourceImages(java.util.List<org.dicomseg.source.SourceFile> images) {
            this.furtherSourceImages = new java.util.ArrayList<>(images);
            return this;
        }
        /** Contributing equipment items ({@link SegWriteOptions#contributingEquipment()}); replaces earlier ones. */
        public Builder contributingEquipment(java.util.List<ContributingEquipment> items) {
            this.contributingEquipment = new java.util.ArrayList<>(items);
            return this;
        }

        public SegWriteOptions build() { return new SegWriteOptions(this); }
    }
}

package org.dicomseg.options;

/**
 * The option vocabulary of every DICOM SEG command, in one place. Each constant is the key that
 * the command's dialog field records (ImageJ derives a recorded key from the first word of a
 * field's label, lower-cased), so {@code run("Export Label Image as SEG...", "source=... out=...")}
 * replays the dialog; the command line fills the same keys from its flags. The keys are a public
 * contract recorded in users' macros: never rename one. They are listed with examples in
 * {@code docs/macros.md}.
 *
 * <p>Paths are always string fields: Fiji's {@code --headless} mode stubs out file choosers.</p>
 */
public final class MacroKeys {
    private MacroKeys() { }

    // ---- shared by several commands ----
    /** Output file or folder. */
    public static final String OUT = "out";
    /** Replace an existing output file (never a source). */
    public static final String OVERWRITE = "overwrite";

    // ---- export (Export Label Image as SEG..., Export ROIs as SEG..., File > Save As > DICOM SEG...) ----
    /** Source DICOM folder or file; blank = found from the image (ImageJ's DICOM reader, importer). */
    public static final String SOURCE = "source";
    /** dcmqi segment metadata JSON; blank = the image's stored metadata, else defaults. */
    public static final String META = "meta";
    /** Export ROIs: a RoiSet.zip or .roi file; blank = the ROI Manager. */
    public static final String ROIS = "rois";
    /** Export ROIs: segments by ROI {@code name}, ROI {@code group}, or {@code each} ROI. */
    public static final String GROUPING = "grouping";
    /** Segmentation Type: {@code BINARY}, {@code FRACTIONAL} or {@code LABELMAP}. */
    public static final String SEGMENTATION = "segmentation";
    /** Segmentation Fractional Type: {@code PROBABILITY} or {@code OCCUPANCY} (FRACTIONAL only). */
    public static final String FRACTIONAL_TYPE = "fractional_type";
    /**
     * Pixel data compression: {@code none}, {@code rle}, {@code j2k} or {@code deflate} (Deflated Image
     * Frame Compression, 1.2.840.10008.1.2.8.1) (BINARY as rle: 1-bit RLE, which pydicom/highdicom cannot read).
     */
    public static final String COMPRESSION = "compression";
    /** Series Description (0008,103E). */
    public static final String SERIES = "series";
    /** Series Number (0020,0011). */
    public static final String SERIES_NUMBER = "series_number";
    /** Instance Number (0020,0013). */
    public static final String INSTANCE = "instance";
    /** Content Label (0070,0080): uppercase letters, digits, underscore, space. */
    public static final String CONTENT = "content";
    /** Content Creator's Name (0070,0084), e.g. {@code Doe^Jane}. */
    public static final String CREATOR = "creator";
    /** Manufacturer (0008,0070) of the equipment that made the SEG. */
    public static final String MANUFACTURER = "manufacturer";
    /** Manufacturer's Model Name (0008,1090). */
    public static final String MODEL = "model";
    /** Software Versions (0018,1020); blank = this plugin's and ImageJ's versions, stamped when the SEG is written. */
    public static final String SOFTWARE = "software";
    /** Device Serial Number (0018,1000). */
    public static final String SERIAL = "serial";
    /** Keep frames without any segment pixel (checkbox; by default they are omitted). */
    public static final String KEEP = "keep";
    /**
     * LABELMAP only: write Photometric Interpretation PALETTE COLOR with a Palette Color Lookup Table of
     * the segments' colours (checkbox; default MONOCHROME2 with each segment's Recommended Display CIELab Value).
     */
    public static final String PALETTE = "palette";
    /**
     * With {@link #PALETTE}: an ICC profile file (an input or colour space RGB profile, e.g. sRGB)
     * written as the ICC Profile (0028,2000) beside the palette (PS3.3 C.11.15); blank = none.
     */
    public static final String ICC = "icc";
    /**
     * Further source images: folders (or files) of other series of the sources' study the
     * segmentation also used (e.g. T2 and DWI beside the T1), several separated by {@code ;};
     * referenced in the SEG (Referenced Series Sequence, Source Image Sequence); blank = none.
     */
    public static final String FURTHER = "further";

    // ---- Options... (kept in ImageJ's preferences; the series and equipment keys above also) ----
    /** A Slicer/dcmqi segmentation category/type terminology JSON for Segment Metadata...; blank = the built-in CID 7150/7151 tables only. */
    public static final String TERMINOLOGY = "terminology";
    /** A Slicer/dcmqi anatomic region terminology JSON for Segment Metadata...; blank = the built-in CID 4 table only. */
    public static final String ANATOMIC = "anatomic";

    // ---- export: Segment Metadata... ----
    /** What to do: {@code edit} one segment, {@code load} or {@code save} a dcmqi JSON template, {@code clear}. */
    public static final String ACTION = "action";
    /** The segment number to edit (1-based). */
    public static final String SEGMENT = "segment";
    /** dcmqi JSON template to load or save. */
    public static final String TEMPLATE = "template";
    /** Segment Label. */
    public static final String LABEL = "label";
    /** Segmented Property Category: a code meaning of the built-in CID 7150 list. */
    public static final String CATEGORY = "category";
    /** A category outside the list, typed as {@code value^scheme^meaning}; overrides {@link #CATEGORY}. */
    public static final String CATEGORY_CODE = "category_code";
    /** Segmented Property Type: a code meaning of the built-in CID 7151 list. */
    public static final String TYPE = "type";
    /** A type outside the list, typed as {@code value^scheme^meaning}; overrides {@link #TYPE}. */
    public static final String TYPE_CODE = "type_code";
    /** Anatomic Region: a code meaning of the built-in CID 4 list, or {@code none}. */
    public static final String REGION = "region";
    /** An anatomic region outside the list, typed as {@code value^scheme^meaning}; overrides {@link #REGION}. */
    public static final String REGION_CODE = "region_code";
    /** Segment Algorithm Type: {@code MANUAL}, {@code SEMIAUTOMATIC} or {@code AUTOMATIC}. */
    public static final String ALGORITHM = "algorithm";
    /** Algorithm Name (AUTOMATIC, SEMIAUTOMATIC). */
    public static final String ALGORITHM_NAME = "algorithm_name";
    /** Algorithm Version (AUTOMATIC, SEMIAUTOMATIC). */
    public static final String ALGORITHM_VERSION = "algorithm_version";
    /** Tracking ID (0062,0020). */
    public static final String TRACKING_ID = "tracking_id";
    /** Tracking UID (0062,0021); blank with a Tracking ID = a new UID. */
    public static final String TRACKING_UID = "tracking_uid";
    /** Display colour: {@code #rrggbb} or an ImageJ colour name. */
    public static final String COLOR = "color";

    // ---- import (File > Import > DICOM SEG..., Import SEG..., SEG Info...) ----
    /** The SEG file to read (Import SEG..., SEG Info...). */
    public static final String SEG = "seg";
    /** Segments to load: blank/"all", or numbers and ranges such as {@code 1,3-5}. */
    public static final String SEGMENTS = "segments";
    /** What to make: {@code hyperstack}, {@code [label image]}, {@code [ROI Manager]} or {@code RoiSet.zip}. */
    public static final String OUTPUT = "output";
    /** FRACTIONAL segments as 8-bit stored values instead of 32-bit 0..1 (checkbox). */
    public static final String FRACTIONAL = "fractional";
    /** Label image: let later segments overwrite earlier ones where they overlap (checkbox). */
    public static final String LAST_WINS = "last_wins";
    /** Also open the source images the SEG references, when found (checkbox). */
    public static final String OPEN_SOURCE = "open_source";
    /**
     * The source series of an import: a folder (searched) or one file of it; the import then has
     * exactly its planes. Blank = an open image of the series, else the SEG's folder and its parent.
     */
    public static final String SOURCE_FOLDER = "source_folder";
    /**
     * Tiled (slide) SEGs: the region {@code x,y,width,height} of the Total Pixel Matrix to read, in
     * the SEG's pixels; blank = the open slide image's region (same Frame of Reference), else the whole matrix.
     * (The same word as {@link #REGION} of Segment Metadata..., another command.)
     */
    public static final String IMPORT_REGION = "region";
    /** Tiled (slide) SEGs: downsampling factor, 1 = full resolution; blank/0 = the default (fits 2048 pixels, or the slide image's pixel size). */
    public static final String DOWNSAMPLE = "downsample";

    // ---- slide (Open DICOM Slide...) ----
    /** The slide: a folder with the instances of one VL Whole Slide Microscopy series, or one of its files. */
    public static final String SLIDE = "slide";
    /** The pyramid level to open, 1 = the largest (levels are listed in the dialog). */
    public static final String LEVEL = "level";
    /** Region: column of its left edge in the level (0-based). */
    public static final String X = "x";
    /** Region: row of its top edge in the level (0-based). */
    public static final String Y = "y";
    /** Region width in level pixels; 0 = to the right edge. */
    public static final String WIDTH = "width";
    /** Region height in level pixels; 0 = to the bottom edge. */
    public static final String HEIGHT = "height";
    /** Export from a slide image: {@code sparse} (TILED_SPARSE, empty tiles left out) or {@code full} (TILED_FULL). */
    public static final String TILES = "tiles";
    /** Export from a slide image: also write a SEG on every coarser level of the slide (checkbox), a multi-resolution series. */
    public static final String PYRAMID = "pyramid";
    /** With {@link #PYRAMID}: Pyramid Label (0020,0027) of the SEG pyramid (Multi-Resolution Pyramid module); blank = none. */
    public static final String PYRAMID_LABEL = "pyramid_label";
    /** With {@link #PYRAMID}: Pyramid Description (0008,1088) of the SEG pyramid; blank = none. */
    public static final String PYRAMID_DESCRIPTION = "pyramid_description";
    /**
     * Export ROIs / Export Label Image from a slide image: the level to write on, {@code image} (the image's own
     * level, default) or {@code finest} (the slide's finest level, ROIs scaled by the ratio of the
     * levels' pixel spacings and rasterised tile by tile; a label image resampled by nearest neighbour, tile by tile).
     */
    public static final String TARGET = "target";

    // ---- NIfTI / NRRD volumes (Export Label Image as SEG..., import) ----
    /**
     * Export Label Image as SEG...: a NIfTI ({@code .nii}, {@code .nii.gz}) or NRRD ({@code .nrrd},
     * {@code .nhdr}) file to export instead of the current image; blank = the current image.
     */
    public static final String LABELS = "labels";
    /**
     * Export of a NIfTI/NRRD volume: {@code source} (default: its planes matched to the source images
     * by position, a file on another grid refused) or {@code file} (a SEG on the file's own grid:
     * its plane positions, orientation and spacing, a custom-geometry SEG).
     */
    public static final String GEOMETRY = "geometry";
    /**
     * Import: a NIfTI ({@code .nii}, {@code .nii.gz}) or NRRD ({@code .nrrd}) file to write the SEG to
     * instead of opening it (with {@code Y.json} beside it): a label map for {@code output=[label image]},
     * else one component per segment; blank = open it as usual.
     */
    public static final String VOLUME = "volume";

    // ---- servers (DICOMweb / DIMSE) ----
    /** The name of a server kept by Plugins &gt; DICOM SEG &gt; Servers... (DICOM SEG from Server..., export's {@link #STORE}). */
    public static final String SERVER = "server";
    /** Export: store the written SEG to this named server (blank = only write the file). */
    public static final String STORE = "store";
    /** Servers...: the server's name (with {@link #ACTION} add or remove). */
    public static final String NAME = "name";
    /** Servers...: a DICOMweb base URL ({@code http://host:8042/dicom-web}) or {@code dicom://AET@host:port}. */
    public static final String URL = "url";
    /** Servers...: the user name for HTTP basic authentication (blank = none, or a token). */
    public static final String USER = "user";
    /** Servers...: how to authenticate: {@code none}, {@code password} (basic, with {@link #USER}) or {@code token} (bearer). */
    public static final String AUTH = "auth";
    /** Servers...: keep the password or token in ImageJ's preferences (checkbox; default: this session only). */
    public static final String REMEMBER = "remember";
    /** Servers...: the calling AE title for {@code dicom://} servers. */
    public static final String CALLING_AET = "calling_aet";
    /** DICOM SEG from Server...: search by Patient ID. */
    public static final String PATIENT = "patient";
    /** DICOM SEG from Server...: search by Study Instance UID. */
    public static final String STUDY = "study";
}

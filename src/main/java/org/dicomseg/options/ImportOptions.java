package org.dicomseg.options;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Objects;

/**
 * The choices of one import, independent of how they were made (dialog, macro, command line,
 * test): which segments, what to produce, how to show FRACTIONAL values, what to do with overlaps
 * in a label image, where to write a RoiSet.zip, whether (and where) to look for the source images
 * and, for a tiled (slide) SEG, which region of the Total Pixel Matrix at what downsampling.
 *
 * <p>Immutable, so one options object can be handed to the reader and then to the importer (and
 * across threads) without either seeing the other's changes; a variant is made with
 * {@link #toBuilder()}. Build with {@link #builder()} ({@link #defaults()}: every segment, a
 * hyperstack, checkboxes off, no paths, the whole matrix at the default downsampling), or read
 * filled values (the import dialog's keys) with {@link #of(OptionValues)}. The builder checks each
 * value as it is set, so {@link #of(OptionValues)} can name the key of a value that cannot be
 * read.</p>
 */
public final class ImportOptions {
    /** What the import produces. */
    public enum Output {
        /** One channel per segment. */
        HYPERSTACK("hyperstack"),
        /** One image, pixel value = Segment Number. */
        LABEL_IMAGE("label image"),
        /** ROIs added to the ROI Manager. */
        ROI_MANAGER("ROI Manager"),
        /** ROIs written to a RoiSet.zip. */
        ROI_SET_ZIP("RoiSet.zip");

        private final String choice;

        Output(String choice) { this.choice = choice; }

        /** The text shown in the dialog and used in macros ({@code output=[label image]}). */
        public String choice() { return choice; }

        /** All dialog choices, in order. */
        public static String[] choices() {
            Output[] vs = values();
            String[] s = new String[vs.length];
            for (int i = 0; i < vs.length; i++) s[i] = vs[i].choice;
            return s;
        }

        /** Parses a dialog/macro choice, case-insensitively, also accepting the enum name ("label_image"). */
        public static Output parse(String s) {
            if (s == null || s.isBlank()) return HYPERSTACK;
            String t = s.trim();
            for (Output o : values()) {
                if (o.choice.equalsIgnoreCase(t) || o.name().equalsIgnoreCase(t.replace(' ', '_'))) return o;
            }
            if (t.toLowerCase(Locale.ROOT).startsWith("label")) return LABEL_IMAGE;
            if (t.toLowerCase(Locale.ROOT).contains("zip")) return ROI_SET_ZIP;
            if (t.toLowerCase(Locale.ROOT).startsWith("roi")) return ROI_MANAGER;
            throw new IllegalArgumentException("Unknown output '" + s + "': use hyperstack, [label image], [ROI Manager] or RoiSet.zip");
        }
    }

    private final SegmentSelection segments;
    private final Output output;
    private final boolean fractionalAsStoredValues;
    private final boolean lastWins;
    private final boolean openSource;
    private final Path sourceFolder;
    private final Path roiZip;
    private final int[] region;
    private final int downsample;

    private ImportOptions(Builder b) {
        this.segments = Objects.requireNonNull(b.segments, "segments");
        this.output = Objects.requireNonNull(b.output, "output");
        this.fractionalAsStoredValues = b.fractionalAsStoredValues;
        this.lastWins = b.lastWins;
        this.openSource = b.openSource;
        this.sourceFolder = b.sourceFolder;
        this.roiZip = b.roiZip;
        this.region = b.region == null ? null : b.region.clone();
        this.downsample = b.downsample;
    }

    /** A builder with the defaults (see {@link #defaults()}). */
    public static Builder builder() { return new Builder(); }

    /** The defaults: every segment, a hyperstack, checkboxes off, no paths, the whole matrix at the default downsampling. */
    public static ImportOptions defaults() { return new Builder().build(); }

    /** A builder pre-filled with these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.segments = segments;
        b.output = output;
        b.fractionalAsStoredValues = fractionalAsStoredValues;
        b.lastWins = lastWins;
        b.openSource = openSource;
        b.sourceFolder = sourceFolder;
        b.roiZip = roiZip;
        b.region = region == null ? null : region.clone();
        b.downsample = downsample;
        return b;
    }

    public SegmentSelection segments() { return segments; }
    public Output output() { return output; }
    public boolean fractionalAsStoredValues() { return fractionalAsStoredValues; }
    public boolean lastWins() { return lastWins; }
    public boolean openSource() { return openSource; }
    /** The source series (a folder or one of its files) the import is laid on, or null: searched for. */
    public Path sourceFolder() { return sourceFolder; }
    /** Where to write the RoiSet.zip, or null for {@code <SEG name>_RoiSet.zip} next to the SEG. */
    public Path roiZip() { return roiZip; }
    /** Tiled SEGs: {x, y, width, height} of the Total Pixel Matrix to read, or null (whole, or the open slide image's region). */
    public int[] region() { return region == null ? null : region.clone(); }
    /** Tiled SEGs: downsampling factor, 0 = the default (fit 2048 pixels, or the open slide image's pixel size). */
    public int downsample() { return downsample; }

    /**
     * Collects options. Each setter checks its value at once (a bad region, a negative or
     * non-numeric downsampling factor, a bad segment list throws {@link IllegalArgumentException}
     * there), so the caller knows which value was wrong.
     */
    public static final class Builder {
        private SegmentSelection segments = SegmentSelection.parse("");
        private Output output = Output.HYPERSTACK;
        private boolean fractionalAsStoredValues;
        private boolean lastWins;
        private boolean openSource;
        private Path sourceFolder;
        private Path roiZip;
        private int[] region;
        private int downsample;

        private Builder() { }

        public Builder segments(SegmentSelection s) { this.segments = s; return this; }
        /** Parses a segment list such as {@code "1,3-5"} (blank = every segment). */
        public Builder segments(String spec) { this.segments = SegmentSelection.parse(spec); return this; }
        public Builder output(Output o) { this.output = o; return this; }
        public Builder fractionalAsStoredValues(boolean b) { this.fractionalAsStoredValues = b; return this; }
        public Builder lastWins(boolean b) { this.lastWins = b; return this; }
        public Builder openSource(boolean b) { this.openSource = b; return this; }
        public Builder sourceFolder(Path p) { this.sourceFolder = p; return this; }
        /** A folder path (blank = none: the SEG's folder). */
        public Builder sourceFolder(String p) { this.sourceFolder = blank(p) ? null : Paths.get(p.trim()); return this; }
        public Builder roiZip(Path p) { this.roiZip = p; return this; }
        /** A file path (blank = none: {@code <SEG name>_RoiSet.zip} next to the SEG). */
        public Builder roiZip(String p) { this.roiZip = blank(p) ? null : Paths.get(p.trim()); return this; }
        public Builder region(int[] r) { this.region = r == null ? null : r.clone(); return this; }
        /** Parses {@code x,y,width,height} (blank = none). */
        public Builder region(String r) { this.region = parseRegion(r); return this; }
        public Builder downsample(int f) {
            if (f < 0) throw new IllegalArgumentException("downsample must be 1 or more (0 or blank = default), not " + f);
            this.downsample = f;
            return this;
        }
        /** Parses a factor (blank, 0 or {@code auto} = default). */
        public Builder downsample(String f) {
            if (blank(f) || f.trim().equalsIgnoreCase("auto")) return downsample(0);
            try {
                return downsample((int) Math.round(Double.parseDouble(f.trim())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("downsample must be a whole number, not '" + f + "'");
            }
        }

        public ImportOptions build() { return new ImportOptions(this); }
    }

    /**
     * The options of filled values (keys of the import dialog, {@link MacroKeys#SEGMENTS} to
     * {@link MacroKeys#DOWNSAMPLE}); an absent key takes its default: every segment, a hyperstack,
     * checkboxes off, no paths, the whole matrix at the default downsampling.
     *
     * @throws InvalidOptionException naming the key, for a value that cannot be read
     */
    public static ImportOptions of(OptionValues values) {
        Builder b = builder()
                .fractionalAsStoredValues(values.flag(MacroKeys.FRACTIONAL))
                .lastWins(values.flag(MacroKeys.LAST_WINS))
                .openSource(values.flag(MacroKeys.OPEN_SOURCE));
        try {
            b.segments(values.string(MacroKeys.SEGMENTS, ""));
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(MacroKeys.SEGMENTS, e.getMessage());
        }
        try {
            b.output(Output.parse(values.string(MacroKeys.OUTPUT, "")));
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(MacroKeys.OUTPUT, e.getMessage());
        }
        b.roiZip(values.string(MacroKeys.OUT, "")).sourceFolder(values.string(MacroKeys.SOURCE_FOLDER, ""));
        try {
            b.region(values.string(MacroKeys.IMPORT_REGION, ""));
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(MacroKeys.IMPORT_REGION, e.getMessage());
        }
        try {
            b.downsample(values.string(MacroKeys.DOWNSAMPLE, ""));
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(MacroKeys.DOWNSAMPLE, e.getMessage());
        }
        return b.build();
    }

    /** Parses {@code "x,y,w,h"}, brackets allowed (blank = null; width/height 0 = to the edge). */
    public static int[] parseRegion(String s) {
        if (s == null || s.isBlank()) return null;
        String[] parts = s.trim().replaceAll("^\\[|\\]$", "").split("[,;\\s]+");
        if (parts.length != 4) throw new IllegalArgumentException("region must be x,y,width,height, not '" + s + "'");
        int[] r = new int[4];
        try {
            for (int i = 0; i < 4; i++) r[i] = Integer.parseInt(parts[i].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("region must be four whole numbers x,y,width,height, not '" + s + "'");
        }
        if (r[0] < 0 || r[1] < 0 || r[2] < 0 || r[3] < 0) {
            throw new IllegalArgumentException("region values must not be negative: '" + s + "'");
        }
        return r;
    }

    /** The RoiSet.zip to write for {@code seg}: the chosen path, else {@code <name>_RoiSet.zip} beside it. */
    public Path roiZipFor(Path seg) {
        if (roiZip != null) return roiZip;
        String name = seg.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        Path parent = seg.toAbsolutePath().getParent();
        return parent.resolve(base + "_RoiSet.zip");
    }

    private static boolean blank(String s) { return s == null || s.isBlank(); }

    @Override public String toString() {
        return "segments=" + segments + " output=" + output.choice() + (fractionalAsStoredValues ? " fractional" : "")
                + (lastWins ? " last_wins" : "") + (openSource ? " open_source" : "")
                + (sourceFolder != null ? " source_folder=" + sourceFolder : "") + (roiZip != null ? " out=" + roiZip : "")
                + (region != null ? " region=" + region[0] + "," + region[1] + "," + region[2] + "," + region[3] : "")
                + (downsample > 0 ? " downsample=" + downsample : "");
    }
}

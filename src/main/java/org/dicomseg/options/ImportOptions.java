package org.dicomseg.options;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

/**
 * The choices of an import, independent of how they were made (dialog, macro, command line,
 * test): which segments, what to produce, how to show FRACTIONAL values, what to do with overlaps
 * in a label image, where to write a RoiSet.zip, whether (and where) to look for the source images
 * and, for a tiled (slide) SEG, which region of the Total Pixel Matrix at what downsampling.
 * {@link #of(OptionValues)} reads them from filled values (the import dialog's keys).
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

    private SegmentSelection segments = SegmentSelection.parse("");
    private Output output = Output.HYPERSTACK;
    private boolean fractionalAsStoredValues;
    private boolean lastWins;
    private boolean openSource;
    private Path sourceFolder;
    private Path roiZip;
    private int[] region;
    private int downsample;

    public SegmentSelection segments() { return segments; }
    public Output output() { return output; }
    public boolean fractionalAsStoredValues() { return fractionalAsStoredValues; }
    public boolean lastWins() { return lastWins; }
    public boolean openSource() { return openSource; }
    /** Folder to search for source images, or null for the SEG's folder. */
    public Path sourceFolder() { return sourceFolder; }
    /** Where to write the RoiSet.zip, or null for {@code <SEG name>_RoiSet.zip} next to the SEG. */
    public Path roiZip() { return roiZip; }
    /** Tiled SEGs: {x, y, width, height} of the Total Pixel Matrix to read, or null (whole, or the open slide image's region). */
    public int[] region() { return region == null ? null : region.clone(); }
    /** Tiled SEGs: downsampling factor, 0 = the default (fit 2048 pixels, or the open slide image's pixel size). */
    public int downsample() { return downsample; }

    public ImportOptions segments(SegmentSelection s) { this.segments = s; return this; }
    public ImportOptions segments(String spec) { this.segments = SegmentSelection.parse(spec); return this; }
    public ImportOptions output(Output o) { this.output = o; return this; }
    public ImportOptions fractionalAsStoredValues(boolean b) { this.fractionalAsStoredValues = b; return this; }
    public ImportOptions lastWins(boolean b) { this.lastWins = b; return this; }
    public ImportOptions openSource(boolean b) { this.openSource = b; return this; }
    public ImportOptions sourceFolder(Path p) { this.sourceFolder = p; return this; }
    public ImportOptions sourceFolder(String p) { this.sourceFolder = blank(p) ? null : Paths.get(p.trim()); return this; }
    public ImportOptions roiZip(Path p) { this.roiZip = p; return this; }
    public ImportOptions roiZip(String p) { this.roiZip = blank(p) ? null : Paths.get(p.trim()); return this; }
    public ImportOptions region(int[] r) { this.region = r == null ? null : r.clone(); return this; }
    /** Parses {@code x,y,width,height} (blank = none). */
    public ImportOptions region(String r) { this.region = parseRegion(r); return this; }
    public ImportOptions downsample(int f) {
        if (f < 0) throw new IllegalArgumentException("downsample must be 1 or more (0 or blank = default), not " + f);
        this.downsample = f;
        return this;
    }
    /** Parses a factor (blank, 0 or {@code auto} = default). */
    public ImportOptions downsample(String f) {
        if (blank(f) || f.trim().equalsIgnoreCase("auto")) return downsample(0);
        try {
            return downsample((int) Math.round(Double.parseDouble(f.trim())));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("downsample must be a whole number, not '" + f + "'");
        }
    }

    /**
     * The options of filled values (keys of the import dialog, {@link MacroKeys#SEGMENTS} to
     * {@link MacroKeys#DOWNSAMPLE}); an absent key takes its default: every segment, a hyperstack,
     * checkboxes off, no paths, the whole matrix at the default downsampling.
     *
     * @throws InvalidOptionException naming the key, for a value that cannot be read
     */
    public static ImportOptions of(OptionValues values) {
        ImportOptions o = new ImportOptions()
                .fractionalAsStoredValues(values.flag(MacroKeys.FRACTIONAL))
                .lastWins(values.flag(MacroKeys.LAST_WINS))
                .openSource(values.flag(MacroKeys.OPEN_SOURCE));
        try {
            o.segments(values.string(MacroKeys.SEGMENTS, ""));
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(MacroKeys.SEGMENTS, e.getMessage());
        }
        try {
            o.output(Output.parse(values.string(MacroKeys.OUTPUT, "")));
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(MacroKeys.OUTPUT, e.getMessage());
        }
        o.roiZip(values.string(MacroKeys.OUT, "")).sourceFolder(values.string(MacroKeys.SOURCE_FOLDER, ""));
        try {
            o.region(values.string(MacroKeys.IMPORT_REGION, ""));
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(MacroKeys.IMPORT_REGION, e.getMessage());
        }
        try {
            o.downsample(values.string(MacroKeys.DOWNSAMPLE, ""));
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(MacroKeys.DOWNSAMPLE, e.getMessage());
        }
        return o;
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

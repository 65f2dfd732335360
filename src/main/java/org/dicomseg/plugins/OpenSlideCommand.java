package org.dicomseg.plugins;

import java.io.IOException;
import java.nio.file.Paths;

import ij.IJ;
import ij.ImagePlus;
import ij.Prefs;
import ij.plugin.PlugIn;

import org.dicomseg.ij.slide.SlideImageOpener;
import org.dicomseg.source.slide.SlideLevel;
import org.dicomseg.source.slide.SlideRegionReader;
import org.dicomseg.source.slide.SlideSeries;
import org.dicomseg.options.MacroKeys;
import org.dicomseg.ij.ui.CommandForm;
import org.dicomseg.ij.ui.FormField;
import org.dicomseg.ij.ui.HelpPages;
import org.dicomseg.ij.ui.Recording;
import org.dicomseg.ij.ui.CommandErrors;

/**
 * Plugins &gt; DICOM SEG &gt; Open DICOM Slide...: opens a level of a VL Whole Slide Microscopy
 * image (PS3.3 A.32.8; a folder or a file of one series, one instance per pyramid level), whole or
 * a region (x, y, width, height in that level's pixels), 8-bit grey or RGB; tiles native, JPEG
 * baseline, JPEG 2000 or JPEG-LS. The image remembers where it lies on
 * the slide ({@link org.dicomseg.ij.slide.SlidePlacement}), so Export Label Image / Export ROIs from it
 * (or from a same-sized image carrying its properties) write a tiled SEG on that level.
 * Macro: {@code run("Open DICOM Slide...", "slide=[/data/slide] level=2 x=0 y=0 width=0 height=0")}
 * (width/height 0 = to the level's edge); keys in {@link MacroKeys}.
 */
public class OpenSlideCommand implements PlugIn {
    /** Menu name (Plugins &gt; DICOM SEG). */
    public static final String COMMAND = "Open DICOM Slide";
    private static final String PREF_PATH = "dicomseg.slide.path";

    @Override
    public void run(String arg) {
        CommandErrors.run(COMMAND, () -> {
            ImagePlus imp = open();
            if (imp != null) imp.show();
            else Recording.forget(); // cancelled: nothing to replay
        });
    }

    /** The first dialog: the folder or file. */
    static CommandForm pathForm(String last) {
        CommandForm f = new CommandForm(COMMAND + "...");
        f.add(FormField.path(MacroKeys.SLIDE, "Slide (DICOM folder or file, or a DICOMweb series URL)", last, 45,
                FormField.Browse.FILE_OR_FOLDER));
        return f.helpPage(HelpPages.OPEN_SLIDE);
    }

    /** The second dialog: the level and region, listing the levels. */
    static CommandForm levelForm(SlideSeries s) {
        StringBuilder sb = new StringBuilder("Levels:\n");
        for (int i = 0; i < s.levels().size(); i++) sb.append(i + 1).append(": ").append(s.level(i).describe()).append('\n');
        CommandForm f = new CommandForm(COMMAND + "...");
        f.add(FormField.message(sb.toString().trim()));
        f.add(FormField.number(MacroKeys.LEVEL, "Level (1 = largest)", defaultLevel(s)));
        f.add(FormField.number(MacroKeys.X, "X (column of the region's left edge)", 0));
        f.add(FormField.number(MacroKeys.Y, "Y (row of the region's top edge)", 0));
        f.add(FormField.number(MacroKeys.WIDTH, "Width (0 = to the right edge)", 0));
        f.add(FormField.number(MacroKeys.HEIGHT, "Height (0 = to the bottom edge)", 0));
        return f.helpPage(HelpPages.OPEN_SLIDE);
    }

    /** The largest level that fits in one ImageJ image, else the smallest. */
    static int defaultLevel(SlideSeries s) {
        for (int i = 0; i < s.levels().size(); i++) {
            SlideLevel l = s.level(i);
            if (l.isPyramidLevel() && l.width() * l.height() * l.samplesPerPixel() <= SlideRegionReader.MAX_PIXELS) return i + 1;
        }
        return s.levels().size();
    }

    /** Runs both dialogs and opens the image; null when cancelled. */
    static ImagePlus open() throws IOException {
        CommandForm first = pathForm(Prefs.get(PREF_PATH, ""));
        if (!first.show()) return null;
        String path = first.string(MacroKeys.SLIDE);
        if (path.isBlank()) throw new IllegalArgumentException("No slide folder or file was given");
        SlideSeries s;
        if (org.dicomseg.web.DicomWebUrl.isUrl(path)) {
            // A series on a DICOMweb server: levels from its metadata, tiles fetched per region (WADO-RS frames).
            org.dicomseg.web.DicomWebUrl url = org.dicomseg.web.DicomWebUrl.parse(path);
            s = org.dicomseg.source.web.RemoteSlide.read(org.dicomseg.ij.ServerRegistry.settingsFor(path).client(url), url);
        } else {
            s = SlideSeries.scan(Paths.get(path));
        }
        Prefs.set(PREF_PATH, path);
        CommandForm second = levelForm(s);
        if (!second.show()) return null;
        return open(s, second.number(MacroKeys.LEVEL), second.number(MacroKeys.X), second.number(MacroKeys.Y),
                second.number(MacroKeys.WIDTH), second.number(MacroKeys.HEIGHT));
    }

    /** Opens level {@code level} (1-based) of {@code s}, region x, y, width, height (0 = to the edge). */
    public static ImagePlus open(SlideSeries s, int level, long x, long y, long width, long height) throws IOException {
        if (level < 1 || level > s.levels().size()) {
            throw new IllegalArgumentException("Level " + level + " does not exist: the slide has levels 1.." + s.levels().size());
        }
        SlideLevel l = s.level(level - 1);
        if (x < 0 || y < 0 || x >= l.width() || y >= l.height()) {
            throw new IllegalArgumentException("x=" + x + ", y=" + y + " is outside level " + level + " (" + l.width() + " x " + l.height() + ")");
        }
        long w = width <= 0 ? l.width() - x : Math.min(width, l.width() - x);
        long h = height <= 0 ? l.height() - y : Math.min(height, l.height() - y);
        if (w * h * l.samplesPerPixel() > SlideRegionReader.MAX_PIXELS || w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("A " + w + " x " + h + " region of level " + level + " is too large for one ImageJ image:"
                    + " choose a smaller region or a lower level (levels: " + s.levels().size() + ")");
        }
        IJ.showStatus(COMMAND + ": reading level " + level + " (" + w + "x" + h + ")");
        return SlideImageOpener.open(l, level, x, y, (int) w, (int) h);
    }
}

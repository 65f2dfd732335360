package org.dicomseg.ij.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.dicomseg.ij.slide.SlidePlacement;
import org.dicomseg.write.PyramidResult;
import org.dicomseg.write.PyramidWriter;
import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriteResult;
import org.dicomseg.write.SegWriter;
import org.dicomseg.source.SourceImages;
import org.dicomseg.write.TiledGeometry;
import org.dicomseg.source.slide.SlideLevel;
import org.dicomseg.source.slide.SlideSeries;
import org.dicomseg.task.InputException;
import org.dicomseg.ij.ServerRegistry;
import org.dicomseg.source.web.RemoteSeries;
import org.dicomseg.web.DicomWebException;
import org.dicomseg.web.DicomWebUrl;
import org.dicomseg.web.ServerSettings;
import org.dicomseg.task.OutputException;

/**
 * The last step of an ImageJ export from an image opened from a slide ({@link SlidePlacement}):
 * writes a tiled SEG (PS3.3 C.7.6.17.3) on the level the image was read from, the image's region
 * offset becoming the row/column positions of its tiles, so the SEG lands exactly on the slide.
 */
public final class SlideExport {
    private SlideExport() { }

    /**
     * Writes {@code plan} (the size of the image; one plane per focal plane of the level, in
     * increasing Z: one for most slides) as a tiled SEG on {@code slide}'s level.
     *
     * @throws InputException  when the slide level cannot be read or does not match the image (the
     *                          writer's {@code SegWriteException} among them); the message names the problem
     * @throws OutputException when {@code out} may not or cannot be written
     */
    public static SegWriteResult write(ExportPlan plan, SlidePlacement slide, SegWriteOptions options, Path out)
            throws InputException, OutputException {
        return write(plan, slide, options, out, null);
    }

    /**
     * {@link #write(ExportPlan, SlidePlacement, SegWriteOptions, Path)}, a level on a server read
     * with {@code server}'s settings (the command line's {@code --user}/{@code --token}); null: the
     * credentials of the Servers... entry the level's URL belongs to.
     */
    public static SegWriteResult write(ExportPlan plan, SlidePlacement slide, SegWriteOptions options, Path out, ServerSettings server)
            throws InputException, OutputException {
        SourceImages src = slide.file() != null ? SourceImages.read(slide.file()) : remoteLevel(slide.url(), server);
        if (src.totalPixelMatrix() == null) {
            throw new InputException(slide.location() + " is not a slide level (VL Whole Slide Microscopy image)");
        }
        checkFocalPlanes(plan, slide, src.totalPixelMatrix());
        if (slide.frameOfReferenceUid() != null && src.frameOfReferenceUid() != null
                && !slide.frameOfReferenceUid().equals(src.frameOfReferenceUid())) {
            throw new InputException("The image was opened from a slide with Frame of Reference " + slide.frameOfReferenceUid()
                    + " but " + slide.location() + " has " + src.frameOfReferenceUid());
        }
        TiledGeometry g = options.tiledGeometry().withRegionOffset(slide.y(), slide.x());
        return SegWriter.write(out, plan.mask(), plan.segments(), src, options.toBuilder().tiledGeometry(g).build());
    }

    /**
     * Refuses, in one line naming both counts, an image whose slices are not the level's focal
     * planes: another number of planes, or (recorded by Open DICOM Slide...) other Z offsets.
     */
    static void checkFocalPlanes(ExportPlan plan, SlidePlacement slide, org.dicomseg.source.TotalPixelMatrix m) throws InputException {
        int planes = plan.mask().planes(), focal = m.focalPlaneCount();
        if (planes != focal) {
            throw new InputException("The image has " + planes + (planes == 1 ? " slice" : " slices") + " but the slide level "
                    + slide.location() + " has " + focal + (focal == 1 ? " focal plane" : " focal planes")
                    + ": give one slice per focal plane, in increasing Z");
        }
        double[] recorded = slide.focalPlanes();
        if (recorded != null && recorded.length == focal) {
            double[] zs = m.focalPlanes();
            for (int i = 0; i < focal; i++) {
                if (Math.abs(recorded[i] - zs[i]) > org.dicomseg.source.TotalPixelMatrix.SAME_FOCAL_PLANE_MM) {
                    throw new InputException("Slice " + (i + 1) + " of the image was opened at Z " + recorded[i] + " mm but focal plane "
                            + (i + 1) + " of " + slide.location() + " is at Z " + zs[i] + " mm");
                }
            }
        }
    }

    /**
     * Writes {@code plan} on the image's level and on every coarser level of its slide series whose
     * pixel spacing is an integer multiple (a multi-resolution SEG series, {@link PyramidWriter}):
     * {@code out} for the image's level, {@code <name>-level-<k>.dcm} beside it for level k. Every
     * such level gets its SEG level, the size of that level's matrix; one that cannot be written is
     * named in the result's {@link PyramidResult#notWritten()}.
     */
    public static PyramidResult writePyramid(ExportPlan plan, SlidePlacement slide, SegWriteOptions options, Path out)
            throws IOException {
        return writePyramid(plan, slide, options, out, null);
    }

    /** {@link #writePyramid(ExportPlan, SlidePlacement, SegWriteOptions, Path)}, remote levels read with {@code server}'s settings (null: Servers...'). */
    public static PyramidResult writePyramid(ExportPlan plan, SlidePlacement slide, SegWriteOptions options, Path out, ServerSettings server)
            throws IOException {
        if (slide.file() == null) return writeRemotePyramid(plan, slide, options, out, server);
        checkFocalPlanes(plan, slide, SlideLevel.read(slide.file()).matrix());
        SlideSeries series = SlideSeries.scan(slide.file());
        List<Path> levels = new ArrayList<>();
        List<Path> outs = new ArrayList<>();
        levels.add(slide.file());
        outs.add(out);
        String name = out.getFileName().toString().replaceFirst("(?i)\\.dcm$", "");
        for (int i = 0; i < series.levels().size(); i++) {
            SlideLevel l = series.level(i);
            if (!l.isPyramidLevel() || Files.isSameFile(l.file(), slide.file())) continue;
            if (l.matrix().columnSpacing() <= slide.columnSpacing() * 1.01) continue;
            levels.add(l.file());
            outs.add(out.resolveSibling(name + "-level-" + (i + 1) + ".dcm"));
        }
        TiledGeometry g = options.tiledGeometry().withRegionOffset(slide.y(), slide.x());
        return PyramidWriter.write(outs, plan.mask(), plan.segments(), levels, options.toBuilder().tiledGeometry(g).build());
    }

    /**
     * {@link #writePyramid} for an image on a level held by a DICOMweb server: the levels are the
     * server series' (their WADO-RS metadata; no tile is fetched), the SEG levels reference the
     * remote instances; files as for local levels.
     */
    private static PyramidResult writeRemotePyramid(ExportPlan plan, SlidePlacement slide, SegWriteOptions options, Path out,
                                                    ServerSettings server) throws IOException {
        SlideSeries series = org.dicomseg.ij.slide.RemoteLevels.seriesOf(slide.url(), server);
        SlideLevel own = null;
        for (SlideLevel l : series.levels()) if (slide.url().equals(l.header().location())) own = l;
        if (own == null) throw new InputException("The slide level " + slide.url() + " is not among its series' levels on the server");
        checkFocalPlanes(plan, slide, own.matrix());
        List<SourceImages> levels = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Path> outs = new ArrayList<>();
        levels.add(SourceImages.of(List.of(own.header())));
        names.add(slide.url());
        outs.add(out);
        String name = out.getFileName().toString().replaceFirst("(?i)\\.dcm$", "");
        for (int i = 0; i < series.levels().size(); i++) {
            SlideLevel l = series.level(i);
            if (!l.isPyramidLevel() || l == own) continue;
            if (l.matrix().columnSpacing() <= slide.columnSpacing() * 1.01) continue;
            levels.add(SourceImages.of(List.of(l.header())));
            names.add(l.header().location());
            outs.add(out.resolveSibling(name + "-level-" + (i + 1) + ".dcm"));
        }
        TiledGeometry g = options.tiledGeometry().withRegionOffset(slide.y(), slide.x());
        return PyramidWriter.write(outs, plan.mask(), plan.segments(), levels, names, options.toBuilder().tiledGeometry(g).build());
    }

    /** The header of a level on a DICOMweb server (its WADO-RS metadata), with the credentials of the Servers... entry it belongs to. */
    private static SourceImages remoteLevel(String url, ServerSettings server) throws InputException {
        DicomWebUrl u;
        try {
            u = DicomWebUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new InputException("Slide level " + e.getMessage());
        }
        try {
            return SourceImages.of(RemoteSeries.read((server != null ? server : ServerRegistry.settingsFor(url)).client(u), u));
        } catch (DicomWebException e) {
            throw new InputException(e.getMessage(), e);
        }
    }
}

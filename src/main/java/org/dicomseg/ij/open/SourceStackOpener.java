package org.dicomseg.ij.open;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.plugin.DICOM;

import org.dicomseg.ij.source.DicomHeaderInfo;
import org.dicomseg.reconstruct.PatientCoordinates;
import org.dicomseg.task.InputException;
import org.dicomseg.task.Progress;

/**
 * Finds the source images a SEG was drawn on and opens them as one stack in the SEG's plane
 * order, so that plane N of the imported segments lies on slice N of the source stack.
 *
 * <p>Matching: a plane is matched to the file whose SOP Instance UID is the plane's referenced
 * instance (Derivation Image / Source Image Sequence); planes without a reference are matched by
 * Image Position (Patient). Only single-frame files of the SEG's size are considered. Files are
 * read with ImageJ's DICOM reader, so the stack has ImageJ's usual DICOM calibration (e.g. CT
 * Hounsfield units) with the SEG's spatial calibration on top.</p>
 */
public final class SourceStackOpener {
    /** How deep below each folder to look (the SEG's folder often has the series in a sub-folder). */
    public static final int MAX_DEPTH = 3;
    /** Stop scanning after this many files: a mis-typed folder such as "/" must not take forever. */
    public static final int MAX_FILES = 20000;

    private SourceStackOpener() { }

    /** The result of matching: one file per plane (null where nothing matched). */
    public static final class Match {
        private final Path[] files;

        Match(Path[] files) { this.files = files; }

        /** The file for 0-based plane {@code z}, or null. */
        public Path file(int z) { return files[z]; }
        public int planeCount() { return files.length; }
        /** True when every plane has a file. */
        public boolean complete() { return missingPlanes().isEmpty(); }

        /** 1-based numbers of the planes without a file. */
        public List<Integer> missingPlanes() {
            List<Integer> m = new ArrayList<>();
            for (int z = 0; z < files.length; z++) if (files[z] == null) m.add(z + 1);
            return m;
        }
    }

    /** Headers of the DICOM files in {@code folders} (recursively, up to {@link #MAX_DEPTH}), except {@code exclude}. */
    public static List<DicomHeaderInfo> scan(List<Path> folders, Path exclude, Progress progress) throws IOException {
        Set<Path> files = new LinkedHashSet<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                throw new InputException("Source folder " + folder + " does not exist or is not a folder");
            }
            try (Stream<Path> s = Files.walk(folder, MAX_DEPTH)) {
                s.filter(Files::isRegularFile).limit(MAX_FILES).map(p -> p.toAbsolutePath().normalize()).forEach(files::add);
            }
        }
        Path ex = exclude == null ? null : exclude.toAbsolutePath().normalize();
        List<DicomHeaderInfo> out = new ArrayList<>();
        int i = 0;
        for (Path f : files) {
            progress.checkCanceled();
            progress.progress(i++, files.size());
            if (f.equals(ex)) continue;
            DicomHeaderInfo h = DicomHeaderInfo.read(f);
            if (h != null) out.add(h);
        }
        return out;
    }

    /** Matches planes of {@code v} to {@code candidates}, by referenced SOP Instance UID, else by position. */
    public static Match match(ImportedSegmentation v, List<DicomHeaderInfo> candidates) {
        PlaneGeometry g = v.geometry();
        Map<String, DicomHeaderInfo> byUid = new HashMap<>();
        List<DicomHeaderInfo> sized = new ArrayList<>();
        for (DicomHeaderInfo h : candidates) {
            if (h.rows() != v.height() || h.columns() != v.width()) continue;
            byUid.putIfAbsent(h.sopInstanceUid(), h);
            sized.add(h);
        }
        double tol = positionTolerance(g);
        Path[] files = new Path[v.depth()];
        for (int z = 0; z < v.depth(); z++) {
            String ref = g.referencedInstance(z);
            if (ref != null && byUid.containsKey(ref)) {
                files[z] = byUid.get(ref).path();
                continue;
            }
            double[] p = g.position(z);
            if (ref == null && p != null) {
                for (DicomHeaderInfo h : sized) {
                    double[] q = h.position();
                    if (q != null && PatientCoordinates.distance(p, q) <= tol) {
                        files[z] = h.path();
                        break;
                    }
                }
            }
        }
        return new Match(files);
    }

    private static double positionTolerance(PlaneGeometry g) {
        double dz = SegCalibration.sliceSpacing(g);
        return Double.isNaN(dz) ? 0.01 : Math.min(0.1, dz / 4);
    }

    /**
     * Opens the matched files as one stack in plane order with ImageJ's DICOM reader; the stack gets
     * the SEG's spatial calibration (so the segments and the images share coordinates) and ImageJ's
     * value calibration of the first file.
     *
     * @throws IOException when planes are unmatched or a file cannot be read
     */
    public static ImagePlus open(Match m, ImportedSegmentation v, String title, Progress progress) throws IOException {
        if (!m.complete()) {
            throw new InputException("No source image found for plane" + (m.missingPlanes().size() == 1 ? " " : "s ")
                    + m.missingPlanes().stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        ImageStack stack = null;
        Calibration valueCal = null;
        for (int z = 0; z < m.planeCount(); z++) {
            progress.checkCanceled();
            progress.progress(z, m.planeCount());
            Path f = m.file(z);
            DICOM d = new DICOM();
            d.open(f.toString());
            if (d.getWidth() == 0 || d.getStackSize() != 1) {
                throw new InputException("ImageJ could not read " + f + " as a single-frame DICOM image");
            }
            if (stack == null) {
                stack = new ImageStack(d.getWidth(), d.getHeight());
                valueCal = d.getCalibration();
            } else if (d.getBitDepth() != stack.getBitDepth() && stack.getBitDepth() != 0) {
                throw new InputException("Source images differ in bit depth (" + f + ")");
            }
            Object info = d.getProperty("Info");
            stack.addSlice(f.getFileName() + (info != null ? "\n" + info : ""), d.getProcessor());
        }
        ImagePlus imp = new ImagePlus(title, stack);
        Calibration cal = SegCalibration.of(v.geometry());
        if (valueCal != null && valueCal.calibrated()) {
            cal.setFunction(valueCal.getFunction(), valueCal.getCoefficients(), valueCal.getValueUnit());
        }
        if (v.geometry().pixelSpacing() == null && valueCal != null) {
            cal.pixelWidth = valueCal.pixelWidth;
            cal.pixelHeight = valueCal.pixelHeight;
            cal.setUnit(valueCal.getUnit());
        }
        imp.setCalibration(cal);
        if (stack.getSize() > 0 && stack.getSliceLabel(1) != null) {
            String label = stack.getSliceLabel(1);
            int nl = label.indexOf('\n');
            if (nl > 0) imp.setProperty("Info", label.substring(nl + 1));
        }
        progress.progress(m.planeCount(), m.planeCount());
        return imp;
    }

    /** The folders to search by default: the SEG's own folder. */
    public static List<Path> defaultFolders(Path seg) {
        Path parent = seg.toAbsolutePath().getParent();
        return parent == null ? Collections.emptyList() : List.of(parent);
    }
}

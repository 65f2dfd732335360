package org.dicomseg.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.dicomseg.task.InputException;

/**
 * Reads the headers of further source images (highdicom's {@code further_source_images}: images of
 * other series of the study that a segmentation also used, referenced but not drawn on): a DICOM
 * file, or every DICOM Part 10 file directly in a folder (sorted by name; hidden files, files that
 * are not DICOM and segmentations and other non-image objects of the 1.2.840.10008.5.1.4.1.1.66
 * family are skipped). Unlike {@link SourceImages}, the files may have another frame of reference
 * (a DWI series beside a T1); the writer checks that they are of the sources' study.
 */
public final class FurtherSources {
    private FurtherSources() { }

    /**
     * @throws InputException naming {@code fileOrFolder} when it does not exist, holds no DICOM image,
     *                        or a file cannot be read
     */
    public static List<SourceFile> read(Path fileOrFolder) throws InputException {
        if (Files.isRegularFile(fileOrFolder)) return List.of(SourceFile.read(fileOrFolder));
        if (!Files.isDirectory(fileOrFolder)) throw new InputException(fileOrFolder + " is neither a DICOM file nor a folder");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(fileOrFolder)) {
            s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new InputException("Cannot list " + fileOrFolder + ": " + e.getMessage(), e);
        }
        List<SourceFile> out = new ArrayList<>();
        // the session's header cache: one look per file, shared with the sources' own folder scans
        for (SourceHeaderCache.Probe p : SourceHeaderCache.shared().probeAll(files)) {
            if (!p.isDicom() || p.mediaStorageSopClassUid() == null || p.isNonImage()) continue;
            if (p.header() == null) throw new InputException(p.problem());
            out.add(p.header());
        }
        if (out.isEmpty()) throw new InputException(fileOrFolder + " holds no DICOM image file");
        return out;
    }
}

package org.dicomseg.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.dicomseg.read.DicomWebSegmentation;
import org.dicomseg.read.SegReadException;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.web.DicomWebClient;
import org.dicomseg.web.DicomWebUrl;
import org.dicomseg.web.RemoteFiles;
import org.dicomseg.web.ServerSettings;

/**
 * The SEG argument of {@code info} and {@code import}: a local file, or a DICOMweb series or
 * instance URL. A remote SEG is read frame by frame (its WADO-RS metadata, then only the frames
 * read, {@link DicomWebSegmentation#framesOnDemand}) when only some of its frames are needed or it
 * is large; otherwise it is retrieved (WADO-RS, streamed) into a temporary file that
 * {@link #close()} deletes.
 */
final class SegInput implements AutoCloseable {
    private final Path file;
    private final SegmentationReader remote;
    private final String name;
    private final boolean temporary;

    private SegInput(Path file, SegmentationReader remote, String name, boolean temporary) {
        this.file = file;
        this.remote = remote;
        this.name = name;
        this.temporary = temporary;
    }

    /** {@code arg} as a file: a remote SEG is always retrieved whole (e.g. for a NIfTI/NRRD output). */
    static SegInput of(String arg, ServerSettings server) throws IOException {
        return of(arg, server, false, false);
    }

    /**
     * {@code arg}; a remote SEG frame by frame when {@code framesAllowed} and the rule says so
     * ({@code someFramesOnly}: a few segments or a region will be read).
     */
    static SegInput of(String arg, ServerSettings server, boolean framesAllowed, boolean someFramesOnly) throws IOException {
        if (!DicomWebUrl.isUrl(arg)) return new SegInput(Paths.get(arg), null, Paths.get(arg).getFileName().toString(), false);
        DicomWebUrl url;
        try {
            url = DicomWebUrl.parse(arg);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        DicomWebClient client = server.client(url);
        RemoteFiles.FoundSeg found = RemoteFiles.findSegmentation(client, url);
        DicomWebUrl seg = found.url();
        if (framesAllowed) {
            SegmentationReader r = DicomWebSegmentation.framesOnDemand(client, seg, someFramesOnly, found.frameBytes());
            if (r != null) return new SegInput(null, r, seg.toString(), false);
        }
        return new SegInput(RemoteFiles.retrieveToTempFile(client, seg, null), null, seg.toString(), true);
    }

    /** The local file to read; null when the SEG is read frame by frame from the server. */
    Path file() { return file; }

    /** The reader: of the file, or of the remote SEG's frames (closed by the caller or by {@link #close()}). */
    SegmentationReader open() throws SegReadException {
        return remote != null ? remote : SegmentationReader.open(file);
    }

    /** The name to show: the file name, or the SEG's instance URL. */
    String name() { return name; }

    boolean remote() { return temporary || remote != null; }

    @Override public void close() throws IOException {
        if (remote != null) remote.close();
        if (temporary) Files.deleteIfExists(file);
    }
}

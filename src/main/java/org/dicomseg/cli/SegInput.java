package org.dicomseg.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.dicomseg.web.DicomWebClient;
import org.dicomseg.web.DicomWebUrl;
import org.dicomseg.web.RemoteFiles;
import org.dicomseg.web.ServerSettings;

/**
 * The SEG argument of {@code info} and {@code import}: a local file, or a DICOMweb series or
 * instance URL whose SEG is retrieved (WADO-RS) into a temporary file that {@link #close()}
 * deletes.
 */
final class SegInput implements AutoCloseable {
    private final Path file;
    private final String name;
    private final boolean temporary;

    private SegInput(Path file, String name, boolean temporary) {
        this.file = file;
        this.name = name;
        this.temporary = temporary;
    }

    static SegInput of(String arg, ServerSettings server) throws IOException {
        if (!DicomWebUrl.isUrl(arg)) return new SegInput(Paths.get(arg), Paths.get(arg).getFileName().toString(), false);
        DicomWebUrl url;
        try {
            url = DicomWebUrl.parse(arg);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        DicomWebClient client = server.client(url);
        DicomWebUrl seg = RemoteFiles.segmentationOf(client, url);
        return new SegInput(RemoteFiles.retrieveToTempFile(client, seg, null), seg.toString(), true);
    }

    /** The local file to read. */
    Path file() { return file; }

    /** The name to show: the file name, or the SEG's instance URL. */
    String name() { return name; }

    boolean remote() { return temporary; }

    @Override public void close() throws IOException {
        if (temporary) Files.deleteIfExists(file);
    }
}

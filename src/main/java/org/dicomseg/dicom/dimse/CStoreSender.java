package org.dicomseg.dicom.dimse;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.pixelmed.dicom.SetOfDicomFiles;
import com.pixelmed.network.MultipleInstanceTransferStatusHandlerWithFileName;
import com.pixelmed.network.StorageSOPClassSCU;

import org.dicomseg.task.Progress;

/**
 * Sends DICOM Part 10 files to a Storage SCP by C-STORE (PS3.4 Annex B, PS3.7 9.1.1) over one
 * association (PS3.8), negotiating each file's SOP class and transfer syntax; reports, per file,
 * whether the SCP answered success. Connection and association failures are an
 * {@link IOException} whose one-line message names the peer and the cause.
 */
public final class CStoreSender {
    private CStoreSender() { }

    /** What the SCP answered for one file. */
    public static final class Result {
        private final Path file;
        private final String sopInstanceUid;
        private final boolean stored;

        Result(Path file, String sopInstanceUid, boolean stored) {
            this.file = file;
            this.sopInstanceUid = sopInstanceUid;
            this.stored = stored;
        }

        public Path file() { return file; }
        /** SOP Instance UID, or null when the file was never sent. */
        public String sopInstanceUid() { return sopInstanceUid; }
        public boolean stored() { return stored; }
    }

    /**
     * Sends {@code files} to {@code calledAet}@{@code host}:{@code port} as {@code callingAet}.
     *
     * @return one result per file, in the order given
     */
    public static List<Result> send(String host, int port, String calledAet, String callingAet, List<Path> files, Progress progress)
            throws IOException {
        String peer = "DICOM peer " + calledAet + "@" + host + ":" + port;
        SetOfDicomFiles set = new SetOfDicomFiles();
        Map<String, Path> byName = new LinkedHashMap<>();
        for (Path f : files) {
            File file = f.toAbsolutePath().toFile();
            set.add(file);
            byName.put(file.getPath(), f);
        }
        Map<Path, Result> results = new LinkedHashMap<>();
        Progress p = progress == null ? Progress.NONE : progress;
        MultipleInstanceTransferStatusHandlerWithFileName handler = new MultipleInstanceTransferStatusHandlerWithFileName() {
            @Override public void updateStatus(int remaining, int completed, int failed, int warning, String sopInstanceUid,
                                               String fileName, boolean success) {
                Path f = byName.getOrDefault(fileName, java.nio.file.Paths.get(fileName));
                results.put(f, new Result(f, sopInstanceUid, success));
                p.progress(completed + failed + warning, files.size());
            }
        };
        // PixelMed's SCU traps its exceptions: check first that the peer listens, to say so in one line.
        try (java.net.Socket probe = new java.net.Socket()) {
            probe.connect(new java.net.InetSocketAddress(host, port), 10_000);
        } catch (java.net.UnknownHostException e) {
            throw new IOException(peer + ": unknown host " + host, e);
        } catch (IOException e) {
            throw new IOException(peer + ": cannot connect (" + oneLine(e) + "): is the SCP running and the port right?", e);
        }
        StorageSOPClassSCU scu = new StorageSOPClassSCU(host, port, calledAet, callingAet, set, 0, handler);
        if (scu.encounteredTrappedExceptions() && results.values().stream().noneMatch(Result::stored)) {
            throw new IOException(peer + ": the association was rejected or aborted (check the called AE title " + calledAet
                    + " and that the SCP accepts calling AE title " + callingAet + ")");
        }
        List<Result> out = new ArrayList<>();
        for (Path f : files) out.add(results.getOrDefault(f, new Result(f, null, false)));
        return out;
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ').trim();
    }
}

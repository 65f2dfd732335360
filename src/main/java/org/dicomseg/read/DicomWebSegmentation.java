package org.dicomseg.read;

import java.util.List;

import com.google.gson.JsonObject;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;

import org.dicomseg.source.web.JsonAttributes;
import org.dicomseg.source.web.WadoFrames;
import org.dicomseg.web.DicomJson;
import org.dicomseg.web.DicomWebClient;
import org.dicomseg.web.DicomWebException;
import org.dicomseg.web.DicomWebUrl;

/**
 * A Segmentation on a DICOMweb server read frame by frame: its WADO-RS metadata (PS3.18
 * 10.4.1.1.2) is the header, and its frames are fetched by WADO-RS frame retrieval (10.4.1.1.3)
 * only when read ({@link SegmentationReader#openRemote}).
 *
 * <p>The rule ({@link #framesOnDemand}): frame by frame when only some frames will be read (a few
 * segments, a region of a tiled SEG) or when the frames take more than {@value #LARGE_BYTES} bytes
 * uncompressed; otherwise the caller retrieves the SEG whole into a temporary file (one streamed
 * request: fewer round trips, and the file is read as any file), which is also the way when the
 * server cannot serve the SEG's frames one by one (Orthanc 1.10 answers 400 for 1-bit frames that
 * do not start on a byte boundary and 500 for Deflated Image Frame Compression).</p>
 */
public final class DicomWebSegmentation {
    /** Uncompressed frame bytes above which a SEG is read frame by frame even when all its frames are needed: 64 MB. */
    public static final long LARGE_BYTES = 64L << 20;

    private DicomWebSegmentation() { }

    /**
     * A reader fetching the frames of the SEG instance {@code instance} on demand, or null when
     * the SEG is better (small, and all of it is needed: {@code someFramesOnly} false) or only
     * (the server cannot serve its frames) retrieved whole.
     *
     * @throws DicomWebException when the server cannot be reached or refuses (one line naming it)
     * @throws SegReadException  when the metadata is not that of a Segmentation this reader can read
     */
    public static SegmentationReader framesOnDemand(DicomWebClient client, DicomWebUrl instance, boolean someFramesOnly)
            throws DicomWebException, SegReadException {
        return framesOnDemand(client, instance, someFramesOnly, -1);
    }

    /**
     * {@link #framesOnDemand(DicomWebClient, DicomWebUrl, boolean)} when the size of the SEG's frames
     * is already known ({@code knownFrameBytes}, e.g. from the series' QIDO-RS answer,
     * {@link org.dicomseg.web.RemoteFiles#findSegmentation}; -1 when not): a small SEG wanted whole
     * is then left to the caller without asking the server anything.
     */
    public static SegmentationReader framesOnDemand(DicomWebClient client, DicomWebUrl instance, boolean someFramesOnly, long knownFrameBytes)
            throws DicomWebException, SegReadException {
        if (instance.instance() == null) throw new IllegalArgumentException("not an instance URL: " + instance);
        if (!someFramesOnly && knownFrameBytes >= 0 && knownFrameBytes <= LARGE_BYTES) return null;
        String name = "SEG " + instance.instance();
        List<JsonObject> metadata = client.metadata(instance);
        if (metadata.size() != 1) {
            throw new SegReadException(java.nio.file.Paths.get(name), "the server sent metadata of " + metadata.size()
                    + " instances for " + instance.describe());
        }
        JsonObject m = metadata.get(0);
        if (!someFramesOnly && nativeBytes(m) <= LARGE_BYTES) return null;
        AttributeList header;
        try {
            header = JsonAttributes.of(m);
        } catch (DicomException | RuntimeException e) {
            throw new SegReadException(java.nio.file.Paths.get(name), "the metadata cannot be read as DICOM JSON: " + e.getMessage(), e);
        }
        // The frames' transfer syntax: the metadata's (0002,0010) when the server gives it, else the first frame's part.
        String syntax = DicomJson.string(m, "00020010");
        String[] probed = new String[1];
        try {
            WadoFrames.of(client, instance).fetch(new int[] {1}, (n, ts, bytes) -> probed[0] = ts);
        } catch (DicomWebException e) {
            if (servesNoFrames(e.status())) return null;
            throw e;
        } catch (java.io.IOException e) {
            return null;
        }
        if (syntax == null) syntax = probed[0];
        return SegmentationReader.openRemote(name, header, syntax, WadoFrames.of(client, instance));
    }

    /** An answer saying the server cannot serve these frames (not: cannot be reached, refuses the user). */
    private static boolean servesNoFrames(int status) {
        return status == 400 || status == 406 || status == 415 || status == 500 || status == 501;
    }

    /** Rows x Columns x Number of Frames x Bits Allocated / 8, from the metadata (0 when unknown). */
    static long nativeBytes(JsonObject m) {
        Integer rows = DicomJson.integer(m, "00280010");
        Integer columns = DicomJson.integer(m, "00280011");
        Integer frames = DicomJson.integer(m, "00280008");
        Integer bits = DicomJson.integer(m, "00280100");
        if (rows == null || columns == null || bits == null) return 0;
        return (long) rows * columns * (frames == null ? 1 : frames) * bits / 8;
    }
}

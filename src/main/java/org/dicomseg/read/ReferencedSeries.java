package org.dicomseg.read;

import java.util.Collections;
import java.util.List;
import java.util.ArrayList;

/**
 * One item of the Referenced Series Sequence (0008,1115) of the Common Instance Reference Module
 * (PS3.3 C.12.2): a source series and the instances of it that the segmentation was derived from.
 */
public final class ReferencedSeries {
    private final String seriesInstanceUid;
    private final String studyInstanceUid;
    private final List<SourceImageReference> instances;

    public ReferencedSeries(String studyInstanceUid, String seriesInstanceUid, List<SourceImageReference> instances) {
        this.studyInstanceUid = studyInstanceUid;
        this.seriesInstanceUid = seriesInstanceUid;
        this.instances = Collections.unmodifiableList(new ArrayList<>(instances));
    }

    /** Study Instance UID when the series is in another study (C.12.2.1.2), else null (this study). */
    public String studyInstanceUid() { return studyInstanceUid; }

    /** Series Instance UID (0020,000E), or null when absent. */
    public String seriesInstanceUid() { return seriesInstanceUid; }

    /** The referenced instances. */
    public List<SourceImageReference> instances() { return instances; }

    @Override public String toString() { return "Series " + seriesInstanceUid + " (" + instances.size() + " instances)"; }
}

package org.dicomseg.samples;

import com.pixelmed.dicom.AttributeTag;

/** Tags missing from PixelMed's {@code TagFromName}. */
final class Tags {
    private Tags() { }

    /** KVP (0018,0060), DS. */
    static final AttributeTag KVP = new AttributeTag(0x0018, 0x0060);
    /** Irradiation Event Identification Sequence (0018,9477), SQ. */
    static final AttributeTag IRRADIATION_EVENT_IDENTIFICATION_SEQUENCE = new AttributeTag(0x0018, 0x9477);
}

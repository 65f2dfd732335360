package org.dicomseg.ij.source;

import ij.ImagePlus;
import ij.ImageStack;

/** The Frame of Reference UID an open image carries in its DICOM header text ("Info" property or first slice label), or null. */
public final class ImageFrameOfReference {
    private ImageFrameOfReference() { }

    public static String of(ImagePlus imp) {
        Object info = imp.getProperty("Info");
        String uid = info instanceof String ? DicomInfo.parse((String) info).get("0020,0052") : null;
        if (uid != null) return uid;
        ImageStack st = imp.getStack();
        String label = st.getSize() > 0 ? st.getSliceLabel(1) : null;
        return label != null ? DicomInfo.parse(label).get("0020,0052") : null;
    }
}

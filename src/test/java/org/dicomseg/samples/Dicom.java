package org.dicomseg.samples;

import java.nio.file.Path;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;

/** Test helpers reading DICOM files with PixelMed. */
final class Dicom {
    private Dicom() { }

    static AttributeList read(Path f) {
        try {
            AttributeList l = new AttributeList();
            l.read(f.toString());
            return l;
        } catch (Exception e) {
            throw new AssertionError("Cannot read " + f + ": " + e, e);
        }
    }

    static String str(AttributeList l, AttributeTag t) {
        return Attribute.getSingleStringValueOrEmptyString(l, t);
    }

    static int integer(AttributeList l, AttributeTag t) {
        return Attribute.getSingleIntegerValueOrDefault(l, t, Integer.MIN_VALUE);
    }

    static double[] doubles(AttributeList l, AttributeTag t) {
        try {
            double[] d = Attribute.getDoubleValues(l, t);
            if (d == null) throw new AssertionError("missing " + t);
            return d;
        } catch (Exception e) {
            throw new AssertionError("Cannot read " + t + ": " + e, e);
        }
    }

    static short[] pixels(AttributeList l) {
        try {
            return l.get(com.pixelmed.dicom.TagFromName.PixelData).getShortValues();
        } catch (Exception e) {
            throw new AssertionError("Cannot read pixel data: " + e, e);
        }
    }

    /** The single item of sequence {@code seq} inside {@code l}. */
    static AttributeList item(AttributeList l, AttributeTag seq) {
        AttributeList i = SequenceAttribute.getAttributeListFromWithinSequenceWithSingleItem(l, seq);
        if (i == null) throw new AssertionError("missing sequence item " + seq);
        return i;
    }

    /** Item {@code index} of sequence {@code seq} inside {@code l}. */
    static AttributeList item(AttributeList l, AttributeTag seq, int index) {
        SequenceAttribute s = (SequenceAttribute) l.get(seq);
        if (s == null) throw new AssertionError("missing sequence " + seq);
        return s.getItem(index).getAttributeList();
    }

    /** dciodvfy output lines starting with "Error" (or "Abort"). */
    static java.util.List<String> dciodvfyErrors(Path f) {
        String out = org.dicomseg.testing.Conformance.dciodvfy(f);
        java.util.List<String> errs = new java.util.ArrayList<>();
        for (String line : out.split("\\R")) if (line.startsWith("Error") || line.startsWith("Abort")) errs.add(line);
        return errs;
    }

    /** dciodvfy output lines starting with "Warning". */
    static java.util.List<String> dciodvfyWarnings(Path f) {
        String out = org.dicomseg.testing.Conformance.dciodvfy(f);
        java.util.List<String> w = new java.util.ArrayList<>();
        for (String line : out.split("\\R")) if (line.startsWith("Warning")) w.add(line);
        return w;
    }
}

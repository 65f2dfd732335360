package org.dicomseg.dicom;

import java.util.List;

/**
 * Read-only access to the attributes of a data set or sequence item (PS3.5 7.1), by tag
 * ({@code group << 16 | element}), with the value semantics of PixelMed's attribute accessors, so
 * that a header parser reads a file's header the same way whether PixelMed parsed it
 * ({@link AttributeListView}: a fallback, and DICOM JSON of a remote SEG) or the lean walk did
 * ({@link LeanDataSet}: the common little-endian file, without loading PixelMed's parser — issue 19).
 *
 * <p>Values: a string VR's bytes are decoded (Specific Character Set, PS3.5 6.1) and split at
 * backslashes (PS3.5 6.4: a trailing backslash adds no value, a value length of 0 is no value);
 * {@link #strings} removes leading spaces and trailing spaces and NULs from each value (PS3.5 6.2),
 * except for LT, ST and UT, which are one value as stored. Numbers of DS and IS are
 * {@link Double#valueOf} and {@link Long#valueOf} of those strings (0 when one does not parse);
 * US and UL are unsigned.</p>
 */
public interface DataSetView {
    /** True when the attribute is present (with a value or empty). */
    boolean has(int tag);

    /** The number of values (PixelMed's VM); 0 when absent or empty. */
    int count(int tag);

    /** The values as text (see the class comment); null when absent, empty or not text. */
    String[] strings(int tag);

    /** The values as integers (DS/IS parsed, US and UL unsigned); null when absent, empty or not numeric. */
    long[] longs(int tag);

    /** The values as numbers; null when absent, empty or not numeric. */
    double[] doubles(int tag);

    /** The 16-bit words of an OW value (little endian as stored); null when absent or not OW. */
    short[] words(int tag);

    /** The tags of an AT value ({@code group << 16 | element}); null when absent or not AT. */
    int[] tags(int tag);

    /** The items of a sequence, in order; null when absent or not a sequence. */
    List<DataSetView> items(int tag);
}

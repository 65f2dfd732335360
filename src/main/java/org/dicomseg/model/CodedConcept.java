package org.dicomseg.model;

import java.util.Objects;

/**
 * A coded concept: Code Value, Coding Scheme Designator, Code Meaning (PS3.3 Table 8.8-1, the
 * "Code Sequence Macro"), optionally with a Coding Scheme Version.
 *
 * <p>Equality follows the standard: two concepts are the same when value and scheme match; the
 * meaning is a human-readable rendering and is ignored, like highdicom's {@code CodedConcept}.
 * Code values longer than 16 characters are legal (Long Code Value / URN Code Value); the codec
 * chooses the attribute when it writes.</p>
 */
public final class CodedConcept {
    private final String value;
    private final String schemeDesignator;
    private final String meaning;
    private final String schemeVersion;

    public CodedConcept(String value, String schemeDesignator, String meaning) {
        this(value, schemeDesignator, meaning, null);
    }

    public CodedConcept(String value, String schemeDesignator, String meaning, String schemeVersion) {
        this.value = requireText(value, "code value");
        this.schemeDesignator = requireText(schemeDesignator, "coding scheme designator");
        this.meaning = requireText(meaning, "code meaning");
        if (meaning.length() > 64) {
            throw new IllegalArgumentException("Code Meaning is longer than 64 characters (LO): '" + meaning + "'");
        }
        this.schemeVersion = schemeVersion == null || schemeVersion.isBlank() ? null : schemeVersion.trim();
    }

    /** Shorthand for a SNOMED CT concept (designator "SCT"). */
    public static CodedConcept sct(String value, String meaning) {
        return new CodedConcept(value, "SCT", meaning);
    }

    /** Shorthand for a DICOM concept (designator "DCM"). */
    public static CodedConcept dcm(String value, String meaning) {
        return new CodedConcept(value, "DCM", meaning);
    }

    /**
     * A concept typed as text: {@code value^scheme^meaning} (the caret-separated form of dcmqi and
     * HL7 coded elements) or the standard's notation {@code (value, scheme, "meaning")}, e.g.
     * {@code 84640000^SCT^Nucleus} or {@code (84640000, SCT, "Nucleus")}.
     *
     * @throws IllegalArgumentException naming what is missing when the text is neither
     */
    public static CodedConcept parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("A code needs value, scheme and meaning; it is empty");
        String t = text.trim();
        String[] parts;
        if (t.indexOf('^') >= 0) {
            parts = t.split("\\^", -1);
        } else {
            if (t.startsWith("(") && t.endsWith(")")) t = t.substring(1, t.length() - 1);
            parts = t.split(",", 3);
        }
        if (parts.length != 3) {
            throw new IllegalArgumentException("Code '" + text.trim() + "' is not value^scheme^meaning or (value, scheme, \"meaning\"),"
                    + " e.g. 84640000^SCT^Nucleus");
        }
        String meaning = parts[2].trim();
        if (meaning.length() >= 2 && meaning.startsWith("\"") && meaning.endsWith("\"")) meaning = meaning.substring(1, meaning.length() - 1);
        return new CodedConcept(parts[0], parts[1], meaning);
    }

    private static String requireText(String s, String what) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException("A coded concept needs a non-empty " + what);
        }
        return s.trim();
    }

    public String value() { return value; }
    public String schemeDesignator() { return schemeDesignator; }
    public String meaning() { return meaning; }
    /** The Coding Scheme Version, or null. */
    public String schemeVersion() { return schemeVersion; }

    /** True when value and scheme designator match (the meaning is not compared). */
    public boolean sameCode(CodedConcept other) {
        return other != null && value.equals(other.value) && schemeDesignator.equals(other.schemeDesignator);
    }

    @Override public boolean equals(Object o) {
        return o instanceof CodedConcept && sameCode((CodedConcept) o);
    }

    @Override public int hashCode() { return Objects.hash(value, schemeDesignator); }

    /** "(value, scheme, "meaning")", as the DICOM standard writes code triplets. */
    @Override public String toString() {
        return "(" + value + ", " + schemeDesignator + ", \"" + meaning + "\")";
    }
}

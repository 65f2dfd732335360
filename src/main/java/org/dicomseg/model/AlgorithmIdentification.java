package org.dicomseg.model;

import java.util.Objects;

/**
 * Segmentation Algorithm Identification Sequence content (PS3.3 Table 10-19, "Algorithm
 * Identification Macro"): family (CID 7162), name, version, and optional source and parameters.
 * Required for AUTOMATIC and SEMIAUTOMATIC segments (PS3.3 C.8.20.2, type 1C).
 */
public final class AlgorithmIdentification {
    private final CodedConcept family;
    private final String name;
    private final String version;
    private final String source;
    private final String parameters;

    public AlgorithmIdentification(CodedConcept family, String name, String version) {
        this(family, name, version, null, null);
    }

    public AlgorithmIdentification(CodedConcept family, String name, String version, String source, String parameters) {
        this.family = Objects.requireNonNull(family, "algorithm family");
        if (name == null || name.isBlank()) throw new IllegalArgumentException("Algorithm Name must not be empty");
        if (version == null || version.isBlank()) throw new IllegalArgumentException("Algorithm Version must not be empty");
        if (name.length() > 64) throw new IllegalArgumentException("Algorithm Name is longer than 64 characters (LO)");
        if (version.length() > 64) throw new IllegalArgumentException("Algorithm Version is longer than 64 characters (LO)");
        this.name = name.trim();
        this.version = version.trim();
        this.source = source == null || source.isBlank() ? null : source.trim();
        this.parameters = parameters == null || parameters.isBlank() ? null : parameters;
    }

    public CodedConcept family() { return family; }
    public String name() { return name; }
    public String version() { return version; }
    /** Algorithm Source (0066,0032), or null. */
    public String source() { return source; }
    /** Algorithm Parameters (0066,0031), or null. */
    public String parameters() { return parameters; }

    @Override public boolean equals(Object o) {
        if (!(o instanceof AlgorithmIdentification)) return false;
        AlgorithmIdentification a = (AlgorithmIdentification) o;
        return family.equals(a.family) && name.equals(a.name) && version.equals(a.version)
                && Objects.equals(source, a.source) && Objects.equals(parameters, a.parameters);
    }

    @Override public int hashCode() { return Objects.hash(family, name, version); }

    @Override public String toString() { return name + " " + version + " " + family; }
}

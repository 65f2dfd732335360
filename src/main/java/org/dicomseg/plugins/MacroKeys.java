package org.dicomseg.plugins;

/**
 * The macro vocabulary of every DICOM SEG command, in one place. Each constant is the key that
 * the command's dialog field records (ImageJ derives a recorded key from the first word of a
 * field's label, lower-cased), so {@code run("Export Label Image as SEG...", "source=... out=...")}
 * replays the dialog. The same names are listed with examples in {@code docs/macros.md}.
 *
 * <p>Paths are always string fields: Fiji's {@code --headless} mode stubs out file choosers.</p>
 */
public final class MacroKeys {
    private MacroKeys() { }

    // ---- shared by several commands ----
    /** Output file or folder. */
    public static final String OUT = "out";
    /** Replace an existing output file (never a source). */
    public static final String OVERWRITE = "overwrite";

    // ---- export (Export Label Image as SEG..., Export ROIs as SEG..., File > Save As > DICOM SEG...) ----

    // ---- import (File > Import > DICOM SEG..., Import SEG..., SEG Info...) ----
}

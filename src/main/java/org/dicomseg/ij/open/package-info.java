/**
 * From a SEG to ImageJ: the reconstructed segmentation as the importer sees it
 * ({@link org.dicomseg.ij.open.ImportReader}; on the full grid of its source series when found,
 * {@link org.dicomseg.ij.open.ImportSources}), turned by {@link org.dicomseg.ij.open.SegImporter}
 * (the front door) into a hyperstack, a label image or ROIs, calibrated and with the source images
 * found and opened beside it, and the properties an export of the edited image needs
 * ({@link org.dicomseg.ij.open.ImportedImageProperties}); plus the SEG Info text and table. Headless: used by the Fiji commands
 * and the CLI alike. May use ImageJ, the core, {@code ij}, {@code ij.source} and {@code ij.slide}.
 */
package org.dicomseg.ij.open;

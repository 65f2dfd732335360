/**
 * From ImageJ images and ROIs to a SEG: plans an export of a label or multi-channel image
 * ({@link org.dicomseg.ij.export.LabelImageExport}) or of ROIs grouped into segments
 * ({@link org.dicomseg.ij.export.RoiExport}), rasterises ROIs lazily, applies segment metadata, and
 * hands the plan to the writer ({@link org.dicomseg.ij.export.SegExport}; on a slide,
 * {@link org.dicomseg.ij.export.SlideExport}). Headless: used by the Fiji commands and the CLI alike.
 * May use ImageJ, the core, {@code ij}, {@code ij.source} and {@code ij.slide}.
 */
package org.dicomseg.ij.export;

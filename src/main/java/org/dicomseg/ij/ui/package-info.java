/**
 * The dialog toolkit of the DICOM SEG commands: {@link org.dicomseg.ij.ui.CommandForm} shows
 * {@link org.dicomseg.ij.ui.FormField}s as a recordable {@code GenericDialog} (or reads the macro
 * options when headless) and yields one key → value map, which the commands hand to
 * {@code org.dicomseg.options}; {@link org.dicomseg.ij.ui.CommandErrors} turns a failure into one
 * message; the export dialogs' shared fields and steps ({@link org.dicomseg.ij.ui.ExportFields},
 * {@link org.dicomseg.ij.ui.ExportSupport}, {@link org.dicomseg.ij.ui.SlideExportSupport}) live here
 * so that {@code org.dicomseg.plugins} holds the ImageJ commands only. Also here: the Browse
 * button of every path field ({@link org.dicomseg.ij.ui.PathChooser}), the help page of each command
 * shipped in the jar ({@link org.dicomseg.ij.ui.HelpPages}), what the Recorder keeps
 * ({@link org.dicomseg.ij.ui.Recording}), the settings of Options... in ImageJ's preferences
 * ({@link org.dicomseg.ij.ui.SegOptions}) and the Segment Metadata edit dialog with its terminology
 * ({@link org.dicomseg.ij.ui.SegmentEditForm}, {@link org.dicomseg.ij.ui.SegmentTerminologies}).
 *
 * <p>A field's label begins with its macro key (ImageJ records the label's first word), so labels
 * are part of the macro contract together with the keys.</p>
 */
package org.dicomseg.ij.ui;

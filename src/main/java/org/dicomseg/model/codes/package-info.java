/**
 * Coded terminology: the built-in DICOM context groups (PS3.16 CIDs 7150, 7151, 7162 ... kept as
 * data in {@code src/main/resources/org/dicomseg/codes}), the well-known defaults in
 * {@link org.dicomseg.model.codes.Codes}, and user terminologies in the 3D Slicer / dcmqi JSON
 * format ({@link org.dicomseg.model.codes.TerminologyReader}), joined with the built-in tables into
 * searchable pick-lists by {@link org.dicomseg.model.codes.TerminologyCatalog} (the built-in
 * tables alone by default; a lab's own files, or dcmqi's lists, are named by the user, never shipped). Front door for pick-lists:
 * {@link org.dicomseg.model.codes.CodeTables}. Uses {@code model} and Gson, nothing else of ours.
 */
package org.dicomseg.model.codes;

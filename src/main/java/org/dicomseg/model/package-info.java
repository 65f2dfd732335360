/**
 * The vocabulary of DICOM Segmentation as immutable plain-Java values, named as in PS3.3 C.8.20 and
 * highdicom: {@link org.dicomseg.model.SegmentDescription} (one Segment Sequence item),
 * {@link org.dicomseg.model.CodedConcept}, {@link org.dicomseg.model.SegmentationType}, the frame
 * geometry (plane position and orientation, pixel measures) and {@link org.dicomseg.model.Uids}.
 * The floor everything else stands on: it uses only the JDK and nothing of ours outside {@code model}.
 */
package org.dicomseg.model;

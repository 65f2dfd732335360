/**
 * NIfTI-1, NIfTI-2 and NRRD volumes in and out, with their geometry, in plain Java. The front door is
 * {@link org.dicomseg.volume.LabelVolume#read(java.nio.file.Path)}: it parses the header
 * ({@link org.dicomseg.volume.NiftiHeader}, {@link org.dicomseg.volume.NrrdHeader}), turns the
 * file's voxel-to-patient mapping into DICOM LPS ({@link org.dicomseg.volume.VolumeGrid}), matches
 * it with the source images' grid by position ({@link org.dicomseg.volume.GridMatch}) and reads the
 * voxels plane by plane as {@link org.dicomseg.mask.MaskPlanes} in source order
 * ({@link org.dicomseg.volume.VolumeMaskPlanes}). {@link org.dicomseg.volume.VolumeWriter} writes
 * planes back as NIfTI-1 ({@code .nii}, {@code .nii.gz}) or NRRD ({@code .nrrd}, gzip encoding).
 *
 * <p>Why our own code: no library on Maven Central both reads and writes NIfTI and NRRD with their
 * geometry (niftijio reads NIfTI-1 into a whole {@code double[][][][]}; zorbage-nifti, SCIFIO and
 * Bio-Formats only read), and none streams planes. The formats are small: NIfTI-1
 * ({@code nifti1.h}, NIfTI DFWG 2004), NIfTI-2 ({@code nifti2.h}, 2011) and NRRD0001-0005
 * (teem.sourceforge.net/nrrd/format.html).</p>
 *
 * <p>Floor: {@code source, mask}. May use {@code model}, {@code task}, {@code mask} and {@code source};
 * never ImageJ.</p>
 */
package org.dicomseg.volume;

/**
 * Writing a Segmentation (PS3.3 A.51) or Label Map Segmentation (Sup 243): the front door is
 * {@link org.dicomseg.write.SegWriter} (with {@link org.dicomseg.write.SegWriteOptions}; tiled
 * slides through {@link org.dicomseg.write.TiledGeometry} and {@link org.dicomseg.write.PyramidWriter},
 * which answers with a {@link org.dicomseg.write.PyramidResult}; the SEG an edited one was made from as
 * a {@link org.dicomseg.write.Predecessor}; equipment that contributed as
 * {@link org.dicomseg.write.ContributingEquipment}).
 * Inside: the header module by module, the frame plan and geometry, the per-frame functional groups
 * and the frame encoder, streaming one plane at a time. May use {@code model}, {@code pixels},
 * {@code dicom}, {@code source}, {@code mask} and PixelMed; never ImageJ.
 */
package org.dicomseg.write;

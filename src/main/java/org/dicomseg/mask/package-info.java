/**
 * Mask input for the SEG writer, in plain Java: {@link org.dicomseg.mask.MaskPlanes} (the front door)
 * reads one plane (or a rectangle of one) at a time from {@code byte[]}/{@code short[]}/{@code float[]}
 * arrays or ImgLib2 images, so ImageJ stacks are handed over without copies; {@link org.dicomseg.mask.LabelMapMask}
 * (label value = segment, optionally remapped) and {@link org.dicomseg.mask.StackedMasks} (one binary or
 * fractional mask per segment, overlaps allowed) turn planes into SEG frames, and {@link org.dicomseg.mask.MaskInventory}
 * records the first pass: which frames are empty and whether segments overlap. May use {@code model},
 * {@code pixels} and ImgLib2; never ImageJ.
 */
package org.dicomseg.mask;

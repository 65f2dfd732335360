/**
 * The ImageJ commands listed in {@code plugins.config} (Import SEG, SEG Info, Export Label Image /
 * ROIs as SEG, Segment Metadata, Open DICOM Slide): each shows its dialog or reads its macro
 * options, reports progress and errors the ImageJ way, and delegates the work to {@code ij.*}.
 * Top floor: may use everything below, nothing may use it; never {@code cli}.
 */
package org.dicomseg.plugins;

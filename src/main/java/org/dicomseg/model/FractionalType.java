package org.dicomseg.model;

/**
 * Segmentation Fractional Type (0062,0010), PS3.3 C.8.20.2: what a FRACTIONAL value means,
 * a probability or the fraction of the pixel's area/volume occupied by the segment.
 */
public enum FractionalType {
    PROBABILITY, OCCUPANCY
}

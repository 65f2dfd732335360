/**
 * dcmqi's segmentation metadata JSON ({@code seg-schema.json}, the "meta.json" of 3D Slicer and
 * dcmqi) to and from segment descriptions: {@link org.dicomseg.dcmqi.DcmqiMetadataReader} and
 * {@link org.dicomseg.dcmqi.DcmqiMetadataWriter} around the value {@link org.dicomseg.dcmqi.DcmqiMetadata},
 * with each segment's input label ({@link org.dicomseg.dcmqi.LabelMapping}). May use {@code model}
 * (with {@code model.codes}), the floors below and Gson; never ImageJ.
 */
package org.dicomseg.dcmqi;

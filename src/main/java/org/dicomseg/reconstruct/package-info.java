/**
 * Plain-Java reconstruction of Segmentation frames into planes (no ImageJ imports): spatial
 * volumes sorted along the slice normal, planes per source instance or frame, Total Pixel Matrix
 * assembly and regions of tiled slides, as one channel per segment or one label map.
 * {@link org.dicomseg.reconstruct.Reconstructor} is the front door; results are
 * {@link org.dicomseg.reconstruct.SegmentationVolume} value objects with one Java array per plane.
 * May use {@code model}, {@code pixels}, {@code dicom}, {@code mask} and {@code read}.
 *
 * <p>Calls go one way, from the front door down to the kernels:</p>
 * <pre>
 * Reconstructor ─┬─ SliceGrid                      (planes of a spatial volume)
 *                ├─ PlaneFiller ─┬─ FrameBatches   (batches on threads; owns the Decoder callback)
 *                │               └─ FrameDecoder ─┬─ PackedBitsWriter
 *                │                                ├─ RunSinks
 *                │                                └─ UnpackedFrameWriter
 *                └─ TileMosaic ──── BandRowWriter  (BINARY tiles on the grid, band by band)
 * all of them ───── OutputLayout, OutputPlanes ─── ReconstructionStatistics, WorkerThreads
 * </pre>
 */
package org.dicomseg.reconstruct;

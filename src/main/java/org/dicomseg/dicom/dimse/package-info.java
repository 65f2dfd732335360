/**
 * DIMSE networking (PS3.7, PS3.8): sending Part 10 files to a Storage SCP by C-STORE
 * ({@link org.dicomseg.dicom.dimse.CStoreSender}, the front door), on PixelMed's
 * {@code StorageSOPClassSCU}. May use {@code model}, {@code task}, {@code dicom} and PixelMed.
 */
package org.dicomseg.dicom.dimse;

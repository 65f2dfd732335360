/**
 * A DICOMweb client (PS3.18): QIDO-RS search ({@link org.dicomseg.web.DicomWebClient#search}),
 * WADO-RS metadata, instances and frames (multipart/related parsed as it streams in,
 * {@link org.dicomseg.web.MultipartReader}), STOW-RS store with the server's answer checked per
 * instance ({@link org.dicomseg.web.StowResponse}); URLs ({@link org.dicomseg.web.DicomWebUrl}),
 * credentials ({@link org.dicomseg.web.Credentials}: basic or bearer, never printed) and store
 * targets ({@link org.dicomseg.web.StoreTarget}: a DICOMweb URL, or {@code dicom://AET@host:port}
 * sent by C-STORE through {@code dicom.dimse}). The front door is
 * {@link org.dicomseg.web.DicomWebClient}; failures are {@link org.dicomseg.web.DicomWebException}s
 * whose one-line message names the server and the cause. Plain Java ({@code java.net.http}, Gson):
 * no PixelMed, no ImageJ. Sits on the floor of {@code pixels} and {@code dicom}; may use
 * {@code model}, {@code task} and {@code dicom}.
 */
package org.dicomseg.web;

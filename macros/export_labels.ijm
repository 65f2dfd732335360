// export_labels.ijm — DICOM SEG for ImageJ: export the sample label image as a SEG.
// Run:  ImageJ -batch macros/export_labels.ijm "/path/to/repo|/path/to/output-folder"
//   or  open it in ImageJ (Plugins > Macros > Run...) and answer the folder prompts.
// The label image sample-images/labels.tif (labels 1 liver, 2 bone, 3 lesion) was drawn on the
// CT series sample-images/ct; the SEG references those five images, matched by position.
arg = getArgument();
if (arg == "") {
	root = getDirectory("Choose the DICOM SEG repository folder (the one with sample-images)");
	outDir = getDirectory("Choose a folder for the SEG files");
} else {
	parts = split(arg, "|");
	root = parts[0];
	if (parts.length > 1) outDir = parts[1]; else outDir = getDirectory("temp");
}
sep = File.separator;
if (!endsWith(root, sep)) root = root + sep;
if (!endsWith(outDir, sep)) outDir = outDir + sep;
samples = root + "sample-images" + sep;

setBatchMode(true);
open(samples + "labels.tif");

// 1. The simplest export: BINARY, default segment descriptions.
run("Export Label Image as SEG...", "source=[" + samples + "ct] out=[" + outDir + "labels-binary.dcm] overwrite");

// 2. Describe the segments first (stored on the image, used by every later export) ...
run("Segment Metadata...", "action=edit segment=1 label=Liver category=[Anatomical Structure] type=Liver region=Abdomen algorithm=AUTOMATIC algorithm_name=Threshold algorithm_version=1.0 color=#a0522d");
run("Segment Metadata...", "action=edit segment=2 label=Vertebra category=[Anatomical Structure] type=Spine algorithm=AUTOMATIC algorithm_name=Threshold algorithm_version=1.0");
run("Segment Metadata...", "action=save template=[" + outDir + "labels-meta.json]");
// ... then write a compressed LABELMAP with them.
run("Export Label Image as SEG...", "source=[" + samples + "ct] out=[" + outDir + "labels-labelmap-rle.dcm] segmentation=LABELMAP compression=rle series=[Phantom labels] series_number=301 overwrite");

// 3. The same labels referencing the enhanced (multi-frame) CT.
run("Export Label Image as SEG...", "source=[" + samples + "enhanced-ct" + sep + "enhanced.dcm] meta=[" + outDir + "labels-meta.json] out=[" + outDir + "labels-enhanced.dcm] overwrite");

print("export_labels.ijm: wrote " + outDir + "labels-binary.dcm, labels-labelmap-rle.dcm, labels-enhanced.dcm");
print("EXPORT_LABELS_DONE");

// export_rois.ijm — DICOM SEG for ImageJ: export ROIs as a SEG, with and without the ROI Manager.
// Run:  ImageJ -batch macros/export_rois.ijm "/path/to/repo|/path/to/output-folder"
// sample-images/RoiSet.zip holds 13 ROIs named liver, lesion and bone, each on one slice of the
// CT series sample-images/ct; ROIs with the same name become one segment.
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

// 1. Straight from the file: no image and no ROI Manager needed (works headless);
//    size and slices come from the source series.
run("Export ROIs as SEG...", "rois=[" + samples + "RoiSet.zip] grouping=name source=[" + samples + "ct] out=[" + outDir + "rois-by-name.dcm] overwrite");

// 2. From the ROI Manager, on the image the ROIs were drawn on; every ROI its own segment.
open(samples + "labels.tif");
roiManager("reset");
roiManager("Open", samples + "RoiSet.zip");
run("Export ROIs as SEG...", "grouping=each source=[" + samples + "ct] out=[" + outDir + "rois-each.dcm] compression=rle overwrite");

print("export_rois.ijm: wrote " + outDir + "rois-by-name.dcm and rois-each.dcm");
print("EXPORT_ROIS_DONE");

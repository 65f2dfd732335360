// import_seg.ijm - DICOM SEG for ImageJ: the import commands from a macro.
//
// Run in Fiji (Plugins > Macros > Run...) or in batch mode:
//   xvfb-run -a ImageJ -batch macros/import_seg.ijm [/path/to/seg.dcm]
// Without an argument it first makes a SEG from the sample images (sample-images/labels.tif on
// sample-images/ct) with "Export Label Image as SEG...", then imports it four ways.
// Every run("...") line below is what the macro recorder writes for the same dialog.

root = File.getParent(File.getDirectory(getInfo("macro.filepath"))) + File.separator;
samples = root + "sample-images" + File.separator;
ct = samples + "ct";
tmp = getDirectory("temp") + "dicomseg-import-example" + File.separator;
File.makeDirectory(tmp);
seg = getArgument();
setBatchMode(true);

if (seg == "") {
    // 1. a SEG to import: the sample label image exported against its CT series
    open(samples + "labels.tif");
    seg = tmp + "labels_seg.dcm";
    run("Export Label Image as SEG...", "source=[" + ct + "] out=[" + seg + "] overwrite");
    close("*");
}

// 2. what is in it: a table "SEG Info: <name>" (one row per segment) and the header in the Log
run("SEG Info...", "seg=[" + seg + "]");
name = File.getName(seg);
print("segments: " + Table.size("SEG Info: " + name));

// 3. one channel per segment (composite, segment colours, mm calibration), plus the CT it was drawn on
run("Import SEG...", "seg=[" + seg + "] output=hyperstack open_source source_folder=[" + ct + "]");
getDimensions(w, h, channels, slices, frames);
print("hyperstack: " + channels + " channels x " + slices + " slices, images open: " + nImages);

// 4. one label image (pixel value = segment number); "last_wins" settles overlapping segments
run("Import SEG...", "seg=[" + seg + "] segments=1-2 output=[label image] last_wins");
print("label image: " + bitDepth() + "-bit, " + nSlices + " slices");

// 5. ROIs: into the ROI Manager, and as a RoiSet.zip (works without a display)
run("Import SEG...", "seg=[" + seg + "] output=[ROI Manager]");
print("ROI Manager: " + roiManager("count") + " ROIs");
run("Import SEG...", "seg=[" + seg + "] output=RoiSet.zip out=[" + tmp + "RoiSet.zip]");
print("RoiSet.zip written: " + File.exists(tmp + "RoiSet.zip"));
print("import_seg.ijm: done");

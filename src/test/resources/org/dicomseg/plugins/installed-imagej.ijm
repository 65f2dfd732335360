// installed-imagej.ijm - run by plugins.InstalledImageJIT in an ImageJ folder set up by scripts/install
// (plugin in plugins/, libraries only in plugins/jars/, nothing but ij.jar on the class path).
// Argument: "REPO|OUT|CORPUS|FIXTURES" (FIXTURES: the cine series and its 12 x 25 label hyperstack, two
// further series and an ICC profile, written by the test). Prints one line per step; the test reads them.
parts = split(getArgument(), "|");
samples = parts[0] + "/sample-images/";
out = parts[1] + "/";
corpus = parts[2] + "/";
fix = parts[3] + "/";
setBatchMode(true);
print("IJ_VERSION " + getVersion());

// the number of non-zero pixels of the current (8- or 16-bit) image, every plane
function nonzero() {
    n = 0;
    bins = 256;
    if (bitDepth() == 16) bins = 65536;
    for (i = 1; i <= nSlices; i++) {
        setSlice(i);
        getHistogram(values, counts, bins);
        n += getWidth() * getHeight() - counts[0];
    }
    return n;
}

// 1. Export with JPEG 2000: LABELMAP from the label image, FRACTIONAL from a probability image and from
//    the (overlapping) ROIs; BINARY as 1-bit JPEG 2000 (as highdicom writes it).
open(samples + "labels.tif");
labels = getTitle();
print("LABELS_NONZERO " + nonzero());
run("Export Label Image as SEG...", "source=[" + samples + "ct] out=[" + out + "labelmap-j2k.dcm] segmentation=LABELMAP compression=j2k overwrite");
print("EXPORTED labelmap-j2k.dcm");
run("Duplicate...", "title=prob duplicate");
run("32-bit");
run("Divide...", "value=3 stack");
run("Export Label Image as SEG...", "source=[" + samples + "ct] out=[" + out + "fractional-j2k.dcm] segmentation=FRACTIONAL compression=j2k overwrite");
print("EXPORTED fractional-j2k.dcm");
close("prob");
run("Export ROIs as SEG...", "rois=[" + samples + "RoiSet.zip] grouping=name source=[" + samples + "ct] out=[" + out + "rois-fractional-j2k.dcm] segmentation=FRACTIONAL compression=j2k overwrite");
print("EXPORTED rois-fractional-j2k.dcm");
selectImage(labels);
run("Export Label Image as SEG...", "source=[" + samples + "ct] out=[" + out + "binary-j2k.dcm] segmentation=BINARY compression=j2k overwrite");
print("BINARY_J2K_FILE " + File.exists(out + "binary-j2k.dcm"));
close("*");
run("Import SEG...", "seg=[" + out + "binary-j2k.dcm] output=[label image]");
print("IMPORT_BINARY_NONZERO " + nonzero());
close("*");

// 2. Import JPEG 2000 SEGs: ours, and pydicom's 1-bit JPEG 2000 liver from the corpus.
run("Import SEG...", "seg=[" + out + "labelmap-j2k.dcm] output=[label image]");
print("IMPORT_LABELMAP_NONZERO " + nonzero());
close("*");
run("Import SEG...", "seg=[" + out + "labelmap-j2k.dcm] output=hyperstack");
getDimensions(w, h, c, z, t);
print("IMPORT_HYPERSTACK " + w + "x" + h + " channels " + c + " slices " + z + " composite " + is("composite"));
close("*");
run("Import SEG...", "seg=[" + out + "rois-fractional-j2k.dcm] output=hyperstack");
getDimensions(w, h, c, z, t);
print("IMPORT_FRACTIONAL " + w + "x" + h + " channels " + c + " bits " + bitDepth());
close("*");
run("Import SEG...", "seg=[" + corpus + "pydicom-data/liver_j2k.dcm] output=[label image]");
getDimensions(w, h, c, z, t);
print("IMPORT_LIVER " + w + "x" + h + "x" + z + " nonzero " + nonzero());
close("*");

// 3. Open JPEG 2000 and JPEG tiled slides (the same region of one Camelyon slide).
run("Open DICOM Slide...", "slide=[" + corpus + "wsi/google-medical-imaging/multi_frame_jpeg2000_camelyon_challenge_image.dcm] level=1 x=0 y=0 width=0 height=0");
getStatistics(area, mean, min, max, std);
print("SLIDE_J2K " + getWidth() + "x" + getHeight() + " bits " + bitDepth() + " mean " + mean + " std " + std);
close("*");
run("Open DICOM Slide...", "slide=[" + corpus + "wsi/google-medical-imaging/multi_frame_jpeg_camelyon_challenge_image.dcm] level=1 x=0 y=0 width=0 height=0");
getStatistics(area, mean, min, max, std);
print("SLIDE_JPEG " + getWidth() + "x" + getHeight() + " bits " + bitDepth() + " mean " + mean + " std " + std);
close("*");
// 4. Issue 18's options. JPEG-LS (our own codec, in the plugin jar): LABELMAP written and read back.
open(samples + "labels.tif");
run("Export Label Image as SEG...", "source=[" + samples + "ct] out=[" + out + "labelmap-jpegls.dcm] segmentation=LABELMAP compression=jpegls overwrite");
close("*");
run("Import SEG...", "seg=[" + out + "labelmap-jpegls.dcm] output=[label image]");
print("IMPORT_JPEGLS_NONZERO " + nonzero());
close("*");

// 5. Further source series, a PALETTE COLOR label map with an ICC profile: the palette becomes the LUT.
open(samples + "labels.tif");
run("Export Label Image as SEG...", "source=[" + samples + "ct] out=[" + out + "further-palette.dcm] segmentation=LABELMAP compression=rle further=[" + fix + "t2;" + fix + "dwi] palette icc=[" + fix + "profile.icc] overwrite");
close("*");
run("Import SEG...", "seg=[" + out + "further-palette.dcm] output=[label image]");
getLut(reds, greens, blues);
print("IMPORT_PALETTE_NONZERO " + nonzero() + " lut1 " + reds[1] + "," + greens[1] + "," + blues[1] + " lut2 " + reds[2] + "," + greens[2] + "," + blues[2]);
close("*");

// 6. 2D+t: a label hyperstack of 12 slices x 25 frames over a cine MR series; back with T in order.
function nonzeroAtFrame(f) {
    Stack.getDimensions(w, h, c, z, t);
    n = 0;
    for (s = 1; s <= z; s++) {
        Stack.setPosition(1, s, f);
        getHistogram(values, counts, 256);
        n += w * h - counts[0];
    }
    return n;
}
open(fix + "cine-labels.tif");
run("Export Label Image as SEG...", "source=[" + fix + "cine] out=[" + out + "cine-seg.dcm] overwrite");
close("*");
run("Import SEG...", "seg=[" + out + "cine-seg.dcm] output=[label image] source_folder=[" + fix + "cine]");
getDimensions(w, h, c, z, t);
frames = "";
for (f = 1; f <= t; f++) frames = frames + " " + nonzeroAtFrame(f);
print("IMPORT_CINE " + w + "x" + h + " channels " + c + " slices " + z + " frames " + t + " nonzero" + frames);
close("*");

// 7. A slide pyramid: a rectangle on level 4 of CMU-1 (of 12) exported with pyramid, the finest back on the slide.
run("Open DICOM Slide...", "slide=[" + corpus + "wsi/dicom-wsi-sample/cmu-1-small-region/level-0-frames-0-30.dcm] level=4 x=0 y=0 width=0 height=0");
slide = getImageID();
roiManager("reset");
makeRectangle(50, 40, 101, 77);
roiManager("add");
run("Select None");
run("Export ROIs as SEG...", "rois=[] grouping=name out=[" + out + "slide-pyramid.dcm] segmentation=BINARY compression=rle tiles=full pyramid pyramid_label=[Installed ImageJ] pyramid_description=[Rectangle on level 4] overwrite");
roiManager("reset");
selectImage(slide);
run("Import SEG...", "seg=[" + out + "slide-pyramid.dcm] output=[label image]");
print("IMPORT_PYRAMID " + getWidth() + "x" + getHeight() + " nonzero " + nonzero());
close("*");
print("INSTALLED_IMAGEJ_DONE");

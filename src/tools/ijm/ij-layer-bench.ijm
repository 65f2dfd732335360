// ij-layer-bench.ijm — the ImageJ-layer benchmark of scripts/bench --ij (issue 19): run by a plain ImageJ under
// Xvfb with the GUI (images are shown, as for a user), once per operation in a fresh ImageJ, so the first run is
// the first use of the command in that ImageJ; then warm runs. Appends one line per run to the results file:
//   <op> <run> <seconds>      (run 0 = first use; op "floor" = allocating the hyperstack's output planes;
//                             "floorshown" = the same planes as a composite image shown in a window, as the import
//                             shows its result; "labelsfloor" = the label image's planes, shown)
// Argument: op|seg|labels tif|source folder|out SEG|results file|warm runs|channels|planes
a = split(getArgument(), "|");
op = a[0]; seg = a[1]; labels = a[2]; source = a[3]; out = a[4]; results = a[5];
runs = parseInt(a[6]); channels = parseInt(a[7]); planes = parseInt(a[8]);
if (op == "export") open(labels);
labelsId = 0;
if (op == "export") labelsId = getImageID();
for (i = 0; i <= runs; i++) {
  if (op == "export") { selectImage(labelsId); if (File.exists(out)) File.delete(out); }
  t0 = getTime();
  if (op == "hyperstack") run("DICOM SEG...", "seg=[" + seg + "] output=hyperstack");
  else if (op == "labels") run("DICOM SEG...", "seg=[" + seg + "] output=[label image]");
  else if (op == "export") run("Export Label Image as SEG...", "source=[" + source + "] out=[" + out + "] segmentation=BINARY compression=none");
  t1 = getTime();
  File.append(op + " " + i + " " + d2s((t1 - t0) / 1000, 3), results);
  if (op != "export") { if (nImages != 1) exit("expected one image after the import, have " + nImages); close(); }
  // the floor: the same output planes (channels x planes of 512 x 512 bytes, ImageJ zeroes them) allocated in this JVM
  if (op == "hyperstack") {
    setBatchMode(true);
    t0 = getTime();
    newImage("floor", "8-bit black", 512, 512, channels, planes, 1);
    t1 = getTime();
    File.append("floor " + i + " " + d2s((t1 - t0) / 1000, 3), results);
    close();
    setBatchMode(false);
    // the floor of what the user sees: the same planes, a composite image of the same channels, shown in its window
    t0 = getTime();
    newImage("floor", "8-bit black composite", 512, 512, channels, planes, 1);
    t1 = getTime();
    File.append("floorshown " + i + " " + d2s((t1 - t0) / 1000, 3), results);
    close();
  }
  // beside the label image: its planes (one 8-bit channel) allocated and shown in a window
  if (op == "labels") {
    t0 = getTime();
    newImage("floor", "8-bit black", 512, 512, 1, planes, 1);
    t1 = getTime();
    File.append("labelsfloor " + i + " " + d2s((t1 - t0) / 1000, 3), results);
    close();
  }
}
File.append("done " + op, results);
run("Quit");

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
// Before each floor (not timed): newImage refuses an image larger than the free heap after one System.gc() ("not
// enough free memory", a dialog that waits forever), and a closed window lets go of its image only when the event
// queue has handled the close; with three 600 MB images per run (import, floor, floor shown) a busy machine can
// leave enough of them behind. So when the free heap is short of the floor's planes (and only then: a collection
// here would change what the timed command meets), collect and wait until they are gone.
function settle(bytes) {
  need = bytes + 200 * 1024 * 1024;
  for (k = 0; k < 100; k++) {
    free = parseFloat(IJ.maxMemory()) - parseFloat(IJ.currentMemory()); // IJ.*Memory() return strings
    if (free >= need) return;
    call("java.lang.System.gc");
    wait(50);
  }
}
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
    settle(channels * planes * 512 * 512);
    t0 = getTime();
    newImage("floor", "8-bit black", 512, 512, channels, planes, 1);
    t1 = getTime();
    File.append("floor " + i + " " + d2s((t1 - t0) / 1000, 3), results);
    close();
    setBatchMode(false);
    // the floor of what the user sees: the same planes, a composite image of the same channels, shown in its window
    settle(channels * planes * 512 * 512);
    t0 = getTime();
    newImage("floor", "8-bit black composite", 512, 512, channels, planes, 1);
    t1 = getTime();
    File.append("floorshown " + i + " " + d2s((t1 - t0) / 1000, 3), results);
    close();
  }
  // beside the label image: its planes (one 8-bit channel) allocated and shown in a window
  if (op == "labels") {
    settle(planes * 512 * 512);
    t0 = getTime();
    newImage("floor", "8-bit black", 512, 512, 1, planes, 1);
    t1 = getTime();
    File.append("labelsfloor " + i + " " + d2s((t1 - t0) / 1000, 3), results);
    close();
  }
}
File.append("done " + op, results);
run("Quit");

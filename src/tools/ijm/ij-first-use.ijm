// ij-first-use.ijm — the first use of a command in a fresh ImageJ (scripts/bench --ij-first, issue 19): run by a
// plain ImageJ under Xvfb with its GUI, once per command and ImageJ; times the command's first run only (the
// result shown, as for a user) and the CPU the whole process spent meanwhile (all threads: the command's, the
// JIT compilers', the garbage collector's; utime + stime of /proc/self/stat, 1/100 s), then quits. Appends
//   <op> <wall seconds> <process CPU seconds>
// Argument: op|seg|labels tif|source folder|out SEG|results file     (op: hyperstack, labels, export)
a = split(getArgument(), "|");
op = a[0]; seg = a[1]; labels = a[2]; source = a[3]; out = a[4]; results = a[5];
function cpu() {
  f = split(File.openAsString("/proc/self/stat"), " ");
  return parseInt(f[13]) + parseInt(f[14]);
}
if (op == "export") { open(labels); if (File.exists(out)) File.delete(out); }
c0 = cpu();
t0 = getTime();
if (op == "hyperstack") run("DICOM SEG...", "seg=[" + seg + "] output=hyperstack");
else if (op == "labels") run("DICOM SEG...", "seg=[" + seg + "] output=[label image]");
else if (op == "export") run("Export Label Image as SEG...", "source=[" + source + "] out=[" + out + "] segmentation=BINARY compression=none");
t1 = getTime();
c1 = cpu();
if (op != "export" && nImages != 1) exit("expected one image after the import, have " + nImages);
if (op == "export" && !File.exists(out)) exit("no SEG written: " + out);
File.append(op + " " + d2s((t1 - t0) / 1000, 3) + " " + d2s((c1 - c0) / 100, 2), results);
run("Quit");

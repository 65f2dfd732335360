package org.dicomseg.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

import org.dicomseg.options.InvalidOptionException;
import org.dicomseg.task.Messages;

/**
 * Entry point of the {@code dicomseg} command line (launcher script at the repository root): the
 * same core as the Fiji commands, without a window, for batch use. Sub-commands and their flags
 * are a contract that scripts rely on. Exit status: 0 success, 1 the input could not be
 * processed (one line on stderr saying why: the message of an {@code InputException} or
 * {@code OutputException} from {@code org.dicomseg.task}, or of another failure), 2 a usage error.
 */
public final class Main {
    private Main() { }

    static final String USAGE = String.join("\n",
            "usage:",
            "  dicomseg info SEG|URL [--json]",
            "  dicomseg import SEG|URL --out F.tif [--as hyperstack|labels|rois]",
            "  dicomseg import SEG|URL --out Y.nii.gz|Y.nrrd [--as labels|segments]   (+ Y.json)",
            "  dicomseg export (--labels F.tif|X.nii.gz|X.nrrd | --rois RoiSet.zip) --source DIR_OR_FILE_OR_URL (--out SEG.dcm | --store URL)",
            "                  [--meta meta.json] [--type BINARY|FRACTIONAL|LABELMAP] [--compression none|rle|j2k|jpegls|deflate]",
            "                  [--geometry source|file] [--palette [--icc-profile F.icc]] [--further-source DIR]...",
            "                  [--tiles sparse|full] [--pyramid]   (--source a slide: a tiled SEG, slices = its focal planes;",
            "                  ROIs on the finest level, a ROI's slice = its focal plane)",
            "  dicomseg search URL [--study UID] [--modality SEG] [--patient ID] [--json]",
            "  dicomseg store FILE... --to URL|dicom://AET@host:port [--calling-aet AET]",
            "  (with a server: [--user NAME] [--token TOKEN] [--timeout SECONDS], or DICOMSEG_USER/DICOMSEG_PASSWORD/DICOMSEG_TOKEN;",
            "   URL = BASE[/studies/{study}/series/{series}[/instances/{instance}]], e.g. http://localhost:8042/dicom-web)",
            "  dicomseg demo [SAMPLE_DIR] [OUT_DIR]");

    public static void main(String[] args) {
        PrintStream err = QuietLibraries.install();
        System.exit(run(Arrays.asList(args), System.out, err));
    }

    /** Runs one sub-command; returns the exit status (for tests). */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            out.println(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        List<String> rest = args.subList(1, args.size());
        try {
            switch (args.get(0)) {
                case "info": return InfoCommand.run(rest, out);
                case "import": return ImportCommand.run(rest, out);
                case "export": return ExportCommand.run(rest, out, err);
                case "demo": return DemoCommand.run(rest, out);
                case "search": return SearchCommand.run(rest, out);
                case "store": return StoreCommand.run(rest, out);
                default: throw new CliException("unknown command '" + args.get(0) + "'\n" + USAGE);
            }
        } catch (CliException | InvalidOptionException e) {
            // A usage error: an unknown or malformed flag, or an option value that is not allowed.
            err.println("dicomseg: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("dicomseg: " + failure(args, e));
            return 1;
        } catch (OutOfMemoryError e) {
            err.println("dicomseg: " + withSubject(args, "out of memory (raise it with DICOMSEG_JAVA_OPTS=-Xmx8g)"));
            return 1;
        }
    }

    /**
     * The one line for a failure: the message of an input or output failure (which names the file),
     * or, for anything unexpected, a plain sentence without Java class names; prefixed with the
     * input file when the message does not name it; one printable line ({@link Messages#oneLine}).
     */
    static String failure(List<String> args, Exception e) {
        String m;
        if (e instanceof java.nio.file.NoSuchFileException) {
            m = "file not found: " + e.getMessage();
        } else if (e instanceof java.nio.file.AccessDeniedException) {
            m = "permission denied: " + e.getMessage();
        } else if (e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException
                || e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            m = Messages.of(e);
        } else {
            m = "an unexpected internal failure (please report it with the command and the file, if you can share it)";
        }
        return Messages.oneLine(withSubject(args, m));
    }

    /** {@code message}, prefixed with the command's input file when it does not name it already. */
    private static String withSubject(List<String> args, String message) {
        String subject = subject(args);
        if (subject == null) return message;
        String name = java.nio.file.Paths.get(subject).getFileName() == null ? subject
                : java.nio.file.Paths.get(subject).getFileName().toString();
        return message.contains(name) ? message : subject + ": " + message;
    }

    /** The input file of a command line: info/import's SEG, export's --labels or --rois; else null. */
    private static String subject(List<String> args) {
        try {
            if (args.isEmpty()) return null;
            String cmd = args.get(0);
            for (int i = 1; i < args.size(); i++) {
                String a = args.get(i);
                if (cmd.equals("export") && (a.equals("--labels") || a.equals("--rois")) && i + 1 < args.size()) return args.get(i + 1);
                if ((cmd.equals("info") || cmd.equals("import")) && !a.startsWith("--")) {
                    if (i > 1 && args.get(i - 1).startsWith("--") && !args.get(i - 1).equals("--json")
                            && !args.get(i - 1).equals("--overwrite") && !args.get(i - 1).equals("--last-wins")
                            && !args.get(i - 1).equals("--fractional-stored")) {
                        continue; // the value of a flag
                    }
                    return a;
                }
            }
        } catch (RuntimeException e) {
            return null; // a path that is no path: no subject
        }
        return null;
    }
}

package org.dicomseg.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

import org.dicomseg.options.InvalidOptionException;

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
            "                  [--meta meta.json] [--type BINARY|FRACTIONAL|LABELMAP] [--compression none|rle|j2k|deflate]",
            "                  [--geometry source|file] [--palette]",
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
            err.println("dicomseg: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return 1;
        } catch (OutOfMemoryError e) {
            err.println("dicomseg: out of memory (raise it with DICOMSEG_JAVA_OPTS=-Xmx8g)");
            return 1;
        }
    }
}

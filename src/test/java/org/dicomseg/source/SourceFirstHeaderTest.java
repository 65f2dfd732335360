package org.dicomseg.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;

import org.junit.jupiter.api.Test;

/**
 * The first source's whole header is parsed only when it is asked for ({@link SourceImages#firstHeader()}:
 * the writer copies patient and study attributes from it). Reading a plain series for its frames (an
 * import placing a SEG on its source grid) then loads no PixelMed parser; asked for, the header is
 * PixelMed's own reading of the file.
 */
class SourceFirstHeaderTest {
    private static final Path CT = Path.of("sample-images", "ct");

    private static List<Path> series() throws Exception {
        try (Stream<Path> s = Files.list(CT)) {
            return s.filter(p -> p.toString().endsWith(".dcm")).sorted().collect(Collectors.toList());
        }
    }

    /** Reads the series' frames in a fresh JVM; asks for the first header only with "whole". */
    public static final class ReadOnce {
        public static void main(String[] args) throws Exception {
            List<Path> files = new ArrayList<>();
            for (int i = 1; i < args.length; i++) files.add(Path.of(args[i]));
            SourceImages s = SourceImages.read(files);
            System.out.println("frames " + s.frameCount() + " slide " + (s.totalPixelMatrix() != null));
            if (args[0].equals("whole")) System.out.println("patient " + s.headerValue(0x0010, 0x0020));
        }
    }

    @Test
    void framesOfAPlainSeriesLoadNoPixelMedParser() throws Exception {
        List<Path> files = series();
        List<String> out = fork("frames", files);
        assertTrue(out.contains("frames " + files.size() + " slide false"), out.stream().filter(l -> !l.contains("[class,load]"))
                .collect(Collectors.toList()).toString());
        assertFalse(out.stream().anyMatch(l -> l.contains("com.pixelmed.dicom.AttributeList ")), "AttributeList loaded for the frames alone");
        assertFalse(out.stream().anyMatch(l -> l.contains("com.pixelmed.dicom.DicomInputStream ")), "PixelMed's parser loaded for the frames alone");
        // asking for the header does parse it (so the check above can see the parser when it is used)
        List<String> whole = fork("whole", files);
        assertTrue(whole.stream().anyMatch(l -> l.contains("com.pixelmed.dicom.AttributeList ")), "the whole header is PixelMed's");
        assertTrue(whole.stream().anyMatch(l -> l.startsWith("patient ")), whole.size() + " lines");
    }

    @Test
    void theFirstHeaderAskedForIsPixelMedsReadingOfTheFirstFile() throws Exception {
        List<Path> files = series();
        SourceImages s = SourceImages.read(files);
        SourceImages reordered = s.reordered(reverse(files.size()));   // before the header was parsed
        AttributeList expected = new AttributeList();
        expected.read(files.get(0).toString(), TagFromName.PixelData);
        for (AttributeList h : new AttributeList[] {s.firstHeader(), reordered.firstHeader()}) {
            assertEquals(expected.size(), h.size());
            for (com.pixelmed.dicom.AttributeTag t : expected.keySet()) {
                assertEquals(expected.get(t).getDelimitedStringValuesOrEmptyString(), h.get(t).getDelimitedStringValuesOrEmptyString(), t.toString());
            }
        }
        assertEquals(com.pixelmed.dicom.Attribute.getSingleStringValueOrNull(expected, TagFromName.PatientName), s.headerValue(0x0010, 0x0010));
        assertNull(s.totalPixelMatrix());
    }

    private static int[] reverse(int n) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) o[i] = n - 1 - i;
        return o;
    }

    private static List<String> fork(String mode, List<Path> files) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Xlog:class+load=info", "-cp", System.getProperty("java.class.path"), ReadOnce.class.getName(), mode));
        for (Path f : files) cmd.add(f.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null;) lines.add(l);
        }
        p.waitFor();
        return lines;
    }
}

package org.dicomseg.model.codes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.dicomseg.model.CodedConcept;
import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks the built-in tables against dcmqi's master pick-lists (../shared/terminology): every
 * code both list must agree on value, scheme designator and meaning.
 *
 * <p>Two checks: a code both list must have the same meaning; a meaning both list must have the
 * same code. The known disagreements are all revisions of PS3.16 made after dcmqi's lists were
 * generated (SNOMED CT inactivated some concepts; DICOM replaced them and renamed one category):</p>
 * <ul>
 *   <li>Anatomical Structure: (91723000, SCT) in CID 7150 today; dcmqi has the inactivated 123037004.</li>
 *   <li>(49755003, SCT) is "Morphologically Abnormal Structure" in CID 7150 today; dcmqi has the
 *       older meaning "Morphologically Altered Structure".</li>
 *   <li>Abdomen: (818981001, SCT) in CID 4 today; dcmqi has the inactivated 113345001.</li>
 *   <li>Thorax: (816094009, SCT) in current PS3.16 (e.g. CID 12020); dcmqi has the older 51185008, which
 *       it also lists as "Chest".</li>
 * </ul>
 */
class DcmqiTerminologyAgreementTest {

    /** "value|scheme" of our codes that knowingly differ from dcmqi, with the reason above. */
    private static final Set<String> KNOWN_REVISIONS = Set.of(
            "91723000|SCT", "49755003|SCT", "818981001|SCT", "816094009|SCT");

    @Test
    void sharedCodesAgreeWithDcmqiMasterLists() throws IOException {
        Shared.assumePresent();
        Path dir = Shared.root().resolve("terminology");
        Map<CodedConcept, Set<String>> meaningsByCode = new HashMap<>();
        Map<String, Set<CodedConcept>> codesByMeaning = new HashMap<>();
        for (String f : List.of("SegmentationCategoryTypeModifier-DICOM-Master.json",
                "AnatomicRegionAndModifier-DICOM-Master.json")) {
            Terminology t = TerminologyReader.read(dir.resolve(f));
            for (TerminologyEntry r : t.roots()) index(r, meaningsByCode, codesByMeaning);
        }
        int shared = 0;
        List<String> problems = new ArrayList<>();
        Set<String> usedExceptions = new HashSet<>();
        for (ContextGroup g : CodeTables.all()) {
            for (CodeEntry e : g.entries()) {
                CodedConcept c = e.concept();
                String key = c.value() + "|" + c.schemeDesignator();
                Set<String> theirMeanings = meaningsByCode.get(c);
                if (theirMeanings != null) {
                    shared++;
                    if (!theirMeanings.contains(c.meaning())) {
                        if (KNOWN_REVISIONS.contains(key)) usedExceptions.add(key);
                        else problems.add("CID " + g.cid() + " " + c + ": dcmqi meaning " + theirMeanings);
                    }
                }
                Set<CodedConcept> theirCodes = codesByMeaning.get(c.meaning().toLowerCase(Locale.ROOT));
                if (theirCodes != null && !theirCodes.contains(c)) {
                    if (KNOWN_REVISIONS.contains(key)) usedExceptions.add(key);
                    else problems.add("CID " + g.cid() + " " + c + ": dcmqi codes this meaning as " + theirCodes);
                }
            }
        }
        assertTrue(problems.isEmpty(), "Disagreements with dcmqi:\n" + String.join("\n", problems));
        assertEquals(KNOWN_REVISIONS, usedExceptions, "every documented exception is still needed");
        assertTrue(shared >= 150, "most of our codes are checked against dcmqi (" + shared + ")");
    }

    private static void index(TerminologyEntry e, Map<CodedConcept, Set<String>> byCode,
                              Map<String, Set<CodedConcept>> byMeaning) {
        byCode.computeIfAbsent(e.concept(), k -> new HashSet<>()).add(e.concept().meaning());
        byMeaning.computeIfAbsent(e.concept().meaning().toLowerCase(Locale.ROOT), k -> new HashSet<>()).add(e.concept());
        for (TerminologyEntry c : e.children()) index(c, byCode, byMeaning);
        for (TerminologyEntry m : e.modifiers()) index(m, byCode, byMeaning);
    }
}

package org.dicomseg.ij.open;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.dicomseg.options.SegmentSelection;

/** The segments a selection picks from an imported file (parsing: {@code options.ImportOptionsTest}). */
class ImportSelectionTest {

    private static List<Integer> numbers(String spec) {
        return ImportFixtures.binary().segments(SegmentSelection.parse(spec)).stream().map(ImportedSegmentation.Segment::number)
                .collect(Collectors.toList());
    }

    @Test
    void blankAndAllSelectEverySegmentInFileOrder() {
        assertEquals(List.of(1, 2, 5), numbers(""));
        assertEquals(List.of(1, 2, 5), numbers("all"));
        assertEquals(List.of(1, 2, 5), numbers(null));
    }

    @Test
    void listsAndRanges() {
        assertEquals(List.of(1, 5), numbers("5,1"));
        assertEquals(List.of(1, 2), numbers("1-2"));
        assertEquals(List.of(2, 5), numbers(" 2 , 5 "));
    }

    @Test
    void unknownNumbersAreErrorsThatSayWhatExists() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> numbers("1,3-4"));
        assertTrue(e.getMessage().contains("Segments 3,4 are not in this file"), e.getMessage());
        assertTrue(e.getMessage().contains("1,2,5"), e.getMessage());
    }
}

package org.dicomseg.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dicomseg.model.Uids;
import org.junit.jupiter.api.Test;

class SampleUidsTest {
    @Test
    void deterministicUidsDependOnSeedAndName() {
        SampleUids a = SampleUids.deterministic("s"), b = SampleUids.deterministic("s"), c = SampleUids.deterministic("t");
        assertEquals(a.uid("study"), b.uid("study"));
        assertNotEquals(a.uid("study"), a.uid("series"));
        assertNotEquals(a.uid("study"), c.uid("study"));
        assertTrue(a.isDeterministic());
        // pinned: committed samples depend on this derivation
        assertEquals("2.25.270738811764156400433916528213574063952", SampleStudy.deterministic(1).studyInstanceUid());
    }

    @Test
    void uidsAreValidAndShort() {
        SampleUids a = SampleUids.deterministic("x");
        for (int i = 0; i < 2000; i++) {
            String u = a.uid("n" + i);
            assertTrue(Uids.isValid(u), u);
            assertTrue(u.startsWith("2.25."));
            assertTrue(u.length() <= 44, u);
        }
    }

    @Test
    void randomUidsAreNewEachTime() {
        SampleUids r = SampleUids.random();
        assertFalse(r.isDeterministic());
        assertNotEquals(r.uid("a"), r.uid("a"));
        assertTrue(Uids.isValid(r.uid("a")));
    }
}

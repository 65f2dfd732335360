package org.dicomseg.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** {@link SessionLru}: what it keeps, what it drops first, what it counts. */
class SessionLruTest {

    @Test
    void countBoundDropsTheLeastRecentlyUsedByAccessNotByInsertion() {
        SessionLru<String, String> lru = SessionLru.ofCount(3);
        lru.put("a", "A");
        lru.put("b", "B");
        lru.put("c", "C");
        assertEquals("A", lru.get("a"));      // a is now the most recently used: b is the eldest
        lru.put("d", "D");
        assertNull(lru.get("b"));
        assertEquals(List.of("A", "C", "D"), List.of(lru.get("a"), lru.get("c"), lru.get("d")));
        assertEquals(3, lru.size());
        lru.put("c", "C2");                   // replacing is a use: a is the eldest now
        lru.put("e", "E");
        assertNull(lru.get("a"));
        assertEquals("C2", lru.get("c"));
        assertEquals(3, lru.size());
        assertEquals(3, lru.weight());
    }

    @Test
    void weightBoundDropsEldestUntilTheTotalFitsAndNeverKeepsAnEntryHeavierThanTheBound() {
        SessionLru<String, int[]> lru = SessionLru.ofWeight(10, v -> v.length);
        lru.put("four", new int[4]);
        lru.put("three", new int[3]);
        lru.put("two", new int[2]);
        assertEquals(9, lru.weight());
        lru.get("four");                      // three is the eldest now
        lru.put("five", new int[5]);          // 14 > 10: three (9-3=11 > 10), then two (9) dropped
        assertNull(lru.get("three"));
        assertNull(lru.get("two"));
        assertEquals(9, lru.weight());
        assertEquals(2, lru.size());

        int[] ten = new int[10];
        assertTrue(lru.put("ten", ten));      // exactly the bound: everything else goes
        assertSame(ten, lru.get("ten"));
        assertEquals(1, lru.size());
        assertEquals(10, lru.weight());

        assertFalse(lru.put("ten", new int[11])); // heavier than the bound: not kept, and the old value is gone too
        assertNull(lru.get("ten"));
        assertEquals(0, lru.size());
        assertEquals(0, lru.weight());
        lru.put("one", new int[1]);
        assertFalse(lru.put("eleven", new int[11])); // ... and the others stay
        assertEquals(1, lru.size());
    }

    @Test
    void bothBoundsHoldTogether() {
        SessionLru<Integer, int[]> lru = SessionLru.of(2, 100, v -> v.length);
        lru.put(1, new int[1]);
        lru.put(2, new int[1]);
        lru.put(3, new int[1]);               // count bound
        assertNull(lru.get(1));
        lru.put(4, new int[99]);              // three entries: 2 dropped; 1 + 99 fits
        assertNull(lru.get(2));
        assertEquals(2, lru.size());
        assertEquals(100, lru.weight());
        lru.put(5, new int[100]);             // count drops 3, then weight drops 4
        assertNull(lru.get(3));
        assertNull(lru.get(4));
        assertEquals(1, lru.size());
        assertEquals(100, lru.weight());
    }

    @Test
    void removeOnlyTheValueSeenAndKeepTheWeightRight() {
        SessionLru<String, int[]> lru = SessionLru.ofWeight(100, v -> v.length);
        int[] stale = new int[5];
        lru.put("k", stale);
        int[] fresh = new int[7];
        lru.put("k", fresh);                  // another thread replaced it meanwhile
        assertFalse(lru.remove("k", stale));
        assertSame(fresh, lru.get("k"));
        assertEquals(7, lru.weight());
        assertTrue(lru.remove("k", fresh));
        assertEquals(0, lru.weight());
        assertNull(lru.remove("k"));
    }

    @Test
    void countersCountWhatTheCacheSaysAndClearResetsThemWithTheEntries() {
        SessionLru<String, String> lru = SessionLru.ofCount(4);
        assertNull(lru.get("x"));             // a lookup alone counts nothing
        assertEquals(0, lru.hits() + lru.misses());
        lru.miss();
        lru.put("x", "X");
        lru.get("x");
        lru.hit();
        lru.hit();
        assertEquals(2, lru.hits());
        assertEquals(1, lru.misses());
        lru.clear();
        assertEquals(0, lru.hits());
        assertEquals(0, lru.misses());
        assertEquals(0, lru.size());
        assertEquals(0, lru.weight());
        assertNull(lru.get("x"));
    }

    @Test
    void boundsAndWeightsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> SessionLru.ofCount(0));
        assertThrows(IllegalArgumentException.class, () -> SessionLru.ofWeight(0, v -> 1));
        SessionLru<String, String> lru = SessionLru.ofWeight(10, v -> -1);
        assertThrows(IllegalArgumentException.class, () -> lru.put("a", "A"));
    }

    @Test
    void manyThreadsKeepTheBoundsAndCounters() {
        SessionLru<Integer, int[]> lru = SessionLru.of(50, 500, v -> v.length);
        IntStream.range(0, 20_000).parallel().forEach(i -> {
            int key = i % 200;
            if (lru.get(key) != null) lru.hit(); else { lru.miss(); lru.put(key, new int[1 + i % 20]); }
        });
        assertEquals(20_000, lru.hits() + lru.misses());
        assertTrue(lru.size() <= 50);
        assertTrue(lru.weight() <= 500);
        List<Integer> held = new ArrayList<>();
        long sum = 0;
        for (int k = 0; k < 200; k++) {
            int[] v = lru.get(k);
            if (v != null) { held.add(k); sum += v.length; }
        }
        assertEquals(lru.size(), held.size());
        assertEquals(lru.weight(), sum);
    }
}

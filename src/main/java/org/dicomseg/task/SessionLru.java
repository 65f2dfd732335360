package org.dicomseg.task;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * The storage of a session cache (what a running ImageJ or a script's JVM keeps between tasks): a
 * thread-safe least-recently-used map bounded by its number of entries and/or their total weight,
 * counting hits and misses. The one way the project's caches keep, drop and count entries (source
 * headers, remote series, source searches, Segmentation headers), so that each cache holds only its
 * own key and its own validation: what an entry depended on, checked on every use.
 *
 * <p><b>Order</b>: every {@link #get} and {@link #put} makes the entry the most recently used; when
 * a {@link #put} takes the map over either bound, the least recently used entries are dropped until
 * it is within both. An entry heavier than the weight bound on its own is not kept (it would drop
 * everything else and then itself).</p>
 *
 * <p><b>Counters</b>: whether a lookup is a hit is the cache's to decide (an entry found may prove
 * stale on validation, outside this lock), so lookups do not count themselves: the cache calls
 * {@link #hit()} or {@link #miss()}. {@link #clear()} drops every entry and resets both.</p>
 *
 * <p>Every method is atomic (synchronized on this map). A cache that needs several calls to act as
 * one (find, count, replace) holds its own lock around them; this map never calls out while holding
 * its lock except to the weigher, so that order cannot deadlock.</p>
 *
 * @param <K> the key (with {@code equals} and {@code hashCode})
 * @param <V> the value kept
 */
public final class SessionLru<K, V> {
    private final int maxEntries;
    private final long maxWeight;
    private final ToLongFunction<? super V> weigher;
    private final LinkedHashMap<K, Node<V>> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long weight;
    private long hits;
    private long misses;

    private SessionLru(int maxEntries, long maxWeight, ToLongFunction<? super V> weigher) {
        if (maxEntries < 1) throw new IllegalArgumentException("maxEntries must be at least 1, got " + maxEntries);
        if (maxWeight < 1) throw new IllegalArgumentException("maxWeight must be at least 1, got " + maxWeight);
        this.maxEntries = maxEntries;
        this.maxWeight = maxWeight;
        this.weigher = Objects.requireNonNull(weigher, "weigher");
    }

    /** A map of at most {@code maxEntries} entries (each weighs 1). */
    public static <K, V> SessionLru<K, V> ofCount(int maxEntries) {
        return new SessionLru<>(maxEntries, Long.MAX_VALUE, v -> 1);
    }

    /** A map whose entries weigh at most {@code maxWeight} in all, each weighed once by {@code weigher} when put (≥ 0). */
    public static <K, V> SessionLru<K, V> ofWeight(long maxWeight, ToLongFunction<? super V> weigher) {
        return new SessionLru<>(Integer.MAX_VALUE, maxWeight, weigher);
    }

    /** A map of at most {@code maxEntries} entries weighing at most {@code maxWeight} in all. */
    public static <K, V> SessionLru<K, V> of(int maxEntries, long maxWeight, ToLongFunction<? super V> weigher) {
        return new SessionLru<>(maxEntries, maxWeight, weigher);
    }

    /** The most entries kept. */
    public int maxEntries() { return maxEntries; }

    /** The most total weight kept. */
    public long maxWeight() { return maxWeight; }

    /** Entries held now. */
    public synchronized int size() { return entries.size(); }

    /** The total weight of the entries held now. */
    public synchronized long weight() { return weight; }

    /** The value of {@code key}, made the most recently used; or null. Not counted: see {@link #hit()}, {@link #miss()}. */
    public synchronized V get(K key) {
        Node<V> n = entries.get(key);
        return n == null ? null : n.value;
    }

    /**
     * Keeps {@code value} under {@code key} (replacing what was there) as the most recently used,
     * then drops the least recently used entries until both bounds hold. Returns false, keeping
     * nothing under {@code key}, when the value alone weighs more than the weight bound.
     */
    public synchronized boolean put(K key, V value) {
        Objects.requireNonNull(value, "value");
        long w = weigher.applyAsLong(value);
        if (w < 0) throw new IllegalArgumentException("negative weight " + w);
        remove(key);
        if (w > maxWeight) return false;
        entries.put(key, new Node<>(value, w));
        weight += w;
        for (Iterator<Node<V>> i = entries.values().iterator(); (entries.size() > maxEntries || weight > maxWeight) && i.hasNext(); ) {
            weight -= i.next().weight;
            i.remove();
        }
        return true;
    }

    /** Drops {@code key}'s entry; returns its value or null. */
    public synchronized V remove(K key) {
        Node<V> n = entries.remove(key);
        if (n == null) return null;
        weight -= n.weight;
        return n.value;
    }

    /** Drops {@code key}'s entry only when its value is {@code value} (the same object: a stale entry not replaced meanwhile). */
    public synchronized boolean remove(K key, V value) {
        Node<V> n = entries.get(key);
        if (n == null || n.value != value) return false;
        remove(key);
        return true;
    }

    /** Counts a lookup answered from the map. */
    public synchronized void hit() { hits++; }

    /** Counts a lookup that had to do the work (nothing kept, or what was kept was stale). */
    public synchronized void miss() { misses++; }

    /** Lookups counted as {@link #hit()}s since the map was made or {@link #clear}ed. */
    public synchronized long hits() { return hits; }

    /** Lookups counted as {@link #miss()}es since the map was made or {@link #clear}ed. */
    public synchronized long misses() { return misses; }

    /** Drops every entry and resets the counters. */
    public synchronized void clear() {
        entries.clear();
        weight = 0;
        hits = 0;
        misses = 0;
    }

    private static final class Node<V> {
        final V value;
        final long weight;

        Node(V value, long weight) {
            this.value = value;
            this.weight = weight;
        }
    }
}

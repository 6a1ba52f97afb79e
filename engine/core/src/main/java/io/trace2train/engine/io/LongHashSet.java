package io.trace2train.engine.io;

/**
 * A set of 64-bit keys in one open-addressing array: de-duplicating a million rows costs 16 MB, not the 60 MB or so
 * of boxed longs in a HashSet.
 */
public final class LongHashSet {

    private long[] slots = new long[1 << 12];
    private int size;
    private boolean hasZero;

    /** @return whether the key was new */
    public boolean add(long key) {
        if (key == 0) {
            boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        if (2 * (size + 1) > slots.length) {
            grow();
        }
        if (!insert(slots, key)) {
            return false;
        }
        size++;
        return true;
    }

    private static boolean insert(long[] table, long key) {
        int mask = table.length - 1;
        int slot = (int) (mix(key) & mask);
        while (table[slot] != 0) {
            if (table[slot] == key) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        table[slot] = key;
        return true;
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (long key : slots) {
            if (key != 0) {
                insert(bigger, key);
            }
        }
        slots = bigger;
    }

    private static long mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 32);
    }
}

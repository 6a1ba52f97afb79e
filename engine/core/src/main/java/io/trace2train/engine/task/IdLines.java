package io.trace2train.engine.task;

import java.nio.charset.StandardCharsets;

/**
 * The line each task id was first seen on, for the duplicate check of a tasks file of any length: a 64-bit hash and
 * an int per id in two open-addressing arrays (about 24 bytes per id), not a map of strings. Two distinct ids share
 * a hash with odds of about n^2 / 2^65 (10^-10 for 100,000 ids).
 */
final class IdLines {

    /** What {@link #putIfAbsent} returns for an id not seen before. */
    static final int ABSENT = -1;

    private long[] keys = new long[1 << 10];
    private int[] lines = new int[1 << 10];
    private int size;

    /** @return the line the id was first seen on, or {@link #ABSENT} after recording {@code line} for it */
    int putIfAbsent(String id, int line) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        long key = hash(id);
        int mask = keys.length - 1;
        int slot = (int) (key & mask);
        while (keys[slot] != 0) {
            if (keys[slot] == key) {
                return lines[slot];
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        lines[slot] = line;
        size++;
        return ABSENT;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldLines = lines;
        keys = new long[oldKeys.length * 2];
        lines = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int slot = (int) (oldKeys[i] & mask);
                while (keys[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                lines[slot] = oldLines[i];
            }
        }
    }

    /** FNV-1a over the UTF-8 bytes, then mixed; never 0 (0 marks an empty slot). */
    static long hash(String id) {
        long h = 0xcbf29ce484222325L;
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }
}

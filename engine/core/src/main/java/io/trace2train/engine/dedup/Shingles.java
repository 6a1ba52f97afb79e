package io.trace2train.engine.dedup;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A text's word n-grams (shingles) as sorted, distinct 64-bit hashes, and the sparse feature indices a MinHash
 * takes. A text shorter than {@code n} words is one shingle of all its words, so short texts still compare; a text
 * without words has no shingles.
 */
public final class Shingles {

    /** Feature indices: 2^26 keeps hash collisions between two texts' shingles rare, under MinHash's prime. */
    public static final int DIMENSION = 1 << 26;

    private Shingles() {
    }

    /** The sorted distinct hashes of the {@code n}-word shingles of {@code words}, each hash seeded by {@code tag}. */
    public static long[] of(List<String> words, int n, long tag) {
        if (n < 1) {
            throw new IllegalArgumentException("a shingle has at least 1 word, got " + n);
        }
        if (words.isEmpty()) {
            return new long[0];
        }
        int count = Math.max(1, words.size() - n + 1);
        long[] hashes = new long[count];
        for (int i = 0; i < count; i++) {
            hashes[i] = hash(words, i, Math.min(words.size(), i + n), tag);
        }
        Arrays.sort(hashes);
        return distinct(hashes);
    }

    /** The hash of words {@code from} to {@code to}: the same n-gram hashes alike wherever it stands. */
    public static long hash(List<String> words, int from, int to, long tag) {
        long h = 0xcbf29ce484222325L ^ tag;
        for (int i = from; i < to; i++) {
            for (byte b : words.get(i).getBytes(StandardCharsets.UTF_8)) {
                h = (h ^ (b & 0xff)) * 0x100000001b3L;
            }
            h = (h ^ ' ') * 0x100000001b3L;
        }
        return mix(h);
    }

    /** Sorted distinct feature indices in {@code [0, DIMENSION)} of sorted shingle hashes. */
    public static int[] features(long[] shingles) {
        int[] indices = new int[shingles.length];
        for (int i = 0; i < shingles.length; i++) {
            indices[i] = (int) Math.floorMod(shingles[i], (long) DIMENSION);
        }
        Arrays.sort(indices);
        int size = 0;
        for (int i = 0; i < indices.length; i++) {
            if (size == 0 || indices[size - 1] != indices[i]) {
                indices[size++] = indices[i];
            }
        }
        return Arrays.copyOf(indices, size);
    }

    /** |A ∩ B| / |A ∪ B| of two sorted distinct sets; 0 when both are empty (nothing to compare). */
    public static double jaccard(int[] a, int[] b) {
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                common++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        int union = a.length + b.length - common;
        return union == 0 ? 0 : (double) common / union;
    }

    private static long[] distinct(long[] sorted) {
        int size = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (size == 0 || sorted[size - 1] != sorted[i]) {
                sorted[size++] = sorted[i];
            }
        }
        return size == sorted.length ? sorted : Arrays.copyOf(sorted, size);
    }

    /** SplitMix64's finaliser: FNV's low bits alone would cluster after the modulo. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}

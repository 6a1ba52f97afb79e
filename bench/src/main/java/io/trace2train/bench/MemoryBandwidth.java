package io.trace2train.bench;

import java.util.stream.IntStream;

/**
 * The machine's memory read bandwidth as Java sees it: sums a 512 MB array on every core, best of five passes. The
 * array is far larger than any cache, so the figure is main memory's.
 */
final class MemoryBandwidth {

    private static final int LONGS = 64 << 20; // 512 MB

    private MemoryBandwidth() {
    }

    static double readGBs() {
        long[] data = new long[LONGS];
        java.util.Arrays.parallelSetAll(data, i -> i);
        int threads = Runtime.getRuntime().availableProcessors();
        int chunk = LONGS / threads;
        double best = 0;
        long sink = 0;
        for (int pass = 0; pass < 5; pass++) {
            long start = System.nanoTime();
            sink += IntStream.range(0, threads).parallel().mapToLong(t -> {
                long sum = 0;
                for (int i = t * chunk, end = i + chunk; i < end; i++) {
                    sum += data[i];
                }
                return sum;
            }).sum();
            double seconds = (System.nanoTime() - start) / 1e9;
            best = Math.max(best, (double) LONGS * Long.BYTES / seconds / 1e9);
        }
        if (sink == 42) {
            System.out.print(""); // keeps the sums alive
        }
        return best;
    }
}

package io.trace2train.engine.dedup;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rows joined into clusters by their near-duplicate pairs (connected components: a pair links two rows, so a chain
 * a~b~c is one cluster even where a and c are not similar), each cluster keeping its first row in input order and
 * removing the others. The result depends only on the set of pairs, never on the order they arrive in.
 */
public final class DuplicateClusters {

    private DuplicateClusters() {
    }

    /**
     * Two rows found similar; rows are numbered in input order.
     *
     * @param first the earlier row
     * @param second the later row
     * @param similarity their Jaccard similarity
     */
    public record Pair(long first, long second, double similarity) implements Serializable {

        private static final long serialVersionUID = 1L;

        public Pair {
            if (first >= second) {
                throw new IllegalArgumentException("a pair is (earlier, later) row, got " + first + ", " + second);
            }
        }
    }

    /**
     * A removed row.
     *
     * @param row the removed row
     * @param kept the row its cluster keeps (the cluster's first)
     * @param nearest the row it is most similar to (lowest on a tie), through which it joined
     * @param similarity its similarity to {@code nearest}
     */
    public record Removed(long row, long kept, long nearest, double similarity) implements Serializable {

        private static final long serialVersionUID = 1L;
    }

    /** Every row a pair names but its cluster's first, in row order. */
    public static List<Removed> removed(List<Pair> pairs) {
        Map<Long, Long> parent = new HashMap<>();
        Map<Long, Pair> nearest = new TreeMap<>();
        Comparator<Pair> better = Comparator.comparingDouble(Pair::similarity).reversed()
                .thenComparingLong(Pair::first).thenComparingLong(Pair::second);
        for (Pair pair : pairs) {
            long a = root(parent, pair.first());
            long b = root(parent, pair.second());
            if (a != b) {
                // the smaller row is the root: a cluster's root is its first row
                parent.put(Math.max(a, b), Math.min(a, b));
            }
            nearest.merge(pair.first(), pair, (x, y) -> better.compare(x, y) <= 0 ? x : y);
            nearest.merge(pair.second(), pair, (x, y) -> better.compare(x, y) <= 0 ? x : y);
        }
        List<Removed> removed = new ArrayList<>();
        nearest.forEach((row, pair) -> {
            long kept = root(parent, row);
            if (kept != row) {
                removed.add(new Removed(row, kept, pair.first() == row ? pair.second() : pair.first(),
                        pair.similarity()));
            }
        });
        return removed;
    }

    private static long root(Map<Long, Long> parent, long row) {
        long root = row;
        for (Long up = parent.get(root); up != null; up = parent.get(root)) {
            root = up;
        }
        // path compression keeps chains of millions of pairs short
        for (long at = row; at != root; ) {
            long up = parent.get(at);
            parent.put(at, root);
            at = up;
        }
        return root;
    }
}

package io.trace2train.engine.dedup;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The word n-grams of benchmark prompts, for finding the training prompts that share one (the common
 * decontamination test: 13 words in a row, after {@link Words} normalisation, so casing, white space and punctuation
 * do not hide an overlap, and an edit elsewhere in the prompt does not either). A benchmark prompt shorter than
 * {@code n} words is one n-gram of all its words. Small (a benchmark's prompts); built once and sent to every worker.
 */
public final class BenchmarkIndex implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int n;
    private final List<BenchmarkPrompt> prompts;
    /** n-gram hash to the prompts holding it, in prompt order. */
    private final HashMap<Long, int[]> grams = new HashMap<>();
    /** The n-gram lengths to look for: n, and the lengths of shorter prompts. */
    private final int[] lengths;

    /**
     * A prompt's overlap with a training text.
     *
     * @param prompt the benchmark prompt with the most n-grams in common (the first on a tie)
     * @param ngram the first common n-gram in the training text, as normalised words
     * @param grams how many distinct n-grams the two share
     */
    public record Overlap(BenchmarkPrompt prompt, String ngram, int grams) implements Serializable {

        private static final long serialVersionUID = 1L;

        public Overlap {
            requireNonNull(prompt, "prompt");
            requireNonNull(ngram, "ngram");
        }
    }

    /** Indexes {@code prompts} by their {@code n}-word n-grams. */
    public BenchmarkIndex(List<BenchmarkPrompt> prompts, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("an n-gram has at least 1 word, got " + n);
        }
        this.n = n;
        this.prompts = List.copyOf(prompts);
        TreeSet<Integer> lengths = new TreeSet<>();
        lengths.add(n);
        for (int p = 0; p < this.prompts.size(); p++) {
            List<String> words = Words.of(this.prompts.get(p).text());
            if (words.isEmpty()) {
                continue;
            }
            int length = Math.min(n, words.size());
            lengths.add(length);
            for (int i = 0; i + length <= words.size(); i++) {
                int prompt = p;
                grams.merge(Shingles.hash(words, i, i + length, 0), new int[] {p}, (old, add) -> old[old.length - 1]
                        == prompt ? old : append(old, prompt));
            }
        }
        this.lengths = lengths.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The n-gram length. */
    public int n() {
        return n;
    }

    /** How many prompts each benchmark has, in the order they were given. */
    public Map<String, Integer> prompts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        prompts.forEach(p -> counts.merge(p.benchmark(), 1, Integer::sum));
        return counts;
    }

    /**
     * The benchmark prompt {@code text} overlaps most, when they share at least {@code minOverlap} distinct n-grams.
     */
    public Optional<Overlap> match(String text, int minOverlap) {
        if (minOverlap < 1) {
            throw new IllegalArgumentException("the least overlap is 1 n-gram, got " + minOverlap);
        }
        List<String> words = Words.of(text);
        Map<Integer, Integer> shared = new HashMap<>();
        Map<Integer, String> first = new HashMap<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int length : lengths) {
            for (int i = 0; i + length <= words.size(); i++) {
                long hash = Shingles.hash(words, i, i + length, 0);
                int[] holders = grams.get(hash);
                if (holders == null || !seen.add(hash)) {
                    continue;
                }
                for (int p : holders) {
                    shared.merge(p, 1, Integer::sum);
                    int at = i;
                    first.computeIfAbsent(p, k -> Words.join(words, at, at + length));
                }
            }
        }
        int best = -1;
        for (Map.Entry<Integer, Integer> e : shared.entrySet()) {
            int count = e.getValue();
            if (count >= minOverlap && (best < 0 || count > shared.get(best) || count == shared.get(best)
                    && e.getKey() < best)) {
                best = e.getKey();
            }
        }
        return best < 0 ? Optional.empty() : Optional.of(new Overlap(prompts.get(best), first.get(best),
                shared.get(best)));
    }

    private static int[] append(int[] array, int value) {
        int[] longer = java.util.Arrays.copyOf(array, array.length + 1);
        longer[array.length] = value;
        return longer;
    }

    @Override
    public String toString() {
        return "BenchmarkIndex[n=" + n + ", prompts=" + prompts() + ", grams=" + grams.size() + "]";
    }

    /** The prompts indexed, in order. */
    public List<BenchmarkPrompt> all() {
        return prompts;
    }
}

package io.trace2train.engine;

import io.trace2train.engine.dedup.DuplicateClusters;
import io.trace2train.engine.dedup.RowText;
import io.trace2train.engine.dedup.Shingles;
import io.trace2train.engine.dedup.Words;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Near-duplicate removal of training rows (what the {@code dedup} Spark job asks of the engine): a row's prompt and
 * completion texts, their word shingles as MinHash features, the exact Jaccard similarity, and the clusters of
 * similar rows that keep their first row. Needs no plugin.
 */
public final class Dedup {

    private Dedup() {
    }

    /** What two rows are compared by. */
    public enum On {
        PROMPT, COMPLETION, BOTH;

        /** {@code prompt}, {@code completion} or {@code both}. */
        public static On of(String name) {
            for (On on : values()) {
                if (on.label().equals(name)) {
                    return on;
                }
            }
            throw new IllegalArgumentException("--on takes prompt, completion or both, got '" + name + "'");
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A training row's texts, as {@code export} writes it in any format.
     *
     * @throws io.trace2train.engine.io.BadInputException naming file, line and field when the line is no training row
     */
    public static RowText row(Path file, int line, String text) {
        return RowText.read(file, line, text);
    }

    /**
     * The sorted feature indices of a row's {@code shingle}-word shingles (lower-cased, white space and punctuation
     * normalised, {@link Words}): the prompt's, the completion's, or both sets together (each text's shingles kept
     * apart, so a prompt's words never match a completion's). Empty when the compared text has no words.
     */
    public static int[] features(RowText row, On on, int shingle) {
        long[] prompt = on == On.COMPLETION ? new long[0] : Shingles.of(Words.of(row.prompt()), shingle, 1);
        long[] completion = on == On.PROMPT ? new long[0] : Shingles.of(Words.of(row.completion()), shingle, 2);
        long[] all = new long[prompt.length + completion.length];
        System.arraycopy(prompt, 0, all, 0, prompt.length);
        System.arraycopy(completion, 0, all, prompt.length, completion.length);
        return Shingles.features(all);
    }

    /** The size of the feature space {@link #features} indexes into. */
    public static int dimension() {
        return Shingles.DIMENSION;
    }

    /** The exact Jaccard similarity of two feature sets. */
    public static double jaccard(int[] a, int[] b) {
        return Shingles.jaccard(a, b);
    }

    /** The rows the similar pairs remove: every row of a cluster but its first, with the row it duplicates. */
    public static List<DuplicateClusters.Removed> removed(List<DuplicateClusters.Pair> pairs) {
        return DuplicateClusters.removed(pairs);
    }
}

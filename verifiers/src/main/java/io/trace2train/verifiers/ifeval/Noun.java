package io.trace2train.verifiers.ifeval;

import static java.util.Objects.requireNonNull;

/**
 * What a count-based check counts, for verdict texts.
 *
 * @param singular e.g. {@code "bullet point"}
 * @param plural e.g. {@code "bullet points"}
 * @param detail said after the noun in hints, telling what counts, e.g. {@code " ('* ' or '- ' lines)"}; may be empty
 */
public record Noun(String singular, String plural, String detail) {

    public Noun {
        requireNonNull(singular, "singular");
        requireNonNull(plural, "plural");
        requireNonNull(detail, "detail");
    }

    public Noun(String singular, String plural) {
        this(singular, plural, "");
    }

    /** The noun in the number agreeing with {@code n}. */
    public String word(long n) {
        return n == 1 ? singular : plural;
    }

    /** {@code "1 bullet point"}, {@code "4 bullet points"}. */
    public String count(long n) {
        return n + " " + word(n);
    }
}

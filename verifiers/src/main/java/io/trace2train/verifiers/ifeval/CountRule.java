package io.trace2train.verifiers.ifeval;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.verify.Relation;
import java.util.List;

/**
 * How a measured count must compare with the required one, and the phrasing of every count verdict: what is
 * required ({@code "exactly 3"}), the hint ({@code "Use exactly 3 bullet points; the response has 4: remove 1."}) and
 * which occurrences to blame when there are too many.
 *
 * @param comparison the comparison
 * @param required the count compared with, 0 or more
 */
public record CountRule(Comparison comparison, long required) {

    /** The comparisons the IFEval checks use. */
    public enum Comparison {
        EXACTLY, AT_LEAST, LESS_THAN
    }

    public CountRule {
        requireNonNull(comparison, "comparison");
        if (required < 0) {
            throw new IllegalArgumentException("negative count " + required);
        }
    }

    public static CountRule exactly(long required) {
        return new CountRule(Comparison.EXACTLY, required);
    }

    public static CountRule atLeast(long required) {
        return new CountRule(Comparison.AT_LEAST, required);
    }

    public static CountRule lessThan(long required) {
        return new CountRule(Comparison.LESS_THAN, required);
    }

    /** The rule of an IFEval {@code relation} argument. */
    public static CountRule of(Relation relation, long required) {
        return relation == Relation.LESS_THAN ? lessThan(required) : atLeast(required);
    }

    public boolean holds(long count) {
        return switch (comparison) {
            case EXACTLY -> count == required;
            case AT_LEAST -> count >= required;
            case LESS_THAN -> count < required;
        };
    }

    /** The largest count that holds (-1 for "fewer than 0", which nothing meets). */
    public long allowed() {
        return switch (comparison) {
            case EXACTLY -> required;
            case AT_LEAST -> Long.MAX_VALUE;
            case LESS_THAN -> required - 1;
        };
    }

    public boolean tooMany(long count) {
        return count > allowed();
    }

    /** {@code "exactly 3"}, {@code "at least 3"}, {@code "fewer than 3"}, or {@code "none"} where nothing may occur. */
    public String describe() {
        if (forbidsAll()) {
            return "none";
        }
        return switch (comparison) {
            case EXACTLY -> "exactly " + required;
            case AT_LEAST -> Relation.AT_LEAST.describe(required);
            case LESS_THAN -> Relation.LESS_THAN.describe(required);
        };
    }

    /**
     * The repair hint of a failed count, e.g. {@code "Use exactly 3 bullet points ('* ' or '- ' lines); the response
     * has 4: remove 1."} or {@code "Use no commas (','); the response has 2: remove 2."}.
     */
    public String hint(Noun noun, long count) {
        String target = forbidsAll() ? "no " + noun.plural() : describe() + " " + noun.word(required);
        String fix = tooMany(count) ? "remove " + (count - Math.max(allowed(), 0)) : "add " + (required - count);
        return "Use " + target + noun.detail() + "; the response has " + count + ": " + fix + ".";
    }

    /**
     * The occurrences to blame when there are too many: under "fewer than" every one (any of them may go), under
     * "exactly" the ones after the allowed count.
     */
    public <T> List<T> blame(List<T> occurrences) {
        if (comparison == Comparison.EXACTLY && occurrences.size() > required) {
            return occurrences.subList((int) required, occurrences.size());
        }
        return comparison == Comparison.LESS_THAN ? occurrences : List.of();
    }

    private boolean forbidsAll() {
        return allowed() == 0;
    }
}

package io.trace2train.verifiers.ifeval;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.verify.Evidence;
import io.trace2train.api.verify.Verdict;
import java.util.List;

/**
 * Base of the checks that count something and compare the count with a {@link CountRule}. The pass path only
 * counts; the hint and the evidence are built on failure.
 */
public abstract class CountVerifier extends IfevalVerifier {

    private final CountRule rule;
    private final Noun noun;
    private final String required;

    protected CountVerifier(String id, CountRule rule, Noun noun) {
        super(id);
        this.rule = requireNonNull(rule, "rule");
        this.noun = requireNonNull(noun, "noun");
        this.required = rule.describe();
    }

    @Override
    protected final Verdict judge(String response) {
        int count = count(response);
        if (rule.holds(count)) {
            return pass(noun.count(count), required);
        }
        List<Evidence> evidence = rule.tooMany(count) ? excess(response) : List.of();
        return fail(noun.count(count), required, rule.hint(noun, count), evidence);
    }

    /** The count the rule is about. */
    protected abstract int count(String response);

    /**
     * The ranges to blame when the response has too many (called only then, on failure). Too few is an absence,
     * with nothing to point at.
     */
    protected List<Evidence> excess(String response) {
        return List.of();
    }

    protected final CountRule rule() {
        return rule;
    }
}

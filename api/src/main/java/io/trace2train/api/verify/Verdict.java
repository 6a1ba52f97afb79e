package io.trace2train.api.verify;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The result of checking one response against one constraint.
 *
 * @param verifierId the instruction id that was checked
 * @param verifierVersion the version of the rule that produced this verdict
 * @param passed whether the constraint holds
 * @param measured what was measured, where that applies (e.g. {@code "4 bullet points"}); null otherwise
 * @param required what the constraint requires, where that applies (e.g. {@code "exactly 3"}); null otherwise
 * @param hint a short instruction a repair prompt can use; empty when passed
 * @param evidence ranges of the response that cause the failure; empty when passed or when no range is to blame
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Verdict(
        String verifierId,
        String verifierVersion,
        boolean passed,
        String measured,
        String required,
        String hint,
        List<Evidence> evidence) {

    public Verdict {
        requireNonNull(verifierId, "verifierId");
        requireNonNull(verifierVersion, "verifierVersion");
        requireNonNull(hint, "hint");
        evidence = List.copyOf(requireNonNull(evidence, "evidence"));
    }
}

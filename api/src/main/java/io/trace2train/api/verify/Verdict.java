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
 * @param status passed, failed, or not checkable (then {@code passed} is false)
 * @param steps the steps of an episode that cause the failure (message index, tool call id); empty for a text
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Verdict(
        String verifierId,
        String verifierVersion,
        boolean passed,
        String measured,
        String required,
        String hint,
        List<Evidence> evidence,
        CheckStatus status,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<StepEvidence> steps) {

    public Verdict {
        steps = List.copyOf(requireNonNull(steps, "steps"));
        requireNonNull(verifierId, "verifierId");
        requireNonNull(verifierVersion, "verifierVersion");
        requireNonNull(hint, "hint");
        evidence = List.copyOf(requireNonNull(evidence, "evidence"));
        if (requireNonNull(status, "status") != CheckStatus.of(passed) && status != CheckStatus.NOT_CHECKABLE
                || status == CheckStatus.NOT_CHECKABLE && passed) {
            throw new IllegalArgumentException("status " + status + " with passed=" + passed);
        }
    }

    /** A verdict on a text: no episode steps to blame. */
    public Verdict(String verifierId, String verifierVersion, boolean passed, String measured, String required,
            String hint, List<Evidence> evidence, CheckStatus status) {
        this(verifierId, verifierVersion, passed, measured, required, hint, evidence, status, List.of());
    }

    /** A decided verdict: passed or failed. */
    public Verdict(String verifierId, String verifierVersion, boolean passed, String measured, String required,
            String hint, List<Evidence> evidence) {
        this(verifierId, verifierVersion, passed, measured, required, hint, evidence, CheckStatus.of(passed));
    }

    /**
     * A passing verdict of {@code verifier}, stamped with its id and version.
     *
     * @param measured what was measured, or null
     * @param required what the constraint requires, or null
     */
    public static Verdict pass(Verifier verifier, String measured, String required) {
        return new Verdict(verifier.id(), verifier.version(), true, measured, required, "", List.of());
    }

    /**
     * A failing verdict of {@code verifier}, stamped with its id and version.
     *
     * @param hint what to change, in words a repair prompt can use, e.g. {@code "Use at most 3 bullet points"}
     * @param evidence the ranges of the response to blame; empty when no range is
     */
    public static Verdict fail(Verifier verifier, String measured, String required, String hint,
            List<Evidence> evidence) {
        return new Verdict(verifier.id(), verifier.version(), false, measured, required, hint, evidence);
    }

    /** A failing verdict with no range to blame. */
    public static Verdict fail(Verifier verifier, String measured, String required, String hint) {
        return fail(verifier, measured, required, hint, List.of());
    }

    /** Passes or fails on {@code passed}; the hint and evidence are kept only on failure. */
    public static Verdict of(Verifier verifier, boolean passed, String measured, String required, String hint,
            List<Evidence> evidence) {
        return passed ? pass(verifier, measured, required) : fail(verifier, measured, required, hint, evidence);
    }

    /**
     * A failing verdict on an episode, blaming steps of it.
     *
     * @param steps the messages and tool calls to blame
     */
    public static Verdict failAt(Verifier verifier, String measured, String required, String hint,
            List<StepEvidence> steps) {
        return new Verdict(verifier.id(), verifier.version(), false, measured, required, hint, List.of(),
                CheckStatus.FAILED, steps);
    }

    /** {@link #notCheckable(String, String, String)} for {@code verifier}. */
    public static Verdict notCheckable(Verifier verifier, String reason) {
        return notCheckable(verifier.id(), verifier.version(), reason);
    }

    /** A check that could not decide within its work budget; {@code reason} says what ran out. */
    public static Verdict notCheckable(String verifierId, String verifierVersion, String reason) {
        return new Verdict(verifierId, verifierVersion, false, "not checkable: " + reason, null,
                "", List.of(), CheckStatus.NOT_CHECKABLE);
    }

    public boolean notCheckable() {
        return status == CheckStatus.NOT_CHECKABLE;
    }
}

package io.trace2train.verifiers.ifbench;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.verify.Evidence;
import java.util.List;

/**
 * What one IFBench check found on one response: whether it holds, what was measured against what is required, and on
 * failure a repair hint and the ranges to blame.
 *
 * @param passed whether the instruction holds
 * @param measured what was measured (e.g. {@code "7 numbers"})
 * @param required what the instruction requires (e.g. {@code "exactly 6"})
 * @param hint what to change; empty when passed
 * @param evidence the ranges of the response that cause the failure; empty when passed
 */
public record Finding(boolean passed, String measured, String required, String hint, List<Evidence> evidence) {

    public Finding {
        requireNonNull(measured, "measured");
        requireNonNull(required, "required");
        requireNonNull(hint, "hint");
        evidence = List.copyOf(evidence);
        if (passed && (!hint.isEmpty() || !evidence.isEmpty())) {
            throw new IllegalArgumentException("a passing finding carries no hint or evidence");
        }
    }

    public static Finding pass(String measured, String required) {
        return new Finding(true, measured, required, "", List.of());
    }

    public static Finding fail(String measured, String required, String hint) {
        return new Finding(false, measured, required, hint, List.of());
    }

    public static Finding fail(String measured, String required, String hint, List<Evidence> evidence) {
        return new Finding(false, measured, required, hint, evidence);
    }

    /** Passes or fails on {@code passed}; the hint is used only on failure. */
    public static Finding of(boolean passed, String measured, String required, String hint) {
        return passed ? pass(measured, required) : fail(measured, required, hint);
    }
}

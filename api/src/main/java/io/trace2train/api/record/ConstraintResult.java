package io.trace2train.api.record;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.trace2train.api.task.ConstraintLevel;
import io.trace2train.api.verify.CheckStatus;
import io.trace2train.api.verify.Evidence;
import io.trace2train.api.verify.StepEvidence;
import java.util.List;

/**
 * One constraint's verdict on one attempt's output.
 *
 * @param index the constraint's position in the task
 * @param verifier the instruction id
 * @param verifierVersion the version of the rule that judged
 * @param level hard or soft
 * @param passed whether it holds
 * @param measured what was measured, where that applies
 * @param required what is required, where that applies
 * @param hint the repair hint (empty when passed)
 * @param evidence ranges of the output to blame
 * @param status how the check ended; in JSON only when not checkable (older records lack it)
 * @param steps the episode steps to blame (message index, tool call id); in JSON only when there are some
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConstraintResult(
        int index,
        String verifier,
        @JsonProperty("verifier_version") String verifierVersion,
        ConstraintLevel level,
        boolean passed,
        String measured,
        String required,
        String hint,
        List<Evidence> evidence,
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = CheckStatus.WrittenOnlyWhenNotCheckable.class)
        CheckStatus status,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<StepEvidence> steps) {

    public ConstraintResult {
        steps = steps == null ? List.of() : List.copyOf(steps);
        status = status == null ? CheckStatus.of(passed) : status;
        if (status == CheckStatus.NOT_CHECKABLE && passed) {
            throw new IllegalArgumentException("a not checkable constraint cannot pass");
        }
        requireNonNull(verifier, "verifier");
        requireNonNull(verifierVersion, "verifierVersion");
        requireNonNull(level, "level");
        requireNonNull(hint, "hint");
        evidence = List.copyOf(evidence);
    }

    /** A result on a text: no episode steps. */
    public ConstraintResult(int index, String verifier, String verifierVersion, ConstraintLevel level, boolean passed,
            String measured, String required, String hint, List<Evidence> evidence, CheckStatus status) {
        this(index, verifier, verifierVersion, level, passed, measured, required, hint, evidence, status, List.of());
    }

    /** A decided result: passed or failed. */
    public ConstraintResult(int index, String verifier, String verifierVersion, ConstraintLevel level, boolean passed,
            String measured, String required, String hint, List<Evidence> evidence) {
        this(index, verifier, verifierVersion, level, passed, measured, required, hint, evidence,
                CheckStatus.of(passed));
    }

    public boolean notCheckable() {
        return status == CheckStatus.NOT_CHECKABLE;
    }

    /** The share of these verdicts that pass, each counting once (1 for none: nothing was asked). */
    public static double shareMet(List<ConstraintResult> results) {
        return results.isEmpty() ? 1.0 : (double) results.stream().filter(ConstraintResult::passed).count()
                / results.size();
    }
}

package io.trace2train.verifiers.ifeval;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.verify.Evidence;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.Verifier;
import io.trace2train.verifiers.text.CheckBudget;
import java.util.List;

/** Base of the IFEval checks: the id and version, and shorthands for the api's verdict builders. */
public abstract class IfevalVerifier implements Verifier {

    private final String id;

    protected IfevalVerifier(String id) {
        this.id = requireNonNull(id, "id");
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String version() {
        return IfevalVerifierFactory.VERSION;
    }

    /**
     * Judges the response within the check's work budget ({@link CheckBudget}): a raw regex argument that backtracks
     * past it, or overflows the matcher's stack, makes the constraint not checkable instead of hanging or crashing
     * the run.
     */
    @Override
    public final Verdict check(String response) {
        try {
            return CheckBudget.within(CheckBudget.defaultReads(response.length()), CheckBudget.DEADLINE,
                    () -> judge(response));
        } catch (CheckBudget.Exhausted e) {
            return Verdict.notCheckable(this, e.getMessage());
        } catch (StackOverflowError e) {
            return Verdict.notCheckable(this, "the pattern overflowed the matcher's stack");
        }
    }

    /** The verdict on {@code response}, as {@link #check} (which adds the work budget). */
    protected abstract Verdict judge(String response);

    /** A verdict that passes or fails on {@code passed}, with the hint and evidence used only on failure. */
    protected final Verdict verdict(boolean passed, String measured, String required, String hint,
            List<Evidence> evidence) {
        return Verdict.of(this, passed, measured, required, hint, evidence);
    }

    protected final Verdict pass(String measured, String required) {
        return Verdict.pass(this, measured, required);
    }

    protected final Verdict fail(String measured, String required, String hint, List<Evidence> evidence) {
        return Verdict.fail(this, measured, required, hint, evidence);
    }

    @Override
    public String toString() {
        return id;
    }
}

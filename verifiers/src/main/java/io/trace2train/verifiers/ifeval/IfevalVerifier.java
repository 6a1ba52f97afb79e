package io.trace2train.verifiers.ifeval;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.verify.Evidence;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.Verifier;
import java.util.List;

/** Base of the IFEval checks: the id and version, and verdict builders that stamp them. */
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

    /** A verdict that passes or fails on {@code passed}, with the hint and evidence used only on failure. */
    protected final Verdict verdict(boolean passed, String measured, String required, String hint,
            List<Evidence> evidence) {
        return passed ? pass(measured, required) : fail(measured, required, hint, evidence);
    }

    protected final Verdict pass(String measured, String required) {
        return new Verdict(id, version(), true, measured, required, "", List.of());
    }

    protected final Verdict fail(String measured, String required, String hint, List<Evidence> evidence) {
        return new Verdict(id, version(), false, measured, required, hint, evidence);
    }

    @Override
    public String toString() {
        return id;
    }
}

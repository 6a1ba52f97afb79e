package io.trace2train.engine.verify;

/**
 * Whether a response follows one instruction, in both of IFEval's readings. Loose holds whenever strict does.
 *
 * @param strict the response as given passes
 * @param loose the response or one of its loose candidates passes
 * @param notCheckable nothing passed and some check was not checkable within its work budget: "not followed" is
 *        then not a finding about the response
 */
public record Judgement(boolean strict, boolean loose, boolean notCheckable) {

    public Judgement {
        if (strict && !loose) {
            throw new IllegalArgumentException("a strict pass is a loose pass");
        }
        if (loose && notCheckable) {
            throw new IllegalArgumentException("a pass is checked");
        }
    }

    /** A decided judgement. */
    public Judgement(boolean strict, boolean loose) {
        this(strict, loose, false);
    }

    public boolean followed(Strictness strictness) {
        return strictness == Strictness.STRICT ? strict : loose;
    }
}

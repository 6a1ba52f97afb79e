package io.trace2train.engine.verify;

/**
 * Whether a response follows one instruction, in both of IFEval's readings. Loose holds whenever strict does.
 *
 * @param strict the response as given passes
 * @param loose the response or one of its loose candidates passes
 */
public record Judgement(boolean strict, boolean loose) {

    public Judgement {
        if (strict && !loose) {
            throw new IllegalArgumentException("a strict pass is a loose pass");
        }
    }

    public boolean followed(Strictness strictness) {
        return strictness == Strictness.STRICT ? strict : loose;
    }
}

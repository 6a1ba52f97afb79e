package io.trace2train.engine.verify;

import io.trace2train.api.text.PythonText;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.Verifier;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Judges one response against instructions the way IFEval does, strictly and loosely at once. Strict is the verdict
 * on the response itself (a blank response follows nothing); loose is whether any non-blank loose candidate passes.
 * Verifiers are pure functions of the text, so each distinct text is checked at most once per instruction: the strict
 * verdict is the loose reading's first candidate, and candidates equal to an earlier one (a response without
 * {@code *} equals its {@code *}-free copy) are not checked again. The answer is the reference's.
 */
public final class ResponseJudge {

    private final String response;
    private final boolean blank;
    /** The other distinct, non-blank loose candidates, in the reference's order. */
    private final List<String> others;

    public ResponseJudge(String response) {
        this.response = response;
        this.blank = PythonText.isBlank(response);
        Set<String> distinct = new LinkedHashSet<>(LooseCandidates.of(response));
        distinct.remove(response);
        distinct.removeIf(PythonText::isBlank);
        this.others = List.copyOf(distinct);
    }

    public Judgement judge(Verifier verifier) {
        boolean notCheckable = false;
        if (!blank) {
            Verdict strict = verifier.check(response);
            if (strict.passed()) {
                return new Judgement(true, true);
            }
            notCheckable = strict.notCheckable();
        }
        for (String candidate : others) {
            Verdict loose = verifier.check(candidate);
            if (loose.passed()) {
                return new Judgement(false, true);
            }
            notCheckable |= loose.notCheckable();
        }
        return new Judgement(false, false, notCheckable);
    }

    public String response() {
        return response;
    }
}

package io.trace2train.engine.ifeval;

import io.trace2train.api.verify.Verifier;
import io.trace2train.engine.verify.Strictness;
import java.util.ArrayList;
import java.util.List;

/** Judges responses against IFEval prompts as the reference does, strictly or loosely. */
public final class IfevalEvaluator {

    private IfevalEvaluator() {
    }

    /** A missing response is judged as an empty one: it follows nothing. */
    public static PromptResult evaluate(IfevalPrompt prompt, String response, Strictness strictness) {
        String text = response == null ? "" : response;
        List<String> candidates = strictness.candidates(text);
        List<Boolean> followed = new ArrayList<>(prompt.verifiers().size());
        for (Verifier verifier : prompt.verifiers()) {
            followed.add(Strictness.follows(verifier, candidates));
        }
        return new PromptResult(prompt, text, followed);
    }

    public static List<PromptResult> evaluate(List<IfevalPrompt> prompts, java.util.Map<String, String> responses,
            Strictness strictness) {
        List<PromptResult> results = new ArrayList<>(prompts.size());
        for (IfevalPrompt prompt : prompts) {
            results.add(evaluate(prompt, responses.get(prompt.prompt()), strictness));
        }
        return results;
    }
}

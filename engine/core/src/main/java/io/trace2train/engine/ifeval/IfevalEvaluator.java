package io.trace2train.engine.ifeval;

import io.trace2train.api.verify.Verifier;
import io.trace2train.engine.verify.Judgement;
import io.trace2train.engine.verify.ResponseJudge;
import io.trace2train.engine.verify.Strictness;
import java.util.ArrayList;
import java.util.List;

/** Judges responses against IFEval and IFBench prompts as their references do, strictly and loosely. */
public final class IfevalEvaluator {

    /**
     * One prompt's results in both readings.
     *
     * @param strict the strict result
     * @param loose the loose result
     * @param errors the instructions that could not be checked (their verifier threw), counted as not followed
     */
    public record JudgedPrompt(PromptResult strict, PromptResult loose, List<String> errors) {

        public JudgedPrompt {
            errors = List.copyOf(errors);
        }

        public PromptResult result(Strictness strictness) {
            return strictness == Strictness.STRICT ? strict : loose;
        }
    }

    private IfevalEvaluator() {
    }

    /** A missing response is judged as an empty one: it follows nothing (IFBench's {@code empty_output}). */
    public static JudgedPrompt judge(IfevalPrompt prompt, String response) {
        ResponseJudge judge = new ResponseJudge(response == null ? "" : response);
        List<Boolean> strict = new ArrayList<>(prompt.verifiers().size());
        List<Boolean> loose = new ArrayList<>(prompt.verifiers().size());
        List<Boolean> notCheckable = new ArrayList<>(prompt.verifiers().size());
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < prompt.verifiers().size(); i++) {
            Verifier verifier = prompt.verifiers().get(i);
            Judgement judgement;
            try {
                judgement = judge.judge(verifier);
            } catch (OutOfMemoryError e) {
                throw e;
            } catch (Throwable e) {
                // a plugin that throws (a stack overflow included) fails its instruction, not the evaluation
                errors.add("instruction " + i + " '" + prompt.instructionIds().get(i) + "' could not be checked: "
                        + e);
                judgement = new Judgement(false, false);
            }
            strict.add(judgement.strict());
            loose.add(judgement.loose());
            notCheckable.add(judgement.notCheckable());
        }
        // a strict failure of a check that the loose reading found not checkable is not a finding either
        return new JudgedPrompt(new PromptResult(prompt, judge.response(), strict, notCheckable),
                new PromptResult(prompt, judge.response(), loose, notCheckable), errors);
    }

    /**
     * Every prompt, in input order, with the response its harness finds; prompts are judged in parallel (verifiers
     * are thread-safe).
     */
    public static List<JudgedPrompt> judge(List<IfevalPrompt> prompts, Responses responses) {
        return prompts.parallelStream().map(prompt -> judge(prompt, responses.of(prompt))).toList();
    }
}

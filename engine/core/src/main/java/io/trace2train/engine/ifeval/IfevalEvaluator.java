package io.trace2train.engine.ifeval;

import io.trace2train.api.verify.Verifier;
import io.trace2train.engine.verify.Judgement;
import io.trace2train.engine.verify.ResponseJudge;
import io.trace2train.engine.verify.Strictness;
import java.time.Duration;
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
        return judge(prompts, responses, DEFAULT_TIMEOUT);
    }

    /** How long one prompt's checks may take before they are abandoned: built-in checks end far sooner. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    /**
     * Every prompt, in input order, judged on as many threads as there are cores. A prompt whose checks do not end
     * within {@code timeout} (a plugin stuck in a loop that ignores interruption) is abandoned: its thread is left to
     * spin, its slot judges the next prompt, and its instructions count as not followed with an error saying so.
     *
     * @throws ChecksStuckException when more than twice the thread count of abandoned checks still run: each burns a
     *     core, so the evaluation stops rather than crawl
     */
    public static List<JudgedPrompt> judge(List<IfevalPrompt> prompts, Responses responses, Duration timeout) {
        return new DeadlineJudging(Runtime.getRuntime().availableProcessors(), timeout).judge(prompts, responses);
    }

    /** Checks that ignored their deadline and still run, past the number an evaluation tolerates. */
    public static final class ChecksStuckException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        ChecksStuckException(String message) {
            super(message);
        }
    }

    /** The result of a prompt whose checks were abandoned at their deadline: nothing followed, an error each. */
    static JudgedPrompt abandoned(IfevalPrompt prompt, String response, Duration timeout) {
        int n = prompt.verifiers().size();
        List<Boolean> none = java.util.Collections.nCopies(n, false);
        List<String> errors = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            errors.add("instruction " + i + " '" + prompt.instructionIds().get(i) + "' could not be checked: the"
                    + " prompt's checks did not end within " + timeout.toSeconds() + " s (a check that ignores"
                    + " interruption); abandoned");
        }
        String text = response == null ? "" : response;
        return new JudgedPrompt(new PromptResult(prompt, text, none, none), new PromptResult(prompt, text, none, none),
                errors);
    }
}

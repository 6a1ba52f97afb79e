package io.trace2train.bench;

import io.trace2train.engine.Engine;
import io.trace2train.engine.Verification;
import io.trace2train.engine.ifeval.IfevalPrompt;
import io.trace2train.engine.ifeval.Responses;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times one full IFEval verification (every prompt, strict and loose) in a warm JVM: warms up for a third of the
 * time, then repeats the whole pass until the time is up and reports the distribution of pass times.
 */
public final class VerifyBenchmark {

    /** Milliseconds for one strict+loose pass over all prompts. */
    public record Figures(int prompts, int instructions, int passes, double minMs, double medianMs, double p90Ms,
            double meanMs, int strictPassed, int loosePassed) {

        public String describe() {
            return String.format(Locale.ROOT,
                    "verify %d prompts (%d instructions), strict + loose, warm JVM, %d timed passes:%n"
                            + "  min %.1f ms   median %.1f ms   p90 %.1f ms   mean %.1f ms per pass%n"
                            + "  (strict prompt-level %d/%d, loose %d/%d)",
                    prompts, instructions, passes, minMs, medianMs, p90Ms, meanMs, strictPassed, prompts,
                    loosePassed, prompts);
        }
    }

    private VerifyBenchmark() {
    }

    public static Figures run(Engine engine, Path promptsFile, Path responsesFile, int seconds) {
        Verification verify = engine.verify();
        List<IfevalPrompt> prompts = verify.prompts(promptsFile);
        Responses responses = verify.responses(responsesFile);
        long warmupEnd = System.nanoTime() + seconds * 1_000_000_000L / 3;
        while (System.nanoTime() < warmupEnd) {
            pass(verify, prompts, responses);
        }
        List<Long> times = new ArrayList<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L * 2 / 3;
        int[] passed = new int[2];
        do {
            long start = System.nanoTime();
            passed = pass(verify, prompts, responses);
            times.add(System.nanoTime() - start);
        } while (System.nanoTime() < end);
        double[] ms = times.stream().mapToDouble(t -> t / 1e6).sorted().toArray();
        int instructions = prompts.stream().mapToInt(p -> p.instructionIds().size()).sum();
        return new Figures(prompts.size(), instructions, ms.length, ms[0], ms[ms.length / 2],
                ms[(int) Math.min(ms.length - 1, Math.ceil(ms.length * 0.9) - 1)], Arrays.stream(ms).average().orElse(0),
                passed[0], passed[1]);
    }

    /** One strict and loose pass, on one thread; returns the prompt-level pass counts so the work cannot be optimised away. */
    static int[] pass(Verification verify, List<IfevalPrompt> prompts, Responses responses) {
        int[] passed = new int[2];
        for (IfevalPrompt prompt : prompts) {
            String response = responses.of(prompt);
            var judged = verify.judge(prompt, response);
            passed[0] += judged.strict().followsAll() ? 1 : 0;
            passed[1] += judged.loose().followsAll() ? 1 : 0;
        }
        return passed;
    }
}

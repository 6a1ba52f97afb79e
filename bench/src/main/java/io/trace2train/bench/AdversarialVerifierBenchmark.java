package io.trace2train.bench;

import io.trace2train.api.param.VerifierArguments;
import io.trace2train.api.verify.Verifier;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.verifiers.ifeval.IfevalPlugin;
import io.trace2train.verifiers.ifeval.adversarial.AdversarialAnswers;
import io.trace2train.verifiers.ifeval.adversarial.SampleChecks;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs every built-in check on adversarial answers of growing size ({@link AdversarialAnswers}) and prints the time
 * per MB at each size and the ratio of the largest size's time per MB to the smallest's: about 1 for a linear check,
 * growing with the size for a quadratic one. Each check runs once per size after one warm-up run at the smallest.
 */
public final class AdversarialVerifierBenchmark {

    private AdversarialVerifierBenchmark() {
    }

    /**
     * @param sizes answer lengths in characters, ascending
     * @param only run the checks whose id contains this (empty: all)
     * @return the largest ratio seen
     */
    public static double run(List<Integer> sizes, String only, PrintWriter out) {
        Map<String, VerifierFactory> factories = new IfevalPlugin().verifierFactories().stream()
                .collect(Collectors.toMap(VerifierFactory::id, Function.identity()));
        out.printf(Locale.ROOT, "%-46s %-24s %s   largest/smallest per MB%n", "check", "answer",
                sizes.stream().map(s -> String.format(Locale.ROOT, "%9s", mb(s) + " MB")).collect(
                        Collectors.joining(" ")));
        double worst = 0;
        for (SampleChecks.SampleCheck sample : SampleChecks.all()) {
            if (!sample.id().contains(only)) {
                continue;
            }
            VerifierFactory factory = factories.get(sample.id());
            Verifier verifier = factory.create(VerifierArguments.bind(factory.id(), factory.parameters(),
                    sample.kwargs()));
            for (AdversarialAnswers.Shape shape : AdversarialAnswers.all()) {
                verifier.check(shape.of(sizes.get(0))); // warm-up
                StringBuilder row = new StringBuilder();
                double first = 0;
                double last = 0;
                for (int size : sizes) {
                    String answer = shape.of(size);
                    long start = System.nanoTime();
                    verifier.check(answer);
                    double msPerMb = (System.nanoTime() - start) / 1e6 / (answer.length() / 1e6);
                    first = first == 0 ? Math.max(msPerMb, 1e-3) : first;
                    last = msPerMb;
                    row.append(String.format(Locale.ROOT, " %9.1f", msPerMb));
                }
                double ratio = last / first;
                worst = Math.max(worst, ratio);
                out.printf(Locale.ROOT, "%-46s %-24s%s   %.2f%n", label(sample), shape.name(), row, ratio);
                out.flush();
            }
        }
        out.printf(Locale.ROOT, "ms per MB of answer at each size; worst ratio largest/smallest per MB: %.2f%n", worst);
        out.flush();
        return worst;
    }

    private static String label(SampleChecks.SampleCheck sample) {
        // the id without its category, then the argument values: short, and the postscript markers stay apart
        String text = sample.id().substring(sample.id().indexOf(':') + 1) + (sample.kwargs().isEmpty() ? ""
                : " " + new java.util.TreeMap<>(sample.kwargs()).values());
        return text.length() > 46 ? text.substring(0, 45) + "…" : text;
    }

    private static String mb(int chars) {
        return chars >= 1_000_000 ? String.valueOf(chars / 1_000_000) : String.format(Locale.ROOT, "%.2f",
                chars / 1e6);
    }
}

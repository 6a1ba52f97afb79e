package io.trace2train.bench.ifeval;

import io.trace2train.api.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Writes a benchmark's results: {@code results.json}, {@code results.md} and {@code chart.svg}. */
public final class ResultsWriter {

    public static final String JSON = "results.json";
    public static final String MARKDOWN = "results.md";
    public static final String CHART = "chart.svg";

    private ResultsWriter() {
    }

    /** Writes the three files into {@code folder}, each whole or not at all. */
    public static void write(Path folder, BenchResults results) throws IOException {
        String json = BenchJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(results.json());
        AtomicFiles.write(folder.resolve(JSON), w -> w.write(json + "\n"));
        String markdown = markdown(results);
        AtomicFiles.write(folder.resolve(MARKDOWN), w -> w.write(markdown));
        PassRateChart.write(folder.resolve(CHART), "IFEval: " + results.modelName(), subtitle(results),
                results.modes().stream().map(ModeFigures::bar).toList());
    }

    /** One short line on what was run (the chart does not wrap it): prompts, seeds, backend, temperature, CI. */
    static String subtitle(BenchResults results) {
        IfevalBenchSettings s = results.settings();
        return String.format(Locale.ROOT, "%d prompts x %d seed%s, %s backend, temperature %s; 95%% CI: %s",
                results.samplePrompts(), s.seeds(), s.seeds() == 1 ? "" : "s", s.backend(),
                number(s.generation().temperature()), s.seeds() == 1 ? "Wilson" : "prompt bootstrap");
    }

    /** The main table as Markdown: one row per mode. */
    public static String table(BenchResults results) {
        boolean tests = !results.mcnemar().isEmpty();
        StringBuilder md = new StringBuilder();
        md.append("| mode | strict prompt (mean ± sd) | 95% CI | loose prompt | instruction strict / loose |")
                .append(tests ? " McNemar vs direct (b / c / p) |" : "")
                .append(" model calls | tokens (prompt / completion) | wall s |\n")
                .append("|---|---|---|---|---|").append(tests ? "---|" : "").append("---|---|---|\n");
        for (ModeFigures m : results.modes()) {
            Interval ci = m.strictInterval();
            md.append("| ").append(m.mode().name())
                    .append(" | ").append(meanSd(m.strictRates()))
                    .append(" | ").append(percent(ci.low())).append(" – ").append(percent(ci.high()))
                    .append(" | ").append(meanSd(m.looseRates()))
                    .append(" | ").append(percent(SeedStatistics.mean(m.instructionStrictRates()))).append(" / ")
                    .append(percent(SeedStatistics.mean(m.instructionLooseRates())));
            if (tests) {
                McNemarResult test = results.mcnemar().get(m.mode().name());
                md.append(" | ").append(test == null ? "(baseline)" : test.modeOnly() + " / " + test.directOnly()
                        + " / " + pValue(test.pValue()));
            }
            md.append(" | ").append(grouped(m.modelCalls()))
                    .append(" | ").append(grouped(m.promptTokens())).append(" / ").append(grouped(m.completionTokens()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f", m.timing().wallNanos() / 1e9))
                    .append(" |\n");
        }
        return md.toString();
    }

    static String markdown(BenchResults results) {
        IfevalBenchSettings s = results.settings();
        StringBuilder md = new StringBuilder();
        md.append("# IFEval benchmark: ").append(results.modelName()).append("\n\n");
        md.append(String.format(Locale.ROOT, "%d of %d prompts (sample seed %d) x %d seed%s (%s); backend %s;"
                        + " temperature %s, top-p %s, at most %d new tokens; prompt_retry %d retries, full_pcl %d"
                        + " rounds.%n%n", results.samplePrompts(), results.datasetPrompts(), s.sampleSeed(), s.seeds(),
                s.seeds() == 1 ? "" : "s", s.runSeeds().stream().map(String::valueOf).collect(Collectors.joining(", ")),
                s.backend(), number(s.generation().temperature()), number(s.generation().topP()),
                s.generation().maxNewTokens(), s.maxRetries(), s.maxRounds()));
        md.append(table(results)).append('\n');
        md.append("Strict prompt-level: the share of prompts whose final output follows every instruction; loose: the"
                + " same under IFEval's loose reading. Mean and sample standard deviation over seeds (no ± with one"
                + " seed). 95% CI: ").append(s.seeds() == 1 ? "Wilson score interval."
                : "percentile bootstrap over prompts (10,000 resamples; each drawn prompt keeps every seed's outcome).");
        if (!results.mcnemar().isEmpty()) {
            md.append(" McNemar: exact two-sided test on the same (seed, prompt) cells; b = the mode passes where"
                    + " direct fails, c = the reverse.");
        }
        md.append(" Model calls: attempts whose output came from the backend (patches call no model).");
        md.append("\n\n## Per seed\n\n| mode | seed | strict prompt | loose prompt | instruction strict | instruction"
                + " loose | model calls | wall s |\n|---|---|---|---|---|---|---|---|\n");
        for (ModeFigures m : results.modes()) {
            for (int i = 0; i < m.seeds().size(); i++) {
                SeedOutcome o = m.outcomes().get(i);
                md.append(String.format(Locale.ROOT, "| %s | %d | %s (%d/%d) | %s (%d/%d) | %s (%d/%d) | %s (%d/%d)"
                                + " | %s | %.1f |%n", m.mode().name(), m.seeds().get(i), percent(m.strictRates()[i]),
                        o.promptsPassedStrict(), m.prompts(), percent(m.looseRates()[i]), o.promptsPassedLoose(),
                        m.prompts(), percent(m.instructionStrictRates()[i]), o.instructionsStrict(), o.instructions(),
                        percent(m.instructionLooseRates()[i]), o.instructionsLoose(), o.instructions(),
                        grouped(o.modelCalls()), m.seedTiming(i).wallNanos() / 1e9));
            }
        }
        md.append("\n## Time\n\nModel time: time with at least one model call in flight. Overhead: wall time minus"
                + " model time (verification, repairs, records, scheduling).\n\n| mode | wall s | model s | overhead s |"
                + " overhead share |\n|---|---|---|---|---|\n");
        for (ModeFigures m : results.modes()) {
            md.append(timeRow(m.mode().name(), m.timing()));
        }
        md.append(timeRow("**all runs**", results.runTime()));
        BenchResults.Session session = results.session();
        md.append(String.format(Locale.ROOT, "%nThis session: %.1f s wall, of which %.1f s setup (dataset, backend"
                        + " and model load), %.1f s runs, %.1f s judging; %d units run, %d already done.%n",
                session.wallNanos() / 1e9, session.setupNanos() / 1e9, session.runs().wallNanos() / 1e9,
                session.judgeNanos() / 1e9, session.unitsRun(), session.unitsSkipped()));
        categoryTable(md, results);
        instructionTable(md, results);
        if (!results.crashed().isEmpty()) {
            md.append("\n## Crashed units\n\n");
            results.crashed().forEach(c -> md.append("- ").append(c).append('\n'));
        }
        return md.toString();
    }

    private static String timeRow(String name, RunTiming t) {
        return String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %s |%n", name, t.wallNanos() / 1e9,
                t.modelNanos() / 1e9, t.overheadNanos() / 1e9,
                t.wallNanos() == 0 ? "–" : percent((double) t.overheadNanos() / t.wallNanos()));
    }

    private static void categoryTable(StringBuilder md, BenchResults results) {
        TreeSet<String> categories = new TreeSet<>();
        results.modes().forEach(m -> categories.addAll(m.strictByCategory().keySet()));
        md.append("\n## Strict pass rate by instruction category\n\n");
        header(md, "category", results);
        for (String category : categories) {
            md.append("| ").append(category).append(" | ")
                    .append(results.modes().getFirst().categoryCount(category));
            for (ModeFigures m : results.modes()) {
                Double rate = m.strictByCategory().get(category);
                md.append(" | ").append(rate == null ? "–" : percent(rate));
            }
            md.append(" |\n");
        }
    }

    private static void instructionTable(StringBuilder md, BenchResults results) {
        md.append("\n## Strict pass rate by instruction id\n\n");
        header(md, "instruction id", results);
        Map<String, Integer> counts = results.modes().getFirst().instructionCounts();
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            md.append("| ").append(entry.getKey()).append(" | ").append(entry.getValue());
            for (ModeFigures m : results.modes()) {
                Double rate = m.strictByInstruction().get(entry.getKey());
                md.append(" | ").append(rate == null ? "–" : percent(rate));
            }
            md.append(" |\n");
        }
    }

    private static void header(StringBuilder md, String first, BenchResults results) {
        List<String> names = new ArrayList<>();
        results.modes().forEach(m -> names.add(m.mode().name()));
        md.append("| ").append(first).append(" | n per seed | ").append(String.join(" | ", names)).append(" |\n|---|---|")
                .append("---|".repeat(names.size())).append('\n');
    }

    private static String meanSd(double[] perSeed) {
        OptionalDouble sd = SeedStatistics.sampleStandardDeviation(perSeed);
        String mean = percent(SeedStatistics.mean(perSeed));
        return sd.isPresent() ? mean + " ± " + String.format(Locale.ROOT, "%.1fpp", sd.getAsDouble() * 100) : mean;
    }

    static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    static String pValue(double p) {
        return p >= 0.001 ? String.format(Locale.ROOT, "%.3f", p) : String.format(Locale.ROOT, "%.1e", p);
    }

    private static String grouped(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e6 ? String.format(Locale.ROOT, "%.1f", value)
                : Double.toString(value);
    }
}

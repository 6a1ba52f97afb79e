package io.trace2train.bench.ifeval;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * One mode's figures over its seeds: the four IFEval accuracies per seed with their mean and sample standard
 * deviation, the strict prompt-level 95% interval (Wilson for one seed; for several, a bootstrap over prompts that
 * keeps every seed's outcome on each drawn prompt), per-instruction rates, cost and time.
 */
final class ModeFigures {

    /** How the strict prompt-level interval was computed. */
    static final String WILSON = "wilson";
    static final String BOOTSTRAP = "prompt_bootstrap";

    private final BenchMode mode;
    private final List<Long> seeds;
    private final List<SeedOutcome> outcomes;
    private final List<RunTiming> timings;
    private final boolean[][] strict;
    private final boolean[][] loose;
    private final long bootstrapSeed;

    ModeFigures(BenchMode mode, List<Long> seeds, List<SeedOutcome> outcomes, List<RunTiming> timings,
            long bootstrapSeed) {
        this.mode = requireNonNull(mode, "mode");
        this.seeds = List.copyOf(seeds);
        this.outcomes = List.copyOf(outcomes);
        this.timings = List.copyOf(timings);
        if (this.outcomes.size() != this.seeds.size() || this.timings.size() != this.seeds.size()) {
            throw new IllegalArgumentException("one outcome and one timing per seed");
        }
        this.strict = this.outcomes.stream().map(SeedOutcome::strict).toArray(boolean[][]::new);
        this.loose = this.outcomes.stream().map(SeedOutcome::loose).toArray(boolean[][]::new);
        this.bootstrapSeed = bootstrapSeed;
    }

    BenchMode mode() {
        return mode;
    }

    /** {@code boolean[seed][prompt]}: strict prompt-level passes. */
    boolean[][] strictTable() {
        return strict;
    }

    int prompts() {
        return strict[0].length;
    }

    List<SeedOutcome> outcomes() {
        return outcomes;
    }

    List<Long> seeds() {
        return seeds;
    }

    double[] strictRates() {
        return SeedStatistics.passRates(strict);
    }

    double[] looseRates() {
        return SeedStatistics.passRates(loose);
    }

    double[] instructionStrictRates() {
        return perSeed(o -> o.instructions() == 0 ? 0 : (double) o.instructionsStrict() / o.instructions());
    }

    double[] instructionLooseRates() {
        return perSeed(o -> o.instructions() == 0 ? 0 : (double) o.instructionsLoose() / o.instructions());
    }

    private double[] perSeed(ToDoubleFunction<SeedOutcome> figure) {
        return outcomes.stream().mapToDouble(figure).toArray();
    }

    /** The strict prompt-level 95% interval. */
    Interval strictInterval() {
        return interval(strict);
    }

    String intervalMethod() {
        return seeds.size() == 1 ? WILSON : BOOTSTRAP;
    }

    private Interval interval(boolean[][] passes) {
        if (passes.length == 1) {
            int passed = 0;
            for (boolean pass : passes[0]) {
                passed += pass ? 1 : 0;
            }
            return WilsonInterval.of(passed, passes[0].length);
        }
        return PromptBootstrap.interval(passes, bootstrapSeed);
    }

    /** Strict rate per instruction id, over every seed. */
    Map<String, Double> strictByInstruction() {
        return rates(id -> id, 0);
    }

    /** Strict rate per instruction category (the id before ':'), over every seed. */
    Map<String, Double> strictByCategory() {
        return rates(id -> id.contains(":") ? id.substring(0, id.indexOf(':')) : id, 0);
    }

    /** Occurrences of a category's instructions in the sample (on one seed). */
    int categoryCount(String category) {
        return instructionCounts().entrySet().stream().filter(e -> e.getKey().equals(category)
                || e.getKey().startsWith(category + ":")).mapToInt(Map.Entry::getValue).sum();
    }

    /** One seed's time, over every session. */
    RunTiming seedTiming(int seed) {
        return timings.get(seed);
    }

    /** Occurrences of each instruction id in the sample (on one seed). */
    Map<String, Integer> instructionCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        outcomes.getFirst().byInstruction().forEach((id, c) -> counts.put(id, c[2]));
        return counts;
    }

    private Map<String, Double> rates(java.util.function.UnaryOperator<String> group, int reading) {
        Map<String, long[]> sums = new TreeMap<>();
        for (SeedOutcome outcome : outcomes) {
            outcome.byInstruction().forEach((id, counts) -> {
                long[] sum = sums.computeIfAbsent(group.apply(id), k -> new long[2]);
                sum[0] += counts[reading];
                sum[1] += counts[2];
            });
        }
        Map<String, Double> rates = new TreeMap<>();
        sums.forEach((key, sum) -> rates.put(key, sum[1] == 0 ? 0 : (double) sum[0] / sum[1]));
        return rates;
    }

    long modelCalls() {
        return outcomes.stream().mapToLong(SeedOutcome::modelCalls).sum();
    }

    long promptTokens() {
        return outcomes.stream().mapToLong(SeedOutcome::promptTokens).sum();
    }

    long completionTokens() {
        return outcomes.stream().mapToLong(SeedOutcome::completionTokens).sum();
    }

    int disagreements() {
        return outcomes.stream().mapToInt(SeedOutcome::disagreements).sum();
    }

    /** The mode's time over every seed and session. */
    RunTiming timing() {
        return timings.stream().reduce(RunTiming.NONE, RunTiming::plus);
    }

    ModeBar bar() {
        return new ModeBar(mode.name(), SeedStatistics.mean(strictRates()), strictInterval(), strictByCategory());
    }

    ObjectNode json() {
        ObjectNode json = BenchJson.MAPPER.createObjectNode();
        json.put("mode", mode.name());
        json.put("run_mode", mode.mode().json());
        json.put("forks", mode.forks());
        json.put("prompts", prompts());
        json.put("seeds", seeds.size());
        ObjectNode strictPrompt = summary(json, "strict_prompt", strictRates());
        Interval ci = strictInterval();
        ObjectNode ciJson = strictPrompt.putObject("ci95");
        ciJson.put("low", ci.low());
        ciJson.put("high", ci.high());
        ciJson.put("method", intervalMethod());
        if (seeds.size() > 1) {
            ciJson.put("resamples", PromptBootstrap.DEFAULT_RESAMPLES);
            ciJson.put("bootstrap_seed", bootstrapSeed);
        }
        Interval looseCi = interval(loose);
        ObjectNode loosePrompt = summary(json, "loose_prompt", looseRates());
        loosePrompt.putObject("ci95").put("low", looseCi.low()).put("high", looseCi.high())
                .put("method", intervalMethod());
        summary(json, "strict_instruction", instructionStrictRates());
        summary(json, "loose_instruction", instructionLooseRates());
        json.put("model_calls", modelCalls());
        json.putObject("tokens").put("prompt", promptTokens()).put("completion", completionTokens())
                .put("total", promptTokens() + completionTokens());
        json.set("time", timeJson(timing()));
        json.put("errors", outcomes.stream().mapToInt(SeedOutcome::errors).sum());
        json.put("missing", outcomes.stream().mapToInt(SeedOutcome::missing).sum());
        json.put("strict_disagreements", disagreements());
        var perSeed = json.putArray("per_seed");
        for (int s = 0; s < seeds.size(); s++) {
            SeedOutcome o = outcomes.get(s);
            ObjectNode seed = perSeed.addObject();
            seed.put("seed", seeds.get(s));
            seed.put("strict_prompt", strictRates()[s]);
            seed.put("strict_prompt_passed", o.promptsPassedStrict());
            seed.put("loose_prompt", looseRates()[s]);
            seed.put("loose_prompt_passed", o.promptsPassedLoose());
            seed.put("strict_instruction", instructionStrictRates()[s]);
            seed.put("strict_instruction_followed", o.instructionsStrict());
            seed.put("loose_instruction", instructionLooseRates()[s]);
            seed.put("loose_instruction_followed", o.instructionsLoose());
            seed.put("instructions", o.instructions());
            seed.put("model_calls", o.modelCalls());
            seed.put("prompt_tokens", o.promptTokens());
            seed.put("completion_tokens", o.completionTokens());
            seed.put("errors", o.errors());
            seed.put("missing", o.missing());
            seed.set("time", timeJson(timings.get(s)));
        }
        ObjectNode byId = json.putObject("strict_by_instruction");
        strictByInstruction().forEach(byId::put);
        ObjectNode byIdLoose = json.putObject("loose_by_instruction");
        rates(id -> id, 1).forEach(byIdLoose::put);
        ObjectNode byCategory = json.putObject("strict_by_category");
        strictByCategory().forEach(byCategory::put);
        return json;
    }

    /** mean, sd (absent for one seed) and the per-seed values of one figure. */
    private static ObjectNode summary(ObjectNode parent, String name, double[] perSeed) {
        ObjectNode json = parent.putObject(name);
        json.put("mean", SeedStatistics.mean(perSeed));
        OptionalDouble sd = SeedStatistics.sampleStandardDeviation(perSeed);
        if (sd.isPresent()) {
            json.put("sd", sd.getAsDouble());
        }
        var values = json.putArray("per_seed");
        for (double value : perSeed) {
            values.add(value);
        }
        return json;
    }

    static ObjectNode timeJson(RunTiming timing) {
        ObjectNode json = BenchJson.MAPPER.createObjectNode();
        json.put("wall_s", timing.wallNanos() / 1e9);
        json.put("model_s", timing.modelNanos() / 1e9);
        json.put("overhead_s", timing.overheadNanos() / 1e9);
        if (timing.wallNanos() > 0) {
            json.put("model_share", (double) timing.modelNanos() / timing.wallNanos());
            json.put("overhead_share", (double) timing.overheadNanos() / timing.wallNanos());
        }
        json.put("model_call_s", timing.callNanos() / 1e9);
        json.put("model_calls_timed", timing.calls());
        json.put("sessions", timing.sessions());
        return json;
    }
}

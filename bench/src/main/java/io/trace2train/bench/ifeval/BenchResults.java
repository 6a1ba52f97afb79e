package io.trace2train.bench.ifeval;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.api.backend.ModelInfo;
import io.trace2train.engine.Engine;
import io.trace2train.engine.ifeval.Harness;
import io.trace2train.engine.ifeval.IfevalPrompt;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Everything a benchmark found: per-mode figures, the paired tests against {@code direct}, versions and time. */
public final class BenchResults {

    static final String FORMAT = "trace2train-bench-ifeval-results/v1";

    /**
     * This session's time.
     *
     * @param wallNanos from the command's start to the results being judged (writing them not included)
     * @param setupNanos loading the dataset and the backend (the model's weights), opening the run folders
     * @param runs the runs' wall and model time in this session
     * @param judgeNanos judging the records and computing the figures
     * @param unitsRun units run in this session
     * @param unitsSkipped units that already had a record
     */
    public record Session(long wallNanos, long setupNanos, RunTiming runs, long judgeNanos, int unitsRun,
            int unitsSkipped) {
    }

    private final IfevalBenchSettings settings;
    private final Path dataset;
    private final String datasetSha256;
    private final int datasetPrompts;
    private final List<IfevalPrompt> sample;
    private final List<ModeFigures> modes;
    private final Map<String, McNemarResult> mcnemar;
    private final Session session;
    private final List<String> crashed;

    BenchResults(IfevalBenchSettings settings, Path dataset, String datasetSha256, int datasetPrompts,
            List<IfevalPrompt> sample, List<ModeFigures> modes, Session session, List<String> crashed) {
        this.settings = requireNonNull(settings, "settings");
        this.dataset = requireNonNull(dataset, "dataset");
        this.datasetSha256 = requireNonNull(datasetSha256, "datasetSha256");
        this.datasetPrompts = datasetPrompts;
        this.sample = List.copyOf(sample);
        this.modes = List.copyOf(modes);
        this.session = requireNonNull(session, "session");
        this.crashed = List.copyOf(crashed);
        Map<String, McNemarResult> tests = new LinkedHashMap<>();
        modes.stream().filter(m -> m.mode().isDirect()).findFirst().ifPresent(direct -> modes.stream()
                .filter(m -> !m.mode().isDirect())
                .forEach(m -> tests.put(m.mode().name(), McNemar.exactTest(m.strictTable(), direct.strictTable()))));
        this.mcnemar = java.util.Collections.unmodifiableMap(tests);
    }

    public IfevalBenchSettings settings() {
        return settings;
    }

    /** Each mode's exact McNemar test against {@code direct}, by mode name; empty without {@code direct}. */
    public Map<String, McNemarResult> mcnemar() {
        return mcnemar;
    }

    List<ModeFigures> modes() {
        return modes;
    }

    int samplePrompts() {
        return sample.size();
    }

    int datasetPrompts() {
        return datasetPrompts;
    }

    public Session session() {
        return session;
    }

    /** Units whose runner crashed (a bug): their prompts count as failed, and the command fails. */
    public List<String> crashed() {
        return crashed;
    }

    /** Prompts where the strict judgement of a record's output differs from the record's {@code passed}. */
    public int strictDisagreements() {
        return modes.stream().mapToInt(ModeFigures::disagreements).sum();
    }

    /**
     * Whether every prompt of every mode and seed ended in an error (a backend that failed every call): the figures
     * then say nothing about the model, and the command fails.
     */
    public boolean everyPromptErrored() {
        List<SeedOutcome> all = modes.stream().flatMap(m -> m.outcomes().stream()).toList();
        int prompts = all.stream().mapToInt(o -> o.strict().length).sum();
        return prompts > 0 && all.stream().mapToInt(SeedOutcome::errors).sum() == prompts;
    }

    /** Every run's time together, over every session. */
    public RunTiming runTime() {
        return modes.stream().map(ModeFigures::timing).reduce(RunTiming.NONE, RunTiming::plus);
    }

    /** The models the records name, e.g. {@code Qwen2.5-1.5B-Instruct}; the backend's name when none ran. */
    String modelName() {
        Set<String> names = modes.stream().flatMap(m -> m.outcomes().stream()).flatMap(o -> o.models().stream())
                .map(ModelInfo::name).collect(Collectors.toCollection(LinkedHashSet::new));
        return names.isEmpty() ? settings.backend() : String.join(", ", names);
    }

    ObjectNode json() {
        ObjectNode json = BenchJson.MAPPER.createObjectNode();
        json.put("format", FORMAT);
        json.put("written_at", Instant.now().toString());
        json.set("settings", settings.json());
        json.putObject("dataset").put("file", dataset.toAbsolutePath().toString()).put("sha256", datasetSha256)
                .put("prompts", datasetPrompts);
        ObjectNode sampleJson = json.putObject("sample");
        sampleJson.put("prompts", sample.size());
        ArrayNode keys = sampleJson.putArray("keys");
        sample.forEach(p -> keys.add(BenchFolder.keyNode(p.key(), p.harness() == Harness.IFBENCH)));
        json.set("versions", versions());
        ArrayNode modeList = json.putArray("modes");
        for (ModeFigures figures : modes) {
            ObjectNode mode = figures.json();
            McNemarResult test = mcnemar.get(figures.mode().name());
            if (test != null) {
                mode.set("mcnemar_vs_direct", mcnemarJson(test));
            }
            modeList.add(mode);
        }
        ObjectNode tests = json.putObject("mcnemar_vs_direct");
        mcnemar.forEach((mode, test) -> tests.set(mode, mcnemarJson(test)));
        ObjectNode speed = json.putObject("speed");
        speed.set("runs", ModeFigures.timeJson(runTime()));
        ObjectNode now = speed.putObject("session");
        now.put("wall_s", session.wallNanos() / 1e9);
        now.put("setup_s", session.setupNanos() / 1e9);
        now.put("judge_s", session.judgeNanos() / 1e9);
        now.set("runs", ModeFigures.timeJson(session.runs()));
        now.put("units_run", session.unitsRun());
        now.put("units_skipped", session.unitsSkipped());
        ArrayNode crashes = json.putArray("crashed");
        crashed.forEach(crashes::add);
        json.put("strict_disagreements", strictDisagreements());
        json.set("definitions", definitions());
        return json;
    }

    private ObjectNode versions() {
        ObjectNode json = BenchJson.MAPPER.createObjectNode();
        json.put("engine", Engine.version());
        Set<String> engines = new LinkedHashSet<>();
        Map<String, Set<String>> verifiers = new TreeMap<>();
        Set<ModelInfo> models = new LinkedHashSet<>();
        modes.stream().flatMap(m -> m.outcomes().stream()).forEach(o -> {
            engines.addAll(o.engineVersions());
            o.verifierVersions().forEach((id, v) -> verifiers.computeIfAbsent(id, k -> new LinkedHashSet<>()).addAll(v));
            models.addAll(o.models());
        });
        ArrayNode recordEngines = json.putArray("record_engines");
        engines.forEach(recordEngines::add);
        ObjectNode verifierJson = json.putObject("verifiers");
        verifiers.forEach((id, v) -> verifierJson.put(id, String.join(", ", v)));
        ArrayNode modelJson = json.putArray("models");
        models.forEach(m -> modelJson.add(BenchJson.MAPPER.valueToTree(m)));
        return json;
    }

    private static ObjectNode mcnemarJson(McNemarResult test) {
        ObjectNode json = BenchJson.MAPPER.createObjectNode();
        json.put("b_mode_only", test.modeOnly());
        json.put("c_direct_only", test.directOnly());
        json.put("p_exact", test.pValue());
        return json;
    }

    private static ObjectNode definitions() {
        ObjectNode json = BenchJson.MAPPER.createObjectNode();
        json.put("strict_prompt", "share of prompts whose final output follows every instruction, strict reading"
                + " (equals the records' passed)");
        json.put("loose_prompt", "the same, loose reading (IFEval's 8 candidates: markdown and first/last lines"
                + " removed)");
        json.put("strict_instruction", "share of instructions followed over all sampled prompts, strict reading");
        json.put("loose_instruction", "the same, loose reading");
        json.put("sd", "sample standard deviation (n - 1) of the per-seed figure; absent for one seed");
        json.put("ci95", "strict (and loose) prompt-level 95% interval: Wilson score for one seed; for several, a"
                + " percentile bootstrap over prompts keeping every seed's outcome on each drawn prompt");
        json.put("mcnemar_vs_direct", "exact two-sided McNemar test on the (seed, prompt) cells against direct:"
                + " b = mode passes and direct fails, c = direct passes and mode fails, p = min(1, 2 P(X <= min(b, c)))"
                + " with X ~ Binomial(b + c, 1/2)");
        json.put("rollouts", "rollouts:N = N forks per prompt in direct mode, each with its own seed (fork 0 with"
                + " the run seed); the prompt's output is its best fork's (passing forks first), so it passes strictly"
                + " if any fork passes; cost figures count every fork");
        json.put("model_calls", "attempts whose output a backend call returned (a non-null seed: the first"
                + " generation, retries, regenerate and full repairs, rolled-back ones included); patches call no"
                + " model; a repair call that changed nothing or failed for good leaves no attempt and is not counted"
                + " (time.model_calls_timed counts every call)");
        json.put("errors", "records that failed with an error: they follow no instruction in either reading");
        json.put("time.model_s", "time with at least one model call in flight (the union of the calls' intervals,"
                + " so overlapping calls count once); time.model_call_s sums the calls' own latencies");
        json.put("time.overhead_s", "wall - model: the engine's and the benchmark's own work (verification, repair"
                + " planning, record validation and durable appends, scheduling) while no model call was in flight");
        json.put("speed.session.setup_s", "loading the dataset and the backend (the model's weights) before any unit"
                + " ran: outside the runs' wall time");
        return json;
    }
}

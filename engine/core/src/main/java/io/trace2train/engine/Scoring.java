package io.trace2train.engine;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.backend.ModelInfo;
import io.trace2train.api.env.EnvironmentSpec;
import io.trace2train.api.param.InvalidArgumentsException;
import io.trace2train.api.record.AttemptRecord;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.ConstraintResult;
import io.trace2train.api.record.TokenCost;
import io.trace2train.api.record.Versions;
import io.trace2train.api.reward.RewardFunction;
import io.trace2train.api.task.ConstraintLevel;
import io.trace2train.api.task.ConstraintSpec;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.api.text.PythonText;
import io.trace2train.api.verify.Verdict;
import io.trace2train.api.verify.Verifier;
import io.trace2train.engine.config.EngineVersion;
import io.trace2train.engine.episode.EpisodeImporter;
import io.trace2train.engine.episode.EpisodeLogReader;
import io.trace2train.engine.episode.LogFormat;
import io.trace2train.engine.episode.LoggedEpisode;
import io.trace2train.engine.io.InputProblem;
import io.trace2train.engine.reward.ConstraintShareReward;
import io.trace2train.engine.run.TaskHash;
import io.trace2train.engine.task.TaskLoader;
import io.trace2train.engine.verify.UnknownVerifierException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Judges completions against task rows sent in memory (a reward service's items): the rows the engine reads from task
 * files, task or IFEval/IFBench prompt row, each judged on the calling thread. An item that cannot be judged (a
 * malformed row, an unknown verifier, wrong arguments, a verifier that throws) is answered with its {@link
 * Scored.Failure}, never thrown, so one bad item fails only itself.
 */
public final class Scoring {

    /** What a problem's file names: the items come from a request, not a file. */
    private static final Path ITEM = Path.of("item");
    private static final Path EPISODE = Path.of("episode");
    private static final Path TASK = Path.of("task");
    private static final ModelInfo CALLER = new ModelInfo("caller", "unknown", "");
    private static final String STRATEGY = "scored";

    /** Built verifiers kept at most: a training run asks for the same constraints again and again. */
    static final int CACHED_VERIFIERS = 16_384;

    private final Engine engine;
    /**
     * Verifiers by id and arguments: building one (compiling its patterns) costs far more than a check, and verifiers
     * are immutable and thread-safe. Emptied when full rather than ordered: a bound, not a policy.
     */
    private final java.util.concurrent.ConcurrentHashMap<Map.Entry<String, Map<String, Object>>, Verifier> built =
            new java.util.concurrent.ConcurrentHashMap<>();

    Scoring(Engine engine) {
        this.engine = requireNonNull(engine, "engine");
    }

    /** The reward of completions when a caller names none: the share of constraints met. */
    public RewardFunction defaultReward() {
        return engine.rewards().get(ConstraintShareReward.NAME);
    }

    /** A built verifier of {@code spec}, shared with {@link Rescorer} (the same cache). */
    Verifier verifier(ConstraintSpec spec) {
        Map.Entry<String, Map<String, Object>> key = Map.entry(spec.verifier(), spec.arguments());
        Verifier verifier = built.get(key);
        if (verifier == null) {
            verifier = engine.verifiers().create(spec.verifier(), spec.arguments());
            if (built.size() >= CACHED_VERIFIERS) {
                built.clear();
            }
            built.put(key, verifier);
        }
        return verifier;
    }

    /**
     * Judges {@code completion} against every constraint of {@code row} and scores it with {@code reward}. An IFEval
     * row's blank completion follows nothing, as IFEval's evaluation counts a blank response (so the figures match
     * {@link Verification}'s strict reading).
     *
     * @param row a task ({@code id, prompt | messages, constraints}) or an IFEval prompt row ({@code key, prompt,
     *     instruction_id_list, kwargs}), as a task file holds it
     */
    public Scored score(ObjectNode row, String completion, RewardFunction reward) {
        requireNonNull(completion, "completion");
        requireNonNull(reward, "reward");
        List<InputProblem> problems = new ArrayList<>();
        TaskSpec task = TaskLoader.parse(ITEM, row, 0, problems);
        if (task == null) {
            return Scored.failed(null, Scored.Failure.BAD_ITEM, describe(problems));
        }
        boolean ifeval = row.has("instruction_id_list");
        Built built = verifiers(task.id(), task.constraints(),
                i -> ifeval ? "instruction_id_list[" + i + "]" : "constraints[" + i + "]");
        if (built.failure() != null) {
            return built.failure();
        }
        List<Verifier> verifiers = built.verifiers();
        boolean blank = ifeval && PythonText.isBlank(completion);
        List<ConstraintResult> results = new ArrayList<>(verifiers.size());
        Map<String, String> versions = new TreeMap<>();
        List<Long> nanos = new ArrayList<>(verifiers.size());
        for (int i = 0; i < verifiers.size(); i++) {
            Verifier verifier = verifiers.get(i);
            versions.put(verifier.id(), verifier.version());
            Verdict verdict;
            long started = System.nanoTime();
            try {
                verdict = blank ? Verdict.fail(verifier, "a blank completion", null,
                        "Answer the prompt: a blank completion follows no instruction") : verifier.check(completion);
            } catch (OutOfMemoryError e) {
                throw e;
            } catch (Throwable e) {
                // a plugin that throws (a stack overflow included) fails its item, not the batch
                return Scored.failed(task.id(), Scored.Failure.VERIFIER_FAILED, "constraint " + i + " '"
                        + verifier.id() + "' threw: " + e);
            }
            nanos.add(System.nanoTime() - started);
            ConstraintLevel level = task.constraints().get(i).level();
            results.add(new ConstraintResult(i, verdict.verifierId(), verdict.verifierVersion(), level,
                    verdict.passed(), verdict.measured(), verdict.required(), verdict.hint(), verdict.evidence(),
                    verdict.status(), verdict.steps()));
        }
        List<Integer> violations = results.stream().filter(r -> r.level() == ConstraintLevel.HARD && !r.passed())
                .map(ConstraintResult::index).toList();
        AttemptRecord attempt = new AttemptRecord(0, 0, STRATEGY, null, completion, results, 0, 0, 0, null, false,
                null);
        // the reward functions score records: the completion becomes a one-attempt record of no run
        ComplianceRecord record = new ComplianceRecord(ComplianceRecord.SCHEMA_VERSION, "scored", "scored",
                task.id(), TaskHash.of(task), task.messages(), CALLER, "direct", GenerationSettings.defaults(),
                List.of(attempt), violations, violations, completion, violations.isEmpty(), 0,
                new TokenCost(0, 0, 0), 0, new Versions(EngineVersion.current(), versions), List.of(), null, null,
                null, task.constraints());
        Map<String, String> allVersions = new TreeMap<>(versions);
        allVersions.put("engine", EngineVersion.current());
        allVersions.put("reward:" + reward.name(), reward.version());
        return new Scored(task.id(), reward.score(task, record), violations.isEmpty(), results, allVersions, null, "",
                nanos, null, List.of());
    }

    /** A task's verifiers, or why one cannot be built. */
    private record Built(List<Verifier> verifiers, Scored failure) {
    }

    private Built verifiers(String taskId, List<ConstraintSpec> constraints, IntFunction<String> field) {
        List<Verifier> verifiers = new ArrayList<>(constraints.size());
        for (int i = 0; i < constraints.size(); i++) {
            ConstraintSpec spec = constraints.get(i);
            try {
                verifiers.add(verifier(spec));
            } catch (UnknownVerifierException e) {
                return new Built(null, Scored.failed(taskId, Scored.Failure.UNKNOWN_VERIFIER, field.apply(i) + ": "
                        + e.getMessage()));
            } catch (InvalidArgumentsException e) {
                return new Built(null, Scored.failed(taskId, Scored.Failure.BAD_CONSTRAINT, field.apply(i) + ": "
                        + e.problems().stream().map(InvalidArgumentsException.Problem::toString)
                                .collect(Collectors.joining("; "))));
            } catch (RuntimeException | StackOverflowError | LinkageError e) {
                return new Built(null, Scored.failed(taskId, Scored.Failure.BAD_CONSTRAINT, field.apply(i)
                        + ": verifier '" + spec.verifier() + "' could not be created: " + e));
            }
        }
        return new Built(verifiers, null);
    }

    /**
     * Judges an agent episode exactly as {@code import} judges one ({@link EpisodeImporter}): replayed in its
     * environment when one is named, every constraint checked on the whole episode, scored by {@code reward}.
     *
     * @param episode the episode as a line of an OpenAI-format agent log ({@code messages} with {@code tool_calls}
     *     and {@code tool} results, {@code tools}, optionally {@code task_id, constraints, environment, model})
     * @param task a task row whose constraints, environment and tools apply to the episode (as an import's do), or
     *     null
     * @param constraints further constraints (a task row's {@code constraints} list), or null
     * @param reward the reward function; null for the import's default (the state reward in an environment)
     */
    public Scored scoreEpisode(ObjectNode episode, @Nullable ObjectNode task, @Nullable JsonNode constraints,
            @Nullable RewardFunction reward) {
        requireNonNull(episode, "episode");
        List<InputProblem> problems = new ArrayList<>();
        LoggedEpisode logged = new EpisodeLogReader(LogFormat.OPENAI).episode(EPISODE, episode, 0, problems);
        TaskSpec spec = task == null ? null : TaskLoader.parse(TASK, task, 0, problems);
        List<ConstraintSpec> added = new ArrayList<>(spec == null ? List.of() : spec.constraints());
        if (constraints != null) {
            added.addAll(TaskLoader.constraints(constraints, ITEM, 0, "constraints", problems));
        }
        if (!problems.isEmpty()) {
            return Scored.failed(spec == null ? null : spec.id(), Scored.Failure.BAD_ITEM, describe(problems));
        }
        if (logged.tools().isEmpty() && spec != null && !spec.tools().isEmpty()) {
            // the task's tools were offered where the episode lists none
            logged = new LoggedEpisode(logged.taskKey(), logged.trial(), logged.messages(), spec.tools(),
                    logged.constraints(), logged.environment(), logged.line(), logged.loggedReward(),
                    logged.model(), logged.userInstruction());
        }
        String taskId = spec != null ? spec.id() : logged.taskKey();
        List<ConstraintSpec> all = EpisodeImporter.constraints(logged, added);
        Built built = verifiers(taskId, all, i -> "constraints[" + i + "]");
        if (built.failure() != null) {
            return built.failure();
        }
        EnvironmentSpec environment = spec != null && spec.environment() != null ? spec.environment()
                : logged.environment();
        RewardFunction scoredBy = reward != null ? reward
                : engine.rewards().get(Imports.defaultReward(engine, environment));
        EpisodeImporter importer = new EpisodeImporter(new EpisodeImporter.Setup(LogFormat.OPENAI, EPISODE,
                environment, added, STRATEGY, GenerationSettings.defaults()), engine.verifiers(),
                engine.environments(), scoredBy);
        EpisodeImporter.Imported imported;
        try {
            imported = importer.importEpisode(logged, null);
        } catch (RuntimeException | StackOverflowError e) {
            // a plugin's environment (listing its tools) or reward that throws: this item's failure, not the batch's
            return Scored.failed(taskId, Scored.Failure.VERIFIER_FAILED, "judging the episode threw: " + e);
        }
        if (imported.record() == null) {
            // the verifiers were built above, so what is left is the environment's or a verifier's that threw
            boolean environmentProblem = imported.problems().stream().anyMatch(p -> p.field().equals("environment"));
            return Scored.failed(taskId, environmentProblem ? Scored.Failure.BAD_ITEM
                    : Scored.Failure.VERIFIER_FAILED, describe(imported.problems()));
        }
        ComplianceRecord record = imported.record();
        Map<String, String> versions = new TreeMap<>(record.versions().verifiers());
        versions.put("engine", EngineVersion.current());
        versions.put("reward:" + scoredBy.name(), scoredBy.version());
        if (record.environment() != null) {
            versions.put("environment:" + record.environment().name(), record.environment().version());
        }
        return new Scored(taskId, record.reward(), record.passed(), record.attempts().getFirst().constraints(), versions,
                null, "", List.of(), record.environment(), record.notes());
    }

    private static String describe(List<InputProblem> problems) {
        // the problems name the item's fields; "item:" alone says nothing, an episode's or task's part is named
        return problems.stream().map(p -> {
            String part = p.file().equals(ITEM) ? "" : p.file() + (p.field().isEmpty() ? "" : ".");
            return (part.isEmpty() && p.field().isEmpty() ? "" : part + p.field() + ": ") + p.message();
        }).collect(Collectors.joining("; "));
    }
}

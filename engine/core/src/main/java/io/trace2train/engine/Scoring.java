package io.trace2train.engine;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.backend.ModelInfo;
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
import io.trace2train.engine.io.InputProblem;
import io.trace2train.engine.run.TaskHash;
import io.trace2train.engine.task.TaskLoader;
import io.trace2train.engine.verify.UnknownVerifierException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Judges completions against task rows sent in memory (a reward service's items): the rows the engine reads from task
 * files, task or IFEval/IFBench prompt row, each judged on the calling thread. An item that cannot be judged (a
 * malformed row, an unknown verifier, wrong arguments, a verifier that throws) is answered with its {@link
 * Scored.Failure}, never thrown, so one bad item fails only itself.
 */
public final class Scoring {

    /** What a problem's file names: the items come from a request, not a file. */
    private static final Path ITEM = Path.of("item");
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

    private Verifier verifier(ConstraintSpec spec) {
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
        List<Verifier> verifiers = new ArrayList<>(task.constraints().size());
        for (int i = 0; i < task.constraints().size(); i++) {
            ConstraintSpec spec = task.constraints().get(i);
            String field = ifeval ? "instruction_id_list[" + i + "]" : "constraints[" + i + "]";
            try {
                verifiers.add(verifier(spec));
            } catch (UnknownVerifierException e) {
                return Scored.failed(task.id(), Scored.Failure.UNKNOWN_VERIFIER, field + ": " + e.getMessage());
            } catch (InvalidArgumentsException e) {
                return Scored.failed(task.id(), Scored.Failure.BAD_CONSTRAINT, field + ": " + e.problems().stream()
                        .map(InvalidArgumentsException.Problem::toString).collect(Collectors.joining("; ")));
            } catch (RuntimeException | StackOverflowError | LinkageError e) {
                return Scored.failed(task.id(), Scored.Failure.BAD_CONSTRAINT, field + ": verifier '"
                        + spec.verifier() + "' could not be created: " + e);
            }
        }
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
                nanos);
    }

    private static String describe(List<InputProblem> problems) {
        // the problems name the item's fields; "item:" alone says nothing
        return problems.stream().map(p -> (p.field().isEmpty() ? "" : p.field() + ": ") + p.message())
                .collect(Collectors.joining("; "));
    }
}

package io.trace2train.engine;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.env.EnvironmentFactory;
import io.trace2train.api.env.EnvironmentSpec;
import io.trace2train.api.param.InvalidArgumentsException;
import io.trace2train.api.record.AttemptRecord;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.ConstraintResult;
import io.trace2train.api.record.Versions;
import io.trace2train.api.reward.RewardFunction;
import io.trace2train.api.task.ConstraintLevel;
import io.trace2train.api.task.ConstraintSpec;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.api.verify.Verifier;
import io.trace2train.engine.config.EngineVersion;
import io.trace2train.engine.episode.EpisodeImporter;
import io.trace2train.engine.episode.EpisodeJudge;
import io.trace2train.engine.episode.ReplayedEpisode;
import io.trace2train.engine.io.BadInputException;
import io.trace2train.engine.io.InputProblem;
import io.trace2train.engine.reward.ConstraintShareReward;
import io.trace2train.engine.rollout.RecordGroups;
import io.trace2train.engine.run.TaskHash;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Judges records again ({@link Rescoring}): every attempt's output checked by the new constraint set, the
 * violations, pass and reward recomputed from those verdicts, the versions those verifiers and that reward have,
 * everything the generation recorded (messages, model, settings, attempts' outputs, tokens, latency, seeds, forks,
 * episodes) kept as it was. An agent episode is judged whole, replayed in its environment, as an import judges it.
 * Thread-safe; one per engine and spec is enough (a job builds one per executor).
 */
public final class Rescorer {

    /**
     * One record judged again, as a line of the new run's records file.
     *
     * @param line the record as one line of JSON, without the line break
     * @param passedBefore whether the record passed as it was judged before
     * @param passed whether it passes now
     */
    public record Rescored(String line, boolean passedBefore, boolean passed) implements java.io.Serializable {

        private static final long serialVersionUID = 1L;

        public Rescored {
            requireNonNull(line, "line");
        }
    }

    private final Engine engine;
    private final String runId;
    /** Each task's new constraints by id; null when every record keeps its own. */
    private final @Nullable Map<String, TaskSpec> tasks;
    private final @Nullable Path constraintsFile;
    private final List<ConstraintSpec> added;
    private final @Nullable RewardFunction reward;

    Rescorer(Engine engine, String runId, @Nullable Map<String, TaskSpec> tasks, @Nullable Path constraintsFile,
            List<ConstraintSpec> added, @Nullable RewardFunction reward) {
        this.engine = requireNonNull(engine, "engine");
        this.runId = requireNonNull(runId, "runId");
        this.tasks = tasks;
        this.constraintsFile = constraintsFile;
        this.added = List.copyOf(added);
        this.reward = reward;
    }

    /** The run the records are written into: every record carries its id. */
    public String runId() {
        return runId;
    }

    /**
     * Line {@code line} of a records file judged again; null for a blank line (skipped, as every reader skips it).
     *
     * @throws BadInputException naming the file, line and field when the line is not a record or cannot be judged
     */
    public @Nullable Rescored line(Path file, int line, String text) {
        if (RecordGroups.isBlank(text)) {
            return null;
        }
        ComplianceRecord record = RecordGroups.record(file, line, text);
        ComplianceRecord rescored = rescore(record, file, line);
        return new Rescored(RecordFiles.line(rescored), record.passed(), rescored.passed());
    }

    /**
     * A record judged again.
     *
     * @param file, line where it was read, for the problems
     * @throws BadInputException naming the file, line and field when it cannot be judged
     */
    public ComplianceRecord rescore(ComplianceRecord record, Path file, int line) {
        TaskSpec row = null;
        if (tasks != null) {
            row = tasks.get(record.taskId());
            if (row == null) {
                throw bad(file, line, "task_id", "task '" + record.taskId() + "' has no row in " + constraintsFile);
            }
        }
        List<ConstraintSpec> base = row != null ? row.constraints() : record.constraints();
        if (base == null) {
            throw bad(file, line, "constraints", "the record was written before records kept their constraints:"
                    + " give a constraints file with its task's row");
        }
        List<ConstraintSpec> given = new ArrayList<>(base);
        given.addAll(added);
        // an episode is always judged by the structural checks too, as an import judges it
        List<ConstraintSpec> constraints = record.isEpisode() && (row != null || !added.isEmpty())
                ? EpisodeImporter.withStructural(given) : given;
        List<Verifier> verifiers = verifiers(constraints, file, line);
        Map<String, String> versions = new TreeMap<>();
        verifiers.forEach(v -> versions.put(v.id(), v.version()));
        EnvironmentSpec environment = row != null && row.environment() != null ? row.environment()
                : record.environment() == null ? null : EnvironmentSpec.of(record.environment().name());
        List<AttemptRecord> attempts = record.isEpisode()
                ? List.of(episodeAttempt(record, constraints, verifiers, environment, file, line))
                : record.attempts().stream().map(a -> judged(a, textResults(constraints, verifiers, a.output(), file,
                        line))).toList();
        List<Integer> initial = attempts.isEmpty() ? List.of() : hardViolations(attempts.getFirst().constraints());
        AttemptRecord last = null;
        for (AttemptRecord attempt : attempts) {
            last = attempt.rolledBack() ? last : attempt;
        }
        List<Integer> finals = last == null ? List.of() : hardViolations(last.constraints());
        boolean passed = record.error() == null && last != null && finals.isEmpty();
        TaskSpec task;
        try {
            task = new TaskSpec(record.taskId(), record.promptMessages(), constraints,
                    record.isEpisode() ? record.episode().tools() : List.of(), environment);
        } catch (IllegalArgumentException e) {
            throw bad(file, line, "prompt_messages", e.getMessage());
        }
        String taskHash = constraints.equals(record.constraints()) ? record.taskHash() : TaskHash.of(task);
        ComplianceRecord judged = new ComplianceRecord(record.schemaVersion(), record.recordId(), runId,
                record.taskId(), taskHash, record.promptMessages(), record.model(), record.mode(), record.generation(),
                attempts, initial, finals, record.finalOutput(), passed, record.roundsUsed(), record.tokens(),
                record.latencyMillis(), new Versions(EngineVersion.current(), versions), record.notes(),
                record.error(), record.fork(), null, constraints, record.episode(), record.environment(),
                record.source());
        RewardFunction scoredBy = rewardOf(record, environment);
        try {
            return judged.withReward(scoredBy.score(task, judged));
        } catch (RuntimeException e) {
            throw bad(file, line, "reward", "reward '" + scoredBy.name() + "' threw: " + e);
        }
    }

    /** The reward asked for; else the one that scored the record; else the default (the import's for episodes). */
    private RewardFunction rewardOf(ComplianceRecord record, @Nullable EnvironmentSpec environment) {
        if (reward != null) {
            return reward;
        }
        String name = record.reward() != null ? record.reward().function()
                : record.isEpisode() ? Imports.defaultReward(engine, environment) : ConstraintShareReward.NAME;
        return engine.rewards().get(name);
    }

    private List<Verifier> verifiers(List<ConstraintSpec> constraints, Path file, int line) {
        List<Verifier> verifiers = new ArrayList<>(constraints.size());
        for (int i = 0; i < constraints.size(); i++) {
            try {
                verifiers.add(engine.scoring().verifier(constraints.get(i)));
            } catch (InvalidArgumentsException e) {
                throw bad(file, line, "constraints[" + i + "]", e.getMessage());
            } catch (BadInputException e) {
                throw bad(file, line, "constraints[" + i + "]", e.getMessage());
            }
        }
        return verifiers;
    }

    private static List<ConstraintResult> textResults(List<ConstraintSpec> constraints, List<Verifier> verifiers,
            String output, Path file, int line) {
        List<ConstraintResult> results = new ArrayList<>(verifiers.size());
        for (int i = 0; i < verifiers.size(); i++) {
            Verifier verifier = verifiers.get(i);
            io.trace2train.api.verify.Verdict verdict;
            try {
                verdict = verifier.check(output);
            } catch (RuntimeException | StackOverflowError e) {
                throw bad(file, line, "constraints[" + i + "]", "verifier '" + verifier.id() + "' threw: " + e);
            }
            results.add(new ConstraintResult(i, verdict.verifierId(), verdict.verifierVersion(),
                    constraints.get(i).level(), verdict.passed(), verdict.measured(), verdict.required(),
                    verdict.hint(), verdict.evidence(), verdict.status(), verdict.steps()));
        }
        return results;
    }

    /** The episode's one attempt judged whole, its environment replayed from the episode's calls. */
    private AttemptRecord episodeAttempt(ComplianceRecord record, List<ConstraintSpec> constraints,
            List<Verifier> verifiers, @Nullable EnvironmentSpec environment, Path file, int line) {
        if (record.attempts().size() != 1) {
            throw bad(file, line, "attempts", "an agent record of " + record.attempts().size() + " attempts: only"
                    + " an episode recorded as one attempt (an imported log, a direct agent run) can be judged again");
        }
        ReplayedEpisode replay = null;
        if (environment != null) {
            EnvironmentFactory factory;
            try {
                factory = engine.environments().get(environment.name());
                replay = ReplayedEpisode.replay(factory, environment.options(), record.episode());
            } catch (RuntimeException | StackOverflowError e) {
                throw bad(file, line, "environment", "replaying the episode in '" + environment.name()
                        + "' failed: " + e.getMessage());
            }
            String recorded = record.environment() == null ? null : record.environment().finalStateDigest();
            if (recorded != null && !recorded.equals(replay.finalStateDigest())) {
                throw bad(file, line, "environment.final_state_digest", "replaying the episode in '"
                        + environment.name() + "' does not reach the recorded final state: give the task's"
                        + " environment options in the constraints file's row");
            }
        }
        List<ConstraintResult> results;
        try {
            results = EpisodeJudge.results(new EpisodeJudge(constraints, verifiers).check(record.episode(), replay));
        } catch (EpisodeJudge.VerifierThrew e) {
            throw bad(file, line, "constraints[" + e.index() + "]", e.getMessage());
        }
        return judged(record.attempts().getFirst(), results);
    }

    private static AttemptRecord judged(AttemptRecord a, List<ConstraintResult> results) {
        return new AttemptRecord(a.index(), a.round(), a.strategy(), a.sent(), a.output(), results, a.promptTokens(),
                a.completionTokens(), a.latencyMillis(), a.seed(), a.rolledBack(), a.note(), a.branch());
    }

    private static List<Integer> hardViolations(List<ConstraintResult> results) {
        return results.stream().filter(r -> r.level() == ConstraintLevel.HARD && !r.passed())
                .map(ConstraintResult::index).toList();
    }

    private static BadInputException bad(Path file, int line, String field, String message) {
        return new BadInputException(List.of(new InputProblem(file, line, field, message)));
    }
}

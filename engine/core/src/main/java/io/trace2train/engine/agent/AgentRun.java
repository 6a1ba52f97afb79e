package io.trace2train.engine.agent;

import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.env.Environment;
import io.trace2train.api.env.EnvironmentFactory;
import io.trace2train.api.env.EnvironmentSpec;
import io.trace2train.api.record.AttemptRecord;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.EnvironmentOutcome;
import io.trace2train.api.record.RunError;
import io.trace2train.api.record.TokenCost;
import io.trace2train.api.record.Versions;
import io.trace2train.api.repair.ConstraintCheck;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.ConstraintSpec;
import io.trace2train.api.task.Episode;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.api.verify.Verifier;
import io.trace2train.engine.config.EngineVersion;
import io.trace2train.engine.config.NamedOptions;
import io.trace2train.engine.episode.EpisodeJudge;
import io.trace2train.engine.plugin.PluginRegistry;
import io.trace2train.engine.repair.FeedbackPrompt;
import io.trace2train.engine.run.BranchPoint;
import io.trace2train.engine.run.Cancellation;
import io.trace2train.engine.run.Mode;
import io.trace2train.engine.run.RunErrors;
import io.trace2train.engine.run.RunSettings;
import io.trace2train.engine.run.TaskHash;
import io.trace2train.engine.run.WorkUnit;
import io.trace2train.engine.verify.VerifierRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One run of one agent task: its episodes so far (one per attempt), the last one's verdicts, and the record they
 * become. Each episode runs in a new environment of its own, which the verifiers then judge as it was left.
 */
final class AgentRun {

    private final String runId;
    private final WorkUnit unit;
    private final TaskSpec task;
    private final RunSettings settings;
    private final ModelBackend backend;
    private final ModelBackend caller;
    private final VerifierRegistry verifiers;
    private final PluginRegistry<EnvironmentFactory> environments;
    private final Cancellation cancellation;

    private final List<AttemptRecord> attempts = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private @Nullable EpisodeJudge judge;
    private @Nullable EnvironmentFactory factory;
    private @Nullable Episode episode;
    private @Nullable EnvironmentOutcome outcome;
    private List<ConstraintCheck> checks = List.of();
    private List<Integer> initialViolations = List.of();
    private int rounds;
    private int repairTokens;
    private String stage = "generate";

    AgentRun(String runId, WorkUnit unit, RunSettings settings, ModelBackend backend, ModelBackend caller,
            VerifierRegistry verifiers, PluginRegistry<EnvironmentFactory> environments, Cancellation cancellation) {
        this.runId = runId;
        this.unit = unit;
        this.task = unit.task();
        this.settings = settings;
        this.backend = backend;
        this.caller = caller;
        this.verifiers = verifiers;
        this.environments = environments;
        this.cancellation = cancellation;
    }

    ComplianceRecord execute() {
        long start = System.nanoTime();
        RunError error = null;
        cancellation.start();
        try {
            prepare();
            EpisodeLoop loop = new EpisodeLoop(task, caller, settings.generation(), settings.budget(), cancellation);
            error = episode(loop, 0, "generate", task.messages());
            initialViolations = EpisodeJudge.hardViolations(checks);
            if (settings.mode() == Mode.PROMPT_RETRY) {
                while (error == null && !passesHard() && rounds < settings.maxRetries()) {
                    rounds++;
                    List<ChatMessage> sent = new ArrayList<>(task.messages());
                    sent.add(FeedbackPrompt.retry(checks.stream().filter(c -> !c.passed()).toList()));
                    error = episode(loop, rounds, "retry", sent);
                }
            }
        } catch (Cancellation.CancelledException e) {
            error = new RunError(e.reason().kind().json(), e.getMessage(), stage);
        } catch (OutOfMemoryError e) {
            throw e; // the run's problem, not this unit's
        } catch (Throwable e) {
            // a cancel interrupts the model call, which then fails: the cancel is the reason, not the failure
            Cancellation.Reason why = cancellation.reason();
            error = why != null ? new RunError(why.kind().json(), why.message(), stage) : classify(e);
        } finally {
            cancellation.finish();
        }
        return assemble(error, (System.nanoTime() - start) / 1_000_000);
    }

    /** The record of a unit that ended with {@code error} before or without running here. */
    ComplianceRecord failed(RunError error) {
        stage = error.stage();
        return assemble(error, 0);
    }

    /** Builds the verifiers and finds the environment: what is wrong here is the task's problem. */
    private void prepare() {
        List<Verifier> built = new ArrayList<>();
        for (ConstraintSpec c : task.constraints()) {
            built.add(verifiers.create(c.verifier(), c.arguments()));
        }
        judge = new EpisodeJudge(task.constraints(), built);
        EnvironmentSpec spec = task.environment();
        if (spec != null) {
            factory = environments.get(spec.name());
            NamedOptions.check("environment " + spec.name(), factory.options(), spec.options());
        }
    }

    /** Runs, replays and judges one episode from {@code sent}; the error that ended it early, or null. */
    private @Nullable RunError episode(EpisodeLoop loop, int round, String strategy, List<ChatMessage> sent) {
        long begin = System.nanoTime();
        stage = "generate";
        Map<String, String> options = task.environment() == null ? Map.of() : task.environment().options();
        Environment live = factory == null ? null : factory.create(options);
        EpisodeLoop.Result result = round == 0 && unit.branch() != null ? branched(loop, options, live)
                : loop.run(sent, live);
        Episode played = new Episode(result.messages(), task.tools());
        stage = "verify";
        cancellation.at(stage);
        LiveReplay replay = live == null ? null : LiveReplay.of(factory, options, live);
        checks = judge.check(played, replay);
        if (round > 0) {
            repairTokens += result.promptTokens() + result.completionTokens();
        }
        RunError error = result.error();
        attempts.add(new AttemptRecord(attempts.size(), round, strategy, sent, played.finalAnswer(),
                EpisodeJudge.results(checks), result.promptTokens(), result.completionTokens(),
                (System.nanoTime() - begin) / 1_000_000, result.firstSeed() < 0 ? null : result.firstSeed(), false,
                error == null ? null : error.message()));
        result.notes().forEach(n -> notes.add("attempt " + (attempts.size() - 1) + ": " + n));
        episode = played;
        outcome = replay == null ? null : replay.outcome();
        return error;
    }

    /**
     * The first episode of a fork branched at a step: the task's shared prefix (computed by the first fork that
     * needs it, in an environment of its own), {@code live} brought to the state the prefix left by executing its
     * calls again, then the fork's own continuation.
     */
    private EpisodeLoop.Result branched(EpisodeLoop loop, Map<String, String> options, @Nullable Environment live) {
        BranchPoint branch = unit.branch();
        EpisodeLoop.Prefix prefix = branch.prefix(EpisodeLoop.Prefix.class, () -> new EpisodeLoop(task, caller,
                branch.generation(), settings.budget(), cancellation).prefix(task.messages(),
                        factory == null ? null : factory.create(options), branch.steps()), cancellation);
        if (live != null) {
            ToolRuntime tools = new ToolRuntime(task.tools(), live);
            // only the calls the prefix executed: one refused past the tool-call budget never reached its world
            List<Map.Entry<io.trace2train.api.env.ToolCall, String>> calls = prefix.calls();
            for (Map.Entry<io.trace2train.api.env.ToolCall, String> call : calls.subList(0, prefix.toolCalls())) {
                String again = tools.execute(call.getKey()).content();
                if (!again.equals(call.getValue())) {
                    throw new IllegalStateException("environment " + factory.name() + " answered call "
                            + call.getKey().id() + " (" + call.getKey().name() + ") of the shared prefix differently"
                            + " when a fork restored it: its tools are not deterministic, so forks cannot share a"
                            + " prefix");
                }
            }
        }
        return loop.run(prefix, live);
    }

    private boolean passesHard() {
        return checks.stream().allMatch(c -> !c.hard() || c.passed());
    }

    private RunError classify(Throwable e) {
        return RunErrors.classify(e, stage);
    }

    private ComplianceRecord assemble(@Nullable RunError error, long latencyMillis) {
        int prompt = attempts.stream().mapToInt(AttemptRecord::promptTokens).sum();
        int completion = attempts.stream().mapToInt(AttemptRecord::completionTokens).sum();
        boolean passed = error == null && !attempts.isEmpty() && passesHard();
        List<Integer> finalViolations = attempts.isEmpty() ? List.of() : EpisodeJudge.hardViolations(checks);
        ComplianceRecord record = new ComplianceRecord(ComplianceRecord.SCHEMA_VERSION, UUID.randomUUID().toString(),
                runId, task.id(), TaskHash.of(task), task.messages(), backend.model(), settings.mode().json(),
                settings.generation(), attempts, initialViolations, finalViolations,
                episode == null ? "" : episode.finalAnswer(), passed, rounds,
                new TokenCost(prompt, completion, repairTokens), latencyMillis,
                new Versions(EngineVersion.current(), judge == null ? Map.of() : judge.versions()), notes, error,
                unit.fork(), null, task.constraints());
        return episode == null ? record : record.withEpisode(episode, outcome, null);
    }
}

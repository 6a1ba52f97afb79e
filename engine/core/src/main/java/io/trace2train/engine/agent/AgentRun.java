package io.trace2train.engine.agent;

import io.trace2train.api.backend.ForkSampling;
import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
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
import io.trace2train.api.repair.RepairKind;
import io.trace2train.api.repair.RepairOutcome;
import io.trace2train.api.repair.RepairRequest;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.ConstraintSpec;
import io.trace2train.api.task.Episode;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.api.verify.ConstraintScope;
import io.trace2train.api.verify.Verifier;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.engine.config.EngineVersion;
import io.trace2train.engine.config.NamedOptions;
import io.trace2train.engine.episode.EpisodeJudge;
import io.trace2train.engine.plugin.PluginRegistry;
import io.trace2train.engine.repair.FeedbackPrompt;
import io.trace2train.engine.run.BranchPoint;
import io.trace2train.engine.run.Cancellation;
import io.trace2train.engine.run.Mode;
import io.trace2train.engine.run.RepairPlanner;
import io.trace2train.engine.run.RunErrors;
import io.trace2train.engine.run.RunSettings;
import io.trace2train.engine.run.TaskHash;
import io.trace2train.engine.run.WorkUnit;
import io.trace2train.engine.verify.VerifierRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One run of one agent task: its episodes so far (one per attempt), the current one's verdicts, and the record they
 * become. Each episode runs in a new environment of its own, which the verifiers then judge as it was left.
 *
 * <p>{@code full_pcl} repairs the current episode round by round. When only answer-scope constraints fail, the patches
 * that handle them edit the final answer (the rest of the episode unchanged); otherwise, or when no patch changes it,
 * the episode is forked at {@link EpisodeFork#at the blamed agent turn} in an environment restored to that point, and
 * the agent, told what failed, goes on from there. A branch that breaks a hard constraint that held, or that ends
 * early (a budget used up), is rolled back and the current episode kept; a round whose branch changes nothing or is
 * rolled back is not counted, and the repair stops there. Every branch is kept in its attempt's
 * {@link AttemptRecord.Branch}; the record's episode is the current one as the world saw it, without the feedback.
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
    private final RepairPlanner planner;

    private final List<AttemptRecord> attempts = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private @Nullable EpisodeJudge judge;
    private @Nullable EnvironmentFactory factory;
    private @Nullable Episode episode;
    private @Nullable EnvironmentOutcome outcome;
    private @Nullable LiveReplay replay;
    private int current = -1;
    private List<ConstraintCheck> checks = List.of();
    private List<Integer> initialViolations = List.of();
    private int rounds;
    private int repairTokens;
    private String stage = "generate";
    /** Time spent making or awaiting the other forks' first calls: not this fork's latency. */
    private long othersMillis;

    AgentRun(String runId, WorkUnit unit, RunSettings settings, ModelBackend backend, ModelBackend caller,
            VerifierRegistry verifiers, PluginRegistry<EnvironmentFactory> environments, RepairPlanner planner,
            Cancellation cancellation) {
        this.runId = runId;
        this.unit = unit;
        this.task = unit.task();
        this.settings = settings;
        this.backend = backend;
        this.caller = caller;
        this.verifiers = verifiers;
        this.environments = environments;
        this.cancellation = cancellation;
        this.planner = planner;
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
            } else if (settings.mode() == Mode.FULL_PCL && error == null) {
                repair(loop);
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
        return assemble(error, Math.max(0, (System.nanoTime() - start) / 1_000_000 - othersMillis));
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

    private Map<String, String> options() {
        return task.environment() == null ? Map.of() : task.environment().options();
    }

    /** Runs, replays and judges one episode from {@code sent}; the error that ended it early, or null. */
    private @Nullable RunError episode(EpisodeLoop loop, int round, String strategy, List<ChatMessage> sent) {
        long begin = System.nanoTime();
        stage = "generate";
        Environment live;
        EpisodeLoop.Result result;
        if (round == 0 && unit.branch() != null) {
            EpisodeLoop.Prefix prefix = sharedPrefix();
            // only the calls the prefix executed: one refused past the tool-call budget never reached its world
            live = factory == null ? null
                    : EpisodeFork.restore(factory, options(), prefix.played().messages(), prefix.toolCalls());
            result = loop.run(prefix, live, together());
        } else {
            live = factory == null ? null : factory.create(options());
            result = loop.run(sent, live, round == 0 ? together() : null);
        }
        Episode played = new Episode(result.messages(), task.tools());
        LiveReplay left = live == null ? null : LiveReplay.of(factory, options(), live);
        List<ConstraintCheck> verified = judge(played, left);
        if (round > 0) {
            repairTokens += result.promptTokens() + result.completionTokens();
        }
        RunError error = result.error();
        attempts.add(new AttemptRecord(attempts.size(), round, strategy, sent, played.finalAnswer(),
                EpisodeJudge.results(verified), result.promptTokens(), result.completionTokens(),
                Math.max(0, (System.nanoTime() - begin) / 1_000_000 - (round == 0 ? othersMillis : 0)),
                result.firstSeed() < 0 ? null : result.firstSeed(), false,
                error == null ? null : error.message(),
                AttemptRecord.Branch.played(result.messages().subList(sent.size(), result.messages().size()))));
        result.notes().forEach(n -> notes.add("attempt " + (attempts.size() - 1) + ": " + n));
        accept(played, verified, left);
        return error;
    }

    private List<ConstraintCheck> judge(Episode played, @Nullable LiveReplay left) {
        stage = "verify";
        cancellation.at(stage);
        return judge.check(played, left);
    }

    private void accept(Episode played, List<ConstraintCheck> verified, @Nullable LiveReplay left) {
        episode = played;
        checks = verified;
        replay = left;
        outcome = left == null ? null : left.outcome();
        current = attempts.size() - 1;
    }

    /** full_pcl: repair rounds; a branch that changes nothing or is rolled back does not use up the round. */
    private void repair(EpisodeLoop loop) {
        while (!passesHard() && rounds < settings.maxRounds()) {
            rounds++;
            if (!patchRound() && !forkRound(loop)) {
                rounds--;
                note("full_pcl: nothing left to try after round " + rounds + "; hard constraints "
                        + EpisodeJudge.hardViolations(checks) + " still fail");
                return;
            }
        }
    }

    /**
     * Where only answer-scope constraints fail, tries the patches that handle them on the final answer, cheapest
     * first, until one improves it; false when none does (or an episode-scope constraint fails).
     */
    private boolean patchRound() {
        List<ConstraintCheck> targets = RepairPlanner.targets(checks);
        int at = episode.finalAnswerIndex();
        if (at < 0 || episode.messages().get(at).callsTools()
                || !targets.stream().allMatch(c -> scope(c) == ConstraintScope.ANSWER)) {
            return false;
        }
        for (RepairPlanner.Step step : planner.plan(targets)) {
            if (step.strategy().kind() != RepairKind.PATCH) {
                continue; // the model's turn is regenerated by a fork, which sees the episode and its tools
            }
            cancellation.check();
            long begin = System.nanoTime();
            Optional<RepairOutcome> patched = step.strategy().repair(new RepairRequest(task, episode.finalAnswer(),
                    checks, step.targets(), caller, settings.generation()));
            if (patched.isEmpty() || patched.get().output().equals(episode.finalAnswer())) {
                note(step.strategy().name() + " changed nothing in round " + rounds);
                continue;
            }
            List<ChatMessage> messages = new ArrayList<>(episode.messages());
            messages.set(at, ChatMessage.assistant(patched.get().output()));
            if (branch(new Episode(messages, task.tools()), replay, step.strategy().name(), null, at, begin,
                    null, null)) {
                return true;
            }
        }
        return false;
    }

    /** Forks the current episode before the blamed agent turn and lets the agent go on, told what failed. */
    private boolean forkRound(EpisodeLoop loop) {
        List<ConstraintCheck> failing = checks.stream().filter(c -> c.hard() && !c.passed()).toList();
        int at = EpisodeFork.at(episode, task.messages().size(), failing);
        if (at < 0) {
            return false;
        }
        long begin = System.nanoTime();
        stage = "generate";
        cancellation.at(stage);
        List<ChatMessage> prefix = episode.messages().subList(0, at);
        ChatMessage feedback = FeedbackPrompt.fork(failing);
        Environment live = factory == null ? null : EpisodeFork.restore(factory, options(), prefix);
        EpisodeLoop.Result result = loop.resume(prefix, feedback, live);
        repairTokens += result.promptTokens() + result.completionTokens();
        List<ChatMessage> played = new ArrayList<>(prefix);
        played.addAll(result.messages().subList(at + 1, result.messages().size()));
        List<ChatMessage> sent = new ArrayList<>(prefix);
        sent.add(feedback);
        result.notes().forEach(n -> notes.add("attempt " + attempts.size() + ": " + n));
        return branch(new Episode(played, task.tools()), live == null ? null : LiveReplay.of(factory, options(), live),
                "fork", sent, at, begin, result, result.error());
    }

    /**
     * Judges a branch of the current episode that replaces it from message {@code at} on, records it, and makes it
     * the current episode unless it changes nothing, breaks a hard constraint that held, or ended early.
     *
     * @param result the model calls of a fork, or null for a patch
     */
    private boolean branch(Episode played, @Nullable LiveReplay left, String strategy, @Nullable List<ChatMessage> sent,
            int at, long begin, EpisodeLoop.@Nullable Result result, @Nullable RunError ended) {
        List<ConstraintCheck> verified = judge(played, left);
        List<Integer> broken = newlyBroken(verified);
        boolean same = played.messages().equals(episode.messages());
        boolean rolledBack = !broken.isEmpty() || ended != null;
        String note = ended != null ? "rolled back: the branch ended early: " + ended.message()
                : !broken.isEmpty() ? "rolled back: breaks hard constraints " + broken + " that held before"
                : same ? "the branch is the episode it forks: changes nothing" : null;
        attempts.add(new AttemptRecord(attempts.size(), rounds, strategy, sent, played.finalAnswer(),
                EpisodeJudge.results(verified), result == null ? 0 : result.promptTokens(),
                result == null ? 0 : result.completionTokens(), (System.nanoTime() - begin) / 1_000_000,
                result == null || result.firstSeed() < 0 ? null : result.firstSeed(), rolledBack, note,
                new AttemptRecord.Branch(played.messages().subList(at, played.messages().size()), current, at)));
        if (rolledBack || same) {
            return false;
        }
        accept(played, verified, left);
        return true;
    }

    private List<Integer> newlyBroken(List<ConstraintCheck> after) {
        List<Integer> broken = new ArrayList<>();
        for (int i = 0; i < after.size(); i++) {
            if (after.get(i).hard() && checks.get(i).passed() && !after.get(i).passed()) {
                broken.add(i);
            }
        }
        return broken;
    }

    private ConstraintScope scope(ConstraintCheck check) {
        return verifiers.factory(check.constraint().verifier()).map(VerifierFactory::scope)
                .orElse(ConstraintScope.ANSWER);
    }

    private void note(String note) {
        if (!notes.contains(note)) {
            notes.add(note);
        }
    }

    /**
     * The task's prefix its forks branched at a step share: computed by the first fork that needs it, in an
     * environment of its own, with the run's seed at the run's temperature.
     */
    private EpisodeLoop.Prefix sharedPrefix() {
        BranchPoint branch = unit.branch();
        return branch.prefix(EpisodeLoop.Prefix.class, () -> new EpisodeLoop(task, caller, branch.generation(),
                settings.budget(), cancellation).prefix(task.messages(),
                        factory == null ? null : factory.create(options()), branch.steps()), cancellation);
    }

    /** How the first episode's first call (after the prefix, if any) shared by the task's forks is made, or null. */
    private @Nullable Function<GenerationRequest, Generation> together() {
        return unit.batch() == null || unit.fork() == null ? null : this::withForks;
    }

    /**
     * The fork's first call (after the shared prefix, if any), made with those of the task's other forks still waiting
     * (the conversation computed once), or taken from the batch another fork made: the fork's own seed (the one its
     * loop derived for the call) and temperature, as alone.
     */
    private Generation withForks(GenerationRequest request) {
        cancellation.check();
        long begin = System.nanoTime();
        Generation generation = unit.batch().first(unit.fork().index(), ForkSampling.of(request.settings()),
                forks -> caller.generateForks(request, forks), cancellation);
        othersMillis = Math.max(0, (System.nanoTime() - begin) / 1_000_000 - generation.latencyMillis());
        return generation;
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

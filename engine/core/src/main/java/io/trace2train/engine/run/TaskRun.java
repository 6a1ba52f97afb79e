package io.trace2train.engine.run;

import io.trace2train.api.backend.BackendException;
import io.trace2train.api.backend.ForkSampling;
import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.record.AttemptRecord;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.RunError;
import io.trace2train.api.record.TokenCost;
import io.trace2train.api.record.Versions;
import io.trace2train.api.repair.ConstraintCheck;
import io.trace2train.api.repair.RepairKind;
import io.trace2train.api.repair.RepairOutcome;
import io.trace2train.api.repair.RepairRequest;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.engine.config.EngineVersion;
import io.trace2train.engine.repair.FeedbackPrompt;
import io.trace2train.engine.verify.VerifierRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** One run of one task: its attempts so far, its current output, and the record they become. */
final class TaskRun {

    private final String runId;
    private final WorkUnit unit;
    private final TaskSpec task;
    private final RunSettings settings;
    private final ModelBackend backend;
    private final BackendCaller caller;
    private final RepairPlanner planner;
    private final VerifierRegistry verifiers;
    private final RunMeters meters;
    private final SeedSequence seeds;
    private final Cancellation cancellation;

    private final List<AttemptRecord> attempts = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private TaskConstraints constraints;
    private String output = "";
    private List<ConstraintCheck> checks = List.of();
    private List<Integer> initialViolations = List.of();
    private int modelCalls;
    private int rounds;
    private int repairTokens;
    private String stage = "verify";
    /**
     * The time of the call that gave this fork its first generation with other forks', less its own share: what it
     * spent making or awaiting the others' (negative where another fork made its own), so its latency is its own.
     */
    private long othersMillis;

    TaskRun(String runId, WorkUnit unit, RunSettings settings, ModelBackend backend, BackendCaller caller,
            RepairPlanner planner, VerifierRegistry verifiers, RunMeters meters, Cancellation cancellation) {
        this.runId = runId;
        this.unit = unit;
        this.task = unit.task();
        this.settings = settings;
        this.backend = backend;
        this.caller = caller;
        this.planner = planner;
        this.verifiers = verifiers;
        this.meters = meters;
        this.seeds = new SeedSequence(settings.generation().seed(), task.id());
        this.cancellation = cancellation;
    }

    ComplianceRecord execute() {
        long start = System.nanoTime();
        RunError error = null;
        cancellation.start();
        try {
            constraints = new TaskConstraints(task, verifiers, cancellation);
            stage("generate");
            long begin = System.nanoTime();
            Generation first;
            if (unit.batch() != null && unit.fork() != null) {
                first = generateWithForks();
                // the attempt's latency is its own generation's share of the batch, plus its verification
                begin = System.nanoTime() - first.latencyMillis() * 1_000_000;
            } else {
                first = generate(task.messages());
            }
            accept(0, "generate", task.messages(), first, begin);
            initialViolations = TaskConstraints.hardViolations(checks);
            switch (settings.mode()) {
                case DIRECT -> {
                }
                case PROMPT_RETRY -> retry();
                case FULL_PCL -> repair();
            }
        } catch (Cancellation.CancelledException e) {
            error = new RunError(e.reason().kind().json(), e.getMessage(), stage);
        } catch (OutOfMemoryError e) {
            throw e; // the run's problem, not this unit's: the executor records the unit and stops the run
        } catch (Throwable e) {
            // whatever a plugin throws (a stack overflow included) ends this unit with a record, never the run;
            // a cancel interrupts the model call, which then fails: the cancel is the reason, not the failure
            Cancellation.Reason why = cancellation.reason();
            error = why != null ? new RunError(why.kind().json(), why.message(), stage) : classify(e);
        } finally {
            cancellation.finish();
        }
        return failedOrDone(error, start);
    }

    /**
     * The record of a unit that ended with {@code error} before or without running here: a unit whose thread was
     * abandoned past its timeout, or whose runner threw. It has no attempts.
     */
    ComplianceRecord failed(RunError error) {
        stage = error.stage();
        return failedOrDone(error, System.nanoTime());
    }

    private ComplianceRecord failedOrDone(RunError error, long start) {
        ComplianceRecord record = assemble(error, Math.max(0, millisSince(start) - othersMillis));
        meters.task(record);
        return record;
    }

    private void stage(String now) {
        stage = now;
        cancellation.at(now);
    }

    private RunError classify(Throwable e) {
        return RunErrors.classify(e, stage);
    }

    /** prompt_retry: fresh generations of the original conversation plus feedback, each with its own seed. */
    private void retry() {
        stage("retry");
        while (!TaskConstraints.passesHard(checks) && rounds < settings.maxRetries()) {
            if (!backend.canGenerate()) {
                notes.add("prompt_retry: no retries, backend '" + backend.model().backend() + "' has no model to"
                        + " generate with");
                return;
            }
            rounds++;
            List<ChatMessage> sent = new ArrayList<>(task.messages());
            sent.add(FeedbackPrompt.retry(checks.stream().filter(c -> !c.passed()).toList()));
            long begin = System.nanoTime();
            Generation generation = generate(sent);
            repairTokens += generation.promptTokens() + generation.completionTokens();
            accept(rounds, "retry", sent, generation, begin);
        }
    }

    /** full_pcl: repair rounds; a step that changes nothing or breaks what held does not use up the round. */
    private void repair() {
        stage("repair");
        while (!TaskConstraints.passesHard(checks) && rounds < settings.maxRounds()) {
            rounds++;
            if (!repairRound()) {
                rounds--;
                notes.add("full_pcl: nothing left to try after round " + rounds + "; hard constraints "
                        + TaskConstraints.hardViolations(checks) + " still fail");
                return;
            }
        }
    }

    /** Tries the planned steps in order until one improves the output; false when none does. */
    private boolean repairRound() {
        for (RepairPlanner.Step step : planner.plan(TaskConstraints.targets(checks))) {
            cancellation.check();
            boolean needsModel = step.strategy().kind() != RepairKind.PATCH;
            if (needsModel && !backend.canGenerate()) {
                note(step.strategy().name() + " skipped: backend '" + backend.model().backend()
                        + "' has no model to generate with");
                continue;
            }
            GenerationSettings sampling = needsModel ? settings.generation().withSeed(seeds.seed(modelCalls))
                    : settings.generation();
            long begin = System.nanoTime();
            Optional<RepairOutcome> outcome;
            try {
                outcome = step.strategy().repair(new RepairRequest(task, output, checks, step.targets(), caller,
                        sampling));
            } catch (BackendException e) {
                // this strategy's call failed for good (retries spent, or a prompt too long for the model):
                // say so and escalate, as for a strategy that changed nothing
                if (needsModel) {
                    modelCalls++;
                }
                note(step.strategy().name() + " failed in round " + rounds + ": " + e.getMessage());
                continue;
            }
            outcome.flatMap(RepairOutcome::generation).ifPresent(g -> modelCalls++);
            if (outcome.isEmpty() || outcome.get().output().equals(output)) {
                note(step.strategy().name() + " changed nothing in round " + rounds);
                continue;
            }
            RepairOutcome repaired = outcome.get();
            Generation generation = repaired.generation().orElse(null);
            if (generation != null) {
                repairTokens += generation.promptTokens() + generation.completionTokens();
            }
            List<ConstraintCheck> after = verify(repaired.output());
            boolean broke = breaksHard(after);
            AttemptRecord attempt = new AttemptRecord(attempts.size(), rounds, step.strategy().name(),
                    generation == null ? null : repaired.sent(), repaired.output(), TaskConstraints.results(after),
                    generation == null ? 0 : generation.promptTokens(),
                    generation == null ? 0 : generation.completionTokens(), millisSince(begin),
                    generation == null ? null : sampling.seed(), broke,
                    broke ? "rolled back: breaks hard constraints " + newlyBroken(after) + " that held before" : null);
            attempts.add(attempt);
            meters.attempt(attempt);
            if (!broke) {
                output = repaired.output();
                checks = after;
                return true;
            }
        }
        return false;
    }

    private boolean breaksHard(List<ConstraintCheck> after) {
        return !newlyBroken(after).isEmpty();
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

    private void note(String note) {
        if (!notes.contains(note)) {
            notes.add(note);
        }
    }

    private Generation generate(List<ChatMessage> messages) {
        cancellation.check();
        long seed = seeds.seed(modelCalls++);
        return caller.generate(new GenerationRequest(task.id(), messages, settings.generation().withSeed(seed)));
    }

    /**
     * The first generation, made with those of the task's other forks still waiting (the prompt computed once), or
     * taken from the batch another fork made: the fork's own seed (call 0's, as alone) and temperature.
     */
    private Generation generateWithForks() {
        cancellation.check();
        modelCalls++;
        GenerationRequest request = new GenerationRequest(task.id(), task.messages(), settings.generation());
        long begin = System.nanoTime();
        Generation generation = unit.batch().first(unit.fork().index(), ForkSampling.of(settings.generation()),
                forks -> caller.generateForks(request, forks), cancellation);
        othersMillis = millisSince(begin) - generation.latencyMillis();
        return generation;
    }

    /** Every constraint's verdict, in stage {@code verify} while the verifiers run (a plugin's crash is theirs). */
    private List<ConstraintCheck> verify(String text) {
        String was = stage;
        stage("verify");
        List<ConstraintCheck> verified = constraints.check(text);
        stage(was);
        return verified;
    }

    /** Records a model call's answer as an attempt and makes it the current output. */
    private void accept(int round, String strategy, List<ChatMessage> sent, Generation generation, long begin) {
        List<ConstraintCheck> verified = verify(generation.text());
        AttemptRecord attempt = new AttemptRecord(attempts.size(), round, strategy, sent, generation.text(),
                TaskConstraints.results(verified), generation.promptTokens(), generation.completionTokens(),
                millisSince(begin), seeds.seed(modelCalls - 1), false, null);
        attempts.add(attempt);
        meters.attempt(attempt);
        output = generation.text();
        checks = verified;
    }

    private ComplianceRecord assemble(RunError error, long latencyMillis) {
        int prompt = attempts.stream().mapToInt(AttemptRecord::promptTokens).sum();
        int completion = attempts.stream().mapToInt(AttemptRecord::completionTokens).sum();
        boolean passed = error == null && !attempts.isEmpty() && TaskConstraints.passesHard(checks);
        Map<String, String> versions = constraints == null ? Map.of() : constraints.versions();
        return new ComplianceRecord(ComplianceRecord.SCHEMA_VERSION, UUID.randomUUID().toString(), runId, task.id(),
                TaskHash.of(task), task.messages(), backend.model(), settings.mode().json(), settings.generation(),
                attempts, initialViolations, attempts.isEmpty() ? List.of() : TaskConstraints.hardViolations(checks),
                output, passed, rounds, new TokenCost(prompt, completion, repairTokens), latencyMillis,
                new Versions(EngineVersion.current(), versions), notes, error, null, null,
                task.constraints());
    }

    private static long millisSince(long begin) {
        return (System.nanoTime() - begin) / 1_000_000;
    }
}

package io.trace2train.engine.run;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.RunError;
import io.trace2train.api.reward.RewardFunction;
import io.trace2train.api.task.TaskSpec;
import io.trace2train.engine.repair.RepairStrategies;
import io.trace2train.engine.reward.ConstraintShareReward;
import io.trace2train.engine.verify.VerifierRegistry;
import java.util.List;

/**
 * Runs tasks in one {@link Mode}: direct (one generation), prompt_retry (fresh generations with feedback) or
 * full_pcl (repair rounds planned by {@link RepairPlanner}). Thread-safe; each task's state lives in its own
 * {@link TaskRun}.
 */
public final class ComplianceRunner implements TaskRunner {

    /** First wait before retrying a retriable backend failure; doubled on each further retry. */
    public static final long BACKOFF_MILLIS = 50;

    private final RunSettings settings;
    private final ModelBackend backend;
    private final VerifierRegistry verifiers;
    private final RepairPlanner planner;
    private final BackendCaller caller;
    private final RunMeters meters;
    private final RewardFunction reward;

    /** A runner whose records carry the default reward, {@link ConstraintShareReward}. */
    public ComplianceRunner(RunSettings settings, ModelBackend backend, VerifierRegistry verifiers,
            RepairStrategies strategies, MeterRegistry meters) {
        this(settings, backend, verifiers, strategies, new ConstraintShareReward(), meters);
    }

    public ComplianceRunner(RunSettings settings, ModelBackend backend, VerifierRegistry verifiers,
            RepairStrategies strategies, RewardFunction reward, MeterRegistry meters) {
        this(settings, backend, verifiers, List.copyOf(strategies.all().values()), reward, meters, BACKOFF_MILLIS);
    }

    ComplianceRunner(RunSettings settings, ModelBackend backend, VerifierRegistry verifiers,
            List<io.trace2train.api.repair.RepairStrategy> strategies, MeterRegistry meters, long backoffMillis) {
        this(settings, backend, verifiers, strategies, new ConstraintShareReward(), meters, backoffMillis);
    }

    ComplianceRunner(RunSettings settings, ModelBackend backend, VerifierRegistry verifiers,
            List<io.trace2train.api.repair.RepairStrategy> strategies, RewardFunction reward, MeterRegistry meters,
            long backoffMillis) {
        this.reward = requireNonNull(reward, "reward");
        this.settings = requireNonNull(settings, "settings");
        this.backend = requireNonNull(backend, "backend");
        this.verifiers = requireNonNull(verifiers, "verifiers");
        this.planner = new RepairPlanner(strategies);
        this.caller = new BackendCaller(backend, settings.backendRetries(), backoffMillis, meters);
        this.meters = new RunMeters(meters, settings.mode());
    }

    /** Runs a task of a plain run with the run's settings. */
    public ComplianceRecord run(String runId, TaskSpec task) {
        return run(runId, new WorkUnit(task, null, settings.generation()), Cancellation.none());
    }

    @Override
    public ComplianceRecord run(String runId, WorkUnit unit, Cancellation cancellation) {
        ComplianceRecord record = new TaskRun(runId, unit, settings.withGeneration(unit.generation()), backend,
                caller, planner, verifiers, meters, cancellation).execute();
        if (unit.fork() != null) {
            record = record.withFork(unit.fork());
        }
        return record.withReward(reward.score(unit.task(), record));
    }

    @Override
    public ComplianceRecord failed(String runId, WorkUnit unit, RunError error) {
        ComplianceRecord record = new TaskRun(runId, unit, settings.withGeneration(unit.generation()), backend,
                caller, planner, verifiers, meters, Cancellation.none()).failed(error);
        return unit.fork() == null ? record : record.withFork(unit.fork());
    }

    public RunSettings settings() {
        return settings;
    }
}

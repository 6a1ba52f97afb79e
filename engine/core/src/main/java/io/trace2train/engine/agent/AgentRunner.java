package io.trace2train.engine.agent;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.env.EnvironmentFactory;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.ErrorKind;
import io.trace2train.api.record.RunError;
import io.trace2train.api.repair.RepairStrategy;
import io.trace2train.api.reward.RewardFunction;
import io.trace2train.engine.plugin.PluginRegistry;
import io.trace2train.engine.repair.RepairStrategies;
import io.trace2train.engine.run.BackendCaller;
import io.trace2train.engine.run.Cancellation;
import io.trace2train.engine.run.ComplianceRunner;
import io.trace2train.engine.run.RepairPlanner;
import io.trace2train.engine.run.RunMeters;
import io.trace2train.engine.run.RunSettings;
import io.trace2train.engine.run.TaskRunner;
import io.trace2train.engine.run.WorkUnit;
import io.trace2train.engine.verify.VerifierRegistry;
import java.util.List;

/**
 * Runs agent tasks (those with tools) as episodes in {@code direct} (one episode), {@code prompt_retry} (fresh
 * episodes told what failed) or {@code full_pcl} (the episode patched or forked at the failing step, see
 * {@link AgentRun}) mode, each episode in an environment of its own from the plugins' registry, and records them as
 * imported episodes are recorded. Thread-safe; each unit's state lives in its own {@link AgentRun}.
 */
public final class AgentRunner implements TaskRunner {

    private final RunSettings settings;
    private final ModelBackend backend;
    private final BackendCaller caller;
    private final VerifierRegistry verifiers;
    private final PluginRegistry<EnvironmentFactory> environments;
    private final RewardFunction reward;
    private final RunMeters meters;
    private final RepairPlanner planner;

    /** @param strategies the repairs full_pcl may patch a final answer with (the patches among them are used) */
    public AgentRunner(RunSettings settings, ModelBackend backend, VerifierRegistry verifiers,
            PluginRegistry<EnvironmentFactory> environments, RepairStrategies strategies, RewardFunction reward,
            MeterRegistry meters) {
        this(settings, backend, verifiers, environments, List.copyOf(strategies.all().values()), reward, meters,
                ComplianceRunner.BACKOFF_MILLIS);
    }

    AgentRunner(RunSettings settings, ModelBackend backend, VerifierRegistry verifiers,
            PluginRegistry<EnvironmentFactory> environments, List<RepairStrategy> strategies, RewardFunction reward,
            MeterRegistry meters, long backoffMillis) {
        this.settings = requireNonNull(settings, "settings");
        this.backend = requireNonNull(backend, "backend");
        this.verifiers = requireNonNull(verifiers, "verifiers");
        this.environments = requireNonNull(environments, "environments");
        this.reward = requireNonNull(reward, "reward");
        this.caller = new BackendCaller(backend, settings.backendRetries(), backoffMillis, meters);
        this.meters = new RunMeters(meters, settings.mode());
        this.planner = new RepairPlanner(strategies);
    }

    /**
     * Refuses what the loop cannot run, before any call: a backend that cannot offer tools (in any mode).
     *
     * @throws IllegalArgumentException naming the backend
     */
    public static void refuse(ModelBackend backend) {
        if (!backend.supportsTools()) {
            throw new IllegalArgumentException("backend '" + backend.model().backend() + "' (model "
                    + backend.model().name() + ") does not support tool calling, which agent tasks (tasks with"
                    + " tools) need");
        }
    }

    @Override
    public ComplianceRecord run(String runId, WorkUnit unit, Cancellation cancellation) {
        try {
            refuse(backend); // runs check this before they start; a unit never calls regardless
        } catch (IllegalArgumentException e) {
            return failed(runId, unit, new RunError(ErrorKind.TASK.json(), e.getMessage(), "generate"));
        }
        ComplianceRecord record = new AgentRun(runId, unit, settings.withGeneration(unit.generation()), backend,
                caller, verifiers, environments, planner, cancellation).execute();
        record.attempts().forEach(meters::attempt);
        meters.task(record);
        return record.withReward(reward.score(unit.task(), record));
    }

    @Override
    public ComplianceRecord failed(String runId, WorkUnit unit, RunError error) {
        ComplianceRecord record = new AgentRun(runId, unit, settings.withGeneration(unit.generation()), backend,
                caller, verifiers, environments, planner, Cancellation.none()).failed(error);
        meters.task(record);
        return record;
    }
}

package io.trace2train.engine.store;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.text.Secrets;
import io.trace2train.engine.config.EngineVersion;
import io.trace2train.engine.run.AgentBudget;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What a run directory was started with; written once, atomically, and checked on resume.
 *
 * @param runId the run's id (records carry it)
 * @param createdAt when the run started (ISO-8601)
 * @param mode the mode
 * @param backend the backend's name
 * @param backendOptions the backend's options, secrets masked
 * @param generation the run's generation settings (its seed is the run seed)
 * @param maxRetries prompt_retry's retries
 * @param maxRounds full_pcl's rounds
 * @param tasksFile the tasks file as given
 * @param tasksSha256 the tasks file's digest; a resume must see the same file
 * @param engineVersion the engine's version
 * @param reward the reward function every record is scored with (null in runs from before rewards: the default)
 * @param rollout how tasks were forked, or null for a plain run
 * @param firstAttempts recorded answers that answered each task's own conversation (the backend answered retries
 *     and repairs), or null
 * @param agentBudget what each episode of an agent task may use; null for {@link AgentBudget#DEFAULT} (runs from
 *     before agent tasks, and runs that kept the defaults)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunManifest(
        @JsonProperty("run_id") String runId,
        @JsonProperty("created_at") String createdAt,
        String mode,
        String backend,
        @JsonProperty("backend_options") Map<String, String> backendOptions,
        GenerationSettings generation,
        @JsonProperty("max_retries") int maxRetries,
        @JsonProperty("max_rounds") int maxRounds,
        @JsonProperty("tasks_file") String tasksFile,
        @JsonProperty("tasks_sha256") String tasksSha256,
        @JsonProperty("engine_version") String engineVersion,
        String reward,
        RolloutManifest rollout,
        @JsonProperty("first_attempts") String firstAttempts,
        @JsonProperty("agent_budget") BudgetManifest agentBudget) {

    public RunManifest {
        requireNonNull(runId, "runId");
        requireNonNull(createdAt, "createdAt");
        requireNonNull(mode, "mode");
        requireNonNull(backend, "backend");
        backendOptions = masked(backendOptions);
        requireNonNull(generation, "generation");
        requireNonNull(tasksFile, "tasksFile");
        requireNonNull(tasksSha256, "tasksSha256");
        requireNonNull(engineVersion, "engineVersion");
    }

    /** A manifest without an agent budget of its own (the default applies). */
    public RunManifest(String runId, String createdAt, String mode, String backend, Map<String, String> backendOptions,
            GenerationSettings generation, int maxRetries, int maxRounds, String tasksFile, String tasksSha256,
            String engineVersion, String reward, RolloutManifest rollout, String firstAttempts) {
        this(runId, createdAt, mode, backend, backendOptions, generation, maxRetries, maxRounds, tasksFile,
                tasksSha256, engineVersion, reward, rollout, firstAttempts, null);
    }

    /** The agent budget the run's episodes use. */
    public AgentBudget budget() {
        return agentBudget == null ? AgentBudget.DEFAULT : agentBudget.budget();
    }

    /** The agent budget as a manifest writes it: null for the default, so other manifests are unchanged. */
    public static BudgetManifest written(AgentBudget budget) {
        return budget.equals(AgentBudget.DEFAULT) ? null : new BudgetManifest(budget.maxSteps(),
                budget.maxToolCalls(), budget.maxTokens(), budget.wallTime().toMillis());
    }

    /** An agent budget in JSON. */
    public record BudgetManifest(@JsonProperty("max_steps") int maxSteps,
            @JsonProperty("max_tool_calls") int maxToolCalls, @JsonProperty("max_tokens") long maxTokens,
            @JsonProperty("episode_timeout_ms") long episodeTimeoutMillis) {

        public AgentBudget budget() {
            return new AgentBudget(maxSteps, maxToolCalls, maxTokens, java.time.Duration.ofMillis(episodeTimeoutMillis));
        }
    }

    /** The manifest of a run starting now: a fresh run id, the current time and this engine's version. */
    public static RunManifest start(String mode, String backend, Map<String, String> backendOptions,
            GenerationSettings generation, int maxRetries, int maxRounds, String tasksFile, String tasksSha256,
            String reward, RolloutManifest rollout, String firstAttempts, AgentBudget budget) {
        return new RunManifest(UUID.randomUUID().toString(), Instant.now().toString(), mode, backend, backendOptions,
                generation, maxRetries, maxRounds, tasksFile, tasksSha256, EngineVersion.current(), reward, rollout,
                firstAttempts, written(budget));
    }

    /**
     * Whether {@code other} runs its tasks the same way: the same mode, backend and (masked) options, generation
     * settings, retries, rounds, tasks digest, reward, forks and first attempts; the run id, start time, the tasks file's name and
     * the engine version may differ.
     */
    boolean sameSettings(RunManifest other) {
        return mode.equals(other.mode) && backend.equals(other.backend) && backendOptions.equals(other.backendOptions)
                && generation.equals(other.generation) && maxRetries == other.maxRetries
                && maxRounds == other.maxRounds && tasksSha256.equals(other.tasksSha256)
                && Objects.equals(reward, other.reward) && Objects.equals(rollout, other.rollout)
                && Objects.equals(firstAttempts, other.firstAttempts) && budget().equals(other.budget());
    }

    /**
     * How a rollout forks its tasks.
     *
     * @param forks forks per task
     * @param temperatures the temperature schedule as given
     * @param forkTimeoutSeconds a fork's wall-time limit; 0 for none
     * @param stopAfterPasses stop a task's forks once this many passed; 0 for never
     * @param branchAt agent tasks: the agent model calls of the prefix a task's forks share; 0 (absent in JSON) for
     *     forks that each run their whole episode
     */
    public record RolloutManifest(int forks, String temperatures,
            @JsonProperty("fork_timeout_seconds") long forkTimeoutSeconds,
            @JsonProperty("stop_after_passes") int stopAfterPasses,
            @JsonProperty("branch_at") @JsonInclude(JsonInclude.Include.NON_DEFAULT) int branchAt) {

        public RolloutManifest {
            requireNonNull(temperatures, "temperatures");
        }

        /** A rollout whose forks each run their whole episode. */
        public RolloutManifest(int forks, String temperatures, long forkTimeoutSeconds, int stopAfterPasses) {
            this(forks, temperatures, forkTimeoutSeconds, stopAfterPasses, 0);
        }
    }

    /**
     * The options as written: secret values masked ({@link Secrets#options}), names kept, so an option that only
     * names where a secret is ({@code api-key-env}) still works on resume.
     */
    static Map<String, String> masked(Map<String, String> options) {
        return Secrets.options(options);
    }
}

package io.trace2train.api.record;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.backend.ModelInfo;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.ConstraintSpec;
import io.trace2train.api.task.Episode;
import java.util.List;

/**
 * {@code compliance-eval-record/v1}: everything one run of one task tried and how it was judged. The JSON Schema is
 * {@code /io/trace2train/api/record/compliance-eval-record-v1.schema.json} in this jar.
 *
 * @param schemaVersion always {@link #SCHEMA_VERSION}
 * @param recordId unique id of this record
 * @param runId the run it belongs to
 * @param taskId the task
 * @param taskHash SHA-256 of the task spec's canonical JSON
 * @param promptMessages the task's conversation as given to the model first
 * @param model the model
 * @param mode {@code direct}, {@code prompt_retry} or {@code full_pcl}
 * @param generation the run's generation settings (each attempt records its own seed)
 * @param attempts every attempt, in order, failed drafts included
 * @param initialViolations indices of the hard constraints the first output failed
 * @param finalViolations indices of the hard constraints the final output fails
 * @param finalOutput the output the run ends with
 * @param passed whether the final output meets every hard constraint
 * @param roundsUsed retry or repair rounds used
 * @param tokens token cost
 * @param latencyMillis the run's wall time
 * @param versions engine and verifier versions
 * @param notes what the run could not do and why (e.g. a repair that needs a model, with a backend that has none)
 * @param error why the run failed, or null
 * @param fork which fork of a rollout this is; null for a plain run
 * @param reward the reward of the final output; null where none was computed
 * @param constraints the task's constraints with their arguments, in the task's order (verdicts name them by
 *     index), so that an output can be judged again without the tasks file; null in records written before it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonPropertyOrder({"schema_version", "record_id", "run_id", "task_id", "task_hash"})
public record ComplianceRecord(
        @JsonProperty("schema_version") String schemaVersion,
        @JsonProperty("record_id") String recordId,
        @JsonProperty("run_id") String runId,
        @JsonProperty("task_id") String taskId,
        @JsonProperty("task_hash") String taskHash,
        @JsonProperty("prompt_messages") List<ChatMessage> promptMessages,
        ModelInfo model,
        String mode,
        GenerationSettings generation,
        List<AttemptRecord> attempts,
        @JsonProperty("initial_violations") List<Integer> initialViolations,
        @JsonProperty("final_violations") List<Integer> finalViolations,
        @JsonProperty("final_output") String finalOutput,
        boolean passed,
        @JsonProperty("rounds_used") int roundsUsed,
        TokenCost tokens,
        @JsonProperty("latency_ms") long latencyMillis,
        Versions versions,
        List<String> notes,
        RunError error,
        ForkInfo fork,
        RewardRecord reward,
        List<ConstraintSpec> constraints,
        Episode episode,
        EnvironmentOutcome environment,
        LogSource source) {

    public static final String SCHEMA_VERSION = "compliance-eval-record/v1";

    public ComplianceRecord {
        if (!SCHEMA_VERSION.equals(schemaVersion)) {
            throw new IllegalArgumentException("schema_version must be " + SCHEMA_VERSION + ", got " + schemaVersion);
        }
        requireNonNull(recordId, "recordId");
        requireNonNull(runId, "runId");
        requireNonNull(taskId, "taskId");
        requireNonNull(taskHash, "taskHash");
        promptMessages = List.copyOf(promptMessages);
        requireNonNull(model, "model");
        requireNonNull(mode, "mode");
        requireNonNull(generation, "generation");
        attempts = List.copyOf(attempts);
        initialViolations = List.copyOf(initialViolations);
        finalViolations = List.copyOf(finalViolations);
        requireNonNull(finalOutput, "finalOutput");
        requireNonNull(tokens, "tokens");
        requireNonNull(versions, "versions");
        notes = List.copyOf(notes);
        constraints = constraints == null ? null : List.copyOf(constraints);
    }

    /** A record of a single answer: no episode. */
    public ComplianceRecord(String schemaVersion, String recordId, String runId, String taskId, String taskHash,
            List<ChatMessage> promptMessages, ModelInfo model, String mode, GenerationSettings generation,
            List<AttemptRecord> attempts, List<Integer> initialViolations, List<Integer> finalViolations,
            String finalOutput, boolean passed, int roundsUsed, TokenCost tokens, long latencyMillis,
            Versions versions, List<String> notes, RunError error, ForkInfo fork, RewardRecord reward,
            List<ConstraintSpec> constraints) {
        this(schemaVersion, recordId, runId, taskId, taskHash, promptMessages, model, mode, generation, attempts,
                initialViolations, finalViolations, finalOutput, passed, roundsUsed, tokens, latencyMillis, versions,
                notes, error, fork, reward, constraints, null, null, null);
    }

    /** The same record with its reward. */
    public ComplianceRecord withReward(RewardRecord newReward) {
        return new ComplianceRecord(schemaVersion, recordId, runId, taskId, taskHash, promptMessages, model, mode,
                generation, attempts, initialViolations, finalViolations, finalOutput, passed, roundsUsed, tokens,
                latencyMillis, versions, notes, error, fork, newReward, constraints, episode, environment, source);
    }

    /** The same record marked as a fork of a rollout. */
    public ComplianceRecord withFork(ForkInfo newFork) {
        return new ComplianceRecord(schemaVersion, recordId, runId, taskId, taskHash, promptMessages, model, mode,
                generation, attempts, initialViolations, finalViolations, finalOutput, passed, roundsUsed, tokens,
                latencyMillis, versions, notes, error, newFork, reward, constraints, episode, environment, source);
    }

    /** The same record carrying an agent episode, what it left in its environment and where it came from. */
    public ComplianceRecord withEpisode(Episode newEpisode, EnvironmentOutcome newEnvironment, LogSource newSource) {
        return new ComplianceRecord(schemaVersion, recordId, runId, taskId, taskHash, promptMessages, model, mode,
                generation, attempts, initialViolations, finalViolations, finalOutput, passed, roundsUsed, tokens,
                latencyMillis, versions, notes, error, fork, reward, constraints, newEpisode, newEnvironment,
                newSource);
    }

    /**
     * Whether this record is an agent episode. Not a JSON property: {@code episode} is the episode itself (is-getters
     * are not detected; a {@code @JsonIgnore} here would drop the {@code episode} property, which has its name).
     */
    public boolean isEpisode() {
        return episode != null;
    }

    /**
     * Steps taken, for ranking (fewer is better among equals): an episode's assistant turns, else the repair rounds.
     */
    public int steps() {
        return episode != null ? episode.assistantTurns() : roundsUsed;
    }

    /**
     * The verdicts on the final output: those of the last attempt that was kept (a rolled-back attempt's output never
     * became the final one); empty when no attempt was made.
     */
    public List<ConstraintResult> finalConstraints() {
        for (int i = attempts.size() - 1; i >= 0; i--) {
            if (!attempts.get(i).rolledBack()) {
                return attempts.get(i).constraints();
            }
        }
        return List.of();
    }

    /**
     * The reward of the final output: the stored one, or for a record written without one the share of constraints
     * the final output meets (records carry no weights); 0 for a run that ended in an error or made no attempt.
     */
    public double rewardValue() {
        if (reward != null) {
            return reward.value();
        }
        return error != null || attempts.isEmpty() ? 0 : ConstraintResult.shareMet(finalConstraints());
    }

    /** The kept attempt that produced the final output, or null when no attempt was made. */
    public AttemptRecord finalAttempt() {
        for (int i = attempts.size() - 1; i >= 0; i--) {
            if (!attempts.get(i).rolledBack()) {
                return attempts.get(i);
            }
        }
        return null;
    }
}

package io.trace2train.api.export;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.record.ComplianceRecord;
import java.util.List;

/**
 * The records of one task in a run: one for a plain run, one per fork for a rollout, ranked best first by the
 * verifier's reward (all hard constraints pass, then reward, then fewer steps (an episode's assistant turns, else
 * repair rounds) and tokens, then fork index).
 *
 * @param taskId the task
 * @param ranked its records, best first
 */
public record TaskRecords(String taskId, List<ComplianceRecord> ranked) {

    public TaskRecords {
        requireNonNull(taskId, "taskId");
        ranked = List.copyOf(ranked);
        if (ranked.isEmpty()) {
            throw new IllegalArgumentException("task " + taskId + " has no records");
        }
    }
}

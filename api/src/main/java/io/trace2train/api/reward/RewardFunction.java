package io.trace2train.api.reward;

import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.RewardRecord;
import io.trace2train.api.task.TaskSpec;

/**
 * Scores a record's final output: the reward that ranks the forks of a rollout and that reward exports carry. A
 * plugin contributes reward functions by name; the verifier's verdicts are the usual input, an LLM judge could be
 * another. Thread-safe and deterministic.
 */
public interface RewardFunction {

    /** The name configuration chooses it by, e.g. {@code "constraint_share"}. */
    String name();

    /** Bumped whenever the same record would score differently. */
    String version();

    /**
     * @param task the task the record ran (its constraints' levels and weights)
     * @param record the finished record (its final output's verdicts are {@link ComplianceRecord#finalConstraints()})
     */
    RewardRecord score(TaskSpec task, ComplianceRecord record);
}

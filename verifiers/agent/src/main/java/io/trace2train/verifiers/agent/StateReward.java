package io.trace2train.verifiers.agent;

import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.ConstraintResult;
import io.trace2train.api.record.RewardRecord;
import io.trace2train.api.reward.RewardFunction;
import io.trace2train.api.task.ConstraintLevel;
import io.trace2train.api.task.TaskSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code state}: τ-bench's 0/1 reward expressed through the constraints. 1.0 iff every {@code env:state_matches}
 * and {@code answer:told_user} verdict of the final output passes (a not checkable one does not), else 0.0; 0.0 for
 * a run that ended in an error or made no attempt; 1.0 for a task with neither kind of constraint (τ-bench gives 1 to
 * a task with no actions and no outputs). {@code all_hard_passed} as usual: every hard constraint holds.
 */
public final class StateReward implements RewardFunction {

    public static final String NAME = "state";
    /** The constraints whose verdicts make the reward. */
    static final Set<String> JUDGED = Set.of(StateMatches.ID, ToldUser.ID);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public RewardRecord score(TaskSpec task, ComplianceRecord record) {
        boolean answered = record.error() == null && !record.attempts().isEmpty();
        List<ConstraintResult> results = answered ? record.finalConstraints() : List.of();
        List<ConstraintResult> judged = results.stream().filter(r -> JUDGED.contains(r.verifier())).toList();
        long met = judged.stream().filter(ConstraintResult::passed).count();
        boolean allHard = answered && results.stream().filter(r -> r.level() == ConstraintLevel.HARD)
                .allMatch(ConstraintResult::passed);
        double value = answered && met == judged.size() ? 1.0 : 0.0;
        return new RewardRecord(NAME, version(), value, allHard,
                Map.of("state_checks_met", (double) met, "state_checks_total", (double) judged.size()));
    }
}

package io.trace2train.engine.rollout;

import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.ConstraintResult;
import java.util.Comparator;
import java.util.List;

/**
 * Orders the forks of a task by the verifier's reward: forks that pass every hard constraint first; then the higher
 * reward (the weighted share of constraints met, soft ones included); then fewer repair rounds; then fewer tokens;
 * then the lower fork index, so the order is total and the same on every run.
 */
public final class ForkRanker {

    public static final Comparator<ComplianceRecord> BEST_FIRST = Comparator
            .comparing(ComplianceRecord::passed).reversed()
            .thenComparing(Comparator.comparingDouble(ForkRanker::reward).reversed())
            .thenComparingInt(ComplianceRecord::roundsUsed)
            .thenComparingInt(r -> r.tokens().total())
            .thenComparingInt(r -> r.fork() == null ? 0 : r.fork().index());

    private ForkRanker() {
    }

    public static List<ComplianceRecord> rank(List<ComplianceRecord> forks) {
        return forks.stream().sorted(BEST_FIRST).toList();
    }

    /** The stored reward; for a record written without one, the unweighted share of constraints its output meets. */
    public static double reward(ComplianceRecord record) {
        if (record.reward() != null) {
            return record.reward().value();
        }
        List<ConstraintResult> results = record.finalConstraints();
        return results.isEmpty() || record.error() != null ? 0
                : (double) results.stream().filter(ConstraintResult::passed).count() / results.size();
    }
}

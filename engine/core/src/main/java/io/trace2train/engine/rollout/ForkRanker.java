package io.trace2train.engine.rollout;

import io.trace2train.api.record.ComplianceRecord;
import java.util.Comparator;
import java.util.List;

/**
 * Orders the forks of a task by the verifier's reward: forks that pass every hard constraint first; then the higher
 * reward (the weighted share of constraints met, soft ones included, or an environment's state reward); then fewer
 * steps (an episode's assistant turns, a single answer's repair rounds); then fewer tokens; then the lower fork
 * index, so the order is total and the same on every run. Single answers and agent episodes share this one order.
 */
final class ForkRanker {

    static final Comparator<ComplianceRecord> BEST_FIRST = Comparator
            .comparing(ComplianceRecord::passed).reversed()
            .thenComparing(Comparator.comparingDouble(ComplianceRecord::rewardValue).reversed())
            .thenComparingInt(ComplianceRecord::steps)
            .thenComparingInt(r -> r.tokens().total())
            .thenComparingInt(r -> r.fork() == null ? 0 : r.fork().index());

    private ForkRanker() {
    }

    static List<ComplianceRecord> rank(List<ComplianceRecord> forks) {
        return forks.stream().sorted(BEST_FIRST).toList();
    }
}

package io.trace2train.engine.reward;

import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.ConstraintResult;
import io.trace2train.api.record.RewardRecord;
import io.trace2train.api.reward.RewardFunction;
import io.trace2train.api.task.ConstraintLevel;
import io.trace2train.api.task.TaskSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The default reward: the weighted share of the task's constraints (hard and soft) that the final output meets, in
 * [0, 1]. A run that ended in an error, or made no attempt, scores 0: its output is not an answer.
 */
public final class ConstraintShareReward implements RewardFunction {

    public static final String NAME = "constraint_share";

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
        List<ConstraintResult> results = record.error() == null ? record.finalConstraints() : List.of();
        boolean answered = record.error() == null && !record.attempts().isEmpty();
        double weightMet = 0;
        double weightAll = 0;
        int hard = 0;
        int hardMet = 0;
        int soft = 0;
        int softMet = 0;
        // weights relative to the largest, so that no sum overflows whatever the weights
        double largest = results.stream().mapToDouble(r -> task.constraints().get(r.index()).weight()).max()
                .orElse(1);
        for (ConstraintResult result : results) {
            double weight = task.constraints().get(result.index()).weight() / largest;
            weightAll += weight;
            if (result.passed()) {
                weightMet += weight;
            }
            if (result.level() == ConstraintLevel.HARD) {
                hard++;
                hardMet += result.passed() ? 1 : 0;
            } else {
                soft++;
                softMet += result.passed() ? 1 : 0;
            }
        }
        boolean allHard = answered && hardMet == hard;
        double share = !answered ? 0 : weightAll == 0 ? 1 : weightMet / weightAll;
        Map<String, Double> parts = new LinkedHashMap<>();
        parts.put("weighted_share", share);
        parts.put("hard_met", (double) hardMet);
        parts.put("hard_total", (double) hard);
        parts.put("soft_met", (double) softMet);
        parts.put("soft_total", (double) soft);
        return new RewardRecord(NAME, version(), share, allHard, parts);
    }
}

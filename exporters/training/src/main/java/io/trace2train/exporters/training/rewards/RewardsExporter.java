package io.trace2train.exporters.training.rewards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trace2train.api.export.ExportRow;
import io.trace2train.api.export.TaskRecords;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.ConstraintResult;
import io.trace2train.api.task.ConstraintSpec;
import io.trace2train.exporters.training.Flavor;
import io.trace2train.exporters.training.FormatExporter;
import io.trace2train.exporters.training.Rows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One row per record that ended with an answer (runs that ended in an error are left out): the prompt, the final
 * output, its reward with the function that gave it and the reward's parts, and each constraint with its arguments
 * (a JSON string, so that every verifier's arguments have one column type) and its verdict.
 */
final class RewardsExporter extends FormatExporter {

    private static final ObjectMapper JSON = new ObjectMapper();

    RewardsExporter(Flavor flavor) {
        super("rewards", flavor);
    }

    @Override
    public void export(TaskRecords task, Consumer<ExportRow> rows) {
        for (ComplianceRecord record : task.ranked()) {
            if (record.error() != null || record.attempts().isEmpty()) {
                continue;
            }
            double reward = record.rewardValue();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("prompt", Rows.messages(record.promptMessages()));
            row.put("completion", Rows.assistant(record.finalOutput()));
            row.put("reward", reward);
            row.put("passed", record.passed());
            // always both keys, null for a record written without a reward: one column type across the file
            row.put("reward_function", record.reward() == null ? null
                    : record.reward().function() + "/" + record.reward().version());
            row.put("reward_parts", record.reward() == null ? null : parts(record.reward().parts()));
            List<Map<String, Object>> constraints = new ArrayList<>();
            for (ConstraintResult result : record.finalConstraints()) {
                ConstraintSpec spec = record.constraints() == null || result.index() >= record.constraints().size()
                        ? null : record.constraints().get(result.index());
                Map<String, Object> verdict = new LinkedHashMap<>();
                verdict.put("index", result.index());
                verdict.put("verifier", result.verifier());
                verdict.put("verifier_version", result.verifierVersion());
                // what a reward function needs to judge a new answer the same way, without the tasks file
                verdict.put("args_json", spec == null ? null : json(spec.arguments()));
                verdict.put("weight", spec == null ? null : spec.weight());
                verdict.put("level", result.level().json());
                verdict.put("passed", result.passed());
                verdict.put("measured", result.measured());
                verdict.put("required", result.required());
                constraints.add(verdict);
            }
            row.put("constraints", constraints);
            rows.accept(new ExportRow(row, task.taskId(), record.promptMessages(),
                    List.of(record.finalOutput()), record.passed(), reward,
                    Rows.trace(record, Map.of("completion", Rows.origin(record, record.finalAttempt())))));
        }
    }

    private static String json(Map<String, Object> arguments) {
        try {
            return JSON.writeValueAsString(arguments);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the arguments of a constraint are not JSON: " + arguments, e);
        }
    }

    /** {@code [{"name", "value"}, ...]}, by name: a list has one column type whatever parts a reward function has. */
    private static List<Map<String, Object>> parts(Map<String, Double> parts) {
        List<Map<String, Object>> list = new ArrayList<>();
        parts.forEach((name, value) -> {
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("name", name);
            part.put("value", value);
            list.add(part);
        });
        return list;
    }
}

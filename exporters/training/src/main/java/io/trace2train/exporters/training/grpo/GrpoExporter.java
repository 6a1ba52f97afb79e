package io.trace2train.exporters.training.grpo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trace2train.api.export.ExportRow;
import io.trace2train.api.export.TaskRecords;
import io.trace2train.api.record.ComplianceRecord;
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
 * One row per task: its conversation as the TRL prompt, and in {@code constraints} the task row as the engine reads it
 * ({@code id, messages, constraints}) as a JSON string (one column type whatever the verifiers' arguments), so that a
 * reward function posts it back to {@code /v1/verify} with each sampled completion. Agent episodes are left out:
 * the service judges single answers.
 */
final class GrpoExporter extends FormatExporter {

    private static final ObjectMapper JSON = new ObjectMapper();

    GrpoExporter(Flavor flavor) {
        super("grpo", flavor);
    }

    @Override
    public void export(TaskRecords task, Consumer<ExportRow> rows) {
        // every record of a task carries the same prompt and constraints: the best ranked one speaks for the task
        ComplianceRecord record = task.ranked().stream().filter(r -> !r.isEpisode() && r.constraints() != null)
                .findFirst().orElse(null);
        if (record == null) {
            return;
        }
        String constraints = taskRow(record);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("prompt", Rows.messages(record.promptMessages()));
        row.put("constraints", constraints);
        // the row trains on no answer; its constraints are what makes it distinct for the same prompt
        rows.accept(new ExportRow(row, task.taskId(), record.promptMessages(), List.of(constraints),
                record.passed(), record.rewardValue(), Rows.trace(record, Map.of())));
    }

    /** The task row the engine reads: {@code id, messages, constraints[{verifier, args, level, priority, weight}]}. */
    static String taskRow(ComplianceRecord record) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", record.taskId());
        row.put("messages", Rows.messages(record.promptMessages()));
        List<Map<String, Object>> constraints = new ArrayList<>();
        for (ConstraintSpec spec : record.constraints()) {
            Map<String, Object> constraint = new LinkedHashMap<>();
            constraint.put("verifier", spec.verifier());
            constraint.put("args", spec.arguments());
            constraint.put("level", spec.level().json());
            constraint.put("priority", spec.priority());
            constraint.put("weight", spec.weight());
            constraints.add(constraint);
        }
        row.put("constraints", constraints);
        try {
            return JSON.writeValueAsString(row);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a task's constraints are not JSON: " + record.taskId(), e);
        }
    }
}

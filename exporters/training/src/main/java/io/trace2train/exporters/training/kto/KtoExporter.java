package io.trace2train.exporters.training.kto;

import io.trace2train.api.export.ExportRow;
import io.trace2train.api.export.TaskRecords;
import io.trace2train.api.record.AttemptRecord;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.ConstraintResult;
import io.trace2train.exporters.training.Flavor;
import io.trace2train.exporters.training.FormatExporter;
import io.trace2train.exporters.training.Rows;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One row per attempt of every record (first drafts, retries, repairs, rolled-back repairs): the task's original
 * conversation as the prompt, never the repair prompt, and the attempt's text labelled by whether it passes every
 * hard constraint. TRL's conversational unpaired preference rows: {@code {"prompt", "completion", "label"}}.
 */
final class KtoExporter extends FormatExporter {

    KtoExporter(Flavor flavor) {
        super("kto", flavor);
    }

    @Override
    public void export(TaskRecords task, Consumer<ExportRow> rows) {
        for (ComplianceRecord record : task.ranked()) {
            for (AttemptRecord attempt : record.attempts()) {
                boolean label = attempt.passesHard();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("prompt", Rows.messages(record.promptMessages()));
                row.put("completion", Rows.assistant(attempt.output()));
                row.put("label", label);
                rows.accept(new ExportRow(row, task.taskId(), record.promptMessages(), attempt.output(), label,
                        ConstraintResult.shareMet(attempt.constraints()),
                        Rows.trace(record, Map.of("completion", Rows.origin(record, attempt)))));
            }
        }
    }
}

package io.trace2train.exporters.training.kto;

import io.trace2train.api.export.ExportRow;
import io.trace2train.api.export.TaskRecords;
import io.trace2train.api.record.AttemptRecord;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.ConstraintResult;
import io.trace2train.exporters.training.Flavor;
import io.trace2train.exporters.training.FormatExporter;
import io.trace2train.exporters.training.Rows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
                rows.accept(new ExportRow(row, task.taskId(), record.promptMessages(), List.of(attempt.output()),
                        label,
                        ConstraintResult.shareMet(attempt.constraints()),
                        Rows.trace(record, Map.of("completion", Rows.origin(record, attempt)))));
            }
        }
    }

    /**
     * The label balance, and TRL's advice when it is off: KTOTrainer (default weights 1.0) warns unless the
     * desirable rows are between 1 and 1.33 times the undesirable ones, and recommends weights from the counts as
     * below (Eq. 8 of the KTO paper).
     */
    @Override
    public List<String> report(long rows, long passedRows) {
        List<String> lines = new ArrayList<>(super.report(rows, passedRows));
        long desirable = passedRows;
        long undesirable = rows - passedRows;
        lines.add(String.format(Locale.ROOT, "labels: %d desirable (true), %d undesirable (false)", desirable,
                undesirable));
        if (rows > 0 && (desirable == 0 || undesirable == 0)) {
            lines.add("warning: every row has the same label; KTO needs both desirable and undesirable examples");
        } else if (rows > 0 && !TrlKtoWeights.inRange(desirable, undesirable)) {
            lines.add("warning: " + TrlKtoWeights.advice(desirable, undesirable));
        }
        return lines;
    }
}

package io.trace2train.exporters.training.sft;

import io.trace2train.api.export.ExportRow;
import io.trace2train.api.export.TaskRecords;
import io.trace2train.api.export.TrainingTexts;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.exporters.training.Flavor;
import io.trace2train.exporters.training.FormatExporter;
import io.trace2train.exporters.training.Rows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One row per passing record: the task's conversation followed by the final output as the assistant's turn. TRL's
 * conversational language-modelling rows and OpenAI's chat fine-tuning rows are both {@code {"messages": [...]}}.
 */
final class SftExporter extends FormatExporter {

    private final boolean bestOnly;

    SftExporter(Flavor flavor, boolean bestOnly) {
        super("sft", flavor);
        this.bestOnly = bestOnly;
    }

    @Override
    public void export(TaskRecords task, Consumer<ExportRow> rows) {
        // the best is the top passing fork with a visible answer: the ranker may put a blank one that passes first
        List<ComplianceRecord> candidates = task.ranked().stream()
                .filter(r -> r.passed() && (!bestOnly || !TrainingTexts.isBlank(r.finalOutput())))
                .limit(bestOnly ? 1 : Long.MAX_VALUE).toList();
        for (ComplianceRecord record : candidates) {
            List<Object> messages = new ArrayList<>(Rows.messages(record.promptMessages()));
            messages.addAll(Rows.assistant(record.finalOutput()));
            rows.accept(new ExportRow(Map.of("messages", messages), task.taskId(), record.promptMessages(),
                    List.of(record.finalOutput()), true, record.rewardValue(),
                    Rows.trace(record, Map.of("completion", Rows.origin(record, record.finalAttempt())))));
        }
    }
}

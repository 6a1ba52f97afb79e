package io.trace2train.exporters.training.kto;

import io.trace2train.api.export.ExportRow;
import io.trace2train.api.export.TaskRecords;
import io.trace2train.api.record.AttemptRecord;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.ConstraintResult;
import io.trace2train.exporters.training.EpisodeMessages;
import io.trace2train.exporters.training.Flavor;
import io.trace2train.exporters.training.FormatExporter;
import io.trace2train.exporters.training.Rows;
import io.trace2train.exporters.training.SkippedEpisodes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One row per attempt of every record (first drafts, retries, repairs, rolled-back repairs): the task's original
 * conversation as the prompt, never the repair prompt, and the attempt's text labelled by whether it passes every
 * hard constraint. TRL's conversational unpaired preference rows: {@code {"prompt", "completion", "label"}}; an
 * agent episode is one row with its {@code tools} (see {@link #episodeRow}).
 */
final class KtoExporter extends FormatExporter {

    private final SkippedEpisodes skipped = new SkippedEpisodes(counts);

    KtoExporter(Flavor flavor) {
        super("kto", flavor);
    }

    @Override
    public void export(TaskRecords task, Consumer<ExportRow> rows) {
        for (ComplianceRecord record : task.ranked()) {
            if (record.isEpisode()) {
                episodeRow(task, record, rows);
                continue;
            }
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
     * One row per episode that ended without an error: the task's conversation as the prompt, everything the agent
     * did as the completion (TRL's KTOTrainer applies the chat template to prompt plus completion and trains on the
     * completion's tokens), with the tools, labelled by whether the episode passes every hard constraint.
     */
    private void episodeRow(TaskRecords task, ComplianceRecord record, Consumer<ExportRow> rows) {
        if (record.error() != null) {
            return;
        }
        Optional<EpisodeMessages.Split> split;
        try {
            split = EpisodeMessages.split(flavor, record.episode());
        } catch (EpisodeMessages.MalformedArguments e) {
            skipped.add(record, e);
            return;
        }
        if (split.isEmpty()) {
            return;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("prompt", split.get().prompt());
        row.put("completion", split.get().completion());
        row.put("label", record.passed());
        row.put("tools", EpisodeMessages.tools(record.episode().tools()));
        rows.accept(new ExportRow(row, task.taskId(), split.get().promptMessages(),
                List.of(split.get().completionText()), record.passed(), record.rewardValue(),
                Rows.trace(record, Map.of("completion", Rows.origin(record, record.finalAttempt())))));
    }

    /**
     * The label balance, and TRL's advice when it is off: KTOTrainer (default weights 1.0) warns unless the
     * desirable rows are between 1 and 1.33 times the undesirable ones, and recommends weights from the counts as
     * below (Eq. 8 of the KTO paper).
     */
    @Override
    public List<String> report(long rows, long passedRows) {
        List<String> lines = new ArrayList<>(super.report(rows, passedRows));
        lines.addAll(skipped.report());
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

package io.trace2train.exporters.training.sft;

import io.trace2train.api.export.ExportRow;
import io.trace2train.api.export.TaskRecords;
import io.trace2train.api.export.TrainingTexts;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.Episode;
import io.trace2train.api.task.Role;
import io.trace2train.exporters.training.EpisodeMessages;
import io.trace2train.exporters.training.Flavor;
import io.trace2train.exporters.training.FormatExporter;
import io.trace2train.exporters.training.Rows;
import io.trace2train.exporters.training.SkippedEpisodes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One row per passing record: the task's conversation followed by the final output as the assistant's turn. TRL's
 * conversational language-modelling rows and OpenAI's chat fine-tuning rows are both {@code {"messages": [...]}}.
 *
 * <p>An agent episode is a tool-calling row: TRL's {@code {messages, tools}} (arguments as objects) and OpenAI's
 * {@code {messages, tools, parallel_tool_calls}} (arguments as JSON strings). Trained on all its assistant turns, or
 * on the final one only: OpenAI's per-message {@code weight} (0 on the earlier assistant turns, 1 on the last), and
 * for TRL its conversational prompt-completion row {@code {prompt, completion, tools}} (everything before the last
 * assistant turn is the prompt; SFTTrainer computes the loss on the completion only).
 */
final class SftExporter extends FormatExporter {

    private final boolean bestOnly;
    private final TrainOn trainOn;
    private final SkippedEpisodes skipped = new SkippedEpisodes(counts);

    SftExporter(Flavor flavor, boolean bestOnly, TrainOn trainOn) {
        super("sft", flavor);
        this.bestOnly = bestOnly;
        this.trainOn = trainOn;
    }

    @Override
    public void export(TaskRecords task, Consumer<ExportRow> rows) {
        // the best is the top passing fork with a visible answer: the ranker may put a blank one that passes first
        List<ComplianceRecord> candidates = task.ranked().stream()
                .filter(r -> r.passed() && (!bestOnly || !TrainingTexts.isBlank(r.finalOutput())))
                .limit(bestOnly ? 1 : Long.MAX_VALUE).toList();
        for (ComplianceRecord record : candidates) {
            if (record.isEpisode()) {
                episodeRow(task, record, rows);
                continue;
            }
            List<Object> messages = new ArrayList<>(Rows.messages(record.promptMessages()));
            messages.addAll(Rows.assistant(record.finalOutput()));
            rows.accept(new ExportRow(Map.of("messages", messages), task.taskId(), record.promptMessages(),
                    List.of(record.finalOutput()), true, record.rewardValue(),
                    Rows.trace(record, Map.of("completion", Rows.origin(record, record.finalAttempt())))));
        }
    }

    private void episodeRow(TaskRecords task, ComplianceRecord record, Consumer<ExportRow> rows) {
        Episode episode = record.episode();
        List<ChatMessage> messages = episode.messages();
        int last = episode.finalAnswerIndex();
        int promptLength = EpisodeMessages.promptLength(episode);
        if (last < 0) {
            return;
        }
        // the trained part: from the agent's first turn (all), or its last turn (final), to the end
        int from = trainOn == TrainOn.FINAL ? last : promptLength;
        Map<String, Object> row = new LinkedHashMap<>();
        try {
            if (flavor == Flavor.TRL && trainOn == TrainOn.FINAL) {
                row.put("prompt", EpisodeMessages.messages(flavor, messages.subList(0, last)));
                row.put("completion", EpisodeMessages.messages(flavor, messages.subList(last, messages.size())));
            } else {
                List<Map<String, Object>> list = EpisodeMessages.messages(flavor, messages);
                if (flavor == Flavor.OPENAI && trainOn == TrainOn.FINAL) {
                    for (int i = 0; i < list.size(); i++) {
                        if (messages.get(i).role() == Role.ASSISTANT) {
                            list.get(i).put("weight", i == last ? 1 : 0);
                        }
                    }
                }
                row.put("messages", list);
            }
        } catch (EpisodeMessages.MalformedArguments e) {
            skipped.add(record, e);
            return;
        }
        row.put("tools", EpisodeMessages.tools(episode.tools()));
        if (flavor == Flavor.OPENAI) {
            row.put("parallel_tool_calls", messages.stream().anyMatch(m -> m.toolCalls().size() > 1));
        }
        rows.accept(new ExportRow(row, task.taskId(), messages.subList(0, from),
                List.of(EpisodeMessages.completionText(messages.subList(from, messages.size()))), true,
                record.rewardValue(),
                Rows.trace(record, Map.of("completion", Rows.origin(record, record.finalAttempt())))));
    }

    @Override
    public List<String> report(long rows, long passedRows) {
        List<String> lines = new ArrayList<>(super.report(rows, passedRows));
        lines.addAll(skipped.report());
        return lines;
    }
}

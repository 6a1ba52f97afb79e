package io.trace2train.api.export;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.task.ChatMessage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of a training file and what the engine needs to filter and trace it.
 *
 * @param row the row as the trainer reads it (JSON-shaped values: maps, lists, strings, numbers, booleans)
 * @param taskId the task it comes from
 * @param prompt the prompt the row trains on (the task's original conversation); its SHA-256 is the row's
 *     {@code prompt_id} and a de-duplication key
 * @param completions the texts the row trains on, in the order the row holds them (one; for a pair the chosen
 *     then the rejected): together they make the row distinct for the same prompt (the other de-duplication key),
 *     and a row with a blank one is skipped (see {@link TrainingTexts})
 * @param passed whether the row's (chosen) completion passes every hard constraint
 * @param reward the reward of the row's (chosen) completion
 * @param trace where the row comes from: record ids, model, seeds, attempt indices
 */
public record ExportRow(Map<String, Object> row, String taskId, List<ChatMessage> prompt, List<String> completions,
        boolean passed, double reward, Map<String, Object> trace) {

    public ExportRow {
        row = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(row, "row")));
        requireNonNull(taskId, "taskId");
        prompt = List.copyOf(prompt);
        completions = List.copyOf(completions);
        if (completions.isEmpty()) {
            throw new IllegalArgumentException("a row of task " + taskId + " trains on no completion");
        }
        trace = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(trace, "trace")));
    }
}

package io.trace2train.backends.replay;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.task.ChatMessage;
import java.util.List;

/**
 * One episode of an OpenAI-format log, replayed turn by turn.
 *
 * @param taskId the line's {@code task_id} as text (τ-bench writes integers); null when the line has none
 * @param messages the whole conversation, its assistant turns the answers to replay
 * @param where {@code FILE:LINE} of the line, for messages
 */
record RecordedEpisode(String taskId, List<ChatMessage> messages, String where) {

    RecordedEpisode {
        messages = List.copyOf(messages);
        requireNonNull(where, "where");
    }
}

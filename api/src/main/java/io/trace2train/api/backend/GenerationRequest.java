package io.trace2train.api.backend;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.Role;
import java.util.List;

/**
 * One call to a model.
 *
 * @param taskId the task being run, so that a backend answering from records can find the answer
 * @param messages the conversation to continue
 * @param settings how to sample
 */
public record GenerationRequest(String taskId, List<ChatMessage> messages, GenerationSettings settings) {

    public GenerationRequest {
        requireNonNull(taskId, "taskId");
        messages = List.copyOf(messages);
        requireNonNull(settings, "settings");
    }

    /**
     * Whether this asks for the first answer to a task's own conversation (one user message, no assistant turn yet),
     * rather than a retry or repair, which add turns: recorded answers can answer only this kind.
     */
    public boolean opensConversation() {
        return messages.stream().noneMatch(m -> m.role() == Role.ASSISTANT)
                && messages.stream().filter(m -> m.role() == Role.USER).count() == 1;
    }
}

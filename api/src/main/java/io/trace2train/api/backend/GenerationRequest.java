package io.trace2train.api.backend;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.env.ToolDefinition;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.Role;
import java.util.List;

/**
 * One call to a model.
 *
 * @param taskId the task being run, so that a backend answering from records can find the answer
 * @param messages the conversation to continue
 * @param settings how to sample
 * @param tools the functions the model may call (OpenAI function definitions); empty for a plain answer. A backend
 *     that {@linkplain ModelBackend#supportsTools() does not support tools} refuses a request that has some.
 */
public record GenerationRequest(String taskId, List<ChatMessage> messages, GenerationSettings settings,
        List<ToolDefinition> tools) {

    public GenerationRequest {
        requireNonNull(taskId, "taskId");
        messages = List.copyOf(messages);
        requireNonNull(settings, "settings");
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    /** A request without tools. */
    public GenerationRequest(String taskId, List<ChatMessage> messages, GenerationSettings settings) {
        this(taskId, messages, settings, List.of());
    }

    /** The same request with another seed (a fork). */
    public GenerationRequest withSeed(long seed) {
        return new GenerationRequest(taskId, messages, settings.withSeed(seed), tools);
    }

    /** The same request with another temperature. */
    public GenerationRequest withTemperature(double temperature) {
        return new GenerationRequest(taskId, messages, settings.withTemperature(temperature), tools);
    }

    /** The same request sampled as {@code fork} is: its seed and temperature. */
    public GenerationRequest withFork(ForkSampling fork) {
        return new GenerationRequest(taskId, messages, fork.applyTo(settings), tools);
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

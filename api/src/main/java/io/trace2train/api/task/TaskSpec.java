package io.trace2train.api.task;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A task an agent is run on: the conversation that instructs it and the constraints its answer must meet.
 *
 * @param id unique within a task file
 * @param messages the instruction: an optional system message, then the conversation (at least one user message)
 * @param constraints what the answer is checked against
 */
public record TaskSpec(String id, List<ChatMessage> messages, List<ConstraintSpec> constraints) {

    public TaskSpec {
        requireNonNull(id, "id");
        messages = List.copyOf(messages);
        constraints = List.copyOf(constraints);
        if (messages.stream().noneMatch(m -> m.role() == Role.USER)) {
            throw new IllegalArgumentException("task " + id + " has no user message");
        }
    }

    /** A single-prompt task: one user message. */
    public static TaskSpec ofPrompt(String id, String prompt, List<ConstraintSpec> constraints) {
        return new TaskSpec(id, List.of(ChatMessage.user(prompt)), constraints);
    }

    /** The text of the first user message: the prompt of a single-prompt task, the key recorded answers join on. */
    public String prompt() {
        return messages.stream().filter(m -> m.role() == Role.USER).findFirst().orElseThrow().content();
    }
}

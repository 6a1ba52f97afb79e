package io.trace2train.api.task;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.trace2train.api.env.EnvironmentSpec;
import io.trace2train.api.env.ToolDefinition;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A task an agent is run on: the conversation that instructs it, the tools and world it may act on, and the
 * constraints its answer (or its whole episode) must meet. The tool fields appear in JSON only where they are set, so
 * a single-answer task reads, writes and hashes as it always did.
 *
 * @param id unique within a task file
 * @param messages the instruction: an optional system message, then the conversation (at least one user message)
 * @param constraints what the answer is checked against; a verifier of episode scope checks the whole episode
 * @param tools the functions the agent is offered (OpenAI function definitions); empty for a plain task
 * @param environment the world the tools act on; null when there is none (tool results then come from a log)
 * @param user the user side after the task's messages (scripted turns or a simulator); null when the agent's first
 *     answer to the user ends the episode
 */
public record TaskSpec(String id, List<ChatMessage> messages, List<ConstraintSpec> constraints,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ToolDefinition> tools,
        @JsonInclude(JsonInclude.Include.NON_NULL) EnvironmentSpec environment,
        @JsonInclude(JsonInclude.Include.NON_NULL) UserSpec user) {

    public TaskSpec {
        requireNonNull(id, "id");
        messages = List.copyOf(messages);
        constraints = List.copyOf(constraints);
        tools = tools == null ? List.of() : List.copyOf(tools);
        if (messages.stream().noneMatch(m -> m.role() == Role.USER)) {
            throw new IllegalArgumentException("task " + id + " has no user message");
        }
        Set<String> names = new HashSet<>();
        for (ToolDefinition tool : tools) {
            if (!names.add(tool.name())) {
                throw new IllegalArgumentException("task " + id + " offers tool '" + tool.name() + "' twice");
            }
        }
    }

    /** A task without a user side after its messages. */
    public TaskSpec(String id, List<ChatMessage> messages, List<ConstraintSpec> constraints, List<ToolDefinition> tools,
            EnvironmentSpec environment) {
        this(id, messages, constraints, tools, environment, null);
    }

    /** A task without tools. */
    public TaskSpec(String id, List<ChatMessage> messages, List<ConstraintSpec> constraints) {
        this(id, messages, constraints, List.of(), null, null);
    }

    /** A single-prompt task: one user message. */
    public static TaskSpec ofPrompt(String id, String prompt, List<ConstraintSpec> constraints) {
        return new TaskSpec(id, List.of(ChatMessage.user(prompt)), constraints);
    }

    /** The text of the first user message: the prompt of a single-prompt task, the key recorded answers join on. */
    public String prompt() {
        return messages.stream().filter(m -> m.role() == Role.USER).findFirst().orElseThrow().content();
    }

    /** Whether the task offers tools (an agent task). */
    public boolean hasTools() {
        return !tools.isEmpty();
    }
}

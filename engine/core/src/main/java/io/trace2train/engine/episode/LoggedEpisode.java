package io.trace2train.engine.episode;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.env.EnvironmentSpec;
import io.trace2train.api.env.ToolDefinition;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.ConstraintSpec;
import io.trace2train.api.task.Episode;
import java.util.List;

/**
 * One episode as a log holds it, structure checked.
 *
 * @param taskKey the task it belongs to: the log's {@code task_id}, else a hash of its system and first user message
 * @param trial τ-bench's trial number; null where the log has none (the fork is then the order within the task)
 * @param messages the whole conversation
 * @param tools the tools the log says were offered (empty where it says none)
 * @param constraints the constraints the log gives for this episode (the format's own ones come on top)
 * @param environment the environment the log names; null where it names none
 * @param line where the episode starts in the file (1-based)
 * @param loggedReward the reward the log recorded; null where it has none
 * @param model the model the log names; null where it names none
 * @param userInstruction what the log's user simulator was told (τ-bench's task {@code instruction}); null where the
 *     log has none
 */
public record LoggedEpisode(String taskKey, Integer trial, List<ChatMessage> messages, List<ToolDefinition> tools,
        List<ConstraintSpec> constraints, EnvironmentSpec environment, int line, Double loggedReward, String model,
        String userInstruction) {

    public LoggedEpisode {
        requireNonNull(taskKey, "taskKey");
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        constraints = List.copyOf(constraints);
    }

    public Episode episode(List<ToolDefinition> offered) {
        return new Episode(messages, offered);
    }

    /** The task's prompt: the messages before the agent's first one. */
    public List<ChatMessage> promptMessages() {
        int first = 0;
        while (first < messages.size() && messages.get(first).role() != io.trace2train.api.task.Role.ASSISTANT) {
            first++;
        }
        return messages.subList(0, first);
    }
}

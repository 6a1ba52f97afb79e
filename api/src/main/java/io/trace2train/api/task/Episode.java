package io.trace2train.api.task;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.env.ToolCall;
import io.trace2train.api.env.ToolDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * An agent episode: every message in order (system, user, assistant turns with their tool calls, tool results) and
 * the tools the agent was offered. Importers check its structure (each result answers a known call, ids unique) and
 * report breaks by file and line; the constraints judge what the agent did.
 *
 * @param messages the whole conversation, the task's prompt included
 * @param tools the function definitions offered to the agent
 */
public record Episode(List<ChatMessage> messages, List<ToolDefinition> tools) {

    public Episode {
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
    }

    /**
     * One tool call of the episode.
     *
     * @param message the index in {@link #messages()} of the assistant message that makes it
     * @param call the call
     */
    public record Call(int message, ToolCall call) {

        public Call {
            requireNonNull(call, "call");
        }
    }

    /** Every tool call, in order (parallel calls of one turn in their listed order). */
    public List<Call> calls() {
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            for (ToolCall call : messages.get(i).toolCalls()) {
                calls.add(new Call(i, call));
            }
        }
        return calls;
    }

    /** The index of the last assistant message, or -1 when the agent never spoke. */
    public int finalAnswerIndex() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role() == Role.ASSISTANT) {
                return i;
            }
        }
        return -1;
    }

    /** What answer-scope constraints judge: the last assistant message's text; empty when the agent never spoke. */
    public String finalAnswer() {
        int index = finalAnswerIndex();
        return index < 0 ? "" : messages.get(index).content();
    }

    /** The agent's messages to the user: the texts of its assistant messages that call no tool, in order. */
    public List<String> messagesToUser() {
        return messages.stream().filter(m -> m.role() == Role.ASSISTANT && !m.callsTools())
                .map(ChatMessage::content).toList();
    }

    /** The number of assistant turns (model calls that produced a message). */
    public int assistantTurns() {
        return (int) messages.stream().filter(m -> m.role() == Role.ASSISTANT).count();
    }

    /** The offered tool of that name, or null. */
    public ToolDefinition tool(String name) {
        for (ToolDefinition tool : tools) {
            if (tool.name().equals(name)) {
                return tool;
            }
        }
        return null;
    }
}

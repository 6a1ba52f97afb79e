package io.trace2train.api.task;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.trace2train.api.env.ToolCall;
import java.util.List;

/**
 * One message of a conversation, in the OpenAI chat shape agent logs use: {@code system}, {@code user},
 * {@code assistant} (text and/or {@code tool_calls}; several calls in one turn are parallel calls) and {@code tool}
 * (one call's result, with its {@code tool_call_id} and the tool's {@code name}). The tool fields appear in JSON only
 * where they are set, so a plain conversation reads and writes as it always did.
 *
 * @param role who speaks
 * @param content the text; empty for an assistant message that only calls tools (OpenAI logs {@code null} there)
 * @param toolCalls the calls an assistant message makes, in order; empty otherwise
 * @param toolCallId the call a tool message answers; null for every other role
 * @param name the tool's name on a tool message (optional in OpenAI's format); null otherwise
 */
public record ChatMessage(
        Role role,
        String content,
        @JsonProperty("tool_calls") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ToolCall> toolCalls,
        @JsonProperty("tool_call_id") @JsonInclude(JsonInclude.Include.NON_NULL) String toolCallId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String name) {

    public ChatMessage {
        requireNonNull(role, "role");
        content = content == null ? "" : content;
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        if (!toolCalls.isEmpty() && role != Role.ASSISTANT) {
            throw new IllegalArgumentException("only an assistant message has tool_calls, not a " + role.json()
                    + " message");
        }
        if (role == Role.TOOL && toolCallId == null) {
            throw new IllegalArgumentException("a tool message needs the tool_call_id of the call it answers");
        }
        if (role != Role.TOOL && (toolCallId != null || name != null)) {
            throw new IllegalArgumentException("only a tool message has tool_call_id and name, not a " + role.json()
                    + " message");
        }
    }

    /** A message without tool calls. */
    public ChatMessage(Role role, String content) {
        this(role, content, List.of(), null, null);
    }

    public static ChatMessage system(String content) {
        return new ChatMessage(Role.SYSTEM, content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage(Role.USER, content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage(Role.ASSISTANT, content);
    }

    /** An assistant message that calls tools, with or without text. */
    public static ChatMessage assistant(String content, List<ToolCall> calls) {
        return new ChatMessage(Role.ASSISTANT, content, calls, null, null);
    }

    /** A tool's result for call {@code callId}. */
    public static ChatMessage tool(String callId, String toolName, String content) {
        return new ChatMessage(Role.TOOL, content, List.of(), requireNonNull(callId, "callId"), toolName);
    }

    /** Whether this is an assistant message that calls tools. */
    public boolean callsTools() {
        return !toolCalls.isEmpty();
    }
}

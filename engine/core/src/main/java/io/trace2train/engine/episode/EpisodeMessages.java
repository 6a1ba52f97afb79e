package io.trace2train.engine.episode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.trace2train.api.env.ToolCall;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.Role;
import io.trace2train.engine.io.InputProblem;
import io.trace2train.engine.io.JsonLines;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an episode's messages in OpenAI's chat shape and checks its structure: roles the format has, every tool
 * result answering a call made before it, call ids used once, a user message. Arguments logged as an object are
 * re-encoded to JSON text; arguments that are not JSON are kept as logged (the agent's error, which
 * {@code tool:arguments_valid} judges).
 */
final class EpisodeMessages {

    private EpisodeMessages() {
    }

    /** The messages, or null when the structure is broken (each break added to {@code problems}). */
    static List<ChatMessage> read(JsonNode list, Path file, int line, String field, List<InputProblem> problems) {
        int before = problems.size();
        if (list == null || !list.isArray()) {
            problems.add(new InputProblem(file, line, field, "expected a list of messages"));
            return null;
        }
        List<ChatMessage> messages = new ArrayList<>();
        // call id -> where it was made, for the calls not answered yet; real logs (τ-bench's GPT-4o runs) reuse an
        // id once its call was answered, so only a reuse while the first is pending is ambiguous
        Map<String, String> calls = new HashMap<>();
        java.util.Set<String> made = new java.util.HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = field + "[" + i + "]";
            ChatMessage message = message(list.get(i), at, calls, made, file, line, problems);
            if (message != null) {
                messages.add(message);
            }
        }
        if (problems.size() == before && messages.stream().noneMatch(m -> m.role() == Role.USER)) {
            problems.add(new InputProblem(file, line, field, "no user message: an episode starts from one"));
        }
        return problems.size() == before ? messages : null;
    }

    private static ChatMessage message(JsonNode node, String at, Map<String, String> calls,
            java.util.Set<String> made, Path file, int line, List<InputProblem> problems) {
        if (!node.isObject()) {
            problems.add(new InputProblem(file, line, at, "expected a message object {role, content}"));
            return null;
        }
        Role role;
        try {
            role = Role.parse(node.path("role").isTextual() ? node.get("role").textValue()
                    : String.valueOf(node.get("role")));
        } catch (IllegalArgumentException e) {
            problems.add(new InputProblem(file, line, at + ".role", e.getMessage()));
            return null;
        }
        String content = content(node.get("content"), at + ".content", file, line, problems);
        if (content == null) {
            return null;
        }
        if (role == Role.TOOL) {
            JsonNode id = node.get("tool_call_id");
            if (id == null || !id.isTextual()) {
                problems.add(new InputProblem(file, line, at + ".tool_call_id",
                        "a tool result needs the id of the call it answers (a string)"));
                return null;
            }
            // a second result of an answered call is kept: tool:answered judges it
            if (calls.remove(id.textValue()) == null && !made.contains(id.textValue())) {
                problems.add(new InputProblem(file, line, at + ".tool_call_id", "a tool result for call '"
                        + id.textValue() + "', which no assistant message before it made"));
                return null;
            }
            JsonNode name = node.get("name");
            if (name != null && !name.isNull() && !name.isTextual()) {
                problems.add(new InputProblem(file, line, at + ".name", "expected the tool's name (a string)"));
                return null;
            }
            return ChatMessage.tool(id.textValue(), name == null || name.isNull() ? null : name.textValue(),
                    content);
        }
        JsonNode toolCalls = node.get("tool_calls");
        if (toolCalls == null || toolCalls.isNull() || toolCalls.isArray() && toolCalls.isEmpty()) {
            return new ChatMessage(role, content);
        }
        if (role != Role.ASSISTANT) {
            problems.add(new InputProblem(file, line, at + ".tool_calls", "only an assistant message calls tools,"
                    + " not a " + role.json() + " message"));
            return null;
        }
        if (!toolCalls.isArray()) {
            problems.add(new InputProblem(file, line, at + ".tool_calls", "expected a list of tool calls"));
            return null;
        }
        List<ToolCall> parsed = new ArrayList<>();
        for (int c = 0; c < toolCalls.size(); c++) {
            ToolCall call = call(toolCalls.get(c), at + ".tool_calls[" + c + "]", file, line, problems);
            if (call == null) {
                return null;
            }
            String first = calls.putIfAbsent(call.id(), at + ".tool_calls[" + c + "]");
            if (first != null) {
                problems.add(new InputProblem(file, line, at + ".tool_calls[" + c + "].id", "call id '" + call.id()
                        + "' used again before its first call (" + first + ") was answered: a tool result could"
                        + " not say which call it answers"));
                return null;
            }
            made.add(call.id());
            parsed.add(call);
        }
        return ChatMessage.assistant(content, parsed);
    }

    /** A message's text: a string, null (an assistant that only calls tools), or a list of text parts. */
    private static String content(JsonNode node, String at, Path file, int line, List<InputProblem> problems) {
        if (node == null || node.isNull()) {
            return "";
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isArray()) {
            StringBuilder text = new StringBuilder();
            for (int p = 0; p < node.size(); p++) {
                JsonNode part = node.get(p);
                if (!"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
                    problems.add(new InputProblem(file, line, at + "[" + p + "]",
                            "expected a text part {type: \"text\", text}"));
                    return null;
                }
                text.append(part.get("text").textValue());
            }
            return text.toString();
        }
        problems.add(new InputProblem(file, line, at, "expected a string, null or a list of text parts"));
        return null;
    }

    private static ToolCall call(JsonNode node, String at, Path file, int line, List<InputProblem> problems) {
        if (!node.isObject()) {
            problems.add(new InputProblem(file, line, at, "expected {id, type: \"function\", function: {name,"
                    + " arguments}}"));
            return null;
        }
        JsonNode id = node.get("id");
        if (id == null || !id.isTextual() || id.textValue().isEmpty()) {
            problems.add(new InputProblem(file, line, at + ".id", "expected the call's id (a non-empty string)"));
            return null;
        }
        JsonNode type = node.get("type");
        if (type != null && !type.isNull() && !"function".equals(type.asText())) {
            problems.add(new InputProblem(file, line, at + ".type", "expected \"function\", got " + type));
            return null;
        }
        JsonNode function = node.get("function");
        if (function == null || !function.isObject()) {
            problems.add(new InputProblem(file, line, at + ".function", "expected {name, arguments}"));
            return null;
        }
        JsonNode name = function.get("name");
        if (name == null || !name.isTextual()) {
            problems.add(new InputProblem(file, line, at + ".function.name", "expected the tool's name (a string)"));
            return null;
        }
        JsonNode arguments = function.get("arguments");
        String text;
        if (arguments == null || arguments.isNull()) {
            problems.add(new InputProblem(file, line, at + ".function.arguments",
                    "missing: a call logs its arguments (\"{}\" for none)"));
            return null;
        } else if (arguments.isTextual()) {
            text = arguments.textValue();
        } else {
            try {
                // some frameworks log the arguments as an object; the episode holds them as text, as OpenAI does
                text = JsonLines.mapper().writeValueAsString(arguments);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a parsed JSON value does not serialize", e);
            }
        }
        return new ToolCall(id.textValue(), name.textValue(), text);
    }
}

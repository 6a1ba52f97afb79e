package io.trace2train.exporters.training;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trace2train.api.env.ToolCall;
import io.trace2train.api.export.TrainingTexts;
import io.trace2train.api.env.ToolDefinition;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.Episode;
import io.trace2train.api.task.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An agent episode's messages and tools as each trainer reads them; the one representation every exporter uses.
 * TRL's flavor gives a tool call's {@code arguments} as a JSON object (its chat templates, Qwen's included, render
 * them with {@code tojson}, which would encode a JSON string a second time); OpenAI's keeps the logged JSON string,
 * as its fine-tuning format requires. Tools are OpenAI function definitions ({@code {type: "function", function:
 * {name, description, parameters}}}) in both: the list TRL passes to {@code apply_chat_template(tools=...)}.
 * A message without tool fields is {@code {role, content}}, exactly as a single answer's messages are written.
 */
public final class EpisodeMessages {

    // big decimals: an argument's number is written back as logged, not rounded through a double
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private EpisodeMessages() {
    }

    /** A tool call whose logged arguments are no JSON object, so that TRL's flavor cannot hold them as one. */
    public static final class MalformedArguments extends Exception {

        private final transient ToolCall call;

        MalformedArguments(ToolCall call, String why) {
            super("tool call " + call.id() + " (" + call.name() + "): arguments are not a JSON object (" + why + ")");
            this.call = call;
        }

        public ToolCall call() {
            return call;
        }
    }

    /**
     * The messages in {@code flavor}'s shape.
     *
     * @throws MalformedArguments in TRL's flavor, for the first call whose arguments do not parse as a JSON object
     */
    public static List<Map<String, Object>> messages(Flavor flavor, List<ChatMessage> messages)
            throws MalformedArguments {
        List<Map<String, Object>> list = new ArrayList<>(messages.size());
        for (ChatMessage message : messages) {
            list.add(message(flavor, message));
        }
        return list;
    }

    /** Offered tools as OpenAI function definitions. */
    public static List<Map<String, Object>> tools(List<ToolDefinition> tools) {
        return tools.stream().map(ToolDefinition::json).toList();
    }

    /**
     * How many messages of the episode come before the agent's first turn: the task's prompt, which KTO and the
     * rewards rows take as theirs (the rest of the episode is what the agent did).
     */
    public static int promptLength(Episode episode) {
        List<ChatMessage> messages = episode.messages();
        int i = 0;
        while (i < messages.size() && messages.get(i).role() != Role.ASSISTANT) {
            i++;
        }
        return i;
    }

    /**
     * An episode cut where the agent's part begins: the rows of KTO and rewards, whose prompt is the task's
     * conversation and whose completion is everything the agent did (its turns, the tool results between them).
     *
     * @param prompt the prompt's messages in the flavor's shape
     * @param completion the agent's part in the flavor's shape
     * @param promptMessages the prompt, for the row's prompt id
     * @param completionText the agent's part as one text (see {@link #completionText})
     */
    public record Split(List<Map<String, Object>> prompt, List<Map<String, Object>> completion,
            List<ChatMessage> promptMessages, String completionText) {
    }

    /**
     * The episode cut before the agent's first turn, or empty when the agent never spoke.
     *
     * @throws MalformedArguments as {@link #messages}
     */
    public static Optional<Split> split(Flavor flavor, Episode episode) throws MalformedArguments {
        int cut = promptLength(episode);
        List<ChatMessage> messages = episode.messages();
        if (cut == messages.size()) {
            return Optional.empty();
        }
        return Optional.of(new Split(messages(flavor, messages.subList(0, cut)),
                messages(flavor, messages.subList(cut, messages.size())), messages.subList(0, cut),
                completionText(messages.subList(cut, messages.size()))));
    }

    /**
     * What a row trains on, as one text for the engine's de-duplication and blank checks: the messages' JSON, or
     * empty when no assistant message in them says or calls anything (such a continuation trains nothing).
     */
    public static String completionText(List<ChatMessage> continuation) {
        boolean visible = continuation.stream().anyMatch(m -> m.role() == Role.ASSISTANT
                && (m.callsTools() || !TrainingTexts.isBlank(m.content())));
        if (!visible) {
            return "";
        }
        try {
            return JSON.writeValueAsString(continuation);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a message has no JSON form", e);
        }
    }

    private static Map<String, Object> message(Flavor flavor, ChatMessage message) throws MalformedArguments {
        requireNonNull(message, "message");
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("role", message.role().json());
        map.put("content", message.content());
        if (message.callsTools()) {
            List<Map<String, Object>> calls = new ArrayList<>();
            for (ToolCall call : message.toolCalls()) {
                Map<String, Object> function = new LinkedHashMap<>();
                function.put("name", call.name());
                function.put("arguments", flavor == Flavor.TRL ? object(call) : call.arguments());
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("id", call.id());
                json.put("type", "function");
                json.put("function", function);
                calls.add(json);
            }
            map.put("tool_calls", calls);
        }
        if (message.role() == Role.TOOL) {
            map.put("tool_call_id", message.toolCallId());
            if (message.name() != null) {
                map.put("name", message.name());
            }
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(ToolCall call) throws MalformedArguments {
        Object parsed;
        try {
            parsed = JSON.readValue(call.arguments(), Object.class);
        } catch (JsonProcessingException e) {
            throw new MalformedArguments(call, e.getOriginalMessage());
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new MalformedArguments(call, parsed == null ? "null" : "a JSON " + kind(parsed));
        }
        return (Map<String, Object>) map;
    }

    private static String kind(Object value) {
        return value instanceof List<?> ? "array" : value instanceof String ? "string" : "scalar";
    }
}

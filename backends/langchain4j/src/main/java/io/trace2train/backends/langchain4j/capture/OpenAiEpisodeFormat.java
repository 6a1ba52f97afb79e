package io.trace2train.backends.langchain4j.capture;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.CustomMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An episode as one line of OpenAI chat-format JSON, the shape {@code import --format openai} reads:
 * {@code {"messages": [...], "tools": [...], "metadata": {...}}} with {@code system}, {@code user}, {@code assistant}
 * ({@code content} text or null, {@code tool_calls} with the arguments as the model wrote them) and {@code tool}
 * messages, and the tools as OpenAI function definitions with their JSON Schema.
 *
 * <p>Streams the JSON rather than building a tree, and keeps each tool's definition once written: an agent offers the
 * same few tools in every call, and turning their schema into JSON is the dearest part of a line. One instance per
 * writer thread (the cache is not shared).
 */
final class OpenAiEpisodeFormat {

    /** Enough for any agent's tool set; cleared when exceeded so that generated tools cannot grow it without end. */
    private static final int CACHED_TOOLS = 512;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();

    private final Map<ToolSpecification, String> toolJson = new HashMap<>();

    /** The episode's JSON line, without the line end. */
    String line(Episode episode) {
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("messages");
            for (ChatMessage message : episode.messages()) {
                message(json, message);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("tools");
            for (ToolSpecification tool : episode.tools()) {
                json.writeRawValue(toolJson(tool));
            }
            json.writeEndArray();
            json.writeObjectFieldStart("metadata");
            json.writeStringField("source", "langchain4j");
            if (episode.model() != null) {
                json.writeStringField("model", episode.model());
            }
            json.writeBooleanField("complete", episode.complete());
            json.writeNumberField("model_calls", episode.modelCalls());
            json.writeNumberField("input_tokens", episode.inputTokens());
            json.writeNumberField("output_tokens", episode.outputTokens());
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void message(JsonGenerator json, ChatMessage message) throws IOException {
        json.writeStartObject();
        switch (message) {
            case SystemMessage system -> {
                json.writeStringField("role", "system");
                json.writeStringField("content", system.text());
            }
            case UserMessage user -> {
                json.writeStringField("role", "user");
                if (user.hasSingleText()) {
                    json.writeStringField("content", user.singleText());
                } else {
                    json.writeArrayFieldStart("content");
                    for (Content content : user.contents()) {
                        part(json, content);
                    }
                    json.writeEndArray();
                }
                if (user.name() != null) {
                    json.writeStringField("name", user.name());
                }
            }
            case AiMessage ai -> {
                json.writeStringField("role", "assistant");
                json.writeStringField("content", ai.text()); // null when the answer is only tool calls
                if (ai.hasToolExecutionRequests()) {
                    json.writeArrayFieldStart("tool_calls");
                    for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
                        json.writeStartObject();
                        json.writeStringField("id", call.id());
                        json.writeStringField("type", "function");
                        json.writeObjectFieldStart("function");
                        json.writeStringField("name", call.name());
                        json.writeStringField("arguments", call.arguments());
                        json.writeEndObject();
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                }
            }
            case ToolExecutionResultMessage result -> {
                json.writeStringField("role", "tool");
                json.writeStringField("tool_call_id", result.id());
                json.writeStringField("name", result.toolName());
                json.writeStringField("content", result.text());
            }
            case CustomMessage custom -> {
                // provider-specific (Ollama): kept whole so nothing is dropped silently; importers may refuse it
                json.writeStringField("role", "custom");
                json.writeFieldName("attributes");
                JSON.writeValue(json, custom.attributes());
            }
            default -> throw new IllegalArgumentException("unknown LangChain4j message type " + message.type());
        }
        json.writeEndObject();
    }

    private static void part(JsonGenerator json, Content content) throws IOException {
        json.writeStartObject();
        switch (content) {
            case TextContent text -> {
                json.writeStringField("type", "text");
                json.writeStringField("text", text.text());
            }
            case ImageContent image -> {
                json.writeStringField("type", "image_url");
                Image picture = image.image();
                String url = picture.url() != null ? picture.url().toString()
                        : "data:" + picture.mimeType() + ";base64," + picture.base64Data();
                json.writeObjectFieldStart("image_url");
                json.writeStringField("url", url);
                json.writeEndObject();
            }
            // audio, video, pdf: the kind only, as the OpenAI chat format has no common shape for them
            default -> json.writeStringField("type", content.type().name().toLowerCase(Locale.ROOT));
        }
        json.writeEndObject();
    }

    private String toolJson(ToolSpecification tool) throws IOException {
        String cached = toolJson.get(tool);
        if (cached == null) {
            if (toolJson.size() >= CACHED_TOOLS) {
                toolJson.clear();
            }
            cached = JSON.writeValueAsString(definition(tool));
            toolJson.put(tool, cached);
        }
        return cached;
    }

    private static Map<String, Object> definition(ToolSpecification tool) {
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", tool.name());
        if (tool.description() != null) {
            function.put("description", tool.description());
        }
        function.put("parameters", tool.parameters() != null ? JsonSchemaElementUtils.toMap(tool.parameters())
                : Map.of("type", "object", "properties", Map.of()));
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("type", "function");
        definition.put("function", function);
        return definition;
    }
}

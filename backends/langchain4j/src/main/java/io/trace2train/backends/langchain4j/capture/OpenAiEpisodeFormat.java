package io.trace2train.backends.langchain4j.capture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * An episode as one line of OpenAI chat-format JSON, the shape {@code import --format openai} reads:
 * {@code {"messages": [...], "tools": [...], "metadata": {...}}} with {@code system}, {@code user}, {@code assistant}
 * ({@code content} text or null, {@code tool_calls} with the arguments as the model wrote them) and {@code tool}
 * messages, and the tools as OpenAI function definitions with their JSON Schema.
 */
final class OpenAiEpisodeFormat {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenAiEpisodeFormat() {
    }

    /** The episode's JSON line, without the line end. */
    static String line(Episode episode) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode messages = root.putArray("messages");
        for (ChatMessage message : episode.messages()) {
            messages.add(message(message));
        }
        ArrayNode tools = root.putArray("tools");
        for (ToolSpecification tool : episode.tools()) {
            tools.add(tool(tool));
        }
        ObjectNode metadata = root.putObject("metadata");
        metadata.put("source", "langchain4j");
        if (episode.model() != null) {
            metadata.put("model", episode.model());
        }
        metadata.put("complete", episode.complete());
        metadata.put("model_calls", episode.modelCalls());
        metadata.put("input_tokens", episode.inputTokens());
        metadata.put("output_tokens", episode.outputTokens());
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of plain nodes always serializes
        }
    }

    private static ObjectNode message(ChatMessage message) {
        ObjectNode node = JSON.createObjectNode();
        switch (message) {
            case SystemMessage system -> {
                node.put("role", "system");
                node.put("content", system.text());
            }
            case UserMessage user -> {
                node.put("role", "user");
                if (user.hasSingleText()) {
                    node.put("content", user.singleText());
                } else {
                    ArrayNode parts = node.putArray("content");
                    user.contents().forEach(content -> parts.add(part(content)));
                }
                if (user.name() != null) {
                    node.put("name", user.name());
                }
            }
            case AiMessage ai -> {
                node.put("role", "assistant");
                node.put("content", ai.text()); // null when the answer is only tool calls
                if (ai.hasToolExecutionRequests()) {
                    ArrayNode calls = node.putArray("tool_calls");
                    for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
                        ObjectNode entry = calls.addObject();
                        entry.put("id", call.id());
                        entry.put("type", "function");
                        ObjectNode function = entry.putObject("function");
                        function.put("name", call.name());
                        function.put("arguments", call.arguments());
                    }
                }
            }
            case ToolExecutionResultMessage result -> {
                node.put("role", "tool");
                node.put("tool_call_id", result.id());
                node.put("name", result.toolName());
                node.put("content", result.text());
            }
            case CustomMessage custom -> {
                // provider-specific (Ollama): kept whole so nothing is dropped silently; importers may refuse it
                node.put("role", "custom");
                node.set("attributes", JSON.valueToTree(custom.attributes()));
            }
            default -> throw new IllegalArgumentException("unknown LangChain4j message type " + message.type());
        }
        return node;
    }

    private static ObjectNode part(Content content) {
        ObjectNode part = JSON.createObjectNode();
        switch (content) {
            case TextContent text -> {
                part.put("type", "text");
                part.put("text", text.text());
            }
            case ImageContent image -> {
                part.put("type", "image_url");
                Image picture = image.image();
                String url = picture.url() != null ? picture.url().toString()
                        : "data:" + picture.mimeType() + ";base64," + picture.base64Data();
                part.putObject("image_url").put("url", url);
            }
            default -> part.put("type", content.type().name().toLowerCase(Locale.ROOT)); // audio, video, pdf: kind only
        }
        return part;
    }

    private static ObjectNode tool(ToolSpecification tool) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "function");
        ObjectNode function = node.putObject("function");
        function.put("name", tool.name());
        if (tool.description() != null) {
            function.put("description", tool.description());
        }
        if (tool.parameters() != null) {
            function.set("parameters", JSON.valueToTree(JsonSchemaElementUtils.toMap(tool.parameters())));
        } else {
            ObjectNode parameters = function.putObject("parameters");
            parameters.put("type", "object");
            parameters.putObject("properties");
        }
        return node;
    }
}

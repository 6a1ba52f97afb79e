package io.trace2train.engine.dedup;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.engine.io.BadInputException;
import io.trace2train.engine.io.InputProblem;
import io.trace2train.engine.io.JsonLines;
import io.trace2train.engine.io.StrictJson;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The prompt and completion texts of one training row as {@code export} writes it, in any format and flavor:
 * <ul>
 * <li>{@code prompt} (a string or messages) with {@code completion}, {@code chosen} or {@code label}'s completion
 * (TRL's prompt-completion, DPO, KTO, rewards rows);</li>
 * <li>{@code input.messages} with {@code preferred_output} (OpenAI's DPO rows);</li>
 * <li>{@code messages} (SFT rows): the prompt the messages before the first assistant message, the completion the
 * rest, as the export splits an episode for KTO and rewards.</li>
 * </ul>
 * A message's text is its {@code content} (a string, or the {@code text} of its parts) and its tool calls' names
 * and arguments, messages joined by a line break.
 *
 * @param prompt the prompt's text
 * @param completion the completion's text (DPO: the chosen one)
 * @param id the row's task id ({@code metadata.task_id}, else {@code id}), or null
 */
public record RowText(String prompt, String completion, @Nullable String id) implements Serializable {

    private static final long serialVersionUID = 1L;

    public RowText {
        requireNonNull(prompt, "prompt");
        requireNonNull(completion, "completion");
    }

    /**
     * Reads line {@code line} of {@code file}.
     *
     * @throws BadInputException naming the file, line and field when the line is no JSON object or has no prompt
     */
    public static RowText read(Path file, int line, String text) {
        JsonNode node;
        try {
            node = JsonLines.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw bad(file, line, "", "not valid JSON: " + StrictJson.describe(e));
        }
        if (!(node instanceof ObjectNode row)) {
            throw bad(file, line, "", "expected a JSON object (a training row) but got " + node.getNodeType());
        }
        String id = id(row);
        if (row.has("prompt")) {
            return new RowText(text(file, line, "prompt", row.get("prompt")),
                    completion(file, line, row, "completion", "chosen"), id);
        }
        JsonNode input = row.get("input");
        if (input != null && input.has("messages")) {
            return new RowText(text(file, line, "input.messages", input.get("messages")),
                    completion(file, line, row, "preferred_output"), id);
        }
        JsonNode messages = row.get("messages");
        if (messages == null) {
            throw bad(file, line, "prompt", "missing: a training row has prompt, input.messages or messages");
        }
        if (!messages.isArray()) {
            throw bad(file, line, "messages", "expected an array of messages but got " + messages.getNodeType());
        }
        int first = 0;
        while (first < messages.size() && !"assistant".equals(messages.get(first).path("role").asText())) {
            first++;
        }
        StringBuilder prompt = new StringBuilder();
        StringBuilder completion = new StringBuilder();
        for (int i = 0; i < messages.size(); i++) {
            append(i < first ? prompt : completion, message(file, line, "messages[" + i + "]", messages.get(i)));
        }
        return new RowText(prompt.toString(), completion.toString(), id);
    }

    private static String completion(Path file, int line, ObjectNode row, String... fields) {
        for (String field : fields) {
            if (row.has(field)) {
                return text(file, line, field, row.get(field));
            }
        }
        return "";
    }

    /** A string, or messages' texts joined. */
    private static String text(Path file, int line, String field, JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (!value.isArray()) {
            throw bad(file, line, field, "expected a string or an array of messages but got " + value.getNodeType());
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < value.size(); i++) {
            append(text, message(file, line, field + "[" + i + "]", value.get(i)));
        }
        return text.toString();
    }

    private static String message(Path file, int line, String field, JsonNode message) {
        if (!message.isObject()) {
            throw bad(file, line, field, "expected a message object but got " + message.getNodeType());
        }
        StringBuilder text = new StringBuilder();
        JsonNode content = message.get("content");
        if (content != null && content.isTextual()) {
            text.append(content.asText());
        } else if (content != null && content.isArray()) {
            for (JsonNode part : content) {
                append(text, part.path("text").asText(""));
            }
        } else if (content != null && !content.isNull()) {
            throw bad(file, line, field + ".content", "expected a string or an array of parts but got "
                    + content.getNodeType());
        }
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = call.path("function");
            JsonNode arguments = function.path("arguments");
            append(text, function.path("name").asText("") + " "
                    + (arguments.isTextual() ? arguments.asText() : arguments.isMissingNode() ? "" : arguments.toString()));
        }
        return text.toString();
    }

    private static void append(StringBuilder text, String part) {
        if (part.isEmpty()) {
            return;
        }
        if (!text.isEmpty()) {
            text.append('\n');
        }
        text.append(part);
    }

    private static @Nullable String id(ObjectNode row) {
        JsonNode task = row.path("metadata").path("task_id");
        if (task.isValueNode() && !task.isNull()) {
            return task.asText();
        }
        JsonNode id = row.get("id");
        return id != null && id.isValueNode() && !id.isNull() ? id.asText() : null;
    }

    private static BadInputException bad(Path file, int line, String field, String message) {
        return new BadInputException(List.of(new InputProblem(file, line, field, message)));
    }
}

package io.trace2train.backends.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.trace2train.api.backend.ModelInfo;
import io.trace2train.api.env.ToolDefinition;
import io.trace2train.api.param.InvalidArgumentsException;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.text.PythonText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads recorded answers: {@code prompt, response} rows (keyed by prompt text, and by the stripped prompt text as
 * IFBench's harness also files them; a later row wins, as in IFEval),
 * compliance records (keyed by task id; the first attempt's output, the agent's own answer, is replayed), or
 * OpenAI-format episodes ({@code {messages, tools?, task_id?}} a line, as {@code import --format openai} reads them),
 * replayed turn by turn.
 */
final class RecordedAnswers {

    /** Strict as the engine's readers (StrictJson, which this module cannot see): a duplicate key or a second value
     * on a line is an error, not silently dropped. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** The keys of an OpenAI-format episode line, as the engine's importer reads it. */
    private static final Set<String> EPISODE_KEYS = new TreeSet<>(Set.of("messages", "tools", "parallel_tool_calls",
            "task_id", "constraints", "environment", "model", "reward", "metadata"));

    /** A message in OpenAI's shape; keys it does not use (refusal, annotations, ...) are ignored, as on import. */
    private static final ObjectReader MESSAGE = JSON.readerFor(ChatMessage.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private RecordedAnswers() {
    }

    static ReplayBackend read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw problem(file + ": cannot read the recorded responses (" + e + ")");
        }
        Map<String, String> byTaskId = new HashMap<>();
        Map<String, String> byPrompt = new HashMap<>();
        Map<String, String> byStrippedPrompt = new HashMap<>();
        List<RecordedEpisode> episodes = new ArrayList<>();
        List<InvalidArgumentsException.Problem> problems = new ArrayList<>();
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String where = file + ":" + (i + 1) + ": ";
            try {
                JsonNode row = JSON.readTree(lines[i]);
                if (row.has("schema_version")) {
                    JsonNode first = row.path("attempts").path(0).path("output");
                    if (!row.path("task_id").isTextual() || !first.isTextual()) {
                        problems.add(problem(where, "a record needs task_id and attempts[0].output"));
                    } else {
                        byTaskId.put(row.get("task_id").textValue(), first.textValue());
                    }
                } else if (row.has("messages")) {
                    RecordedEpisode episode = episode(row, file + ":" + (i + 1), where, problems);
                    if (episode != null) {
                        episodes.add(episode);
                    }
                } else if (row.path("prompt").isTextual() && row.path("response").isTextual()) {
                    byPrompt.put(row.get("prompt").textValue(), row.get("response").textValue());
                    byStrippedPrompt.put(PythonText.strip(row.get("prompt").textValue()),
                            row.get("response").textValue());
                } else {
                    problems.add(problem(where, "expected a {prompt, response} row (both strings), a record or an"
                            + " episode {messages, tools, task_id}"));
                }
            } catch (JsonProcessingException e) {
                problems.add(problem(where, "not valid JSON: " + e.getOriginalMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidArgumentsException(problems);
        }
        return new ReplayBackend(new ModelInfo("replay", file.getFileName().toString(), "sha256:" + sha256(bytes)),
                byTaskId, byPrompt, byStrippedPrompt, new EpisodeReplay(episodes));
    }

    /**
     * One OpenAI-format episode line (the keys the engine's importer knows; the ones replay has no use for, such as
     * constraints, are not read), or null with its problems added. Messages are read by {@link ChatMessage}'s own
     * JSON shape; the tools are not kept, as the replayed answers are already the model's choices.
     */
    private static RecordedEpisode episode(JsonNode row, String line, String where,
            List<InvalidArgumentsException.Problem> problems) {
        int before = problems.size();
        row.fieldNames().forEachRemaining(name -> {
            if (!EPISODE_KEYS.contains(name)) {
                problems.add(problem(where, "field '" + name + "': unknown; an episode has " + EPISODE_KEYS));
            }
        });
        JsonNode id = row.get("task_id");
        if (id != null && !id.isNull() && !(id.isTextual() && !id.textValue().isBlank() || id.isIntegralNumber())) {
            problems.add(problem(where, "field 'task_id': expected a non-blank string or an integer"));
        }
        JsonNode list = row.get("messages");
        List<ChatMessage> messages = new ArrayList<>();
        if (!list.isArray()) {
            problems.add(problem(where, "field 'messages': expected a list of messages"));
        } else {
            for (int m = 0; m < list.size(); m++) {
                if (!list.get(m).isObject()) {
                    problems.add(problem(where, "field 'messages[" + m + "]': expected a message object {role,"
                            + " content}"));
                    continue;
                }
                try {
                    messages.add(MESSAGE.treeToValue(asLogged(list.get(m)), ChatMessage.class));
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    problems.add(problem(where, "field 'messages[" + m + "]': " + reason(e)));
                }
            }
        }
        tools(row.get("tools"), where, problems);
        if (problems.size() > before) {
            return null;
        }
        return new RecordedEpisode(id == null || id.isNull() ? null : id.asText(), messages, line);
    }

    /** The tools are not replayed, but a line whose tools are not function definitions is a broken log. */
    private static void tools(JsonNode tools, String where, List<InvalidArgumentsException.Problem> problems) {
        if (tools == null || tools.isNull()) {
            return;
        }
        if (!tools.isArray()) {
            problems.add(problem(where, "field 'tools': expected a list of function definitions"));
            return;
        }
        for (int t = 0; t < tools.size(); t++) {
            try {
                if (!tools.get(t).isObject()) {
                    throw new IllegalArgumentException("expected a function definition object");
                }
                ToolDefinition.fromJson(JSON.convertValue(tools.get(t), new TypeReference<Map<String, Object>>() { }));
            } catch (IllegalArgumentException e) {
                problems.add(problem(where, "field 'tools[" + t + "]': " + e.getMessage()));
            }
        }
    }

    /**
     * Arguments some frameworks log as an object become the JSON text OpenAI sends, as the engine's importer does,
     * so a replayed call is the call an import of the same log holds.
     */
    private static JsonNode asLogged(JsonNode message) {
        if (!(message instanceof ObjectNode object) || !message.path("tool_calls").isArray()) {
            return message;
        }
        ObjectNode copy = object.deepCopy();
        for (JsonNode call : copy.get("tool_calls")) {
            if (call.path("function") instanceof ObjectNode function && function.path("arguments").isObject()) {
                function.put("arguments", function.get("arguments").toString());
            }
        }
        return copy;
    }

    /** The innermost message: Jackson wraps the record's own (which names the field) in its location text. */
    private static String reason(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof JsonProcessingException json ? json.getOriginalMessage() : cause.getMessage();
    }

    private static InvalidArgumentsException.Problem problem(String where, String message) {
        return new InvalidArgumentsException.Problem("backend replay", "responses", where + message);
    }

    private static InvalidArgumentsException problem(String message) {
        return new InvalidArgumentsException("backend replay", "responses", message);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

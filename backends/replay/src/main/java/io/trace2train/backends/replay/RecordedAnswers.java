package io.trace2train.backends.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.trace2train.api.backend.ModelInfo;
import io.trace2train.api.param.InvalidArgumentsException;
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

/**
 * Reads recorded answers: {@code prompt, response} rows (keyed by prompt text, and by the stripped prompt text as
 * IFBench's harness also files them; a later row wins, as in IFEval), or
 * compliance records (keyed by task id; the first attempt's output, the agent's own answer, is replayed).
 */
final class RecordedAnswers {

    /** Strict as the engine's readers (StrictJson, which this module cannot see): a duplicate key or a second value
     * on a line is an error, not silently dropped. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

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
                } else if (row.path("prompt").isTextual() && row.path("response").isTextual()) {
                    byPrompt.put(row.get("prompt").textValue(), row.get("response").textValue());
                    byStrippedPrompt.put(PythonText.strip(row.get("prompt").textValue()),
                            row.get("response").textValue());
                } else {
                    problems.add(problem(where, "expected a {prompt, response} row (both strings) or a record"));
                }
            } catch (JsonProcessingException e) {
                problems.add(problem(where, "not valid JSON: " + e.getOriginalMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidArgumentsException(problems);
        }
        return new ReplayBackend(new ModelInfo("replay", file.getFileName().toString(), "sha256:" + sha256(bytes)),
                byTaskId, byPrompt, byStrippedPrompt);
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

package io.trace2train.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.backend.ModelInfo;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A zero-latency tool-calling model for benchmarks: each task's recorded GPT-4o episode (its lowest trial in a
 * τ-bench log) replayed by position, answered at once. The agent's k-th model call of an episode gets the recording's
 * k-th assistant message (text and tool calls); the user simulator's (a request without tools) k-th call gets the
 * recording's user message k + 1 (the first opens the task), then {@code ###STOP###}. Positions, not contents, so the
 * engine's own tool results are never compared here. Thread-safe (read-only after loading).
 */
public final class RecordedTauAgent implements ModelBackend {

    /** One task's recording: the agent's messages and the user's, in order. */
    record Recording(List<ChatMessage> assistant, List<String> user, List<ChatMessage> messages) {
    }

    private static final ObjectReader MESSAGE = new ObjectMapper().readerFor(ChatMessage.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Map<String, Recording> byTask;

    private RecordedTauAgent(Map<String, Recording> byTask) {
        this.byTask = Map.copyOf(byTask);
    }

    /** Reads a τ-bench log of {@code {task_id, trial, messages, task}} lines. */
    public static RecordedTauAgent load(Path log) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, Recording> byTask = new HashMap<>();
        Map<String, Integer> trials = new HashMap<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = json.readTree(line);
            String task = row.get("task_id").asText();
            int trial = row.get("trial").asInt();
            if (trials.containsKey(task) && trials.get(task) <= trial) {
                continue;
            }
            trials.put(task, trial);
            List<ChatMessage> messages = new ArrayList<>();
            for (JsonNode m : row.get("messages")) {
                messages.add(MESSAGE.readValue(m));
            }
            byTask.put(task, new Recording(messages.stream().filter(m -> m.role() == Role.ASSISTANT).toList(),
                    messages.stream().filter(m -> m.role() == Role.USER).map(ChatMessage::content).toList(),
                    List.copyOf(messages)));
        }
        return new RecordedTauAgent(byTask);
    }

    /** The recorded episodes by task id (the benchmark replays their tool calls to time the environment alone). */
    Map<String, Recording> recordings() {
        return byTask;
    }

    @Override
    public ModelInfo model() {
        return new ModelInfo("recorded", "gpt-4o (tau-bench airline, recorded)", "");
    }

    @Override
    public boolean canGenerate() {
        return true;
    }

    @Override
    public boolean supportsTools() {
        return true;
    }

    @Override
    public Generation generate(GenerationRequest request) {
        Recording recording = byTask.get(request.taskId());
        if (recording == null) {
            throw new IllegalArgumentException("no recorded episode of task " + request.taskId());
        }
        int k = (int) request.messages().stream().filter(m -> m.role() == Role.ASSISTANT).count();
        if (request.tools().isEmpty()) {
            // the simulator sees the user's own turns as its assistant messages, the first one included
            return new Generation(k < recording.user().size() ? recording.user().get(k) : "###STOP###", 0, 0, 0);
        }
        if (k >= recording.assistant().size()) {
            return new Generation("The recording ends here.", 0, 0, 0);
        }
        ChatMessage next = recording.assistant().get(k);
        return new Generation(next.content(), 0, 0, 0, next.toolCalls());
    }

    @Override
    public void close() {
    }
}

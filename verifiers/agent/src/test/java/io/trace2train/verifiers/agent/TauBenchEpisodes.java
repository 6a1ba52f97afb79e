package io.trace2train.verifiers.agent;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trace2train.api.env.ToolDefinition;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.api.task.Episode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The 200 GPT-4o airline episodes the repository ships, read into the episode model with their tasks. */
final class TauBenchEpisodes {

    static final Path DIR = Path.of(System.getProperty("trace2train.examples", "../../examples"), "tau-bench",
            "airline");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One episode and what its task expects.
     *
     * @param actions the task's actions as {@code env:state_matches} takes them
     * @param outputs the task's outputs
     * @param rawActions the task's actions as τ-bench lists them: name and kwargs
     */
    record TauEpisode(int taskId, int trial, Episode episode, List<Map<String, Object>> actions, List<String> outputs,
                      List<JsonNode> rawActions) {
    }

    private TauBenchEpisodes() {
    }

    static List<ToolDefinition> tools() throws IOException {
        return JSON.readValue(DIR.resolve("tools.json").toFile(), new TypeReference<List<ToolDefinition>>() { });
    }

    static List<TauEpisode> load() throws IOException {
        List<ToolDefinition> tools = tools();
        List<TauEpisode> episodes = new ArrayList<>();
        for (String line : Files.readAllLines(DIR.resolve("trajectories_gpt4o.jsonl"))) {
            JsonNode row = JSON.readTree(line);
            List<ChatMessage> messages = JSON.convertValue(row.get("messages"),
                    new TypeReference<List<ChatMessage>>() { });
            List<Map<String, Object>> actions = new ArrayList<>();
            List<JsonNode> raw = new ArrayList<>();
            for (JsonNode action : row.get("task").get("actions")) {
                Map<String, Object> expected = new LinkedHashMap<>();
                expected.put("name", action.get("name").textValue());
                expected.put("arguments", JSON.convertValue(action.get("kwargs"),
                        new TypeReference<Map<String, Object>>() { }));
                actions.add(expected);
                raw.add(action);
            }
            List<String> outputs = JSON.convertValue(row.get("task").get("outputs"),
                    new TypeReference<List<String>>() { });
            episodes.add(new TauEpisode(row.get("task_id").intValue(), row.get("trial").intValue(),
                    new Episode(messages, tools), actions, outputs, raw));
        }
        return episodes;
    }
}

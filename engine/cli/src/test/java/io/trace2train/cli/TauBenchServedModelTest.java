package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trace2train.testing.ExampleData;
import io.trace2train.testing.OpenAiLoopbackServer;
import io.trace2train.testing.OpenAiLoopbackServer.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's commands for a served model on τ-bench airline, against the loopback OpenAI-compatible server scripted
 * as a tool-calling model on two of the shipped tasks: at low temperature it makes each task's expected calls, one a
 * step, and tells the user the task's outputs; at high temperature, after the shared prefix, it gives up. The user
 * simulator is the same endpoint (its requests offer no tools) and stops at once.
 */
class TauBenchServedModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Tasks 3 and 8 of the shipped file: each expects two writes, so a fork that stops after one fails. */
    Path tasks(Map<String, JsonNode> byOpening) throws Exception {
        List<String> lines = Files.readAllLines(ExampleData.tauBench("airline/tasks.jsonl")).stream()
                .filter(l -> l.startsWith("{\"id\":\"3\"") || l.startsWith("{\"id\":\"8\"")).toList();
        assertEquals(2, lines.size());
        for (String line : lines) {
            JsonNode task = JSON.readTree(line);
            byOpening.put(task.at("/messages/1/content").textValue(), task);
        }
        return Files.write(dir.resolve("tasks.jsonl"), lines);
    }

    static Answer respond(JsonNode body, Map<String, JsonNode> byOpening) {
        JsonNode messages = body.get("messages");
        if (!body.has("tools")) {
            return Answer.completion("###STOP###", 5, 1); // the user simulator
        }
        JsonNode task = byOpening.get(messages.get(1).get("content").textValue());
        int step = 0;
        for (JsonNode m : messages) {
            step += m.get("role").textValue().equals("assistant") ? 1 : 0;
        }
        JsonNode actions = task.at("/constraints/0/args/actions");
        if (step > 0 && body.get("temperature").doubleValue() >= 1.0) {
            return Answer.completion("Sorry, I cannot do that.", 10, 5);
        }
        if (step < actions.size()) {
            JsonNode action = actions.get(step);
            return Answer.toolCalls(List.of(new OpenAiLoopbackServer.ToolCall("call_" + step,
                    action.get("name").textValue(), action.get("arguments").toString())));
        }
        StringBuilder told = new StringBuilder("Done.");
        task.at("/constraints/1/args/outputs").forEach(o -> told.append(' ').append(o.textValue()));
        return Answer.completion(told.toString(), 10, 5);
    }

    @Test
    void theReadmeCommandsRunTauBenchOnAServedModelAndBranchedForksGiveDpoPairsFromTheSharedPrefix()
            throws Exception {
        Map<String, JsonNode> byOpening = new HashMap<>();
        Path tasks = tasks(byOpening);
        try (OpenAiLoopbackServer server = new OpenAiLoopbackServer()) {
            server.respondWith(body -> respond(body, byOpening));
            String endpoint = server.baseUrl();

            CommandLineRun run = CommandLineRun.of("run", "--tasks", tasks, "--mode", "direct", "--backend",
                    "langchain4j", "--option", "base-url=" + endpoint, "--option", "model=Qwen/Qwen2.5-7B-Instruct",
                    "--temperature", "0.0", "--concurrency", "4", "--max-steps", "30", "--out", dir.resolve("run"));
            assertEquals(0, run.exitCode(), run::toString);
            List<JsonNode> records = lines(dir.resolve("run/records.jsonl"));
            assertEquals(2, records.size());
            for (JsonNode record : records) {
                assertEquals("state", record.at("/reward/function").textValue());
                assertEquals(1.0, record.at("/reward/value").doubleValue(), record::toString);
                assertTrue(record.get("passed").booleanValue());
            }

            CommandLineRun rollouts = CommandLineRun.of("rollouts", "--tasks", tasks, "--forks", "4",
                    "--temperatures", "0.2,1.2", "--branch-at", "1", "--backend", "langchain4j", "--option",
                    "base-url=" + endpoint, "--option", "model=Qwen/Qwen2.5-7B-Instruct", "--concurrency", "4",
                    "--max-steps", "30", "--out", dir.resolve("rollouts"));
            assertEquals(0, rollouts.exitCode(), rollouts::toString);
            List<JsonNode> forks = lines(dir.resolve("rollouts/records.jsonl"));
            assertEquals(8, forks.size());
            for (JsonNode fork : forks) {
                assertEquals(1, fork.at("/fork/branch_at").intValue());
                boolean cold = fork.at("/generation/temperature").doubleValue() < 1.0;
                assertEquals(cold ? 1.0 : 0.0, fork.at("/reward/value").doubleValue(), fork::toString);
            }
        }
        CommandLineRun export = CommandLineRun.of("export", "--run", dir.resolve("rollouts"), "--format", "dpo",
                "--out", dir.resolve("dpo.jsonl"));
        assertEquals(0, export.exitCode(), export::toString);
        List<JsonNode> pairs = lines(dir.resolve("dpo.jsonl"));
        assertTrue(!pairs.isEmpty(), export::toString);
        for (JsonNode pair : pairs) {
            // the shared prefix: the policy, the user's opening, the first expected call and its result
            JsonNode prompt = pair.get("prompt");
            assertEquals(4, prompt.size(), pair::toString);
            assertEquals(List.of("system", "user", "assistant", "tool"), List.of(prompt.get(0).get("role").asText(),
                    prompt.get(1).get("role").asText(), prompt.get(2).get("role").asText(),
                    prompt.get(3).get("role").asText()));
            assertEquals("Sorry, I cannot do that.", pair.at("/rejected/0/content").asText(), pair::toString);
            assertEquals("assistant", pair.at("/chosen/0/role").asText());
        }
    }

    static List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> nodes = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }
}

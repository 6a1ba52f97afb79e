package io.trace2train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.engine.Engine;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.serve.RewardServer;
import io.trace2train.serve.ServeOptions;
import io.trace2train.testing.ExampleData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dataset exported for GRPO round-trips through the reward service: each row's {@code constraints} column, posted
 * back with the run's answer, gives the run's own verdict and reward.
 */
class GrpoRoundTripTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void exportedConstraintsScoreTheRunsAnswersAsTheRunDid() throws Exception {
        Path run = dir.resolve("run");
        CommandLineRun ran = CommandLineRun.of("run", "--tasks", ExampleData.ifeval("input_data.jsonl"), "--mode",
                "direct", "--backend", "replay", "--responses", ExampleData.ifeval("responses_gpt4.jsonl"), "--out",
                run);
        assertEquals(Main.OK, ran.exitCode(), ran::toString);
        Path out = dir.resolve("grpo.jsonl");
        CommandLineRun exported = CommandLineRun.of("export", "--run", run, "--format", "grpo", "--out", out);
        assertEquals(Main.OK, exported.exitCode(), exported::toString);

        Map<String, JsonNode> records = new HashMap<>();
        for (String line : Files.readAllLines(run.resolve("records.jsonl"))) {
            JsonNode record = JSON.readTree(line);
            records.put(record.get("task_id").textValue(), record);
        }
        ObjectNode request = JSON.createObjectNode();
        ArrayNode items = request.putArray("items");
        for (String line : Files.readAllLines(out)) {
            JsonNode row = JSON.readTree(line);
            // what a reward function does: the constraints column as sent, with a sampled completion
            ObjectNode item = (ObjectNode) JSON.readTree(row.get("constraints").textValue());
            item.put("completion", records.get(item.get("id").textValue()).get("final_output").textValue());
            items.add(item);
        }
        assertEquals(541, items.size());
        try (RewardServer server = RewardServer.start(Engine.start(EngineConfig.defaults()),
                ServeOptions.loopback(0))) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/v1/verify"))
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            int passed = 0;
            for (JsonNode result : JSON.readTree(response.body()).get("results")) {
                JsonNode record = records.get(result.get("id").textValue());
                assertEquals(record.get("passed").booleanValue(), result.get("passed").booleanValue(),
                        result::toString);
                assertEquals(record.get("reward").get("value").doubleValue(), result.get("reward").doubleValue(),
                        result::toString);
                passed += result.get("passed").booleanValue() ? 1 : 0;
            }
            assertEquals(417, passed);
        }
    }
}

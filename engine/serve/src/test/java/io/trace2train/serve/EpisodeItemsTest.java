package io.trace2train.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.api.record.ComplianceRecord;
import io.trace2train.api.record.ConstraintResult;
import io.trace2train.engine.Engine;
import io.trace2train.engine.ImportSpec;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.engine.record.RecordJson;
import io.trace2train.engine.store.RunDirectory;
import io.trace2train.testing.ExampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agent episodes posted to {@code /v1/verify} with their τ-bench task rows are judged as {@code import} judges the
 * same episodes: replayed on the airline world, the same verdicts, state rewards and final states.
 */
class EpisodeItemsTest {

    /** The first episodes of the shipped GPT-4o log: tasks 0-15, trial 0, rewards 0 and 1 among them. */
    private static final int EPISODES = 16;

    @TempDir
    static Path dir;

    private static Engine engine;
    private static RewardServer server;
    private static ServiceClient client;
    private static List<JsonNode> logLines;
    private static Map<String, JsonNode> tasks;

    @BeforeAll
    static void start() throws Exception {
        engine = Engine.start(EngineConfig.defaults());
        server = RewardServer.start(engine, ServeOptions.loopback(0));
        client = new ServiceClient(server.port());
        logLines = ExampleData.jsonLines(ExampleData.tauBench("airline/trajectories_gpt4o.jsonl")).subList(0,
                EPISODES);
        tasks = new HashMap<>();
        ExampleData.jsonLines(ExampleData.tauBench("airline/tasks.jsonl")).forEach(t -> tasks.put(
                t.get("id").asText(), t));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The log's line as a service item: the conversation as the episode, its task's row as the task. */
    private static ObjectNode item(JsonNode line) {
        ObjectNode item = ServiceClient.JSON.createObjectNode();
        item.put("id", "t" + line.get("task_id").asText() + "-" + line.get("trial").asInt());
        item.putObject("episode").set("messages", line.get("messages"));
        item.set("task", tasks.get(line.get("task_id").asText()).deepCopy());
        return item;
    }

    @Test
    void tauBenchEpisodesGetImportsVerdictsAndStateRewards() throws Exception {
        Path log = dir.resolve("episodes.jsonl");
        Files.write(log, logLines.stream().map(JsonNode::toString).toList());
        engine.imports().start(dir.resolve("imported"), ImportSpec.builder("tau-bench", log).build());
        Map<Long, ComplianceRecord> imported = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("imported").resolve(RunDirectory.RECORDS))) {
            ComplianceRecord record = RecordJson.read(line);
            imported.put(record.source().line(), record);
        }
        assertEquals(EPISODES, imported.size());

        ObjectNode request = ServiceClient.JSON.createObjectNode();
        ArrayNode items = request.putArray("items");
        logLines.forEach(line -> items.add(item(line)));
        JsonNode results = client.postJson("/v1/verify", request).get("results");

        Set<Double> rewards = new java.util.TreeSet<>();
        for (int i = 0; i < EPISODES; i++) {
            ComplianceRecord expected = imported.get(i + 1L);
            JsonNode result = results.get(i);
            String at = "episode " + i + ": " + result;
            assertFalse(result.has("failure_kind"), at);
            assertEquals(expected.taskId(), result.get("task_id").asText(), at);
            assertEquals("state", result.get("reward_function").asText(), at);
            assertEquals(expected.reward().value(), result.get("reward").asDouble(), at);
            assertEquals(expected.passed(), result.get("passed").asBoolean(), at);
            List<ConstraintResult> verdicts = expected.attempts().getFirst().constraints();
            assertEquals(verdicts.size(), result.get("constraints").size(), at);
            for (int c = 0; c < verdicts.size(); c++) {
                JsonNode verdict = result.get("constraints").get(c);
                assertEquals(verdicts.get(c).verifier(), verdict.get("verifier").asText(), at);
                assertEquals(verdicts.get(c).passed(), verdict.get("passed").asBoolean(), at + " constraint " + c);
                assertEquals(verdicts.get(c).measured(), verdict.get("measured").asText(), at + " constraint " + c);
            }
            assertEquals(expected.environment().finalStateDigest(),
                    result.get("environment").get("final_state_digest").asText(), at);
            assertEquals(expected.environment().resultsDiffering(),
                    result.get("environment").get("results_differing").asInt(), at);
            List<String> notes = new ArrayList<>();
            result.path("notes").forEach(n -> notes.add(n.asText()));
            assertEquals(expected.notes(), notes, at);
            rewards.add(result.get("reward").asDouble());
        }
        assertEquals(Set.of(0.0, 1.0), rewards, "the sample holds episodes of either reward");
    }

    @Test
    void aMalformedEpisodeFailsItselfAndTheRestOfTheBatchIsAnswered() throws Exception {
        ObjectNode good = item(logLines.getFirst());
        ObjectNode notAList = item(logLines.get(1));
        ((ObjectNode) notAList.get("episode")).put("messages", "hello");
        ObjectNode orphanResult = item(logLines.get(2));
        ((ArrayNode) orphanResult.get("episode").get("messages")).addObject().put("role", "tool")
                .put("tool_call_id", "call_nobody_made").put("content", "{}");
        ObjectNode unknownWorld = item(logLines.get(3));
        ((ObjectNode) unknownWorld.get("task")).put("environment", "tau-railway");
        ObjectNode badConstraint = item(logLines.get(4));
        badConstraint.putArray("constraints").addObject().put("verifier", "tool:no_such_check");
        ObjectNode episodeAndCompletion = item(logLines.get(5)).put("completion", "text");

        JsonNode results = client.postJson("/v1/verify", Map.of("items", List.of(good, notAList, orphanResult,
                unknownWorld, badConstraint, episodeAndCompletion))).get("results");

        assertEquals(6, results.size());
        assertFalse(results.get(0).has("failure_kind"), results.get(0).toString());
        assertEquals("bad_item", results.get(1).get("failure_kind").asText());
        assertTrue(results.get(1).get("message").asText().startsWith("episode.messages: "),
                results.get(1).toString());
        assertEquals("bad_item", results.get(2).get("failure_kind").asText(), results.get(2).toString());
        assertTrue(results.get(2).get("message").asText().contains("call_nobody_made"), results.get(2).toString());
        assertEquals("bad_item", results.get(3).get("failure_kind").asText(), results.get(3).toString());
        assertTrue(results.get(3).get("message").asText().contains("tau-railway"), results.get(3).toString());
        assertEquals("unknown_verifier", results.get(4).get("failure_kind").asText(), results.get(4).toString());
        assertTrue(results.get(4).get("message").asText().startsWith("constraints[5]: "),
                results.get(4).toString());
        assertEquals("bad_item", results.get(5).get("failure_kind").asText(), results.get(5).toString());
        assertTrue(results.get(5).get("message").asText().contains("[completion]"), results.get(5).toString());
        List<String> ids = new ArrayList<>();
        results.forEach(r -> ids.add(r.get("id").asText()));
        assertEquals(List.of("t0-0", "t1-0", "t2-0", "t3-0", "t4-0", "t5-0"), ids);
    }

    @Test
    void aNamedRewardScoresEpisodesAndConstraintsAloneNeedNoTask() throws Exception {
        ObjectNode item = ServiceClient.JSON.createObjectNode();
        item.put("id", "bare");
        item.putObject("episode").set("messages", logLines.getFirst().get("messages"));
        ObjectNode args = item.putArray("constraints").addObject().put("verifier", "tool:required_calls")
                .putObject("args").put("match", "subset");
        args.putArray("calls").addObject().put("name", "get_user_details").putObject("arguments");
        JsonNode result = client.postJson("/v1/verify", Map.of("reward", "constraint_share", "items",
                List.of(item))).get("results").get(0);
        assertFalse(result.has("failure_kind"), result.toString());
        assertEquals("constraint_share", result.get("reward_function").asText());
        // no environment: nothing replayed, the structural constraints follow the one given
        assertFalse(result.has("environment"), result.toString());
        assertEquals(List.of("tool:required_calls", "tool:known", "tool:arguments_valid", "tool:answered"),
                verifiers(result));
    }

    private static List<String> verifiers(JsonNode result) {
        List<String> ids = new ArrayList<>();
        result.get("constraints").forEach(c -> ids.add(c.get("verifier").asText()));
        return ids;
    }
}

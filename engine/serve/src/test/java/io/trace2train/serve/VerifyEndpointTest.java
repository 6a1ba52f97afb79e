package io.trace2train.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.engine.Engine;
import io.trace2train.engine.VerifyResult;
import io.trace2train.engine.ifeval.IfevalPrompt;
import io.trace2train.engine.ifeval.Responses;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.testing.ExampleData;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/verify} against the real verifiers: the IFEval answers give {@code verify}'s figures. */
class VerifyEndpointTest {

    private static Engine engine;
    private static RewardServer server;
    private static ServiceClient client;

    @BeforeAll
    static void start() throws Exception {
        engine = Engine.start(EngineConfig.defaults());
        server = RewardServer.start(engine, ServeOptions.loopback(0));
        client = new ServiceClient(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theIfevalAnswersGiveVerifysStrictFiguresItemByItem() throws Exception {
        List<IfevalPrompt> prompts = engine.verify().prompts(ExampleData.ifeval("input_data.jsonl"));
        Responses responses = engine.verify().responses(ExampleData.ifeval("responses_gpt4.jsonl"));
        List<String> rows = Files.readAllLines(ExampleData.ifeval("input_data.jsonl"));
        assertEquals(541, prompts.size());
        ObjectNode request = ServiceClient.JSON.createObjectNode();
        ArrayNode items = request.putArray("items");
        for (int i = 0; i < prompts.size(); i++) {
            // the dataset's row posted as it is, with the answer the harness finds for it
            ObjectNode item = (ObjectNode) ServiceClient.JSON.readTree(rows.get(i));
            String response = responses.of(prompts.get(i));
            item.put("completion", response == null ? "" : response);
            items.add(item);
        }
        JsonNode results = client.postJson("/v1/verify", request).get("results");
        VerifyResult verified = engine.verify().items(prompts, responses);

        int promptsPassed = 0;
        int instructionsPassed = 0;
        for (int i = 0; i < prompts.size(); i++) {
            JsonNode result = results.get(i);
            assertEquals(i, result.get("index").asInt());
            assertEquals(prompts.get(i).key(), result.get("id").asText());
            assertEquals(verified.judged().get(i).strict().followsAll(), result.get("passed").asBoolean(),
                    "key " + prompts.get(i).key());
            promptsPassed += result.get("passed").asBoolean() ? 1 : 0;
            for (JsonNode constraint : result.get("constraints")) {
                instructionsPassed += constraint.get("passed").asBoolean() ? 1 : 0;
            }
        }
        assertEquals(417, promptsPassed);
        assertEquals(698, instructionsPassed);
    }

    @Test
    void anItemAnswersWithVerdictsRewardAndVersions() throws Exception {
        JsonNode result = client.postJson("/v1/verify", Map.of("items", List.of(Map.of("id", "t1",
                "prompt", "Write two sentences without commas.", "completion", "One, two. Three",
                "constraints", List.of(Map.of("verifier", "punctuation:no_comma"),
                        Map.of("verifier", "length_constraints:number_words", "args",
                                Map.of("relation", "at least", "num_words", 2), "level", "soft"))))))
                .get("results").get(0);
        assertEquals("t1", result.get("id").asText());
        assertEquals(0.5, result.get("reward").asDouble());
        assertEquals(false, result.get("passed").asBoolean());
        JsonNode comma = result.get("constraints").get(0);
        assertEquals("punctuation:no_comma", comma.get("verifier").asText());
        assertEquals(false, comma.get("passed").asBoolean());
        assertTrue(!comma.get("hint").asText().isEmpty(), comma::toString);
        assertTrue(result.get("versions").has("punctuation:no_comma"), result::toString);
        assertTrue(result.get("versions").has("engine"), result::toString);
    }

    @Test
    void versionsAreAnsweredSortedByKey() throws Exception {
        // a Map.copyOf's order changes from one JVM to the next: the answer's must not (six keys: a random order
        // is sorted by chance once in 720 runs)
        JsonNode versions = client.postJson("/v1/verify", Map.of("items", List.of(Map.of("id", "v", "prompt", "p",
                "completion", "x", "constraints", List.of(Map.of("verifier", "punctuation:no_comma"),
                        Map.of("verifier", "change_case:english_lowercase"),
                        Map.of("verifier", "detectable_format:title"),
                        Map.of("verifier", "startend:quotation"))))))
                .get("results").get(0).get("versions");
        List<String> keys = new java.util.ArrayList<>();
        versions.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("change_case:english_lowercase", "detectable_format:title", "engine",
                "punctuation:no_comma", "reward:constraint_share", "startend:quotation"), keys, versions::toString);
    }

    @Test
    void healthVerifiersAndMetricsDescribeTheService() throws Exception {
        assertEquals("ok", client.getJson("/health").get("status").asText());
        JsonNode verifiers = client.getJson("/v1/verifiers");
        JsonNode words = null;
        for (JsonNode verifier : verifiers.get("verifiers")) {
            if (verifier.get("id").asText().equals("length_constraints:number_words")) {
                words = verifier;
            }
        }
        assertTrue(words != null && !words.get("version").asText().isEmpty(), verifiers::toString);
        assertTrue(words.get("arguments").toString().contains("\"num_words\""), words::toString);
        assertEquals("constraint_share", verifiers.get("reward_functions").get(0).get("name").asText());
        client.postJson("/v1/verify", Map.of("items", List.of(Map.of("id", "m", "prompt", "p", "completion", "x",
                "constraints", List.of(Map.of("verifier", "punctuation:no_comma"))))));
        String metrics = client.get("/metrics").body();
        assertTrue(metrics.contains("t2t_requests_total{endpoint=\"verify\",status=\"200\"}"), metrics);
        assertTrue(metrics.contains("t2t_request_latency_seconds_bucket{endpoint=\"verify\""), metrics);
        assertTrue(metrics.contains("t2t_items_total{outcome=\"passed\"}"), metrics);
        assertTrue(metrics.contains("t2t_verifier_time_seconds_count{verifier=\"punctuation:no_comma\"}"), metrics);
    }

    @Test
    void aBadItemFailsOnlyItself() throws Exception {
        JsonNode results = client.postJson("/v1/verify", Map.of("items", List.of(
                Map.of("id", "unknown", "prompt", "p", "completion", "x",
                        "constraints", List.of(Map.of("verifier", "punctuation:no_coma"))),
                Map.of("id", "bad-args", "prompt", "p", "completion", "x", "constraints",
                        List.of(Map.of("verifier", "length_constraints:number_words", "args",
                                Map.of("relation", "about", "num_words", 2)))),
                Map.of("id", "no-completion", "prompt", "p", "constraints", List.of()),
                Map.of("id", "good", "prompt", "p", "completion", "no commas here",
                        "constraints", List.of(Map.of("verifier", "punctuation:no_comma"))))))
                .get("results");
        assertEquals("unknown_verifier", results.get(0).get("failure_kind").asText(), results::toString);
        assertTrue(results.get(0).get("message").asText().contains("punctuation:no_comma"),
                "names the closest id: " + results.get(0));
        assertEquals("bad_constraint", results.get(1).get("failure_kind").asText(), results::toString);
        assertEquals("bad_item", results.get(2).get("failure_kind").asText(), results::toString);
        assertEquals(1.0, results.get(3).get("reward").asDouble(), results::toString);
        assertEquals(true, results.get(3).get("passed").asBoolean());
    }
}

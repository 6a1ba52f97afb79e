package io.trace2train.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trace2train.engine.Engine;
import io.trace2train.engine.config.EngineConfig;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The service's bounds and its answers to hostile input: a clear status, and it keeps serving. */
class LimitsTest {

    private static Engine engine;

    @BeforeAll
    static void start() {
        engine = Engine.start(EngineConfig.defaults());
    }

    /** An item whose keyword is a catastrophic regex: its check reads the whole work budget before it gives up. */
    static Map<String, Object> pathological(String id) {
        return Map.of("id", id, "prompt", "p", "completion", "x".repeat(2_500), "constraints",
                List.of(Map.of("verifier", "keywords:existence", "args", Map.of("keywords", List.of("(x+x+)+y")))));
    }

    static Map<String, Object> good(String id) {
        return Map.of("id", id, "prompt", "p", "completion", "no commas",
                "constraints", List.of(Map.of("verifier", "punctuation:no_comma")));
    }

    private static RewardServer server(int maxBatch, int maxBody, Duration itemTimeout, int concurrent)
            throws Exception {
        return RewardServer.start(engine, ServeOptions.loopback(0).withLimits(maxBatch, maxBody, itemTimeout,
                concurrent));
    }

    @Test
    void malformedJsonIs400NamingWhereAndTheServerKeepsServing() throws Exception {
        try (RewardServer server = server(8, 1 << 20, Duration.ofSeconds(30), 4)) {
            ServiceClient client = new ServiceClient(server.port());
            HttpResponse<String> response = client.post("/v1/verify", "{\"items\": [{\"id\": 1,,}]}");
            assertEquals(400, response.statusCode(), response.body());
            assertTrue(response.body().contains("malformed JSON") && response.body().contains("column"),
                    response.body());
            assertEquals(400, client.post("/v1/verify", "[1, 2]").statusCode());
            assertEquals(400, client.post("/v1/verify", "{\"items\": 3}").statusCode());
            assertEquals(400, client.post("/v1/verify", "{\"items\": [], \"reward\": \"nope\"}").statusCode());
            assertEquals(405, client.get("/v1/verify").statusCode());
            assertEquals(404, client.get("/v2/nothing").statusCode());
            assertEquals(1.0, client.postJson("/v1/verify", Map.of("items", List.of(good("a"))))
                    .get("results").get(0).get("reward").asDouble());
        }
    }

    @Test
    void aBatchOverTheLimitAndABodyOverTheLimitAre413() throws Exception {
        try (RewardServer server = server(2, 4_000, Duration.ofSeconds(30), 4)) {
            ServiceClient client = new ServiceClient(server.port());
            HttpResponse<String> batch = client.post("/v1/verify", ServiceClient.JSON.writeValueAsString(
                    Map.of("items", List.of(good("a"), good("b"), good("c")))));
            assertEquals(413, batch.statusCode(), batch.body());
            assertTrue(batch.body().contains("limit of 2"), batch.body());
            HttpResponse<String> body = client.post("/v1/verify", ServiceClient.JSON.writeValueAsString(
                    Map.of("items", List.of(Map.of("id", "big", "prompt", "p", "completion", "y".repeat(10_000),
                            "constraints", List.of())))));
            assertEquals(413, body.statusCode(), body.body());
            assertEquals(2, client.postJson("/v1/verify", Map.of("items", List.of(good("a"), good("b"))))
                    .get("results").size());
        }
    }

    @Test
    void aPathologicalRegexIsNotCheckableAndTheRestIsAnswered() throws Exception {
        try (RewardServer server = server(8, 1 << 20, Duration.ofSeconds(60), 4)) {
            JsonNode results = new ServiceClient(server.port()).postJson("/v1/verify",
                    Map.of("items", List.of(pathological("slow"), good("fast")))).get("results");
            JsonNode verdict = results.get(0).get("constraints").get(0);
            assertEquals("not_checkable", verdict.get("status").asText(), verdict::toString);
            assertEquals(1.0, results.get(1).get("reward").asDouble());
        }
    }

    @Test
    void anItemPastItsTimeLimitIsTimedOutAndTheRestIsAnswered() throws Exception {
        // the pathological check reads 20 million characters before it gives up: far more than a millisecond; the
        // item without a completion is refused before any check runs, so no deadline applies to it
        try (RewardServer server = server(8, 1 << 20, Duration.ofMillis(1), 4)) {
            JsonNode results = new ServiceClient(server.port()).postJson("/v1/verify",
                    Map.of("items", List.of(pathological("slow"), Map.of("id", "bad", "prompt", "no completion")))).get(
                            "results");
            assertEquals("timed_out", results.get(0).get("failure_kind").asText(), results::toString);
            assertEquals("slow", results.get(0).get("id").asText());
            assertEquals("bad_item", results.get(1).get("failure_kind").asText(), results::toString);
        }
    }

    @Test
    void anItemsDeadlineCountsTheTimeItWaitedBehindTheOthers() throws Exception {
        // one worker: the good item waits behind two pathological ones, each far past a millisecond; its deadline
        // started when the batch was accepted, so it is timed out although its own check would take microseconds
        ServeOptions base = ServeOptions.loopback(0);
        ServeOptions oneWorker = new ServeOptions(base.host(), 0, null, 8, 1 << 20, Duration.ofMillis(1), 4, 1,
                base.shutdownGrace());
        try (RewardServer server = RewardServer.start(engine, oneWorker)) {
            ServiceClient client = new ServiceClient(server.port());
            JsonNode results = client.postJson("/v1/verify", Map.of("items", List.of(pathological("slow-1"),
                    pathological("slow-2"), good("queued")))).get("results");
            for (int i = 0; i < 3; i++) {
                assertEquals("timed_out", results.get(i).get("failure_kind").asText(), results::toString);
                assertTrue(results.get(i).get("message").asText().contains("of its batch being accepted"),
                        results::toString);
            }
            assertEquals("queued", results.get(2).get("id").asText());
        }
    }

    @Test
    void theRequestIsReadInOnePassWithTheTreesRules() throws Exception {
        try (RewardServer server = server(8, 1 << 20, Duration.ofSeconds(30), 4)) {
            ServiceClient client = new ServiceClient(server.port());
            String good = ServiceClient.JSON.writeValueAsString(good("g"));
            // fields in any order, unknown ones skipped, an item that is no object is that item's failure
            JsonNode results = ServiceClient.JSON.readTree(client.post("/v1/verify", "{\"reward\": \"constraint_share\","
                    + " \"extra\": {\"items\": 1}, \"items\": [null, 3, " + good + "]}").body()).get("results");
            assertEquals("bad_item", results.get(0).get("failure_kind").asText(), results::toString);
            assertEquals("bad_item", results.get(1).get("failure_kind").asText(), results::toString);
            assertEquals("g", results.get(2).get("id").asText());
            assertEquals(1.0, results.get(2).get("reward").asDouble());
            HttpResponse<String> truncated = client.post("/v1/verify", "{\"items\": [" + good + ", {\"id\": ");
            assertEquals(400, truncated.statusCode(), truncated.body());
            assertTrue(truncated.body().contains("malformed JSON") && truncated.body().contains("line 1"),
                    truncated.body());
            HttpResponse<String> noList = client.post("/v1/verify", "{\"items\": {\"id\": 1}}");
            assertEquals(400, noList.statusCode(), noList.body());
            assertTrue(noList.body().contains("items: expected a list"), noList.body());
            HttpResponse<String> unknownReward = client.post("/v1/verify", "{\"items\": [], \"reward\": \"nope\"}");
            assertEquals(400, unknownReward.statusCode(), unknownReward.body());
        }
    }

    @Test
    void beyondTheConcurrencyLimitIs429WithRetryAfterAndAStopFinishesTheBatchInFlight() throws Exception {
        RewardServer server = server(8, 1 << 20, Duration.ofSeconds(60), 1);
        ServiceClient client = new ServiceClient(server.port());
        String slow = ServiceClient.JSON.writeValueAsString(Map.of("items", List.of(pathological("1"),
                pathological("2"), pathological("3"), pathological("4"), good("5"))));
        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return client.post("/v1/verify", slow);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        while (client.getJson("/health").get("in_flight").asInt() == 0) {
            Thread.onSpinWait();
        }
        HttpResponse<String> refused = client.post("/v1/verify", slow);
        assertEquals(429, refused.statusCode(), refused.body());
        assertEquals("1", refused.headers().firstValue("Retry-After").orElseThrow());
        server.close();
        HttpResponse<String> finished = inFlight.get();
        assertEquals(200, finished.statusCode(), finished.body());
        assertEquals(5, ServiceClient.JSON.readTree(finished.body()).get("results").size());
        assertThrows(java.io.IOException.class, () -> client.get("/health"), "stopped: no new connections");
    }

    @Test
    void aTokenIsRequiredOffLoopbackAndCheckedWhenGiven() throws Exception {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ServeOptions.loopback(0).withHost("0.0.0.0", null));
        assertTrue(refused.getMessage().contains("--token"), refused.getMessage());
        try (RewardServer server = RewardServer.start(engine, ServeOptions.loopback(0).withHost("127.0.0.1",
                "s3cret"))) {
            ServiceClient client = new ServiceClient(server.port());
            assertEquals(401, client.post("/v1/verify", "{\"items\": []}").statusCode());
            assertEquals(200, client.get("/health").statusCode());
            assertEquals(200, client.withToken("s3cret").post("/v1/verify", "{\"items\": []}").statusCode());
        }
    }
}

package io.trace2train.backends.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trace2train.api.backend.BackendException;
import io.trace2train.api.backend.Generation;
import io.trace2train.api.backend.GenerationRequest;
import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.param.InvalidArgumentsException;
import io.trace2train.api.task.ChatMessage;
import io.trace2train.testing.OpenAiLoopbackServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class OpenAiCompatibleBackendTest {

    private static final GenerationSettings SETTINGS = new GenerationSettings(0.3, 0.8, 1234, 64, List.of("END"));
    private static final GenerationRequest REQUEST = new GenerationRequest("t1",
            List.of(ChatMessage.system("Be brief."), ChatMessage.user("Name a cat."), ChatMessage.assistant("Tom."),
                    ChatMessage.user("Another.")), SETTINGS);

    /** A generous timeout: on a loaded 2-core machine a loopback answer can take seconds (only one test times out). */
    private static ModelBackend backend(OpenAiLoopbackServer server, String... extra) {
        Map<String, String> options = new java.util.HashMap<>(Map.of("base-url", server.baseUrl(), "model", "qwen-test",
                "api-key-env", "HOME", "timeout-seconds", "20"));
        for (int i = 0; i < extra.length; i += 2) {
            options.put(extra[i], extra[i + 1]);
        }
        return new OpenAiCompatibleBackendFactory().create(options);
    }

    @Test
    void sendsTheConversationAndEverySamplingSettingAndReadsTokenUsage() throws Exception {
        try (OpenAiLoopbackServer server = new OpenAiLoopbackServer(
                OpenAiLoopbackServer.Answer.completion("Felix.", 31, 3))) {
            Generation generation = backend(server).generate(REQUEST);

            assertEquals("Felix.", generation.text());
            assertEquals(31, generation.promptTokens());
            assertEquals(3, generation.completionTokens());
            JsonNode body = server.bodies().getFirst();
            assertEquals("qwen-test", body.get("model").textValue());
            assertEquals(0.3, body.get("temperature").doubleValue());
            assertEquals(0.8, body.get("top_p").doubleValue());
            assertEquals(1234, body.get("seed").intValue());
            assertEquals(64, body.get("max_completion_tokens").intValue());
            assertEquals("END", body.get("stop").get(0).textValue());
            List<String> roles = new ArrayList<>();
            body.get("messages").forEach(m -> roles.add(m.get("role").textValue()));
            assertEquals(List.of("system", "user", "assistant", "user"), roles);
            assertEquals("Bearer " + System.getenv("HOME"), server.authorizations().getFirst());
        }
    }

    @Test
    void rateLimitsAndServerErrorsAreRetriableBadRequestsAreNot() throws Exception {
        try (OpenAiLoopbackServer server = new OpenAiLoopbackServer(OpenAiLoopbackServer.Answer.error(429),
                OpenAiLoopbackServer.Answer.error(500), OpenAiLoopbackServer.Answer.error(400))) {
            ModelBackend backend = backend(server);
            BackendException rateLimited = assertThrows(BackendException.class, () -> backend.generate(REQUEST));
            assertTrue(rateLimited.retriable() && rateLimited.getMessage().contains("HTTP 429"), rateLimited::getMessage);
            BackendException serverError = assertThrows(BackendException.class, () -> backend.generate(REQUEST));
            assertTrue(serverError.retriable() && serverError.getMessage().contains("HTTP 500"), serverError::getMessage);
            BackendException badRequest = assertThrows(BackendException.class, () -> backend.generate(REQUEST));
            assertFalse(badRequest.retriable(), badRequest::getMessage);
            assertFalse(badRequest.getMessage().contains(System.getenv("HOME")), "the key never shows");
        }
    }

    @Test
    void aSlowAnswerPastTheTimeoutIsRetriable() throws Exception {
        try (OpenAiLoopbackServer server = new OpenAiLoopbackServer(
                OpenAiLoopbackServer.Answer.completion("late", 1, 1).delayed(2500))) {
            BackendException e = assertThrows(BackendException.class,
                    () -> backend(server, "timeout-seconds", "1").generate(REQUEST));
            assertTrue(e.retriable(), e::getMessage);
        }
    }

    @Test
    void malformedJsonIsAClearNonRetriableError() throws Exception {
        try (OpenAiLoopbackServer server = new OpenAiLoopbackServer(
                new OpenAiLoopbackServer.Answer(200, "{\"choices\": [ {\"message\": ", 0))) {
            BackendException e = assertThrows(BackendException.class, () -> backend(server).generate(REQUEST));
            assertFalse(e.retriable());
            assertTrue(e.getMessage().contains("not an OpenAI chat completion"), e::getMessage);
        }
    }

    @Test
    void requestsInFlightAreLimitedPerEndpoint() throws Exception {
        try (OpenAiLoopbackServer server = new OpenAiLoopbackServer()) {
            for (int i = 0; i < 6; i++) {
                server.add(OpenAiLoopbackServer.Answer.completion("ok", 1, 1).delayed(150));
            }
            ModelBackend backend = backend(server, "concurrency", "2");
            try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
                List<Future<Generation>> calls = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    calls.add(pool.submit(() -> backend.generate(REQUEST)));
                }
                for (Future<Generation> call : calls) {
                    assertEquals("ok", call.get().text());
                }
            }
            assertEquals(2, server.maxInFlight());
        }
    }

    @Test
    void optionsAreCheckedAndSeedsThatWouldBeAlteredAreRefused() throws Exception {
        InvalidArgumentsException missingKey = assertThrows(InvalidArgumentsException.class,
                () -> new OpenAiCompatibleBackendFactory().create(Map.of("base-url", "http://127.0.0.1:9/v1",
                        "model", "m", "api-key-env", "T2T_SURELY_UNSET_VARIABLE")));
        assertTrue(missingKey.getMessage().contains("T2T_SURELY_UNSET_VARIABLE is not set"), missingKey::getMessage);
        try (OpenAiLoopbackServer server = new OpenAiLoopbackServer()) {
            BackendException bigSeed = assertThrows(BackendException.class, () -> backend(server).generate(
                    new GenerationRequest("t", REQUEST.messages(), SETTINGS.withSeed(1L << 40))));
            assertFalse(bigSeed.retriable());
            assertTrue(server.bodies().isEmpty(), "nothing was sent");
        }
    }

    @Test
    void aClosedPortIsARefusedConnectionInTheCheckAndInACall() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ModelBackend backend = new OpenAiCompatibleBackendFactory().create(Map.of("base-url",
                "http://127.0.0.1:" + port + "/v1", "model", "qwen-test"));
        InvalidArgumentsException check = assertThrows(InvalidArgumentsException.class, backend::preflight);
        assertTrue(check.getMessage().contains("base-url") && check.getMessage().contains("connection refused"),
                check::getMessage);
        BackendException call = assertThrows(BackendException.class, () -> backend.generate(REQUEST));
        assertTrue(call.retriable() && call.getMessage().contains("refused the connection"), call::getMessage);
        assertFalse(call.getMessage().contains("not an OpenAI chat completion"), call::getMessage);
    }

    @Test
    void theCheckPassesAServerWithoutAModelsRouteAndStopsOneRefusingTheKey() throws Exception {
        try (OpenAiLoopbackServer server = new OpenAiLoopbackServer()) {
            server.modelsAnswer(404);
            backend(server).preflight();
            server.modelsAnswer(401);
            InvalidArgumentsException refused = assertThrows(InvalidArgumentsException.class,
                    () -> backend(server).preflight());
            assertTrue(refused.getMessage().contains("api-key-env") && refused.getMessage().contains("HTTP 401"),
                    refused::getMessage);
            assertFalse(refused.getMessage().contains(System.getenv("HOME")), "the key never shows");
        }
    }

    @Test
    void aBaseUrlThatIsNotHttpIsRefusedAtCreation() {
        InvalidArgumentsException bad = assertThrows(InvalidArgumentsException.class, () ->
                new OpenAiCompatibleBackendFactory().create(Map.of("base-url", "localhost:8000", "model", "m")));
        assertTrue(bad.getMessage().contains("expected an http(s) URL"), bad::getMessage);
    }
}

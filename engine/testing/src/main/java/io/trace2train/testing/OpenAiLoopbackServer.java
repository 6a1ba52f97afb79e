package io.trace2train.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A loopback HTTP server that speaks the OpenAI chat-completions protocol: each request takes the next scripted
 * answer (a completion, tool calls as OpenAI sends them, an HTTP error, a slow answer, or broken JSON), and the server
 * keeps every request body (its {@link #tools} and {@link #messages} read back directly) and Authorization header for
 * the test to check. {@code GET /v1/models} answers a model list (or a scripted status), and
 * with {@link #requireKey} every request without that bearer key gets a 401 whose body echoes the key sent, as some
 * servers do. Bound to 127.0.0.1 only.
 */
public final class OpenAiLoopbackServer implements AutoCloseable {

    /** One scripted answer. */
    public record Answer(int status, String body, long delayMillis) {

        public static Answer completion(String text, int promptTokens, int completionTokens) {
            String escaped = text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
            return new Answer(200, """
                    {"id": "chatcmpl-1", "object": "chat.completion", "created": 1700000000, "model": "served-model",
                     "choices": [{"index": 0, "message": {"role": "assistant", "content": "%s"}, "finish_reason": "stop"}],
                     "usage": {"prompt_tokens": %d, "completion_tokens": %d, "total_tokens": %d}}
                    """.formatted(escaped, promptTokens, completionTokens, promptTokens + completionTokens), 0);
        }

        /** An assistant message that asks for tool calls (several: parallel calls), {@code finish_reason: tool_calls}. */
        public static Answer toolCalls(List<ToolCall> calls) {
            return toolCalls(null, calls, 10, 5);
        }

        /**
         * Tool calls as OpenAI sends them: {@code content} is JSON {@code null} when {@code text} is null (the usual
         * case), else the text the model wrote beside its calls.
         */
        public static Answer toolCalls(String text, List<ToolCall> calls, int promptTokens, int completionTokens) {
            ObjectNode root = JSON.createObjectNode();
            root.put("id", "chatcmpl-1").put("object", "chat.completion").put("created", 1700000000)
                    .put("model", "served-model");
            ObjectNode choice = root.putArray("choices").addObject();
            choice.put("index", 0);
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            if (text == null) {
                message.putNull("content");
            } else {
                message.put("content", text);
            }
            ArrayNode entries = message.putArray("tool_calls");
            for (ToolCall call : calls) {
                ObjectNode entry = entries.addObject();
                entry.put("id", call.id()).put("type", "function");
                entry.putObject("function").put("name", call.name()).put("arguments", call.arguments());
            }
            choice.put("finish_reason", "tool_calls");
            root.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                    .put("total_tokens", promptTokens + completionTokens);
            return new Answer(200, root.toString(), 0);
        }

        public static Answer error(int status) {
            return new Answer(status, "{\"error\": {\"message\": \"scripted " + status + "\", \"type\": \"test\"}}", 0);
        }

        public Answer delayed(long millis) {
            return new Answer(status, body, millis);
        }
    }

    /** One tool call of a scripted answer: the arguments are a JSON string, as OpenAI sends them. */
    public record ToolCall(String id, String name, String arguments) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Queue<Answer> script = new ConcurrentLinkedQueue<>();
    private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile Function<JsonNode, Answer> responder;
    private volatile String requiredKey;
    private volatile int modelsStatus = 200;

    public OpenAiLoopbackServer(Answer... answers) throws IOException {
        script.addAll(List.of(answers));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", this::handle);
        server.createContext("/v1/models", this::models);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    /**
     * Answers every request from its body instead of the script, so that conversations running at once each get the
     * answer that fits their own history.
     */
    public OpenAiLoopbackServer respondWith(Function<JsonNode, Answer> responder) {
        this.responder = responder;
        return this;
    }

    /** Every request must carry {@code Authorization: Bearer KEY}; others get a 401 echoing the key they sent. */
    public OpenAiLoopbackServer requireKey(String key) {
        requiredKey = key;
        return this;
    }

    /** The status {@code GET /v1/models} answers (200 with a model list by default). */
    public OpenAiLoopbackServer modelsAnswer(int status) {
        modelsStatus = status;
        return this;
    }

    /** The 401 some servers send, quoting the key they were given. */
    private static Answer refusedKey(String sent) {
        String key = sent == null ? "" : sent.replaceFirst("^Bearer ", "");
        return new Answer(401, "{\"error\": {\"message\": \"Incorrect API key provided: " + key
                + "\", \"type\": \"invalid_request_error\", \"code\": \"invalid_api_key\"}}", 0);
    }

    private boolean refused(HttpExchange exchange) {
        String required = requiredKey;
        return required != null && !("Bearer " + required).equals(exchange.getRequestHeaders()
                .getFirst("Authorization"));
    }

    private void models(HttpExchange exchange) throws IOException {
        try (exchange) {
            Answer answer = refused(exchange) ? refusedKey(exchange.getRequestHeaders().getFirst("Authorization"))
                    : new Answer(modelsStatus, "{\"object\": \"list\", \"data\": [{\"id\": \"served-model\","
                            + " \"object\": \"model\"}]}", 0);
            send(exchange, answer);
        }
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length);
        exchange.getResponseBody().write(body);
    }

    public void add(Answer... answers) {
        script.addAll(List.of(answers));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private void handle(HttpExchange exchange) throws IOException {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            bodies.add(body);
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            Function<JsonNode, Answer> computed = responder;
            Answer answer = refused(exchange) ? refusedKey(exchange.getRequestHeaders().getFirst("Authorization"))
                    : computed != null ? computed.apply(body) : script.poll();
            if (answer == null) {
                answer = Answer.error(500);
            }
            if (answer.delayMillis() > 0) {
                Thread.sleep(answer.delayMillis());
            }
            send(exchange, answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up (a timeout test): nothing to answer
        } finally {
            inFlight.decrementAndGet();
        }
    }

    public List<JsonNode> bodies() {
        return bodies;
    }

    /** The {@code tools} array of the request with this index (0: the first), or an empty array when it had none. */
    public ArrayNode tools(int request) {
        JsonNode tools = bodies.get(request).get("tools");
        return tools instanceof ArrayNode array ? array : JSON.createArrayNode();
    }

    /** The {@code messages} array of the request with this index, as sent. */
    public ArrayNode messages(int request) {
        return (ArrayNode) bodies.get(request).get("messages");
    }

    public List<String> authorizations() {
        return authorizations;
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

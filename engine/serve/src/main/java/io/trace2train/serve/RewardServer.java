package io.trace2train.serve;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.trace2train.api.param.ParameterSpec;
import io.trace2train.api.reward.RewardFunction;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.engine.Engine;
import io.trace2train.engine.Scored;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * The reward service: the engine's verifiers over HTTP, on the JDK's own server with a virtual thread per exchange
 * (the checks themselves run on {@link ItemJudge}'s bounded pool). Endpoints: {@code POST /v1/verify},
 * {@code POST /openrlhf/reward}, {@code GET /health}, {@code GET /v1/verifiers}, {@code GET /metrics}.
 */
public final class RewardServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The JDK server's switch for TCP_NODELAY on the connections it accepts (off unless set). */
    static final String NO_DELAY = "sun.net.httpserver.nodelay";

    static {
        // With Nagle's algorithm on, an answer's last partial segment waits for the client's delayed ACK (40 ms on
        // Linux): one client's batch-64 request took 15 ms to judge and ~60 ms to answer. The JDK server reads the
        // switch once, when its first server starts, so it is set before any.
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
    }

    private final Engine engine;
    private final ServeOptions options;
    private final HttpServer server;
    private final ExecutorService exchanges = Executors.newVirtualThreadPerTaskExecutor();
    private final ItemJudge judge;
    private final Semaphore inFlight;
    private final ServiceMetrics metrics = new ServiceMetrics();

    private RewardServer(Engine engine, ServeOptions options) throws IOException {
        this.engine = engine;
        this.options = options;
        this.judge = new ItemJudge(engine.scoring(), options.workers(), options.itemTimeout());
        this.inFlight = new Semaphore(options.maxConcurrentRequests());
        this.server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 128);
        server.setExecutor(exchanges);
        server.createContext("/", exchange -> serve(exchange, "other", this::notFound));
        server.createContext("/health", exchange -> serve(exchange, "health", this::health));
        server.createContext("/metrics", exchange -> serve(exchange, "metrics", this::metricsPage));
        server.createContext("/v1/verifiers", exchange -> serve(exchange, "verifiers", this::verifiers));
        server.createContext("/v1/verify", exchange -> serve(exchange, "verify", this::verify));
        server.createContext("/openrlhf/reward", exchange -> serve(exchange, "openrlhf", this::openRlhf));
    }

    /** Starts listening. */
    public static RewardServer start(Engine engine, ServeOptions options) throws IOException {
        RewardServer server = new RewardServer(requireNonNull(engine, "engine"), requireNonNull(options, "options"));
        server.server.start();
        return server;
    }

    /** The port it listens on (the one picked, for port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops taking connections, lets the requests in flight finish (within the grace time), then stops. */
    @Override
    public void close() {
        server.stop((int) Math.max(1, options.shutdownGrace().toSeconds()));
        judge.close();
        exchanges.shutdown();
    }

    private interface Handler {
        Response handle(HttpExchange exchange) throws IOException, InterruptedException;
    }

    private record Response(int status, String contentType, byte[] body, Map<String, String> headers) {

        static Response json(int status, JsonNode body) {
            try {
                return new Response(status, "application/json", JSON.writeValueAsBytes(body), Map.of());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        static Response error(int status, String message) {
            ObjectNode body = JSON.createObjectNode();
            body.put("error", message);
            return json(status, body);
        }
    }

    private void serve(HttpExchange exchange, String endpoint, Handler handler) {
        long started = System.nanoTime();
        Response response;
        try (exchange) {
            try {
                response = authorised(exchange, endpoint) ? handler.handle(exchange)
                        : new Response(401, "application/json", JSON.writeValueAsBytes(Map.of("error",
                                "missing or wrong bearer token (Authorization: Bearer TOKEN)")),
                                Map.of("WWW-Authenticate", "Bearer"));
            } catch (WireException e) {
                response = Response.error(e.status(), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                response = Response.error(503, "the service is stopping");
            } catch (RuntimeException e) {
                response = Response.error(500, "internal error: " + e);
            }
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1
                    : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
            metrics.request(endpoint, response.status(), System.nanoTime() - started);
        } catch (IOException e) {
            // the client went away: nothing to answer
            metrics.request(endpoint, 499, System.nanoTime() - started);
        }
    }

    private boolean authorised(HttpExchange exchange, String endpoint) {
        if (options.token() == null || endpoint.equals("health")) {
            return true;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header != null && java.security.MessageDigest.isEqual(("Bearer " + options.token())
                .getBytes(StandardCharsets.UTF_8), header.getBytes(StandardCharsets.UTF_8));
    }

    private Response notFound(HttpExchange exchange) {
        return Response.error(404, "no endpoint " + exchange.getRequestURI().getPath() + "; the service has POST"
                + " /v1/verify, POST /openrlhf/reward, GET /health, GET /v1/verifiers, GET /metrics");
    }

    private static void method(HttpExchange exchange, String method) {
        if (!exchange.getRequestMethod().equalsIgnoreCase(method)) {
            throw new WireException(405, exchange.getRequestURI().getPath() + " takes " + method);
        }
    }

    private Response health(HttpExchange exchange) {
        method(exchange, "GET");
        ObjectNode body = JSON.createObjectNode();
        body.put("status", "ok");
        body.put("engine", Engine.version());
        body.put("in_flight", options.maxConcurrentRequests() - inFlight.availablePermits());
        return Response.json(200, body);
    }

    private Response metricsPage(HttpExchange exchange) {
        method(exchange, "GET");
        return new Response(200, "text/plain; version=0.0.4; charset=utf-8",
                metrics.scrape().getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private Response verifiers(HttpExchange exchange) {
        method(exchange, "GET");
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("verifiers");
        for (Map.Entry<String, VerifierFactory> entry : engine.verifiers().all().entrySet()) {
            ObjectNode item = list.addObject();
            item.put("id", entry.getKey());
            item.put("version", entry.getValue().version());
            ArrayNode arguments = item.putArray("arguments");
            for (ParameterSpec parameter : entry.getValue().parameters()) {
                ObjectNode argument = arguments.addObject();
                argument.put("name", parameter.name());
                argument.put("type", parameter.type().toString());
                argument.put("required", parameter.required());
            }
        }
        ArrayNode rewards = body.putArray("reward_functions");
        engine.rewards().all().forEach((name, function) -> rewards.addObject().put("name", name)
                .put("version", function.version()));
        return Response.json(200, body);
    }

    private Response verify(HttpExchange exchange) throws IOException, InterruptedException {
        method(exchange, "POST");
        return bounded(exchange, (body, accepted) -> {
            VerifyWire.Request request = VerifyWire.request(JSON, body, options.maxBatch());
            // no reward named: each item's default (constraint_share; an episode in an environment, import's state)
            RewardFunction reward = request.reward() != null ? reward(request.reward()) : null;
            List<VerifyWire.Parsed> parsed = request.items();
            // each item's answer is written by the thread that judged it; this thread only joins them
            List<Answered> answered = judge(parsed, reward, (index, scored) -> new Answered(scored,
                    VerifyWire.answerBytes(JSON, index, parsed.get(index).id(), scored)), accepted);
            metrics.items(answered.stream().map(Answered::scored).toList());
            return new Response(200, "application/json", VerifyWire.results(answered.stream().map(Answered::json)
                    .toList()), Map.of());
        });
    }

    private Response openRlhf(HttpExchange exchange) throws IOException, InterruptedException {
        method(exchange, "POST");
        return bounded(exchange, (body, accepted) -> {
            JsonNode request = tree(body);
            checkBatch(request.path("query").size());
            // OpenRLHF posts to a fixed URL: the reward function is chosen there, ?reward=NAME
            RewardFunction reward = reward(query(exchange, "reward", "constraint_share"));
            List<VerifyWire.Parsed> parsed = OpenRlhfWire.items(JSON, request, engine.rewards().all());
            List<Scored> all = judge(parsed, reward, (index, scored) -> scored, accepted);
            metrics.items(all);
            return Response.json(200, OpenRlhfWire.answer(JSON, all));
        });
    }

    /** A query parameter's value (the last one given, URL-decoded), or {@code otherwise}. */
    private static String query(HttpExchange exchange, String name, String otherwise) {
        String query = exchange.getRequestURI().getRawQuery();
        String value = otherwise;
        if (query != null) {
            try {
                for (String pair : query.split("&")) {
                    int equals = pair.indexOf('=');
                    String key = java.net.URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals),
                            StandardCharsets.UTF_8);
                    if (key.equals(name)) {
                        value = equals < 0 ? "" : java.net.URLDecoder.decode(pair.substring(equals + 1),
                                StandardCharsets.UTF_8);
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new WireException(400, "the query string is not URL-encoded: " + e.getMessage());
            }
        }
        return value;
    }

    private void checkBatch(int size) {
        if (size > options.maxBatch()) {
            throw VerifyWire.tooMany(size, options.maxBatch());
        }
    }

    private RewardFunction reward(String name) {
        if (!engine.rewards().all().containsKey(name)) {
            throw new WireException(400, "reward: no reward function '" + name + "'; known: "
                    + engine.rewards().all().keySet());
        }
        return engine.rewards().get(name);
    }

    /** An item's result and its answer as JSON. */
    private record Answered(Scored scored, byte[] json) {
    }

    /**
     * Every item's result through {@code then} (given the item's index among all): the items that could be read are
     * judged, those that could not carry their failure.
     */
    private <T> List<T> judge(List<VerifyWire.Parsed> parsed, @Nullable RewardFunction reward,
            BiFunction<Integer, Scored, T> then, long accepted) throws InterruptedException {
        List<ItemJudge.Item> toJudge = new ArrayList<>(parsed.size());
        List<Integer> indexOf = new ArrayList<>(parsed.size());
        for (int i = 0; i < parsed.size(); i++) {
            if (parsed.get(i).failure() == null) {
                toJudge.add(parsed.get(i).item());
                indexOf.add(i);
            }
        }
        List<T> judged = judge.judge(toJudge, reward, (position, scored) -> then.apply(indexOf.get(position),
                scored), accepted);
        List<T> all = new ArrayList<>(parsed.size());
        int next = 0;
        for (int i = 0; i < parsed.size(); i++) {
            all.add(parsed.get(i).failure() != null ? then.apply(i, parsed.get(i).failure()) : judged.get(next++));
        }
        return all;
    }

    private interface Body {
        /**
         * @param accepted when the request was admitted ({@link System#nanoTime()}): its items' deadlines start there
         */
        Response handle(byte[] body, long accepted) throws InterruptedException;
    }

    /** Admits the request under the concurrency limit and reads its body within the size limit. */
    private Response bounded(HttpExchange exchange, Body body) throws IOException, InterruptedException {
        if (!inFlight.tryAcquire()) {
            // read the body first (within its limit): a client still sending would see its connection reset, not
            // the 429
            try (InputStream in = exchange.getRequestBody()) {
                long left = options.maxBodyBytes();
                for (long n = in.skip(left); n > 0 && left > 0; n = in.skip(left)) {
                    left -= n;
                }
            }
            return new Response(429, "application/json", JSON.writeValueAsBytes(Map.of("error",
                    "busy: " + options.maxConcurrentRequests() + " requests are being judged; retry later")),
                    Map.of("Retry-After", "1"));
        }
        try {
            long accepted = System.nanoTime();
            return body.handle(readBody(exchange), accepted);
        } finally {
            inFlight.release();
        }
    }

    /** A body read whole as a JSON object. */
    private static JsonNode tree(byte[] body) {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw VerifyWire.malformed(e);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (request == null || !request.isObject()) {
            throw new WireException(400, "expected a JSON object");
        }
        return request;
    }

    private byte[] readBody(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > options.maxBodyBytes()) {
                    throw new WireException(413, "a body of " + length + " bytes is over the limit of "
                            + options.maxBodyBytes());
                }
            } catch (NumberFormatException e) {
                throw new WireException(400, "Content-Length is not a number: " + length);
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(options.maxBodyBytes() + 1);
            if (bytes.length > options.maxBodyBytes()) {
                throw new WireException(413, "the body is over the limit of " + options.maxBodyBytes() + " bytes");
            }
            return bytes;
        }
    }
}

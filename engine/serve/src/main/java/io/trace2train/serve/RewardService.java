package io.trace2train.serve;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.api.param.ParameterSpec;
import io.trace2train.api.reward.RewardFunction;
import io.trace2train.api.verify.VerifierFactory;
import io.trace2train.engine.Engine;
import io.trace2train.engine.Scored;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The reward service's requests and answers, whatever server carries them: a transport hands each request over as a
 * {@link Call} and sends the {@link Answer} it is given ({@link RewardServer} is the JDK server's adapter; the bench
 * module serves the same class from Jetty to compare the two). Endpoints: {@code POST /v1/verify},
 * {@code POST /openrlhf/reward}, {@code GET /health}, {@code GET /v1/verifiers}, {@code GET /metrics}.
 */
public final class RewardService implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One request as the transport read it.
     *
     * @param method the HTTP method
     * @param path the URI's path (decoded)
     * @param rawQuery the URI's query as sent, or null
     * @param headers a request header's first value by name (case-insensitive), or null when absent
     * @param body the request's body, read at most once
     */
    public record Call(String method, String path, @Nullable String rawQuery,
            Function<String, @Nullable String> headers, InputStream body) {

        public Call {
            requireNonNull(method, "method");
            requireNonNull(path, "path");
            requireNonNull(headers, "headers");
            requireNonNull(body, "body");
        }

        @Nullable String header(String name) {
            return headers.apply(name);
        }
    }

    /**
     * What to send back.
     *
     * @param status the HTTP status
     * @param contentType the Content-Type header
     * @param body the body's bytes (empty: none)
     * @param headers further headers (Retry-After, WWW-Authenticate)
     */
    public record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {

        public Answer {
            requireNonNull(contentType, "contentType");
            requireNonNull(body, "body");
            headers = Map.copyOf(headers);
        }
    }

    /** Sends an answer on the transport; an IOException means the client went away. */
    @FunctionalInterface
    public interface Reply {
        void send(Answer answer) throws IOException;
    }

    private record Route(String path, String endpoint, Function<RewardService, Handler> handler) {
    }

    private static final List<Route> ROUTES = List.of(
            new Route("/", "other", service -> service::notFound),
            new Route("/health", "health", service -> service::health),
            new Route("/metrics", "metrics", service -> service::metricsPage),
            new Route("/v1/verifiers", "verifiers", service -> service::verifiers),
            new Route("/v1/verify", "verify", service -> service::verify),
            new Route("/openrlhf/reward", "openrlhf", service -> service::openRlhf));

    private final Engine engine;
    private final ServeOptions options;
    private final ItemJudge judge;
    private final Semaphore inFlight;
    private final ServiceMetrics metrics = new ServiceMetrics();

    /** A service judging with {@code engine} under {@code options}' limits (its host and port are the transport's). */
    public RewardService(Engine engine, ServeOptions options) {
        this.engine = requireNonNull(engine, "engine");
        this.options = requireNonNull(options, "options");
        this.judge = new ItemJudge(engine.scoring(), options.workers(), options.itemTimeout());
        this.inFlight = new Semaphore(options.maxConcurrentRequests());
    }

    /** Stops the check pool (after the transport has stopped taking requests). */
    @Override
    public void close() {
        judge.close();
    }

    private interface Handler {
        Answer handle(Call call) throws IOException, InterruptedException;
    }

    private static Answer json(int status, JsonNode body) {
        try {
            return new Answer(status, "application/json", JSON.writeValueAsBytes(body), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Answer error(int status, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", message);
        return json(status, body);
    }

    /**
     * Answers one request through {@code reply} (which sends it on the transport): the status, the answer's bytes
     * and the metrics are the same whichever server carries it.
     */
    public void serve(Call call, Reply reply) {
        requireNonNull(call, "call");
        requireNonNull(reply, "reply");
        long started = System.nanoTime();
        String endpoint = "other";
        Handler handler = this::notFound;
        // the longest endpoint path the request's path starts with, as the JDK server picks its contexts
        int matched = 0;
        for (Route route : ROUTES) {
            if (call.path().startsWith(route.path()) && route.path().length() > matched) {
                matched = route.path().length();
                endpoint = route.endpoint();
                handler = route.handler().apply(this);
            }
        }
        Answer answer;
        try {
            try {
                answer = authorised(call, endpoint) ? handler.handle(call)
                        : new Answer(401, "application/json", JSON.writeValueAsBytes(Map.of("error",
                                "missing or wrong bearer token (Authorization: Bearer TOKEN)")),
                                Map.of("WWW-Authenticate", "Bearer"));
            } catch (WireException e) {
                answer = error(e.status(), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer = error(503, "the service is stopping");
            } catch (RuntimeException e) {
                answer = error(500, "internal error: " + e);
            }
            reply.send(answer);
            metrics.request(endpoint, answer.status(), System.nanoTime() - started);
        } catch (IOException e) {
            // the client went away: nothing to answer
            metrics.request(endpoint, 499, System.nanoTime() - started);
        }
    }

    private boolean authorised(Call call, String endpoint) {
        if (options.token() == null || endpoint.equals("health")) {
            return true;
        }
        String header = call.header("Authorization");
        return header != null && java.security.MessageDigest.isEqual(("Bearer " + options.token())
                .getBytes(StandardCharsets.UTF_8), header.getBytes(StandardCharsets.UTF_8));
    }

    private Answer notFound(Call call) {
        return error(404, "no endpoint " + call.path() + "; the service has POST"
                + " /v1/verify, POST /openrlhf/reward, GET /health, GET /v1/verifiers, GET /metrics");
    }

    private static void method(Call call, String method) {
        if (!call.method().equalsIgnoreCase(method)) {
            throw new WireException(405, call.path() + " takes " + method);
        }
    }

    private Answer health(Call call) {
        method(call, "GET");
        ObjectNode body = JSON.createObjectNode();
        body.put("status", "ok");
        body.put("engine", Engine.version());
        body.put("in_flight", options.maxConcurrentRequests() - inFlight.availablePermits());
        return json(200, body);
    }

    private Answer metricsPage(Call call) {
        method(call, "GET");
        return new Answer(200, "text/plain; version=0.0.4; charset=utf-8",
                metrics.scrape().getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private Answer verifiers(Call call) {
        method(call, "GET");
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
        return json(200, body);
    }

    private Answer verify(Call call) throws IOException, InterruptedException {
        method(call, "POST");
        return bounded(call, (body, accepted) -> {
            VerifyWire.Request request = VerifyWire.request(JSON, body, options.maxBatch());
            // no reward named: each item's default (constraint_share; an episode in an environment, import's state)
            RewardFunction reward = request.reward() != null ? reward(request.reward()) : null;
            List<VerifyWire.Parsed> parsed = request.items();
            // each item's answer is written by the thread that judged it; this thread only joins them
            List<Answered> answered = judge(parsed, reward, (index, scored) -> new Answered(scored,
                    VerifyWire.answerBytes(JSON, index, parsed.get(index).id(), scored)), accepted);
            metrics.items(answered.stream().map(Answered::scored).toList());
            return new Answer(200, "application/json", VerifyWire.results(answered.stream().map(Answered::json)
                    .toList()), Map.of());
        });
    }

    private Answer openRlhf(Call call) throws IOException, InterruptedException {
        method(call, "POST");
        return bounded(call, (body, accepted) -> {
            JsonNode request = tree(body);
            checkBatch(request.path("query").size());
            // OpenRLHF posts to a fixed URL: the reward function is chosen there, ?reward=NAME
            RewardFunction reward = reward(query(call, "reward", "constraint_share"));
            List<VerifyWire.Parsed> parsed = OpenRlhfWire.items(JSON, request, engine.rewards().all());
            List<Scored> all = judge(parsed, reward, (index, scored) -> scored, accepted);
            metrics.items(all);
            return json(200, OpenRlhfWire.answer(JSON, all));
        });
    }

    /** A query parameter's value (the last one given, URL-decoded), or {@code otherwise}. */
    private static String query(Call call, String name, String otherwise) {
        String query = call.rawQuery();
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
        Answer handle(byte[] body, long accepted) throws InterruptedException;
    }

    /** Admits the request under the concurrency limit and reads its body within the size limit. */
    private Answer bounded(Call call, Body body) throws IOException, InterruptedException {
        if (!inFlight.tryAcquire()) {
            // read the body first (within its limit): a client still sending would see its connection reset, not
            // the 429
            try (InputStream in = call.body()) {
                long left = options.maxBodyBytes();
                for (long n = in.skip(left); n > 0 && left > 0; n = in.skip(left)) {
                    left -= n;
                }
            }
            return new Answer(429, "application/json", JSON.writeValueAsBytes(Map.of("error",
                    "busy: " + options.maxConcurrentRequests() + " requests are being judged; retry later")),
                    Map.of("Retry-After", "1"));
        }
        try {
            long accepted = System.nanoTime();
            return body.handle(readBody(call), accepted);
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

    private byte[] readBody(Call call) throws IOException {
        String length = call.header("Content-Length");
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
        try (InputStream in = call.body()) {
            byte[] bytes = in.readNBytes(options.maxBodyBytes() + 1);
            if (bytes.length > options.maxBodyBytes()) {
                throw new WireException(413, "the body is over the limit of " + options.maxBodyBytes() + " bytes");
            }
            return bytes;
        }
    }
}

package io.trace2train.bench.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trace2train.api.reward.RewardFunction;
import io.trace2train.engine.Engine;
import io.trace2train.engine.Scoring;
import io.trace2train.engine.Verification;
import io.trace2train.engine.ifeval.IfevalPrompt;
import io.trace2train.engine.ifeval.Responses;
import io.trace2train.serve.RewardServer;
import io.trace2train.serve.ServeOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A load generator for the reward service on loopback: batches of IFEval items (the shipped prompts with GPT-4's
 * answers) posted at several concurrency levels; throughput, latency percentiles, and the rate against judging the
 * same items in process ({@link Scoring} on as many threads as the service's workers). Each item carries an id unique
 * to its request, and every answer is checked: the ids back in order (none lost, none duplicated), and every request
 * answered 200 or refused with 429, 413 or 400 (a 429 is retried after its Retry-After).
 */
public final class ServeLoad {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One configuration's figures. */
    public record Figures(int batch, int concurrency, int requests, long items, double seconds, double p50Ms,
            double p99Ms, int refused) {

        public double itemsPerSecond() {
            return items / seconds;
        }
    }

    /** The whole run: each configuration, and the in-process rate. */
    public record Report(List<Figures> figures, double inProcessItemsPerSecond, int workers) {

        public String describe() {
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                    "in process: %.0f items/s (Scoring on %d threads)%n", inProcessItemsPerSecond, workers));
            out.append("batch  conc  requests   items/s   p50 ms   p99 ms  429s  vs in-process\n");
            for (Figures f : figures) {
                out.append(String.format(Locale.ROOT, "%5d  %4d  %8d  %8.0f  %7.1f  %7.1f  %4d  %5.0f%%%n", f.batch(),
                        f.concurrency(), f.requests(), f.itemsPerSecond(), f.p50Ms(), f.p99Ms(), f.refused(),
                        100 * f.itemsPerSecond() / inProcessItemsPerSecond));
            }
            return out.toString();
        }
    }

    private final List<String> itemBodies;
    private final List<ObjectNode> items;

    private ServeLoad(List<ObjectNode> items) throws IOException {
        this.items = items;
        this.itemBodies = new ArrayList<>(items.size());
        for (ObjectNode item : items) {
            // the item's JSON without its closing brace: each request appends an id of its own
            String json = JSON.writeValueAsString(item);
            itemBodies.add(json.substring(0, json.length() - 1));
        }
    }

    /**
     * Runs every batch size at every concurrency, {@code itemsPerConfiguration} items each (at least one request per
     * client).
     */
    public static Report run(Engine engine, Path promptsFile, Path responsesFile, int[] batches, int[] concurrencies,
            int itemsPerConfiguration) throws Exception {
        Verification verify = engine.verify();
        List<IfevalPrompt> prompts = verify.prompts(promptsFile);
        Responses responses = verify.responses(responsesFile);
        List<String> rows = Files.readAllLines(promptsFile).stream().filter(l -> !l.isBlank()).toList();
        List<ObjectNode> items = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            ObjectNode item = (ObjectNode) JSON.readTree(rows.get(i));
            String response = responses.of(prompts.get(i));
            item.put("completion", response == null ? "" : response);
            items.add(item);
        }
        ServeLoad load = new ServeLoad(items);
        ServeOptions options = ServeOptions.loopback(0);
        RewardFunction reward = engine.rewards().get("constraint_share");
        // warm both paths before timing either
        load.inProcess(engine.scoring(), reward, options.workers(), items.size() * 4);
        double inProcess = load.inProcess(engine.scoring(), reward, options.workers(), itemsPerConfiguration);
        List<Figures> figures = new ArrayList<>();
        try (RewardServer server = RewardServer.start(engine, options)) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/v1/verify");
            load.configuration(uri, 64, 4, items.size() * 4);
            for (int batch : batches) {
                for (int concurrency : concurrencies) {
                    figures.add(load.configuration(uri, batch, concurrency, itemsPerConfiguration));
                }
            }
        }
        // the JIT keeps improving through the service's run: the in-process rate again, the better of the two
        inProcess = Math.max(inProcess, load.inProcess(engine.scoring(), reward, options.workers(),
                itemsPerConfiguration));
        return new Report(figures, inProcess, options.workers());
    }

    /** Items per second judging {@code total} items on {@code threads} threads, in process. */
    private double inProcess(Scoring scoring, RewardFunction reward, int threads, int total) throws Exception {
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                pool.execute(() -> {
                    for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        ObjectNode item = items.get(i % items.size()).deepCopy();
                        String completion = item.remove("completion").textValue();
                        scoring.score(item, completion, reward);
                    }
                });
            }
        }
        return total / ((System.nanoTime() - start) / 1e9);
    }

    private Figures configuration(URI uri, int batch, int concurrency, int total) throws Exception {
        int requests = Math.max(concurrency, (total + batch - 1) / batch);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        long[] latencies = new long[requests];
        HttpClient client = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        long start = System.nanoTime();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < concurrency; c++) {
                done.add(clients.submit(() -> {
                    for (int r = next.getAndIncrement(); r < requests; r = next.getAndIncrement()) {
                        latencies[r] = post(client, uri, r, batch, refused);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new Figures(batch, concurrency, requests, (long) requests * batch, seconds,
                sorted[(int) Math.ceil(requests * 0.50) - 1] / 1e6, sorted[(int) Math.ceil(requests * 0.99) - 1] / 1e6,
                refused.get());
    }

    /** Posts request {@code r} until it is answered; checks the answer; returns its latency in nanoseconds. */
    private long post(HttpClient client, URI uri, int r, int batch, AtomicInteger refused) throws Exception {
        StringBuilder body = new StringBuilder("{\"items\":[");
        for (int i = 0; i < batch; i++) {
            body.append(i == 0 ? "" : ",").append(itemBodies.get((r * batch + i) % itemBodies.size()))
                    .append(",\"id\":\"").append(r).append('-').append(i).append("\"}");
        }
        HttpRequest request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body.append("]}")
                .toString())).build();
        while (true) {
            long start = System.nanoTime();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            long latency = System.nanoTime() - start;
            if (response.statusCode() == 429) {
                refused.incrementAndGet();
                Thread.sleep(Long.parseLong(response.headers().firstValue("Retry-After").orElse("1")) * 1000);
                continue;
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("request " + r + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            JsonNode results = JSON.readTree(response.body()).get("results");
            if (results.size() != batch) {
                throw new IllegalStateException("request " + r + ": " + results.size() + " results for " + batch
                        + " items");
            }
            for (int i = 0; i < batch; i++) {
                String id = r + "-" + i;
                if (!id.equals(results.get(i).get("id").asText()) || results.get(i).has("failure_kind")) {
                    throw new IllegalStateException("request " + r + ": result " + i + " is " + results.get(i)
                            .toString().substring(0, 200) + ", expected item " + id + " judged");
                }
            }
            return latency;
        }
    }
}

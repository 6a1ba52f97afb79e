package io.trace2train.bench.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trace2train.bench.ifeval.Datasets;
import io.trace2train.engine.Engine;
import io.trace2train.engine.config.EngineConfig;
import io.trace2train.serve.RewardServer;
import io.trace2train.serve.ServeOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The load generator against the real service: its figures, and its check of every answer by a scan of bytes. */
class ServeLoadTest {

    private static Engine engine;

    @BeforeAll
    static void start() {
        engine = Engine.start(EngineConfig.defaults());
    }

    @Test
    void theClientInAChildJvmPostsEveryItemAndTheServiceCpuIsCounted() throws Exception {
        ServeLoad.Report report = ServeLoad.run(engine, Datasets.resolve(Datasets.IFEVAL),
                Datasets.shippedResponses(Datasets.IFEVAL), new int[] {8}, new int[] {2, 1}, 64,
                List.of("jdk", "jetty"));
        // both servers in each configuration, the second configuration in the reverse order
        assertEquals(List.of("jdk 2", "jetty 2", "jetty 1", "jdk 1"), report.figures().stream()
                .map(f -> f.server() + " " + f.concurrency()).toList(), report.describe());
        for (ServeLoad.Figures figures : report.figures()) {
            assertEquals(8, figures.requests());
            assertEquals(64, figures.items());
            assertTrue(figures.serverCpuPerItem() > 0 && figures.clientCpuPerItem() > 0, report.describe());
        }
        assertTrue(report.describe().contains("| jdk | 8 | 2 | 8 |"), report.describe());
        assertTrue(report.describe().contains("batch 8, clients 1: jetty/jdk items/s "), report.describe());
        assertThrows(IllegalArgumentException.class, () -> ServeLoad.run(engine, Datasets.resolve(Datasets.IFEVAL),
                Datasets.shippedResponses(Datasets.IFEVAL), new int[] {8}, new int[] {1}, 8, List.of("netty")));
    }

    @Test
    void jettyAnswersAnIfevalBatchWithTheJdkServersBytes() throws Exception {
        List<String> rows = Files.readAllLines(Datasets.resolve(Datasets.IFEVAL)).subList(0, 24);
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String row = rows.get(i);
            // a comma in every other answer: verdicts, hints and evidence differ from item to item
            lines.add(row.substring(0, row.length() - 1) + ", \"completion\": \"Answer " + i
                    + (i % 2 == 0 ? ", with a comma." : " without one.") + "\"}");
        }
        byte[] body = new LoadClient(URI.create("http://127.0.0.1:1/"), lines).body(3, lines.size());
        try (RewardServer jdk = RewardServer.start(engine, ServeOptions.loopback(0));
                JettyRewardServer jetty = JettyRewardServer.start(engine, ServeOptions.loopback(0))) {
            HttpResponse<byte[]> fromJdk = post(jdk.port(), "/v1/verify", body);
            HttpResponse<byte[]> fromJetty = post(jetty.port(), "/v1/verify", body);
            assertEquals(200, fromJdk.statusCode());
            assertEquals(200, fromJetty.statusCode());
            LoadClient.checkAnswers(fromJetty.body(), 3, lines.size());
            assertEquals(new String(fromJdk.body(), StandardCharsets.UTF_8),
                    new String(fromJetty.body(), StandardCharsets.UTF_8));
            assertEquals(fromJdk.headers().firstValue("Content-Type"), fromJetty.headers().firstValue("Content-Type"));
            // a refused request too: the same status and bytes
            HttpResponse<byte[]> badJdk = post(jdk.port(), "/v1/verify", bytes("{\"items\": [1,"));
            HttpResponse<byte[]> badJetty = post(jetty.port(), "/v1/verify", bytes("{\"items\": [1,"));
            assertEquals(400, badJetty.statusCode());
            assertEquals(badJdk.statusCode(), badJetty.statusCode());
            assertEquals(new String(badJdk.body(), StandardCharsets.UTF_8),
                    new String(badJetty.body(), StandardCharsets.UTF_8));
        }
    }

    /** A POST of {@code body}, or a GET where it is null. */
    private static HttpResponse<byte[]> post(int port, String path, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        return HttpClient.newHttpClient().send(body == null ? request.GET().build()
                : request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aLostADuplicatedOrAnUnjudgedItemIsCaught() throws Exception {
        List<String> lines = Files.readAllLines(Datasets.resolve(Datasets.IFEVAL)).subList(0, 3).stream()
                .map(l -> l.substring(0, l.length() - 1) + ", \"completion\": \"Some answer.\"}").toList();
        try (RewardServer server = RewardServer.start(engine, ServeOptions.loopback(0))) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/v1/verify");
            LoadClient client = new LoadClient(uri, lines);
            String answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).POST(HttpRequest
                    .BodyPublishers.ofByteArray(client.body(7, 3))).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            LoadClient.checkAnswers(bytes(answer), 7, 3);
            assertThrows(IllegalStateException.class, () -> LoadClient.checkAnswers(bytes(answer), 7, 4), "one lost");
            assertThrows(IllegalStateException.class, () -> LoadClient.checkAnswers(bytes(answer), 8, 3),
                    "another request's ids");
            String duplicated = answer.replace("\"id\":\"7-2\"", "\"id\":\"7-1\"");
            assertThrows(IllegalStateException.class, () -> LoadClient.checkAnswers(bytes(duplicated), 7, 3));
            String unjudged = answer.replaceFirst("\"id\":\"7-0\",\"task_id\"", "\"id\":\"7-0\",\"failure_kind\"");
            assertThrows(IllegalStateException.class, () -> LoadClient.checkAnswers(bytes(unjudged), 7, 3));
        }
    }

    @Test
    void theClientRetriesA429AfterItsRetryAfterAndChecksEveryAnswerOnItsKeptConnections() throws Exception {
        List<String> lines = Files.readAllLines(Datasets.resolve(Datasets.IFEVAL)).subList(0, 5).stream()
                .map(l -> l.substring(0, l.length() - 1) + ", \"completion\": \"Some answer.\"}").toList();
        // one request judged at a time; a batch of catastrophic keyword regexes holds that one place
        try (RewardServer server = RewardServer.start(engine, ServeOptions.loopback(0).withLimits(16, 1 << 20,
                java.time.Duration.ofSeconds(60), 1))) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/v1/verify");
            LoadClient client = new LoadClient(uri, lines);
            AtomicInteger refused = new AtomicInteger();
            // several requests on one kept connection, every answer checked by the client
            assertEquals(6, client.run(2, 1, 12, refused).length);
            assertEquals(0, refused.get());
            // a request whose body is still coming holds the one place (the service admits it, then reads)
            byte[] held = bytes("{\"items\": []}");
            try (java.net.Socket holder = new java.net.Socket("127.0.0.1", server.port())) {
                java.io.OutputStream out = holder.getOutputStream();
                out.write(bytes("POST /v1/verify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + held.length
                        + "\r\n\r\n{"));
                out.flush();
                while (!new String(post(server.port(), "/health", null).body(), StandardCharsets.UTF_8)
                        .contains("\"in_flight\":1")) {
                    Thread.sleep(10);
                }
                CompletableFuture<long[]> posted = CompletableFuture.supplyAsync(() -> {
                    try {
                        return client.run(3, 1, 3, refused);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                while (refused.get() == 0) {
                    Thread.sleep(10);
                }
                out.write(held, 1, held.length - 1);
                out.flush();
                String answer = new String(holder.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                assertEquals("HTTP/1.1 200", answer);
                // the refused request, retried after its Retry-After, was answered and its answers checked
                assertEquals(1, posted.get().length);
                assertTrue(refused.get() >= 1);
            }
        }
    }

    @Test
    void theConnectionReadsChunkedAnswersAndKeepsTheConnection() throws Exception {
        com.sun.net.httpserver.HttpServer echo = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger connections = new AtomicInteger();
        java.util.Set<Object> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        echo.createContext("/", exchange -> {
            try (exchange) {
                if (seen.add(exchange.getRemoteAddress())) {
                    connections.incrementAndGet();
                }
                byte[] body = exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(201, 0); // length unknown: chunked
                try (java.io.OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                    out.flush();
                    out.write(body);
                }
            }
        });
        echo.start();
        try (KeepAliveConnection connection = new KeepAliveConnection(new java.net.InetSocketAddress("127.0.0.1",
                echo.getAddress().getPort()))) {
            for (String text : List.of("first", "x".repeat(200_000))) {
                KeepAliveConnection.Response response = connection.exchange(KeepAliveConnection.post("/echo",
                        "127.0.0.1", bytes(text)));
                assertEquals(201, response.status());
                assertEquals(text + text, new String(response.body(), StandardCharsets.UTF_8));
            }
        } finally {
            echo.stop(0);
        }
        assertEquals(1, connections.get(), "both requests on one connection");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

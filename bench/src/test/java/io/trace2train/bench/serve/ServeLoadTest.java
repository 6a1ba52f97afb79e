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

    private static HttpResponse<byte[]> post(int port, String path, byte[] body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
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

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

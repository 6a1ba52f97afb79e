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
                Datasets.shippedResponses(Datasets.IFEVAL), new int[] {8}, new int[] {2}, 64);
        ServeLoad.Figures figures = report.figures().getFirst();
        assertEquals(8, figures.requests());
        assertEquals(64, figures.items());
        assertTrue(figures.serverCpuPerItem() > 0 && figures.clientCpuPerItem() > 0, report.describe());
        assertTrue(report.describe().contains("| 8 | 2 | 8 |"), report.describe());
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
